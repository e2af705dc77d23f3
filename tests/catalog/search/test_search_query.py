"""The request body: structure only, no engine (the engine's answers are in test_search_service)."""

from __future__ import annotations

import json

import pytest

from catalog.search.facet_definitions import FACETS, FACETS_BY_NAME
from catalog.search.query_builder import (
    MARK_END,
    MARK_START,
    TIEBREAKER,
    InvalidSearch,
    SearchRequest,
    build_search,
    distance_position,
    query_words,
    search_after_problem,
)
from catalog.search.versions import GROUPS_AGG


def walk(node):
    """Every (key, value) pair anywhere in a nested body."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def keys(body) -> set[str]:
    return {key for key, _ in walk(body)}


def test_selections_go_to_post_filter_or_within_and_across():
    body = build_search(SearchRequest(q="分数", filters={"grade": ("三年级", "四年级"), "subject": ("数学",)}))
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"grades": ["三年级", "四年级"]}}, {"terms": {"subjects": ["数学"]}}]}
    }
    # Selections never narrow the query itself, or the facet counts would be wrong.
    assert "三年级" not in json.dumps(body["query"], ensure_ascii=False)


def test_each_facet_aggregation_holds_every_other_selection_but_its_own():
    request = SearchRequest(filters={"grade": ("三年级", "四年级"), "subject": ("数学",), "province": ("cq",)})
    aggs = build_search(request)["aggs"]
    assert set(aggs) == {facet.name for facet in FACETS} | {GROUPS_AGG}  # and the count of collapsed groups
    grade_filters = aggs["grade"]["filter"]["bool"]["filter"]
    assert {"terms": {"subjects": ["数学"]}} in grade_filters and {"terms": {"province": ["cq"]}} in grade_filters
    assert all("grades" not in clause["terms"] for clause in grade_filters)
    assert len(aggs["type"]["filter"]["bool"]["filter"]) == 3
    assert aggs["grade"]["aggs"]["values"]["terms"] == {"field": "grades", "size": FACETS_BY_NAME["grade"].size}
    assert aggs["grade"]["aggs"]["selected"]["terms"]["include"] == ["三年级", "四年级"]


def test_without_selections_there_is_no_post_filter():
    body = build_search(SearchRequest(q="分数"))
    assert "post_filter" not in body
    assert aggs_filter(body, "subject") == {"match_all": {}}


def aggs_filter(body, name):
    return body["aggs"][name]["filter"]


@pytest.mark.parametrize("hostile", ['a" OR title:*', "title:(x OR y) AND _exists_:featured", "*:* -", '\\" {{}}'])
def test_user_text_never_reaches_query_string_syntax(hostile):
    body = build_search(SearchRequest(q=hostile))
    assert not {"query_string", "simple_query_string", "script", "script_score"} & keys(body)


def inner_query(request: SearchRequest) -> dict:
    return build_search(request)["query"]["function_score"]["query"]["bool"]


def test_published_only_unless_asked():
    assert {"term": {"review_state": "published"}} in inner_query(SearchRequest(q="x"))["filter"]
    assert {"term": {"review_state": "published"}} not in inner_query(SearchRequest(q="x", include_unpublished=True))[
        "filter"
    ]


def test_phrases_are_required_and_exclusions_are_must_not():
    inner = inner_query(SearchRequest(q='分数 "几分之一" -视频'))
    phrase = {"multi_match": {"query": "几分之一", "fields": ["title", "summary", "files.text"], "type": "phrase"}}
    assert phrase in inner["must"]
    (excluded,) = inner["must_not"]
    assert excluded["multi_match"]["query"] == "视频" and "files.text" in excluded["multi_match"]["fields"]


def test_words_use_segmented_bigram_exact_and_pinyin_fields():
    body = json.dumps(build_search(SearchRequest(q="分数的初步认识")), ensure_ascii=False)
    for field in (
        "title_seg^6",
        "keywords_seg^3",
        "summary_seg^2",
        "file_text_seg^1",
        "title.bigram^3",
        "title.exact",
        "pinyin",
        "match_phrase",
    ):
        assert field in body
    assert query_words("分数的初步认识") == ["分数", "初步", "认识"]  # stop words need not match
    assert query_words("中华人民共和国") == ["中华人民共和国"]


def test_featured_gets_a_bounded_lift():
    functions = build_search(SearchRequest(q="x"))["query"]["function_score"]["functions"]
    assert {"filter": {"term": {"featured": True}}, "weight": 0.3} in functions


@pytest.mark.parametrize(
    ("sort", "near", "values"),
    [
        ("relevance", False, [1.5, "les-a", "cq"]),
        ("relevance", True, [1.5, "Infinity", "les-a", "cq"]),  # a resource without a place
        ("newest", False, [1704038400000, "les-a", "cq"]),
        ("newest", False, [-(2**63), "les-a", "cq"]),  # no date: the engine's smallest long
        ("newest", True, [1704038400000, 12.5, "les-a", "cq"]),
        ("distance", True, [0, "les-a", "cq"]),
    ],
)
def test_the_sort_values_of_a_hit_are_a_page_key(sort, near, values):
    assert search_after_problem(values, sort, near) is None


@pytest.mark.parametrize(
    ("sort", "near", "values"),
    [
        ("relevance", False, ["x"]),  # too few
        ("relevance", False, [1.5, "les-a", "cq", "more"]),  # too many
        ("relevance", True, [1.5, "les-a", "cq"]),  # the distance is missing
        ("relevance", False, ["a", "b", "c"]),  # a word for the score
        ("relevance", False, [True, "les-a", "cq"]),  # a boolean is no number
        ("relevance", False, [float("nan"), "les-a", "cq"]),
        ("newest", False, [1.5, "les-a", "cq"]),  # a date is whole milliseconds
        ("newest", False, [2**64, "les-a", "cq"]),  # past a long
        ("distance", True, [-1, "les-a", "cq"]),
        ("distance", True, ["Infinite", "les-a", "cq"]),
        ("relevance", False, [1.5, "", "cq"]),
        ("relevance", False, [1.5, "x" * 65, "cq"]),
        ("relevance", False, [1.5, "les-a", 7]),
    ],
)
def test_values_no_hit_could_have_are_refused_before_the_engine_sees_them(sort, near, values):
    assert search_after_problem(values, sort, near)
    with pytest.raises(InvalidSearch) as error:
        SearchRequest(sort=sort, near=(29.5, 106.5) if near else None, search_after=values)
    assert error.value.field == "after"


def test_sort_ends_with_the_tiebreaker_and_search_after_is_passed():
    for sort, primary in (("relevance", 1.5), ("newest", 1704038400000)):
        body = build_search(SearchRequest(q="x", sort=sort, search_after=[primary, "a", "cq"]))
        assert body["sort"][-2:] == TIEBREAKER
        assert body["search_after"] == [primary, "a", "cq"]
        assert body["track_total_hits"] is True


def test_near_filters_by_radius_and_sorts_by_distance_in_km():
    request = SearchRequest(near=(29.56, 106.57), radius_km=30, sort="distance")
    body = build_search(request)
    inner = body["query"]["function_score"]["query"]["bool"]
    assert {"geo_distance": {"distance": "30km", "locations": {"lat": 29.56, "lon": 106.57}}} in inner["filter"]
    geo = body["sort"][0]["_geo_distance"]
    assert (geo["unit"], geo["mode"], geo["order"]) == ("km", "min", "asc")
    assert distance_position(request) == 0
    # With a place but another order, the distance still rides along as the second sort value.
    assert "_geo_distance" in build_search(SearchRequest(q="x", near=(29.5, 106.5)))["sort"][1]
    assert distance_position(SearchRequest(q="x", near=(29.5, 106.5))) == 1


def test_highlights_use_sentinels_not_html():
    marks = build_search(SearchRequest(q="分数"))["highlight"]
    assert marks["pre_tags"] == [MARK_START] and marks["post_tags"] == [MARK_END]
    assert set(marks["fields"]) == {"title", "summary", "files.text"}


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"size": 51}, "size"),
        ({"size": 0}, "size"),
        ({"sort": "random"}, "sort"),
        ({"sort": "distance"}, "sort"),
        ({"radius_km": 5}, "radius_km"),
        ({"near": (91, 0)}, "near"),
        ({"filters": {"colour": ("red",)}}, "colour"),
    ],
)
def test_bad_requests_name_the_field(changes, field):
    with pytest.raises(InvalidSearch) as raised:
        SearchRequest(**changes)
    assert raised.value.field == field


def test_empty_query_still_scores_everything_visible():
    assert inner_query(SearchRequest())["must"] == [{"match_all": {}}]
    assert "highlight" not in build_search(SearchRequest())
