"""A query that names a curriculum unit, in the request body: recall by the unit, and a lift for its lessons."""

from __future__ import annotations

from catalog.search.query_builder import SearchRequest, build_search
from catalog.search.query_understanding import understand
from catalog.search.unit_match import UNIT_FIELD, unit_lifts, unit_recall, whole_query_keys, word_keys


def test_the_whole_query_is_read_as_a_unit_without_the_kind_words_that_only_lift():
    assert whole_query_keys(understand("第二十一章 一元二次方程")) == ["第二十一章一元二次方程"]
    assert whole_query_keys(understand("一元二次方程 课件")) == ["一元二次方程课件", "一元二次方程"]


def test_single_words_name_units_only_from_two_characters_and_only_beside_other_words():
    assert word_keys(understand("人教版 一元二次方程 圆")) == ["人教版", "一元二次方程"]
    assert word_keys(understand("一元二次方程")) == []


def test_the_unit_recalls_in_the_required_part_and_lifts_in_the_score():
    body = build_search(SearchRequest(q="一元二次方程"))
    required = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"]
    assert {"terms": {UNIT_FIELD: ["一元二次方程"], "boost": 20}} in required
    functions = body["query"]["function_score"]["functions"]
    assert unit_lifts(understand("一元二次方程"))[0] in functions


def test_a_query_without_words_names_no_unit():
    assert unit_recall(understand("")) == [] and unit_lifts(understand("  ")) == []
    body = build_search(SearchRequest(q=""))
    assert UNIT_FIELD not in str(body["query"])
