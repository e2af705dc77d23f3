"""Every vocabulary value and every listed place has an English name for the English interface."""

from __future__ import annotations

import pytest

from catalog.resources import vocabularies as v
from catalog.resources.districts import DISTRICTS
from catalog.resources.vocabulary_labels import TABLES, english_label

VOCABULARIES = {
    "subject": v.SUBJECTS,
    "stage": v.STAGES,
    "grade": v.GRADES,
    "edition": v.EDITIONS,
    "format": v.LESSON_FORMATS,
    "theme": v.TOUR_THEMES,
    "category": v.BASE_CATEGORIES,
    "tag": v.CURATOR_TAGS,
}


def _english(text: str) -> bool:
    return text.isascii() and any(ch.isalpha() for ch in text)


@pytest.mark.parametrize("kind", sorted(VOCABULARIES))
def test_every_vocabulary_value_has_an_english_label(kind):
    missing = [value for value in VOCABULARIES[kind] if not _english(english_label(kind, value))]
    assert missing == []
    assert set(TABLES[kind]) == set(VOCABULARIES[kind]), "a label for a value the vocabulary no longer has"


def test_every_district_and_city_has_an_english_name():
    names = {english_label("district", d.name) for d in DISTRICTS} | {english_label("city", d.city) for d in DISTRICTS}
    assert [name for name in names if not _english(name)] == []


@pytest.mark.parametrize(
    ("kind", "chinese", "english"),
    [
        ("district", "渝中区", "Yuzhong District"),
        ("district", "南岸区", "Nan'an District"),  # the apostrophe keeps nan-an from reading as na-nan
        ("district", "丰都县", "Fengdu County"),  # pinyin alone says "dou"
        ("district", "都江堰市", "Dujiangyan City"),
        ("district", "秀山土家族苗族自治县", "Xiushan Tujia and Miao Autonomous County"),
        ("city", "乐山市", "Leshan"),
        ("city", "阿坝藏族羌族自治州", "Aba Tibetan and Qiang Autonomous Prefecture"),
        ("volume", "七年级上册", "Grade 7, book 1"),
        ("volume", "必修第一册", "Compulsory, book 1"),
        ("volume", "选择性必修 2", "Elective compulsory, book 2"),
        ("subject", "数学", "Mathematics"),
    ],
)
def test_examples(kind, chinese, english):
    assert english_label(kind, chinese) == english


def test_values_outside_the_tables_stay_as_they_are():
    assert english_label("subject", "天文") == "天文"
    assert english_label("district", "Yuzhong") == "Yuzhong"
    assert english_label("unit", "第一单元 春") == "第一单元 春"


def test_every_district_outline_on_the_map_has_an_english_name():
    from catalog.web.page_format import outline_names_en

    names = outline_names_en()
    assert len(names) > 200 and names["渝中区"] == "Yuzhong District" and names["乐山市"] == "Leshan"
    assert all(label.isascii() for label in names.values()), [n for n, label in names.items() if not label.isascii()]
