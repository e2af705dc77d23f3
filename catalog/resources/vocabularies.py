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

# --- 许可协议 ----------------------------------------------------------------------

# What a school may choose when it uploads (SPDX ids, and the format's default); feeds may carry others.
LICENSES = (
    "all-rights-reserved", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0",
)

# --- curator tags -------------------------------------------------------------------

# The managed tag vocabulary curators pick from; free tags are allowed beside these.
CURATOR_TAGS = (
    "成渝共享精品", "红色教育", "劳动教育", "安全教育", "心理健康教育", "中华优秀传统文化",
    "科学探究", "跨学科学习", "双减作业设计", "乡村学校适用", "大单元教学", "项目式学习",
)

# --- words a teacher types in the search box ----------------------------------------

# Province names with their one-character short forms (川/蜀, 渝). Records carry the code, never the name.
PROVINCE_WORDS = {
    "cq": ("重庆", "重庆市", "渝"),
    "sc": ("四川", "四川省", "川", "蜀"),
}
PROVINCE_NAMES = {"cq": "重庆市", "sc": "四川省"}
# City nicknames a teacher uses; names without 市 or 州 come from districts.py.
CITY_NICKNAMES = {"蓉": "成都市", "蓉城": "成都市"}

# Words naming a kind of resource, not its content: a lift for that type, never a requirement.
TYPE_WORDS = {
    "研学": "study_tour", "研学线路": "study_tour", "研学路线": "study_tour", "研学旅行": "study_tour",
    "研学活动": "study_tour", "研学课程": "study_tour", "游学": "study_tour",
    "基地": "practice_base", "实践基地": "practice_base", "教育基地": "practice_base", "场馆": "practice_base",
    "营地": "practice_base",
    "课例": "lesson",
}

# English a teacher may type → the Chinese the catalog's records use. Keys are lowercase and
# singular ("fractions" is looked up as "fraction"); subjects come from SUBJECT_SYNONYMS above.
ENGLISH_TERMS = {
    # subjects beyond SUBJECT_SYNONYMS
    "literature": "语文", "politics": "思想政治", "ethics": "道德与法治", "morality": "道德与法治",
    "information technology": "信息技术", "computer": "信息技术", "computing": "信息技术",
    "physical education": "体育与健康", "sport": "体育与健康", "calligraphy": "书法", "labor": "劳动",
    "labour": "劳动", "psychology": "心理健康", "mental health": "心理健康", "maths": "数学",
    # stages
    "preschool": "学前", "kindergarten": "学前", "primary": "小学", "primary school": "小学", "elementary": "小学",
    "elementary school": "小学", "junior high": "初中", "junior high school": "初中", "middle school": "初中",
    "high school": "高中", "senior high": "高中", "senior high school": "高中", "vocational": "中职",
    # grades
    **{f"grade {n}": g for n, g in zip(range(1, 13), (
        "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三"))},
    # kinds of resource and lesson formats
    "courseware": "课件", "slide": "课件", "ppt": "课件", "powerpoint": "课件", "presentation": "课件",
    "lesson plan": "教学设计", "teaching plan": "教学设计", "teaching design": "教学设计",
    "exercise": "习题", "worksheet": "习题", "homework": "习题", "quiz": "习题", "test": "习题", "exam": "习题",
    "micro lecture": "微课视频", "microlecture": "微课视频", "video": "微课视频",
    "classroom recording": "课堂实录", "class recording": "课堂实录", "study guide": "学案", "learning plan": "学案",
    "material": "素材", "lesson": "课例", "study tour": "研学", "field trip": "研学", "excursion": "研学",
    "practice base": "基地", "base": "基地", "museum": "博物馆", "science museum": "科技馆",
    "science center": "科技馆", "memorial": "纪念馆", "memorial hall": "纪念馆", "zoo": "动物园", "park": "公园",
    # places
    "chongqing": "重庆", "sichuan": "四川", "chengdu": "成都",
    # themes
    "red culture": "红色文化", "revolution": "革命", "revolutionary": "革命", "patriotism": "爱国主义",
    "patriotic": "爱国主义", "heritage": "非遗", "intangible cultural heritage": "非遗", "nature": "自然",
    "ecology": "生态", "environment": "环境", "technology": "科技", "innovation": "创新", "national defense": "国防",
    "national defence": "国防", "geology": "地质", "safety": "安全", "traditional culture": "传统文化",
    # common topics: mathematics
    "fraction": "分数", "decimal": "小数", "percentage": "百分数", "percent": "百分数",
    "equation": "方程", "function": "函数", "geometry": "几何", "algebra": "代数", "probability": "概率",
    "statistics": "统计", "triangle": "三角形", "circle": "圆", "area": "面积", "perimeter": "周长",
    "volume": "体积", "addition": "加法", "subtraction": "减法", "multiplication": "乘法",
    "division": "除法", "multiplication table": "乘法口诀", "pythagorean theorem": "勾股定理",
    "pythagoras": "勾股定理", "symmetry": "对称", "coordinate": "坐标", "inequality": "不等式",
    # languages
    "poem": "古诗", "poetry": "诗歌", "ancient poetry": "古诗", "classical chinese": "文言文", "reading": "阅读",
    "writing": "写作", "composition": "作文", "essay": "作文", "grammar": "语法", "vocabulary": "词汇",
    "pinyin": "拼音", "character": "识字", "story": "故事", "fable": "寓言",
    # sciences, history and geography
    "motion": "运动", "sound": "声音", "circuit": "电路",
    "magnet": "磁铁", "magnetism": "磁", "energy": "能量", "pressure": "压强", "buoyancy": "浮力",
    "density": "密度", "lever": "杠杆", "atom": "原子", "molecule": "分子", "element": "元素", "acid": "酸",
    "chemical reaction": "化学反应", "oxygen": "氧气", "water": "水", "cell": "细胞", "plant": "植物",
    "animal": "动物", "photosynthesis": "光合作用", "gene": "基因", "heredity": "遗传", "evolution": "进化",
    "ecosystem": "生态系统", "panda": "熊猫", "giant panda": "大熊猫", "earthquake": "地震", "river": "河流",
    "climate": "气候", "weather": "天气", "map": "地图", "earth": "地球", "dynasty": "朝代",
    "ancient china": "古代", "silk road": "丝绸之路", "war": "战争", "long march": "长征",
    # physics
    "force": "力", "gravity": "重力", "friction": "摩擦力", "mass": "质量", "speed": "速度", "velocity": "速度",
    "acceleration": "加速度", "newton's law": "牛顿第一定律", "inertia": "惯性", "work": "功", "power": "功率",
    "light": "光", "reflection": "反射", "refraction": "折射", "lens": "透镜", "heat": "热",
    "temperature": "温度", "electricity": "电", "electric current": "电流", "current": "电流",
    "voltage": "电压", "resistance": "电阻", "ohm's law": "欧姆定律", "ohm": "欧姆", "electromagnetism": "电磁",
    "machine": "机械", "pulley": "滑轮", "states of matter": "物态变化",
    # chemistry
    "chemical equation": "化学方程式", "conservation of mass": "质量守恒定律", "metal": "金属", "salt": "盐",
    "alkali": "碱", "solution": "溶液", "combustion": "燃烧", "carbon dioxide": "二氧化碳",
    # biology, earth and space
    "dinosaur": "恐龙", "fossil": "化石", "insect": "昆虫", "bird": "鸟", "fish": "鱼", "flower": "花",
    "tree": "树", "forest": "森林", "seed": "种子", "rice": "水稻", "tea": "茶", "bamboo": "竹",
    "human body": "人体", "digestion": "消化", "respiration": "呼吸", "blood": "血液", "health": "健康",
    "volcano": "火山", "mountain": "山", "solar system": "太阳系", "planet": "行星", "moon": "月球",
    "space": "航天", "rocket": "火箭", "satellite": "卫星", "astronomy": "天文",
    # technology, arts and everyday life
    "robot": "机器人", "programming": "编程", "coding": "编程", "algorithm": "算法",
    "artificial intelligence": "人工智能", "internet": "网络", "painting": "绘画", "drawing": "绘画",
    "song": "歌曲", "opera": "戏曲", "sichuan opera": "川剧", "face changing": "变脸", "embroidery": "刺绣",
    "paper cutting": "剪纸", "farming": "农耕", "cooking": "烹饪", "bridge": "桥梁", "dam": "大坝",
}

# Words for one theme that records do not share literally: a teacher types 党史教育, a tour's
# theme is 红色文化 and its places say 纪念馆 or 烈士陵园. A query word from a group is found
# when any of the group's words or facet values is. Each group: (words, facet values, why).
THEMATIC_SYNONYMS: tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...], str], ...] = (
    (
        ("党史", "党史教育", "党史学习教育", "红色教育", "红色基因", "革命传统教育", "革命传统", "红色研学"),
        (("theme", "红色文化"), ("category", "爱国主义教育基地")),
        "党史与革命传统教育：研学主题记作红色文化，场馆是爱国主义教育基地、革命纪念馆和旧址",
    ),
    (
        ("爱国主义教育", "爱国教育", "爱国主义"),
        (("category", "爱国主义教育基地"), ("theme", "红色文化")),
        "爱国主义教育多在爱国主义教育基地和红色文化线路进行",
    ),
    (
        ("劳动教育", "劳动实践", "劳动课", "农耕体验", "农事体验"),
        (("category", "劳动教育实践基地"), ("theme", "劳动实践"), ("subject", "劳动")),
        "劳动教育：劳动学科的课例、劳动实践线路和劳动教育实践基地是同一件事的三面",
    ),
    (
        ("科普", "科普教育", "科学普及", "科技教育", "科创"),
        (("category", "科普教育基地"), ("theme", "科技创新")),
        "科学普及的去处记作科普教育基地，线路主题记作科技创新",
    ),
    (
        ("国防", "国防教育", "军事", "军事教育", "军训", "国家安全教育"),
        (("category", "国防教育基地"), ("theme", "国防教育")),
        "国防与军事教育在国防教育基地和国防教育线路",
    ),
    (
        ("法治", "法治教育", "普法", "法制教育", "宪法教育"),
        (("category", "法治教育实践基地"), ("subject", "道德与法治")),
        "法治教育：道德与法治课和法治教育实践基地",
    ),
    (
        ("生态文明", "环保", "环境保护", "环境教育", "自然教育", "生态教育"),
        (("theme", "自然生态"),),
        "生态与环境教育的线路主题记作自然生态",
    ),
    (
        ("非遗", "非物质文化遗产", "传统技艺", "民间艺术", "传统手工艺"),
        (("theme", "非遗传承"),),
        "非物质文化遗产的线路主题记作非遗传承",
    ),
    (
        ("地质", "地质考察", "地理考察", "地貌"),
        (("theme", "地理地质"),),
        "地理与地质考察的线路主题记作地理地质",
    ),
)
