"""Queries that used to find nothing, on the real node: traditional script, a province with a theme,
English, a format word, a grade spelling — and 相关结果 when the query itself finds too little."""

from __future__ import annotations

import copy

import pytest
from conftest import example, lesson

from catalog.search.query_builder import SearchRequest
from catalog.search.service import search


def physics(resource_id: str, fmt: str, summary: str) -> dict:
    return lesson(
        resource_id,
        "浮力",
        subjects=["物理"],
        stages=["初中"],
        grades=["八年级"],
        keywords=[],
        summary=summary,
        lesson={"edition": "人教版", "volume": "八年级下册", "unit": "第十章 浮力", "format": fmt},
    )


def tour(resource_id: str, title: str, city: str, district: str) -> dict:
    resource = copy.deepcopy(example("study_tour"))
    resource.update(
        id=resource_id,
        title=title,
        summary="参观纪念馆，聆听革命先辈的故事。",
        keywords=[],
        subjects=["历史"],
        region={"city": city, "district": district},
    )
    resource["study_tour"].update(
        theme="红色文化",
        destinations=[{"name": f"{title}纪念馆", "district": district, "location": {"lat": 30.6, "lon": 104.0}}],
    )
    return resource


@pytest.fixture
def corpus(catalog):
    catalog.put(
        "cq",
        lesson(
            "gg-1",
            "勾股定理的证明",
            subjects=["数学"],
            stages=["初中"],
            grades=["八年级"],
            keywords=[],
            summary="用拼图验证直角三角形三边的关系。",
        ),
    )
    catalog.put(
        "sc", lesson("tw-1", "認識分數", keywords=[], summary="分月餅，認識幾分之一。")
    )  # a feed in traditional script
    catalog.put("sc", physics("fl-1", "教学设计", "探究浮力的大小与哪些因素有关。"))
    catalog.put("cq", physics("fl-2", "课件", "阿基米德原理的演示动画。"))
    catalog.put("sc", tour("hs-1", "红军长征一日研学", "巴中市", "巴州区"))
    catalog.put("cq", tour("hs-2", "红岩村一日研学", "重庆市", "渝中区"))
    catalog.sync()
    return catalog


def found(catalog, q: str) -> list[str]:
    return [hit.doc_id for hit in search(catalog.es, catalog.alias, SearchRequest(q=q)).hits]


def test_a_title_typed_in_traditional_script_finds_the_simplified_record(corpus):
    assert found(corpus, "勾股定理的證明")[0] == "cq:gg-1"


def test_a_record_in_traditional_script_is_found_by_simplified_words(corpus):
    assert found(corpus, "认识分数")[0] == "sc:tw-1"


def test_a_province_with_a_theme_finds_its_resources_first(corpus):
    # No record says 四川: they carry the code sc and a city.
    assert found(corpus, "四川 红色文化") == ["sc:hs-1", "cq:hs-2"]
    assert found(corpus, "重庆红色文化")[0] == "cq:hs-2"


@pytest.mark.parametrize("q", ["physics", "Physics grade 8", "buoyancy"])
def test_english_words_find_the_chinese_records(corpus, q):
    assert set(found(corpus, q)[:2]) == {"sc:fl-1", "cq:fl-2"}


def test_a_format_word_lifts_that_format_without_requiring_the_word(corpus):
    assert found(corpus, "浮力 教案") == ["sc:fl-1", "cq:fl-2"]
    assert found(corpus, "浮力 课件") == ["cq:fl-2", "sc:fl-1"]


def test_an_everyday_grade_spelling_finds_the_grade(corpus):
    assert set(found(corpus, "初二 物理")) == {"sc:fl-1", "cq:fl-2"}


def test_one_wrong_character_shows_the_near_resource_as_related(corpus):
    result = search(corpus.es, corpus.alias, SearchRequest(q="勾股定律"))
    assert result.total == 0 and result.hits == []
    assert [hit.doc_id for hit in result.related_hits][:1] == ["cq:gg-1"]


def test_a_query_that_finds_enough_shows_no_related_results(corpus):
    result = search(corpus.es, corpus.alias, SearchRequest(q="研学"))
    assert result.total >= 2 and result.related_hits == []


def test_nothing_near_leaves_the_page_empty(corpus):
    result = search(corpus.es, corpus.alias, SearchRequest(q="量子纠缠"))
    assert result.total == 0 and result.related_hits == []


def test_a_themes_everyday_name_finds_resources_that_use_other_words_for_it(corpus):
    # Neither tour says 党史: their theme is 红色文化, their words 红军, 纪念馆, 革命先辈.
    assert set(found(corpus, "党史教育")) == {"sc:hs-1", "cq:hs-2"}
    assert found(corpus, "重庆 党史教育")[0] == "cq:hs-2"
