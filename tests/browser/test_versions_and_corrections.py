"""In the browser: one title from two publishers shows once with 另有 N 个版本 that expands in place,
and a mistyped term gets 您是不是要找 with a link that searches the correction."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from conftest import lesson
from playwright.sync_api import expect

from tests.browser.browser_fixtures import screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def api(served, path: str) -> dict:
    with urllib.request.urlopen(served.url(path), timeout=10) as response:
        return json.load(response)


def search_url(q: str) -> str:
    return "/search?" + urllib.parse.urlencode({"q": q})


def test_a_mistyped_term_offers_did_you_mean_and_its_link_searches_it(served_catalog, page):
    # Before two_versions adds two more 钠 resources, with which the typo itself finds three.
    typed = "钠及其化合勿"
    offered = api(served_catalog, "/api/v1/search?" + urllib.parse.urlencode({"q": typed}))["did_you_mean"]
    assert offered and "钠及其化合物" in offered
    page.goto(served_catalog.url(search_url(typed)))
    line = page.locator(".did-you-mean")
    expect(line).to_contain_text("您是不是要找：")
    for path in screenshots(page, "did-you-mean"):
        assert path.stat().st_size > 10_000
    line.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/search\?q="))
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["q"] == [offered]
    expect(page.locator(".hit-title").first).to_contain_text("钠")


TITLE = "《钠及其化合物》复习课件"


@pytest.fixture(scope="module")
def two_versions(served_catalog):
    """One 课件 title from two schools in two provinces, added to the served sample corpus."""
    from indexer.commands import run_sync

    for province, school in (("cq", "重庆市第一中学校"), ("sc", "成都市第七中学")):
        resource = lesson(f"versions-{province}", TITLE, publisher={"name": school, "kind": "school"})
        resource["lesson"] = {**resource["lesson"], "format": "课件"}
        storage = served_catalog.storages[province]
        body = json.dumps(resource, ensure_ascii=False).encode()
        storage.put_bytes(storage.key_for(resource["id"], "resource.json"), body, "application/json")
    run_sync(served_catalog.es, served_catalog.settings)
    served_catalog.es.indices.refresh(index=served_catalog.settings.index_alias)
    return TITLE


def test_another_version_expands_in_place_without_leaving_the_page(served_catalog, two_versions, page):
    page.goto(served_catalog.url(search_url("钠及其化合物 复习课件")))
    titles = page.locator(".hit-title").all_inner_texts()
    assert sum(t.strip() == two_versions for t in titles) == 1
    versions = page.locator(".hit", has_text=two_versions).locator("details.versions")
    summary = versions.locator("summary")
    expect(summary).to_have_text("另有 1 个版本")
    link = versions.locator("li a").first
    expect(link).to_be_hidden()
    url = page.url
    summary.click()
    expect(link).to_be_visible()
    expect(link).to_have_text(two_versions)
    assert page.url == url
    assert serious_violations(page) == []
    for path in screenshots(page, "versions-expanded"):
        assert path.stat().st_size > 10_000
    link.click()
    page.wait_for_url(re.compile(r"/resources/(cq|sc)/versions-(cq|sc)"))
