"""English names of the vocabularies' values, for the English interface. Plain data, beside vocabularies.py.

The records keep the Chinese values; these are only how the values are shown. Places not listed
here are spelled in pinyin by ``vocabulary_labels``; the table holds those pinyin would get wrong.
"""

# fmt: off
from __future__ import annotations

SUBJECTS_EN = {
    "语文": "Chinese", "数学": "Mathematics", "英语": "English", "物理": "Physics", "化学": "Chemistry",
    "生物": "Biology", "历史": "History", "地理": "Geography", "道德与法治": "Morality and Law",
    "思想政治": "Ideology and Politics", "科学": "Science", "信息技术": "Information Technology",
    "音乐": "Music", "美术": "Art", "体育与健康": "Physical Education and Health", "劳动": "Labour Education",
    "综合实践活动": "Integrated Practice", "心理健康": "Mental Health", "书法": "Calligraphy",
    "日语": "Japanese", "俄语": "Russian",
}

STAGES_EN = {
    "学前": "Preschool", "小学": "Primary school", "初中": "Junior secondary", "高中": "Senior secondary",
    "中职": "Secondary vocational",
}

GRADES_EN = {
    "一年级": "Grade 1", "二年级": "Grade 2", "三年级": "Grade 3", "四年级": "Grade 4", "五年级": "Grade 5",
    "六年级": "Grade 6", "七年级": "Grade 7", "八年级": "Grade 8", "九年级": "Grade 9",
    "高一": "Senior year 1", "高二": "Senior year 2", "高三": "Senior year 3",
}

EDITIONS_EN = {
    "统编版": "National unified edition", "人教版": "People's Education Press (PEP)",
    "北师大版": "Beijing Normal University Press", "苏教版": "Jiangsu Education Press",
    "外研版": "Foreign Language Teaching and Research Press", "湘教版": "Hunan Education Press",
    "川教版": "Sichuan Education Press", "西师大版": "Southwest Normal University Press",
    "沪教版": "Shanghai Education Press", "浙教版": "Zhejiang Education Press",
    "鲁教版": "Shandong Education Press", "冀教版": "Hebei Education Press",
    "粤教版": "Guangdong Education Press", "科学版": "Science Press",
    "教科版": "Educational Science Publishing House", "译林版": "Yilin Press",
    "沪科版": "Shanghai Scientific and Technical Publishers", "华师大版": "East China Normal University Press",
    "青岛版": "Qingdao Publishing House", "北京版": "Beijing Publishing House",
}

LESSON_FORMATS_EN = {
    "教学设计": "Lesson plan", "课件": "Slides", "微课视频": "Micro-lecture video", "课堂实录": "Lesson recording",
    "习题": "Exercises", "学案": "Study guide", "素材": "Materials",
}

TOUR_THEMES_EN = {
    "红色文化": "Revolutionary heritage", "历史文化": "History and culture", "自然生态": "Nature and ecology",
    "科技创新": "Science and innovation", "非遗传承": "Intangible cultural heritage",
    "劳动实践": "Labour practice", "国防教育": "National defence education", "地理地质": "Geography and geology",
}

BASE_CATEGORIES_EN = {
    "社会实践基地": "Social practice base", "综合实践教育基地": "Integrated practice education base",
    "法治教育实践基地": "Rule-of-law education base", "劳动教育实践基地": "Labour education base",
    "爱国主义教育基地": "Patriotic education base", "科普教育基地": "Popular science education base",
    "研学实践教育基地": "Study-tour practice base", "国防教育基地": "National defence education base",
}

CURATOR_TAGS_EN = {
    "成渝共享精品": "Chengdu-Chongqing featured", "红色教育": "Revolutionary education",
    "劳动教育": "Labour education", "安全教育": "Safety education", "心理健康教育": "Mental health education",
    "中华优秀传统文化": "Traditional Chinese culture", "科学探究": "Scientific inquiry",
    "跨学科学习": "Interdisciplinary learning", "双减作业设计": "Double-reduction homework design",
    "乡村学校适用": "For rural schools", "大单元教学": "Large-unit teaching", "项目式学习": "Project-based learning",
}

# The ethnic groups in autonomous counties' and prefectures' names.
ETHNIC_GROUPS_EN = {"土家族": "Tujia", "苗族": "Miao", "羌族": "Qiang", "藏族": "Tibetan", "彝族": "Yi"}

# Place names pinyin would spell wrongly (多音字) or that have a customary English name.
PLACE_NAMES_EN = {
    "重庆市": "Chongqing", "成都市": "Chengdu", "丰都县": "Fengdu County", "新都区": "Xindu District",
    "郫都区": "Pidu District", "长宁县": "Changning County", "忠县": "Zhong County", "东区": "East District",
    "市中区": "Shizhong District", "长寿区": "Changshou District", "马尔康市": "Barkam City",
}
