"""Collapsing versions of one title, in the request body and in reading the answer: no engine."""

from __future__ import annotations

from catalog.search.query_builder import TIEBREAKER, SearchRequest, build_search
from catalog.search.versions import (
    COLLAPSE_FIELD,
    GROUPS_AGG,
    SHOWN_VERSIONS,
    group_count,
    groups_total,
    other_versions,
)


def test_offset_pages_collapse_on_the_title_key_in_any_order():
    for request in (
        SearchRequest(q="熊猫"),
        SearchRequest(q="熊猫", sort="newest", offset=20),
        SearchRequest(near=(30.6, 104.0), sort="distance"),
    ):
        body = build_search(request)
        assert body["collapse"]["field"] == COLLAPSE_FIELD
        assert body["collapse"]["inner_hits"]["size"] == SHOWN_VERSIONS + 1
        assert body["aggs"][GROUPS_AGG]["aggs"]["count"]["cardinality"]["field"] == COLLAPSE_FIELD


def test_search_after_pages_are_not_collapsed_since_the_engine_refuses_it():
    body = build_search(SearchRequest(q="熊猫", search_after=[1.5, "les-1", "cq"]))
    assert "collapse" not in body and GROUPS_AGG not in body["aggs"]


def test_groups_are_counted_under_the_ticked_facets_like_the_hits():
    body = build_search(SearchRequest(q="熊猫", filters={"province": ("sc",)}))
    assert body["aggs"][GROUPS_AGG]["filter"] == body["post_filter"]
    assert group_count([])["filter"] == {"match_all": {}}


def test_facet_counts_still_count_every_version():
    body = build_search(SearchRequest(q="熊猫"))
    assert "collapse" not in str(body["aggs"]["province"])


def test_the_versions_are_read_without_the_hit_itself_newest_first():
    hit = {
        "_id": "sc:a",
        "inner_hits": {
            "versions": {
                "hits": {
                    "total": {"value": 9},
                    "hits": [
                        {
                            "_id": "cq:b",
                            "_source": {
                                "province": "cq",
                                "resource_id": "b",
                                "title": "熊猫",
                                "publisher": {"name": "甲"},
                            },
                        },
                        {"_id": "sc:a", "_source": {"province": "sc", "resource_id": "a", "title": "熊猫"}},
                        {
                            "_id": "sc:c",
                            "_source": {
                                "province": "sc",
                                "resource_id": "c",
                                "title": "熊猫",
                                "region": {"city": "成都市"},
                            },
                        },
                    ],
                }
            }
        },
    }
    count, versions = other_versions(hit)
    assert count == 8
    assert [v.doc_id for v in versions] == ["cq:b", "sc:c"]
    assert versions[0].publisher == "甲" and versions[1].city == "成都市"
    assert other_versions({"_id": "x"}) == (0, ())


def test_the_total_is_the_group_count_when_collapsed():
    assert groups_total({GROUPS_AGG: {"doc_count": 5, "count": {"value": 3}}}) == 3
    assert groups_total({}) is None


def test_inner_versions_are_ordered_newest_then_by_the_unique_tiebreaker():
    sort = build_search(SearchRequest(q="熊猫"))["collapse"]["inner_hits"]["sort"]
    assert sort[0] == {"published_at": {"order": "desc", "missing": "_last"}} and sort[1:] == TIEBREAKER
