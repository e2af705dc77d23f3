"""您是不是要找 without an engine: which words may be corrected, the candidate query, the nearest term."""

from __future__ import annotations

import pytest

from catalog.indexing.vocabulary_terms import term_pinyin, vocabulary_pinyin, vocabulary_terms
from catalog.search.did_you_mean import (
    allowed_edits,
    build_correction_search,
    correctable_words,
    corrected_query,
    edit_distance,
)
from catalog.search.query_builder import SearchRequest
from catalog.search.query_understanding import understand


def found(*vocabularies: list[str]) -> list[dict]:
    return [{"_id": str(i), "_source": {"vocabulary": v}} for i, v in enumerate(vocabularies)]


HITS = found(["勾股定理", "证明", "勾股定理的证明"], ["勾股定理", "课件"], ["滑轮", "简单机械"], ["分式", "分数"])


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("勾股定力", "勾股定理"),  # one wrong character in a four-character term
        ("够股定理 课件", "勾股定理 课件"),  # a homophone from an input method; the kind word is kept
        ("gougudinli", "勾股定理"),  # mistyped pinyin, shown as its Chinese
        ("勾股定理的证名", "勾股定理的证明"),
        ("人教版 简单机戒 -杠杆", "人教版 简单机械 -杠杆"),
        ("滑论", "滑轮"),  # two characters: only the same sound
    ],
)
def test_the_nearest_vocabulary_term_replaces_the_mistyped_word(typed, offered):
    assert corrected_query(understand(typed), HITS) == offered


@pytest.mark.parametrize("typed", ["量子纠缠", "分母", "勾股定理"])
def test_nothing_is_offered_for_words_far_from_every_term_or_already_a_term(typed):
    assert corrected_query(understand(typed), HITS) is None


def test_words_the_vocabularies_read_are_not_corrected():
    assert correctable_words(understand("四川 红色文化 课件")) == []
    assert build_correction_search(SearchRequest(q="四川 红色文化")) is None
    assert correctable_words(understand("勾股定力 初二 a 数")) == ["勾股定力"]


def test_the_candidate_search_is_fuzzy_on_terms_and_pinyin_within_the_visible_resources():
    body = build_correction_search(SearchRequest(q="勾股定力", filters={"province": ("cq",)}))
    clauses = body["query"]["bool"]["should"]
    assert {"fuzzy": {"vocabulary": {"value": "勾股定力", "fuzziness": 1, "prefix_length": 0}}} in clauses
    assert {"fuzzy": {"vocabulary_pinyin": {"value": "gougudingli", "fuzziness": 1, "prefix_length": 1}}} in clauses
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"review_state": "published"}} in filters and {"terms": {"province": ["cq"]}} in filters


def test_edit_distance_counts_characters_and_allowed_edits_grow_with_length():
    assert edit_distance("勾股定力", "勾股定理") == 1 and edit_distance("", "ab") == 2
    assert [allowed_edits(w) for w in ("分数", "定理的", "勾股定理的证明")] == [0, 1, 2]


def test_a_resources_vocabulary_holds_title_words_short_titles_book_titles_keywords_and_its_unit():
    terms = vocabulary_terms("人教版数学《解一元二次方程》习题", ["配方法"], "第二十一章 一元二次方程")
    assert {"人教版", "数学", "解一元二次方程", "习题", "配方法", "一元二次方程"} <= set(terms)
    assert "的" not in vocabulary_terms("勾股定理的证明", [])
    assert "勾股定理的证明" in vocabulary_terms("勾股定理的證明", [])
    assert term_pinyin("勾股定理") == "gougudingli" and vocabulary_pinyin(["滑轮", "unit"]) == ["hualun"]
