"""The words inside generated files and summaries, built from curriculum and place data.

Each function depends only on its arguments (variation comes from a checksum of the
lesson, not from the corpus random generator), and lesson files describe their whole unit,
so a unit's files are rendered once however many lessons of it the corpus holds.
"""

from __future__ import annotations

import zlib

_GOAL_OPENERS = ("通过观察、操作和交流", "结合生活情境", "借助小组合作探究", "在问题驱动下")
_ACTIVITIES = ("情境导入", "自主探究", "合作交流", "展示评价", "拓展延伸")
_EXERCISE_KINDS = ("基础题", "提高题", "拓展题")


def _pick(options: tuple[str, ...], *parts: str) -> str:
    return options[zlib.crc32("|".join(parts).encode("utf-8")) % len(options)]


def unit_heading(volume: dict, unit: str) -> str:
    return f"{volume['edition']}{volume['subject']}{volume['volume']} {unit}"


def unit_paragraphs(volume: dict, unit: str, terms: tuple[str, ...], lessons: tuple[str, ...]) -> tuple[str, ...]:
    """Body of a unit's 教学设计 / 学案: unit goals, then goals, activities and practice per lesson."""
    term_list = "、".join(terms)
    paragraphs = [
        unit_heading(volume, unit),
        f"适用年级：{volume['grade']}（{volume['stage']}）  学科：{volume['subject']}  教材：{volume['edition']}",
        "## 单元目标",
        f"1. 理解并掌握本单元关键词：{term_list}。",
        f"2. 体会{volume['subject']}与生活的联系，养成认真观察、勤于思考的学习习惯。",
        "## 课时安排",
        "；".join(f"第{index}课时 {title}" for index, title in enumerate(lessons, start=1)) + "。",
    ]
    for index, lesson in enumerate(lessons, start=1):
        term = terms[(index - 1) % len(terms)]
        opener = _pick(_GOAL_OPENERS, unit, lesson)
        activity = _pick(_ACTIVITIES, lesson, unit)
        paragraphs += [
            f"## 第{index}课时 《{lesson}》",
            f"教学目标：{opener}，理解《{lesson}》的核心内容，能结合“{term}”说明自己的想法。",
            f"教学过程：{activity}——围绕《{lesson}》设计问题串，引导学生聚焦{term}；随后小组交流、全班展示。",
            f"课堂练习：（{_pick(_EXERCISE_KINDS, lesson)}）结合{term}完成与《{lesson}》相关的练习。",
        ]
    paragraphs += ["## 单元作业", f"围绕{terms[0]}与{terms[-1]}，完成一份单元学习小结（思维导图或小报）。"]
    return tuple(paragraphs)


def unit_slides(
    volume: dict, unit: str, terms: tuple[str, ...], lessons: tuple[str, ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Slides of a unit's 课件: goals, key terms, one slide per lesson, summary."""
    return (
        ("单元目标", (f"认识{terms[0]}", f"理解{'、'.join(terms[1:3]) or terms[0]}", "能运用所学解决实际问题")),
        ("关键词", terms),
        *(
            (
                f"第{index}课时 {lesson}",
                (
                    f"{_pick(_ACTIVITIES, lesson, unit)}：{lesson}",
                    f"重点：{terms[(index - 1) % len(terms)]}",
                    f"练习：{lesson}",
                ),
            )
            for index, lesson in enumerate(lessons, start=1)
        ),
        ("单元小结", (unit_heading(volume, unit), f"本单元共{len(lessons)}课时")),
    )


def lesson_title(volume: dict, lesson: str, fmt: str, style: int) -> str:
    """A title as teachers write them; ``style`` chooses among common shapes."""
    quoted = lesson if lesson.startswith("《") else f"《{lesson}》"
    shapes = (
        f"{quoted}{fmt}",
        f"{volume['edition']}{volume['subject']}{volume['volume']}{quoted}{fmt}",
        f"{lesson}（{volume['grade']}{volume['subject']}）{fmt}",
        f"{volume['grade']}{volume['subject']}：{lesson}",
    )
    return shapes[style % len(shapes)]


def lesson_summary(volume: dict, unit: str, lesson: str, fmt: str, terms: tuple[str, ...]) -> str:
    opener = _pick(_GOAL_OPENERS, lesson, unit)
    return (
        f"本{fmt}对应{volume['edition']}{volume['subject']}{volume['volume']}{unit}中的《{lesson}》。"
        f"{opener}，帮助学生理解{terms[0]}等内容，配套材料可直接用于{volume['grade']}课堂教学。"
    )


THEME_TITLES = {
    "红色文化": "红色记忆",
    "历史文化": "寻根问史",
    "自然生态": "走进自然",
    "科技创新": "科创探秘",
    "非遗传承": "非遗里的中国",
    "劳动实践": "劳动创造美",
    "国防教育": "少年强国防",
    "地理地质": "大地课堂",
}
DAY_WORDS = {1: "一日", 2: "两日", 3: "三日", 4: "四日"}
SAFETY_NOTES = (
    "每15名学生配1名带队教师；往返乘坐有资质的客运车辆。",
    "出行前开展安全教育并购买意外伤害保险；全程配备随队医护人员。",
    "山区路段注意防滑，学生不得脱离队伍单独行动；雨天调整户外环节。",
    "场馆内听从讲解员安排，分组活动时每组设安全员，集合点位提前告知家长。",
)


def tour_paragraphs(title: str, theme: str, days: int, destinations: tuple) -> tuple[str, ...]:
    """The 研学手册: itinerary per destination with activities and a task sheet."""
    paragraphs = [f"主题：{theme}  行程：{DAY_WORDS.get(days, f'{days}日')}", "## 行程安排"]
    for index, place in enumerate(destinations, start=1):
        day = min(days, 1 + (index - 1) * days // max(len(destinations), 1))
        paragraphs.append(
            f"第{day}天 站点{index}：{place.name}（{place.city}{place.district}）。"
            f"研学活动：{'、'.join(place.activities)}。"
        )
    paragraphs += ["## 研学任务单"]
    for index, place in enumerate(destinations, start=1):
        paragraphs.append(f"任务{index}：在{place.name}完成“{place.activities[0]}”记录，拍摄一张照片并写下三句观察。")
    paragraphs += [
        "## 安全须知",
        SAFETY_NOTES[zlib.crc32(title.encode("utf-8")) % len(SAFETY_NOTES)],
        "## 评价方式",
        "研学手册完成度、小组汇报、研学成果展示三项综合评价。",
    ]
    return tuple(paragraphs)


def base_paragraphs(place) -> tuple[str, ...]:
    """The 基地简介 of a practice base: what it is, what students do, how to book."""
    return (
        f"基地类别：{'、'.join(place.categories)}",
        f"地址：{place.address}（{place.city}{place.district}）",
        f"开放时间：{place.opening_hours}  单次接待能力：{place.capacity}人",
        "## 实践课程",
        *(f"{index}. {activity}" for index, activity in enumerate(place.activities, start=1)),
        "## 预约须知",
        "学校团体请提前7个工作日预约，提交带队教师名单与学生人数；"
        + ("中小学生团体免费参观。" if place.free_for_students else "学生团体享受优惠票价。"),
    )


def base_summary(place) -> str:
    return (
        f"{place.categories[0]}。{place.name}位于{place.city}{place.district}，"
        f"面向中小学生开展{'、'.join(place.activities)}等实践活动。"
    )
