"""The judged queries of the issue-14 kinds, each with its kind and the rule that grades it.

Written as a teacher in Chongqing or Sichuan would type them, from the sample corpus's data
(curriculum units, places, themes, categories), never from what a search returns. The rules
are frozen into ``benchmarks/relevance_judgments_kinds.py`` by
``python -m benchmarks.relevance_freeze``; the bench reads only the frozen data.
"""

from __future__ import annotations

from typing import NamedTuple

from benchmarks.relevance_rules import (
    Rule,
    activity,
    category,
    city,
    district,
    grade,
    keyword,
    kind,
    lesson_format,
    province,
    rule,
    site,
    subject,
    summary,
    theme,
    title,
    unit,
)

# kind → what its queries test (the failure kinds of issue 14; snippets and suggestions are not query kinds)
KINDS = {
    "traditional": "a lesson title or term typed in traditional script",
    "typo": "a curriculum term with one wrong character",
    "place": "a province, city or district word with a theme or type",
    "pinyin_partial": "a pinyin syllable run inside a longer word",
    "english": "English subject, grade, type and topic words",
    "format_spelling": "type and format words, everyday grade and subject spellings (初二, 教案, 思品)",
    "unit": "a curriculum unit's name",
    "thematic": "a theme or abbreviation that records do not spell literally",
    "duplicates": "a title several versions share (graded once per title: a repeated version gains nothing)",
}


class KindQuery(NamedTuple):
    text: str
    kind: str
    rule: Rule


LESSON, TOUR, BASE = kind("lesson"), kind("study_tour"), kind("practice_base")

OHM = rule((3, title("欧姆定律")), (2, unit("欧姆定律")))
PYTHAGORAS = rule((3, title("勾股定理")), (2, unit("勾股定理")))
PHOTOSYNTHESIS = rule((3, title("光合作用")), (2, keyword("光合作用")))
FRACTIONS = rule((3, title("分数") & ~title("百分数")), (2, unit("分数的初步认识", "分数乘法")), (1, title("百分数")))
PANDA = rule((3, title("熊猫")), (2, keyword("熊猫") | activity("熊猫")), (1, summary("熊猫")))
DINOSAUR = rule((3, title("恐龙")), (2, keyword("恐龙") | activity("恐龙")), (1, summary("恐龙")))
MASS_CONSERVATION = rule(
    (3, title("质量守恒定律")), (2, keyword("质量守恒定律")), (1, unit("化学方程式") & subject("化学"))
)

QUERIES: tuple[KindQuery, ...] = (
    # --- traditional script
    KindQuery("歐姆定律", "traditional", OHM),
    KindQuery(
        "鴉片戰爭",
        "traditional",
        rule((3, title("鸦片战争")), (2, keyword("鸦片战争")), (1, unit("中国开始沦为半殖民地半封建社会"))),
    ),
    KindQuery("細胞核", "traditional", rule((3, title("细胞核")), (2, keyword("细胞核")))),
    KindQuery("熊貓", "traditional", PANDA),
    KindQuery("電磁鐵", "traditional", rule((3, title("电磁铁")), (2, unit("电与磁")))),
    KindQuery("沁園春", "traditional", rule((3, title("沁园春")), (2, keyword("沁园春")))),
    KindQuery(
        "岳陽樓記",
        "traditional",
        rule((3, title("岳阳楼记")), (2, keyword("岳阳楼记")), (1, unit("古诗文") & grade("九年级"))),
    ),
    KindQuery("質量守恆定律", "traditional", MASS_CONSERVATION),
    # --- one wrong character
    KindQuery("欧母定律", "typo", OHM),
    KindQuery("勾股定里", "typo", PYTHAGORAS),
    KindQuery("光和作用", "typo", PHOTOSYNTHESIS),
    KindQuery("阿基米得原理", "typo", rule((3, title("阿基米德原理")), (2, unit("浮力")))),
    KindQuery("植数问题", "typo", rule((3, title("植树问题")), (2, unit("植树问题")))),
    KindQuery("质量守衡定律", "typo", MASS_CONSERVATION),
    KindQuery("凸透镜成象", "typo", rule((3, title("凸透镜成像")), (2, unit("透镜及其应用")))),
    KindQuery("戊戍变法", "typo", rule((3, title("戊戌变法")), (2, keyword("戊戌")), (1, unit("近代化的早期探索")))),
    # --- province, city and district words
    KindQuery(
        "四川 红色文化 研学",
        "place",
        rule((3, TOUR & theme("红色文化") & province("sc")), (2, BASE & theme("红色文化") & province("sc"))),
    ),
    KindQuery(
        "重庆 自然生态 研学",
        "place",
        rule((3, TOUR & theme("自然生态") & province("cq")), (2, BASE & theme("自然生态") & province("cq"))),
    ),
    KindQuery(
        "成都 博物馆", "place", rule((3, BASE & site("博物", city="成都市")), (2, TOUR & site("博物", city="成都市")))
    ),
    KindQuery(
        "渝中区 红色教育基地",
        "place",
        rule(
            (3, BASE & theme("红色文化") & district("渝中区")), (2, TOUR & theme("红色文化") & site(district="渝中区"))
        ),
    ),
    KindQuery("绵阳 研学", "place", rule((3, TOUR & site(city="绵阳市")), (2, BASE & city("绵阳市")))),
    KindQuery(
        "重庆 抗战",
        "place",
        rule((3, BASE & province("cq") & (title("抗战") | activity("抗战"))), (2, TOUR & site("抗战", province="cq"))),
    ),
    KindQuery(
        "自贡 恐龙", "place", rule((3, BASE & site("恐龙", city="自贡市")), (2, TOUR & site("恐龙", city="自贡市")))
    ),
    KindQuery("乐山 研学", "place", rule((3, TOUR & site(city="乐山市")), (2, BASE & city("乐山市")))),
    KindQuery(
        "重庆 劳动教育基地",
        "place",
        rule(
            (3, BASE & province("cq") & category("劳动教育实践基地")),
            (1, TOUR & theme("劳动实践") & site(province="cq")),
        ),
    ),
    # --- pinyin syllable runs inside a longer word
    KindQuery("gougu", "pinyin_partial", rule((3, title("勾股")), (2, unit("勾股")))),
    KindQuery("oumu", "pinyin_partial", rule((3, title("欧姆")), (2, unit("欧姆")))),
    KindQuery("guanghe", "pinyin_partial", PHOTOSYNTHESIS),
    KindQuery("xiongmao", "pinyin_partial", PANDA),
    KindQuery("sanxingdui", "pinyin_partial", rule((3, title("三星堆")), (2, site("三星堆")), (1, keyword("三星堆")))),
    KindQuery("dujiangyan", "pinyin_partial", rule((3, title("都江堰")), (2, site("都江堰")))),
    KindQuery("yiyuanerci", "pinyin_partial", rule((3, title("一元二次")), (2, unit("一元二次")))),
    KindQuery("bianlian", "pinyin_partial", rule((3, title("变脸")), (2, activity("变脸")))),
    KindQuery("yapian", "pinyin_partial", rule((3, title("鸦片")), (2, keyword("鸦片")))),
    KindQuery(
        "pingfangcha", "pinyin_partial", rule((3, keyword("平方差") & title("乘法公式")), (2, keyword("平方差")))
    ),
    # --- English
    KindQuery("fractions", "english", FRACTIONS),
    KindQuery("photosynthesis", "english", PHOTOSYNTHESIS),
    KindQuery("physics", "english", rule((3, LESSON & subject("物理")), (1, subject("物理")))),
    KindQuery("grade 5 math", "english", rule((3, subject("数学") & grade("五年级")))),
    KindQuery("Ohm's law", "english", OHM),
    KindQuery("Pythagorean theorem", "english", PYTHAGORAS),
    KindQuery("giant panda", "english", PANDA),
    KindQuery("dinosaur", "english", DINOSAUR),
    KindQuery(
        "math courseware", "english", rule((3, subject("数学") & lesson_format("课件")), (1, LESSON & subject("数学")))
    ),
    KindQuery(
        "history lesson plan",
        "english",
        rule((3, subject("历史") & lesson_format("教学设计")), (1, LESSON & subject("历史"))),
    ),
    # --- type and format words, everyday spellings
    KindQuery("初二 物理", "format_spelling", rule((3, subject("物理") & grade("八年级")))),
    KindQuery(
        "初一 数学 课件",
        "format_spelling",
        rule((3, subject("数学") & grade("七年级") & lesson_format("课件")), (2, subject("数学") & grade("七年级"))),
    ),
    KindQuery(
        "高一 化学 教案",
        "format_spelling",
        rule((3, subject("化学") & grade("高一") & lesson_format("教学设计")), (2, subject("化学") & grade("高一"))),
    ),
    KindQuery(
        "欧姆定律 习题",
        "format_spelling",
        rule((3, title("欧姆定律") & lesson_format("习题")), (2, title("欧姆定律")), (1, unit("欧姆定律"))),
    ),
    KindQuery(
        "光合作用 教案",
        "format_spelling",
        rule((3, title("光合作用") & lesson_format("教学设计")), (2, title("光合作用")), (1, keyword("光合作用"))),
    ),
    KindQuery(
        "勾股定理 微课",
        "format_spelling",
        rule((3, title("勾股定理") & lesson_format("微课视频")), (2, title("勾股定理")), (1, unit("勾股定理"))),
    ),
    KindQuery(
        "大熊猫 基地",
        "format_spelling",
        rule((3, BASE & title("熊猫")), (2, BASE & activity("熊猫")), (1, TOUR & title("熊猫"))),
    ),
    KindQuery("初三 化学", "format_spelling", rule((3, subject("化学") & grade("九年级")))),
    KindQuery("高一 政治", "format_spelling", rule((3, subject("思想政治") & grade("高一")))),
    KindQuery("思品 七年级", "format_spelling", rule((3, subject("道德与法治") & grade("七年级")))),
    # --- curriculum unit names
    KindQuery("电与磁", "unit", rule((3, unit("电与磁")))),
    KindQuery("物态变化", "unit", rule((3, unit("物态变化")))),
    KindQuery("小数除法", "unit", rule((3, unit("小数除法")))),
    KindQuery("多边形的面积", "unit", rule((3, unit("多边形的面积")))),
    KindQuery("祖国河山", "unit", rule((3, unit("祖国河山")))),
    KindQuery("重温革命岁月", "unit", rule((3, unit("重温革命岁月")))),
    KindQuery("我们周围的空气", "unit", rule((3, unit("我们周围的空气")))),
    KindQuery("生物体的结构层次", "unit", rule((3, unit("生物体的结构层次")))),
    KindQuery("整式的乘法与因式分解", "unit", rule((3, unit("整式的乘法与因式分解")))),
    KindQuery("三角函数", "unit", rule((3, unit("三角函数")))),
    KindQuery("运动和力", "unit", rule((3, unit("第三单元 运动和力")), (2, unit("运动和力的关系")))),
    # --- themes and abbreviations records do not spell literally
    KindQuery(
        "爱国主义教育", "thematic", rule((3, BASE & category("爱国主义教育基地")), (2, TOUR & theme("红色文化")))
    ),
    KindQuery("非物质文化遗产", "thematic", rule((3, (TOUR | BASE) & theme("非遗传承")))),
    KindQuery(
        "航天",
        "thematic",
        rule(
            (3, BASE & (title("航天", "卫星", "火箭") | activity("航天", "卫星", "火箭"))),
            (2, TOUR & site("航天", "卫星")),
        ),
    ),
    KindQuery("国防教育", "thematic", rule((3, theme("国防教育") | category("国防教育基地")))),
    KindQuery("党史教育", "thematic", rule((3, TOUR & theme("红色文化")), (2, BASE & theme("红色文化")))),
    KindQuery("生态环保 研学", "thematic", rule((3, TOUR & theme("自然生态")), (2, BASE & theme("自然生态")))),
    KindQuery("古诗词", "thematic", rule((3, LESSON & title("古诗", "诗词", "诗歌")), (2, unit("诗歌")))),
    KindQuery("三峡博物馆", "thematic", rule((3, BASE & site("三峡博物馆")), (2, TOUR & site("三峡博物馆")))),
    KindQuery("朱德故居", "thematic", rule((3, BASE & site("朱德故里")), (2, TOUR & site("朱德故里")))),
    KindQuery(
        "劳动教育",
        "thematic",
        rule((3, BASE & category("劳动教育实践基地")), (2, TOUR & theme("劳动实践")), (1, LESSON & subject("劳动"))),
    ),
    # --- titles many versions share
    KindQuery("茶山竹海", "duplicates", rule((3, BASE & site("茶山竹海")), (2, TOUR & site("茶山竹海")))),
    KindQuery("函数概念与性质", "duplicates", rule((3, title("函数概念与性质")), (2, unit("第二章 函数")))),
    KindQuery("拼搭立体图形", "duplicates", rule((3, title("拼搭立体图形")), (2, unit("认识图形（一）")))),
    KindQuery("多边形及其内角和", "duplicates", rule((3, title("多边形及其内角和")), (2, unit("第十一章 三角形")))),
    KindQuery("人民大礼堂", "duplicates", rule((3, BASE & site("人民大礼堂")), (2, TOUR & site("人民大礼堂")))),
    KindQuery("种植小葱", "duplicates", rule((3, title("种植小葱")), (2, unit("生产劳动")))),
    KindQuery("天生三桥", "duplicates", rule((3, BASE & site("天生三桥")), (2, TOUR & site("天生三桥")))),
    KindQuery("交友的智慧", "duplicates", rule((3, title("交友的智慧")), (2, unit("友谊的天空")))),
)
