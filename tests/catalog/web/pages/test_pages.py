"""The teachers' pages over HTTP on the real stack: what they show, refuse and link to."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import unquote

import pytest
from conftest import example, lesson

pytestmark = pytest.mark.stack

PDF = b"%PDF-1.4\n% a small test file\n"


@pytest.fixture
def site(catalog, app_factory):
    catalog.put(
        "cq",
        {
            **lesson("les-fenshu", "分数的初步认识"),
            "files": [{"name": "分数 课件.pdf", "role": "main", "media_type": "application/pdf"}],
        },
        files={"分数 课件.pdf": PDF, "secret.txt": b"not listed"},
    )
    catalog.put("cq", lesson("les-xss", "<script>alert(1)</script>分数练习"))
    catalog.put("cq", example("practice_base"))
    catalog.sync()
    return app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_is_chinese_and_lists_the_newest_resources(site):
    page = text(site.get("/"))
    assert '<html lang="zh-CN">' in page
    assert "分数的初步认识" in page and "最新资源" in page
    assert 'role="combobox"' in page and 'aria-controls="q-suggestions"' in page


def test_results_mark_the_query_and_escape_resource_text(site):
    response = site.get("/search?q=分数")
    page = text(response)
    assert response.status_code == 200
    assert "<mark>分数</mark>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    ("query", "label", "field"),
    [
        ("sort=distance", "排序", "sort"),
        ("place=火星市", "区县", "place"),
        ("page=0", "页码", "page"),
        ("radius_km=10", "范围", "radius_km"),
        ("near=abc", "位置", "near"),
    ],
)
def test_bad_search_parameters_are_named_on_the_page(site, query, label, field):
    response = site.get(f"/search?{query}")
    page = text(response)
    assert response.status_code == 400
    assert re.search(rf'role="alert".*<strong>{label}</strong> \({field}\)', page, re.S)


def test_a_file_link_redirects_to_a_short_lived_presigned_url_that_serves_the_bytes(site, catalog):
    response = site.get("/resources/cq/les-fenshu/files/分数 课件.pdf")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(catalog.storages["cq"].province.endpoint_url + "/")
    assert "X-Amz-Expires=300" in location and response.headers["Cache-Control"] == "no-store"
    with urllib.request.urlopen(location, timeout=10) as stored:
        assert stored.read() == PDF
        assert "filename*=UTF-8''%E5%88%86%E6%95%B0%20%E8%AF%BE%E4%BB%B6.pdf" in stored.headers["Content-Disposition"]
    inline = site.get("/resources/cq/les-fenshu/files/分数 课件.pdf?view=inline").headers["Location"]
    assert "inline" in unquote(inline)


@pytest.mark.parametrize("name", ["secret.txt", "resource.json", "..%2Fles-xss%2Fresource.json"])
def test_only_files_the_resource_lists_can_be_signed(site, name):
    assert site.get(f"/resources/cq/les-fenshu/files/{name}").status_code == 404


def test_a_practice_base_page_shows_the_distance_from_a_chosen_district_and_remembers_it(site):
    page = text(site.get("/resources/cq/jd-cqkjg?place=重庆市渝中区"))
    assert re.search(r'class="distance" data-km="2\.\d+"', page)  # 渝中区 seat to 江北城: about 2 km
    assert "data-markers='[{" in page
    remembered = text(site.get("/resources/cq/jd-cqkjg"))
    assert "距离 重庆市渝中区 约" in remembered


def test_unknown_resources_and_malformed_ids_are_404_pages(site):
    for path in ("/resources/cq/no-such-lesson", "/resources/CQ!/x", "/resources/cq/les-fenshu/files/none.pdf"):
        response = site.get(path)
        assert response.status_code == 404
        assert "没有找到这个页面或资源" in text(response)
    api = site.get("/api/v1/no-such-endpoint")
    assert api.status_code == 404 and api.is_json


def test_the_language_switch_sets_english_and_never_redirects_off_site(site):
    response = site.get("/language/en?next=/search?q=分数")
    assert response.status_code == 303 and unquote(response.headers["Location"]) == "/search?q=分数"
    assert "lang=en" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    page = text(site.get("/search?q=分数"))
    assert '<html lang="en">' in page and "Filters" in page and re.search(r"\d+ resources? found", page)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert site.get(f"/language/zh?next={target}").headers["Location"] == "/"


def test_english_pages_format_dates_and_numbers_for_english(site):
    site.get("/language/en")
    page = text(site.get("/resources/cq/jd-cqkjg"))
    assert "published June 1, 2023" in page and "3,000" in page
    site.get("/language/zh")
    assert "发布于 2023年6月1日" in text(site.get("/resources/cq/jd-cqkjg"))


def test_elasticsearch_down_shows_a_friendly_503_page(app_factory):
    client = app_factory(es_url="http://127.0.0.1:9", es_timeout=2).test_client()
    for path in ("/", "/search?q=数学", "/resources/cq/les-1", "/near?place=重庆市渝中区"):
        response = client.get(path)
        assert response.status_code == 503, path
        page = text(response)
        assert "搜索服务暂时不可用" in page and "Traceback" not in page and "9200" not in page
