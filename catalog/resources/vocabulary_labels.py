"""The English name of a vocabulary value or a place: the table's, else pinyin for places, else the value."""

from __future__ import annotations

import re
from functools import cache

from pypinyin import lazy_pinyin

from catalog.resources.curriculum_order import chinese_number
from catalog.resources.vocabulary_labels_en import (
    BASE_CATEGORIES_EN,
    CURATOR_TAGS_EN,
    EDITIONS_EN,
    ETHNIC_GROUPS_EN,
    GRADES_EN,
    LESSON_FORMATS_EN,
    PLACE_NAMES_EN,
    STAGES_EN,
    SUBJECTS_EN,
    TOUR_THEMES_EN,
)

# Keyed by the search facets' names, which the pages use for these fields too.
TABLES: dict[str, dict[str, str]] = {
    "subject": SUBJECTS_EN,
    "stage": STAGES_EN,
    "grade": GRADES_EN,
    "edition": EDITIONS_EN,
    "format": LESSON_FORMATS_EN,
    "theme": TOUR_THEMES_EN,
    "category": BASE_CATEGORIES_EN,
    "tag": CURATOR_TAGS_EN,
}
PLACE_KINDS = ("city", "district")
# Longest first: 自治县 before 县.
_SUFFIXES = (
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("区", "District"),
    ("县", "County"),
    ("州", "Prefecture"),
    ("市", "City"),
)
_ETHNIC = re.compile("|".join(ETHNIC_GROUPS_EN))
_VOLUME = re.compile(r"^(?P<grade>.+?)(?P<half>[上下])册$")
_REQUIRED_VOLUME = re.compile(r"^(?P<elective>选择性)?必修\s*第?(?P<number>[0-9一二三四五六七八九十]+)册?$")


def _spelled(chinese: str) -> str:
    """渝中 → Yuzhong, 南岸 → Nan'an (an apostrophe before a syllable starting with a vowel)."""
    syllables = lazy_pinyin(chinese)
    word = syllables[0] + "".join(("'" if s[:1] in "aoe" else "") + s for s in syllables[1:])
    return word[:1].upper() + word[1:]


@cache
def place_label(name: str, *, city: bool = False) -> str:
    """渝中区 → Yuzhong District, 都江堰市 → Dujiangyan City; a city (prefecture) drops 市: 乐山市 → Leshan."""
    if name in PLACE_NAMES_EN:
        return PLACE_NAMES_EN[name]
    if city and name.endswith("市"):
        return _spelled(name[:-1])
    stem, kind = next(
        ((name[: -len(s)], k) for s, k in _SUFFIXES if name.endswith(s) and len(name) > len(s)), (name, "")
    )
    groups = _ETHNIC.findall(stem)
    if groups:
        stem = stem[: _ETHNIC.search(stem).start()]
    words = [_spelled(stem), " and ".join(ETHNIC_GROUPS_EN[g] for g in groups), kind]
    return " ".join(word for word in words if word)


def english_label(kind: str, value: str) -> str:
    """How ``value`` of the field ``kind`` (a facet name) reads in English; unknown values stay as they are."""
    if kind in PLACE_KINDS:
        return place_label(value, city=kind == "city") if _is_chinese(value) else value
    if kind == "volume":
        return _volume_label(value)
    return TABLES.get(kind, {}).get(value, value)


def _volume_label(value: str) -> str:
    """七年级上册 → Grade 7, book 1; 选择性必修第二册 → Elective compulsory, book 2; others as they are."""
    if (match := _VOLUME.match(value)) and match["grade"] in GRADES_EN:
        return f"{GRADES_EN[match['grade']]}, book {1 if match['half'] == '上' else 2}"
    if (match := _REQUIRED_VOLUME.match(value)) and (number := chinese_number(match["number"])):
        return f"{'Elective compulsory' if match['elective'] else 'Compulsory'}, book {number}"
    return value


def _is_chinese(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)
