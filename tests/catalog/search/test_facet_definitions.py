"""Parsed search parameters → the facet filters the query builder takes, for pages, API and bulk tagging alike."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from catalog.search.facet_definitions import FACETS, filters_from
from catalog.web.api.schemas import SearchParams, arguments_from
from catalog.web.pages.schemas import PageSearchParams


def test_ticked_values_become_filters_in_facet_order_and_other_parameters_stay_out():
    params = {
        "q": "分数",
        "subject": ["数学"],
        "province": ["cq", "sc"],
        "grade": [],
        "free": ["true"],
        "page": 2,
        "sort": "newest",
    }
    filters = filters_from(params)
    assert filters == {"province": ("cq", "sc"), "subject": ("数学",), "free": ("true",)}
    order = [facet.name for facet in FACETS]
    assert list(filters) == sorted(filters, key=order.index)


def test_the_api_and_the_pages_read_the_same_filters_from_the_same_url():
    url = MultiDict([("q", "分数"), ("tag", "精品"), ("subject", "数学"), ("type", "lesson"), ("type", "study_tour")])
    expected = {"type": ("lesson", "study_tour"), "subject": ("数学",), "tag": ("精品",)}
    assert filters_from(SearchParams().load(arguments_from(url))) == expected
    assert filters_from(PageSearchParams().load(arguments_from(url))) == expected
