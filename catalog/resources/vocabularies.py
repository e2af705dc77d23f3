"""The controlled vocabularies of `edu-resource/1` and the synonyms messy feeds use for them.

Every table here is plain data. Lookup keys in the synonym tables are written as a person
would type them; ``catalog.resources.vocabulary_mapping`` compares them after NFKC, whitespace removal and
casefolding, so full-width letters, digits and brackets need no entries of their own.
"""
from __future__ import annotations

RESOURCE_TYPES = ("lesson", "study_tour", "practice_base")

PUBLISHER_KINDS = ("school", "bureau", "museum", "venue", "company", "other")

FILE_ROLES = ("main", "attachment", "cover", "preview")

# --- 学科 / 学段 / 年级 -------------------------------------------------------------

SUBJECTS = (
    "语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治", "思想政治",
    "科学", "信息技术", "音乐", "美术", "体育与健康", "劳动", "综合实践活动", "心理健康",
    "书法", "日语", "俄语",
)

STAGES = ("学前", "小学", "初中", "高中", "中职")

GRADES = (
    "一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
    "七年级", "八年级", "九年级",
    "高一", "高二", "高三",
)

STAGE_OF_GRADE = {
    **{grade: "小学" for grade in GRADES[0:6]},
    **{grade: "初中" for grade in GRADES[6:9]},
    **{grade: "高中" for grade in GRADES[9:12]},
}

# Grades counted from the start of their stage, so "初中一年级" and "初一" both reach 七年级.
GRADES_BY_STAGE = {
    "小学": GRADES[0:6],
    "初中": GRADES[6:9],
    "高中": GRADES[9:12],
}

SUBJECT_SYNONYMS = {
    # Older and colloquial names of the primary/junior moral-education subject.
    "思品": "道德与法治",
    "品德": "道德与法治",
    "品德与社会": "道德与法治",
    "品德与生活": "道德与法治",
    "道德与法制": "道德与法治",
    "道法": "道德与法治",
    "思政": "思想政治",
    "体育": "体育与健康",
    "信息科技": "信息技术",
    "信息": "信息技术",
    "综合实践": "综合实践活动",
    "心理": "心理健康",
    "心理健康教育": "心理健康",
    "劳动教育": "劳动",
    "生物学": "生物",
    "chinese": "语文",
    "math": "数学",
    "maths": "数学",
    "mathematics": "数学",
    "english": "英语",
    "physics": "物理",
    "chemistry": "化学",
    "biology": "生物",
    "history": "历史",
    "geography": "地理",
    "science": "科学",
    "music": "音乐",
    "art": "美术",
    "pe": "体育与健康",
    "japanese": "日语",
    "russian": "俄语",
}

# Names whose subject depends on the stage: (subject below 高中, subject from 高中 on,
# subject when no stage is known — None means "cannot tell, report it").
CONTEXT_SUBJECTS = {
    "政治": ("道德与法治", "思想政治", None),
    # 思想品德 was the junior-middle name before 2016, so without a stage it is 道德与法治.
    "思想品德": ("道德与法治", "思想政治", "道德与法治"),
}
UPPER_STAGES = frozenset({"高中", "中职"})

STAGE_SYNONYMS = {
    "幼儿园": "学前",
    "学前教育": "学前",
    "幼教": "学前",
    "小学段": "小学",
    "初级中学": "初中",
    "高级中学": "高中",
    "中等职业": "中职",
    "中等职业教育": "中职",
    "中等职业学校": "中职",
    "职高": "中职",
}

# Spellings of a grade that carry no stage prefix; prefixed forms ("小学一年级",
# "初中二年级", "高中一年级") are handled by counting within GRADES_BY_STAGE.
GRADE_SYNONYMS = {
    **{f"{n}年级": GRADES[n - 1] for n in range(1, 10)},
    "初一": "七年级", "初二": "八年级", "初三": "九年级",
    "初1": "七年级", "初2": "八年级", "初3": "九年级",
    "高1": "高一", "高2": "高二", "高3": "高三",
    "十年级": "高一", "十一年级": "高二", "十二年级": "高三",
    "10年级": "高一", "11年级": "高二", "12年级": "高三",
}

# --- 教材版本 ----------------------------------------------------------------------

# 统编版 is canonical: it is the Ministry's own name ("统编教材"); 部编版 is the colloquial one.
EDITIONS = (
    "统编版", "人教版", "北师大版", "苏教版", "外研版", "湘教版", "川教版", "西师大版",
    "沪教版", "浙教版", "鲁教版", "冀教版", "粤教版", "科学版", "教科版", "译林版",
    "沪科版", "华师大版", "青岛版", "北京版",
)

EDITION_SYNONYMS = {
    "部编版": "统编版",
    "部编本": "统编版",
    "统编本": "统编版",
    "人教社": "人教版",
    "人民教育出版社": "人教版",
    "人教新课标": "人教版",
    "北师版": "北师大版",
    "北京师范大学出版社": "北师大版",
    "西南师大版": "西师大版",
    "西师版": "西师大版",
    "西南师范大学出版社": "西师大版",
    "四川教育出版社": "川教版",
    "外语教学与研究出版社": "外研版",
    "江苏教育出版社": "苏教版",
    "湖南教育出版社": "湘教版",
    "教育科学出版社": "教科版",
    "译林出版社": "译林版",
}

# --- 课型 / 研学主题 / 基地类别 ----------------------------------------------------

LESSON_FORMATS = ("教学设计", "课件", "微课视频", "课堂实录", "习题", "学案", "素材")

LESSON_FORMAT_SYNONYMS = {
    "课件PPT": "课件",
    "PPT课件": "课件",
    "PPT": "课件",
    "演示文稿": "课件",
    "微课": "微课视频",
    "微视频": "微课视频",
    "教案": "教学设计",
    "教学方案": "教学设计",
    "课堂录像": "课堂实录",
    "实录": "课堂实录",
    "练习": "习题",
    "练习题": "习题",
    "试题": "习题",
    "作业": "习题",
    "导学案": "学案",
    "预习案": "学案",
    "教学素材": "素材",
    "资源包": "素材",
}

TOUR_THEMES = ("红色文化", "历史文化", "自然生态", "科技创新", "非遗传承", "劳动实践", "国防教育", "地理地质")

TOUR_THEME_SYNONYMS = {
    "红色教育": "红色文化",
    "红色旅游": "红色文化",
    "革命传统": "红色文化",
    "革命传统教育": "红色文化",
    "历史": "历史文化",
    "传统文化": "历史文化",
    "自然": "自然生态",
    "生态": "自然生态",
    "生态环保": "自然生态",
    "科技": "科技创新",
    "科普": "科技创新",
    "非遗": "非遗传承",
    "非物质文化遗产": "非遗传承",
    "劳动": "劳动实践",
    "劳动教育": "劳动实践",
    "国防": "国防教育",
    "地理": "地理地质",
    "地质": "地理地质",
}

BASE_CATEGORIES = (
    "社会实践基地", "综合实践教育基地", "法治教育实践基地", "劳动教育实践基地",
    "爱国主义教育基地", "科普教育基地", "研学实践教育基地", "国防教育基地",
)

BASE_CATEGORY_SYNONYMS = {
    "社会实践教育基地": "社会实践基地",
    "综合实践基地": "综合实践教育基地",
    "综合实践活动基地": "综合实践教育基地",
    "法治教育基地": "法治教育实践基地",
    "劳动教育基地": "劳动教育实践基地",
    "劳动实践基地": "劳动教育实践基地",
    "爱国主义基地": "爱国主义教育基地",
    "科普基地": "科普教育基地",
    "研学基地": "研学实践教育基地",
    "研学实践基地": "研学实践教育基地",
    "研学旅行基地": "研学实践教育基地",
    "国防基地": "国防教育基地",
}

# The free-text fields of a resource that hold a choice from one of the vocabularies above.
CHOICE_FIELDS = {
    "lesson.format": (LESSON_FORMATS, LESSON_FORMAT_SYNONYMS),
    "study_tour.theme": (TOUR_THEMES, TOUR_THEME_SYNONYMS),
    "practice_base.categories": (BASE_CATEGORIES, BASE_CATEGORY_SYNONYMS),
}

# --- curator tags -------------------------------------------------------------------

# The managed tag vocabulary curators pick from; free tags are allowed beside these.
CURATOR_TAGS = (
    "成渝共享精品", "红色教育", "劳动教育", "安全教育", "心理健康教育", "中华优秀传统文化",
    "科学探究", "跨学科学习", "双减作业设计", "乡村学校适用", "大单元教学", "项目式学习",
)
