"""您是不是要找 on the real node: the service, the JSON API and the results page (escaped)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import lesson

from catalog.search.query_builder import SearchRequest
from catalog.search.service import search


@pytest.fixture
def corpus(catalog):
    catalog.put("cq", lesson("gg-1", "勾股定理的证明", keywords=[], summary="用拼图验证直角三角形三边的关系。"))
    catalog.put("sc", lesson("gg-2", "《勾股定理》课件", keywords=[], summary="直角三角形。"))
    catalog.put("sc", lesson("hl-1", "滑轮", keywords=["定滑轮"], summary="认识定滑轮和动滑轮。"))
    hidden = lesson("yc-1", "勾股定里的秘密", keywords=[], summary="未发布。")
    catalog.put("cq", hidden)
    catalog.sync()
    catalog.es.update(index=catalog.alias, id="cq:yc-1", doc={"review_state": "pending"}, refresh=True)
    return catalog


def offered(catalog, q: str, **request) -> str | None:
    return search(catalog.es, catalog.alias, SearchRequest(q=q, **request)).did_you_mean


@pytest.mark.parametrize(
    ("typed", "correction"),
    [("勾股定力", "勾股定理"), ("够股定理", "勾股定理"), ("gougudinli", "勾股定理"), ("滑论", "滑轮")],
)
def test_a_mistyped_term_is_offered_from_the_catalogs_own_vocabulary(corpus, typed, correction):
    assert offered(corpus, typed) == correction


def test_nothing_is_offered_when_the_query_finds_enough_or_nothing_is_near(corpus):
    assert offered(corpus, "勾股定理") is None
    assert offered(corpus, "量子纠缠") is None


def test_a_correction_that_finds_nothing_under_the_ticks_is_not_offered(corpus):
    assert offered(corpus, "滑论", filters={"province": ("cq",)}) is None


def test_unpublished_titles_are_never_offered(corpus):
    assert offered(corpus, "勾股定里的秘蜜") != "勾股定里的秘密"


@pytest.fixture
def site(corpus, app_factory):
    return app_factory(index_alias=corpus.alias, provinces=corpus.settings.provinces).test_client()


def test_the_api_and_the_page_offer_the_correction_as_a_link(site):
    assert site.get("/api/v1/search?q=勾股定力").json["did_you_mean"] == "勾股定理"
    assert site.get("/api/v1/search?q=勾股定理").json["did_you_mean"] is None
    page = site.get("/search?q=勾股定力&sort=newest").get_data(as_text=True)
    link = re.search(r'<p class="did-you-mean">您是不是要找：<a href="([^"]*)">([^<]*)</a>', page)
    assert link and link.group(2) == "勾股定理"
    query = parse_qs(urlsplit(unescape(link.group(1))).query)
    assert query["q"] == ["勾股定理"] and query["sort"] == ["newest"]


def test_the_offered_words_are_escaped(site, corpus):
    corpus.put("cq", lesson("x-1", "<b>勾股</b>定理", keywords=[], summary="标签。"))
    corpus.sync()
    page = site.get("/search?q=<b>勾股</b>定力").get_data(as_text=True)
    assert "<b>勾股" not in page
