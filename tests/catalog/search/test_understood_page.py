"""/search and /api/v1/search show what the query was read as (removable chips) and 相关结果,
over HTTP on the real stack, without a browser."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import lesson
from test_understood_search import tour


@pytest.fixture
def site(catalog, app_factory):
    catalog.put("cq", lesson("gg-1", "勾股定理的证明", keywords=[], summary="用拼图验证直角三角形三边的关系。"))
    catalog.put("sc", tour("hs-1", "红军长征一日研学", "巴中市", "巴州区"))
    catalog.put("cq", tour("hs-2", "红岩村一日研学", "重庆市", "渝中区"))
    catalog.sync()
    return app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()


def shown(response) -> str:
    """The page with highlight marks taken out, as its text reads."""
    return re.sub(r"</?mark>", "", response.get_data(as_text=True))


def chips(page: str) -> dict[str, str]:
    """Chip text → the query its link searches for."""
    found = re.findall(r'<ul class="chips understood".*?</ul>', page, re.S)
    links = re.findall(
        r'<a class="chip removable" href="([^"]*)"[^>]*>\s*(.*?)\s*<span', found[0] if found else "", re.S
    )
    return {unescape(text): parse_qs(urlsplit(unescape(href)).query).get("q", [""])[0] for href, text in links}


def test_a_province_word_is_shown_as_a_chip_that_removes_it(site):
    page = shown(site.get("/search?q=四川 红色文化&type=study_tour"))
    assert chips(page) == {"地区：四川省": "红色文化"}
    assert "红军长征一日研学" in page and "红岩村一日研学" in page
    assert page.index("红军长征一日研学") < page.index("红岩村一日研学")
    href = re.search(r'<a class="chip removable" href="([^"]*)"[^>]*>\s*地区', page).group(1)
    assert "type=study_tour" in unescape(href)  # ticks are kept when a reading is removed


def test_an_english_word_chip_names_its_chinese(site):
    page = shown(site.get("/search?q=Pythagorean theorem"))
    assert chips(page) == {"英文：pythagorean theorem → 勾股定理": ""}
    assert "勾股定理的证明" in page


def test_a_near_miss_is_listed_under_related_results(site):
    page = shown(site.get("/search?q=勾股定律"))
    assert "相关结果" in page and "没有完全匹配的资源" in page
    related = page[page.index("相关结果") :]
    assert "勾股定理的证明" in related
    assert "没有找到匹配的资源" not in page


def test_a_query_with_nothing_near_keeps_the_empty_page(site):
    page = site.get("/search?q=量子纠缠").get_data(as_text=True)
    assert "没有找到匹配的资源" in page and "相关结果" not in page


def test_the_api_reports_what_it_understood_and_related_results(site):
    answer = site.get("/api/v1/search?q=四川 红色文化").json
    assert answer["understood"] == [
        {"facet": "province", "value": "sc", "shown": "四川省", "typed": "四川", "remove_q": "红色文化"}
    ]
    assert [hit["id"] for hit in answer["hits"]] == ["sc:hs-1", "cq:hs-2"]
    near_miss = site.get("/api/v1/search?q=勾股定律").json
    assert near_miss["total"] == 0 and near_miss["hits"] == []
    assert [hit["id"] for hit in near_miss["related_results"]] == ["cq:gg-1"]


def test_the_english_page_labels_chips_in_english(site):
    site.set_cookie("lang", "en")
    page = site.get("/search?q=四川 研学").get_data(as_text=True)
    assert chips(page) == {"Region：Sichuan": "研学", "Type：Study tour": "四川"}
    assert "Related results" in site.get("/search?q=勾股定律").get_data(as_text=True)
