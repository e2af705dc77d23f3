"""What a school must choose from the vocabularies, and what each type of resource must have.

The storage format takes free text in these fields (feeds from other systems are mapped by
``vocabulary_mapping`` when indexed); what a school sends through the catalog is held to the
vocabularies themselves, so 大学, 十三年级 or 数学课 never reach a curator. A known spelling of a
value (初二, 部编版) is refused with the value to use instead.
"""

from __future__ import annotations

from catalog.messages import N_
from catalog.resources.vocabularies import (
    BASE_CATEGORIES,
    BASE_CATEGORY_SYNONYMS,
    EDITION_SYNONYMS,
    EDITIONS,
    GRADE_SYNONYMS,
    GRADES,
    LESSON_FORMAT_SYNONYMS,
    LESSON_FORMATS,
    LICENSES,
    STAGE_SYNONYMS,
    STAGES,
    SUBJECT_SYNONYMS,
    SUBJECTS,
    TOUR_THEME_SYNONYMS,
    TOUR_THEMES,
)
from catalog.resources.vocabulary_mapping import normalise_choice

# field path → (allowed values, known spellings → the value they mean, what the field is called)
CHOICES: dict[str, tuple[tuple[str, ...], dict[str, str], str]] = {
    "subjects": (SUBJECTS, SUBJECT_SYNONYMS, N_("学科")),
    "stages": (STAGES, STAGE_SYNONYMS, N_("学段")),
    "grades": (GRADES, GRADE_SYNONYMS, N_("年级")),
    "license": (LICENSES, {}, N_("许可协议")),
    "lesson.edition": (EDITIONS, EDITION_SYNONYMS, N_("教材版本")),
    "lesson.format": (LESSON_FORMATS, LESSON_FORMAT_SYNONYMS, N_("课型")),
    "study_tour.theme": (TOUR_THEMES, TOUR_THEME_SYNONYMS, N_("研学主题")),
    "practice_base.categories": (BASE_CATEGORIES, BASE_CATEGORY_SYNONYMS, N_("基地类别")),
}
# What a curator and a teacher need of each type beyond the format's own requirements.
REQUIRED = {
    "study_tour": {
        "study_tour.theme": N_("请选择研学主题"),
        "study_tour.duration_days": N_("请填写天数"),
        "study_tour.destinations": N_("请至少填写一个研学地点"),
    },
    "practice_base": {
        "practice_base.location": N_("请在地图上标出基地位置，或选择所在区县"),
        "practice_base.address": N_("请填写基地地址"),
    },
}


def _at(metadata: dict, path: str):
    value = metadata
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _refusal(path: str, value, allowed: tuple[str, ...], spellings: dict[str, str], called: str) -> str:
    meant = normalise_choice(path, str(value), allowed, spellings)
    if meant:
        return N_("「%(value)s」请改为「%(meant)s」", value=value, meant=meant)
    return N_(
        "「%(value)s」不是可选的%(called)s；可选：%(allowed)s", value=value, called=called, allowed="、".join(allowed)
    )


def choice_problems(metadata: dict) -> dict[str, list[str]]:
    """Field path → reasons, for values outside the vocabularies and what the type requires."""
    problems: dict[str, list[str]] = {}
    for path, (allowed, spellings, called) in CHOICES.items():
        value = _at(metadata, path)
        values = value if isinstance(value, list) else [] if value in (None, "") else [value]
        reasons = [_refusal(path, v, allowed, spellings, called) for v in values if v not in allowed]
        if reasons:
            problems[path] = reasons
    for path, reason in REQUIRED.get(metadata.get("type"), {}).items():
        if _at(metadata, path) in (None, "", [], {}):
            problems.setdefault(path, []).append(reason)
    return problems
