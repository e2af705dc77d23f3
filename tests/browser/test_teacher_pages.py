"""What a teacher does in the browser: search with suggestions, facets, back, download, map, language."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from catalog.resources.districts import distance_km, find_district
from tests.browser.browser_fixtures import screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def api(served, path: str) -> dict:
    with urllib.request.urlopen(served.url(path), timeout=10) as response:
        return json.load(response)


def first_resource(served, query: dict, *extra_filters: dict) -> dict:
    hits = served.es.search(
        index=served.settings.index_alias,
        query={"bool": {"filter": [*({"term": {field: value}} for field, value in query.items()), *extra_filters]}},
        size=1,
        sort=[{"resource_id": "asc"}],
    )["hits"]["hits"]
    assert hits, f"the sample corpus has no resource with {query}"
    return hits[0]["_source"]


def shown_total(page) -> int:
    return int(re.sub(r"\D", "", page.locator("#results-heading").inner_text()))


def test_typing_sx_offers_shuxue_and_enter_runs_that_search(served_catalog, page):
    page.goto(served_catalog.url("/"))
    box = page.get_by_role("combobox")
    box.press_sequentially("sx", delay=60)
    option = page.get_by_role("option", name="数学", exact=True)
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")

    options = page.get_by_role("option").all_inner_texts()
    for _ in range(options.index(next(o for o in options if o.strip() == "数学")) + 1):
        box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")

    page.wait_for_url(re.compile(r"/search\?q=%E6%95%B0%E5%AD%A6$"))
    assert shown_total(page) == api(served_catalog, "/api/v1/search?q=%E6%95%B0%E5%AD%A6")["total"] > 0
    expect(page.locator(".hit-title mark").first).to_have_text(re.compile("数|学"))


def test_escape_closes_suggestions_and_enter_searches_what_was_typed(served_catalog, page):
    page.goto(served_catalog.url("/"))
    box = page.get_by_role("combobox")
    box.press_sequentially("sx", delay=60)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=sx$"))
    assert shown_total(page) > 0  # the pinyin initials find 数学 resources too


def facet_counts(page, facet: str) -> dict[str, int]:
    counts = {}
    for box in page.locator(f"fieldset[data-facet={facet}] li").all():
        value = box.locator("input").get_attribute("value")
        counts[value] = int(box.locator(".count").get_attribute("data-count"))
    return counts


def test_two_ticked_facets_narrow_results_counts_match_the_api_and_back_restores(served_catalog, page):
    page.goto(served_catalog.url("/search?type=lesson"))
    all_lessons = shown_total(page)

    page.locator("fieldset[data-facet=subject] input[value='数学']").check()
    page.wait_for_url(re.compile(r"subject=%E6%95%B0%E5%AD%A6"))
    maths = shown_total(page)
    assert 0 < maths < all_lessons
    stage = max(facet_counts(page, "stage").items(), key=lambda item: item[1])[0]

    page.locator(f"fieldset[data-facet=stage] input[value='{stage}']").check()
    page.wait_for_url(re.compile(r"stage="))
    narrowed = shown_total(page)
    assert 0 < narrowed <= maths

    query = urlsplit(page.url).query
    assert parse_qs(query) == {"type": ["lesson"], "subject": ["数学"], "stage": [stage]}
    from_api = api(served_catalog, f"/api/v1/search?{query}")
    assert narrowed == from_api["total"]
    for facet in ("type", "stage", "subject", "grade", "edition"):
        assert facet_counts(page, facet) == {v["value"]: v["count"] for v in from_api["facets"][facet]}, facet
    chips = page.locator(".chips .chip").all_inner_texts()
    assert any("数学" in chip for chip in chips) and any(stage in chip for chip in chips)

    page.go_back()
    page.wait_for_url(re.compile(r"subject=%E6%95%B0%E5%AD%A6$"))
    assert shown_total(page) == maths
    expect(page.locator(f"fieldset[data-facet=stage] input[value='{stage}']")).not_to_be_checked()
    expect(page.locator("fieldset[data-facet=subject] input[value='数学']")).to_be_checked()

    page.locator(".chips .chip", has_text="数学").click()  # removing a chip unticks it
    page.wait_for_url(re.compile(r"/search\?type=lesson$"))
    assert shown_total(page) == all_lessons


def test_a_lessons_download_link_returns_the_files_bytes_from_the_s3_endpoint(served_catalog, page):
    lesson = first_resource(served_catalog, {"type": "lesson", "files.role": "main"})
    main_file = next(f for f in lesson["files"] if f["role"] == "main")
    storage = served_catalog.storages[lesson["province"]]
    expected = storage.get_bytes(storage.key_for(lesson["resource_id"], main_file["name"]))

    page.goto(served_catalog.url(f"/resources/{lesson['province']}/{lesson['resource_id']}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson["title"])
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"下载 {main_file['name']}").click()
    download = download_info.value
    assert download.url.startswith(storage.province.endpoint_url + "/")
    assert "X-Amz-Signature=" in download.url and "X-Amz-Expires=300" in download.url
    assert download.suggested_filename == main_file["name"]
    assert Path(download.path()).read_bytes() == expected


def test_a_practice_base_page_shows_its_marker_and_the_distance_from_the_chosen_district(served_catalog, page):
    base = first_resource(served_catalog, {"type": "practice_base", "province": "cq"})
    page.goto(served_catalog.url(f"/resources/cq/{base['resource_id']}"))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("p.distance")).to_have_count(0)  # no place chosen yet

    page.get_by_label("选择你所在的区县，看看有多远").select_option("重庆市渝中区")
    page.get_by_role("button", name="计算距离").click()
    distance = page.locator("p.distance")
    expect(distance).to_contain_text("重庆市渝中区")
    expect(distance).to_contain_text("公里")
    yuzhong = find_district("重庆市渝中区")
    location = base["practice_base"]["location"]
    expected = distance_km((yuzhong.lat, yuzhong.lon), (location["lat"], location["lon"]))
    assert float(distance.get_attribute("data-km")) == pytest.approx(expected, abs=0.01)
    expect(page.locator(".leaflet-marker-icon")).to_have_attribute("title", base["title"])

    # The place is remembered: another base shows its distance straight away.
    other = served_catalog.es.search(
        index=served_catalog.settings.index_alias,
        size=1,
        query={
            "bool": {
                "filter": [{"term": {"type": "practice_base"}}],
                "must_not": [{"term": {"resource_id": base["resource_id"]}}],
            }
        },
    )["hits"]["hits"][0]["_source"]
    page.goto(served_catalog.url(f"/resources/{other['province']}/{other['resource_id']}"))
    expect(page.locator("p.distance")).to_contain_text("重庆市渝中区")


def test_near_me_lists_bases_and_tours_by_distance_with_markers(served_catalog, page):
    page.goto(served_catalog.url("/near"))
    page.get_by_label("你所在的区县").select_option("成都市武侯区")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"place="))
    distances = [float(re.sub(r"[^\d.]", "", t)) for t in page.locator(".hit .distance").all_inner_texts()]
    assert distances and distances == sorted(distances)
    assert page.locator(".leaflet-marker-icon").count() >= 1
    types = set(page.locator(".hit .badge").all_inner_texts())
    assert types <= {"实践基地", "研学线路"}


def test_use_my_location_lists_by_distance_from_where_the_browser_is(served_catalog, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        geolocation={"latitude": 29.5630, "longitude": 106.5516},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.goto(served_catalog.url("/near"))
        page.get_by_role("button", name="使用我的位置").click()
        page.wait_for_url(re.compile(r"/near\?near=29\.563(00)?%2C106\.5516"))
        expect(page.locator("#near-results-heading")).to_contain_text("你的位置附近")
        distances = [float(re.sub(r"[^\d.]", "", t)) for t in page.locator(".hit .distance").all_inner_texts()]
        assert distances == sorted(distances) and distances[0] < 50  # central Chongqing has bases close by
    finally:
        context.close()


def test_the_english_switch_changes_the_interface_text(served_catalog, page):
    page.goto(served_catalog.url("/search?type=lesson"))
    expect(page.locator("#facets-heading")).to_have_text("筛选")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/search\?type=lesson$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#facets-heading")).to_have_text("Filters")
    expect(page.locator("#results-heading")).to_contain_text("resources")
    expect(page.locator("fieldset[data-facet=type] legend")).to_have_text("Type")
    page.goto(served_catalog.url("/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Find")
    page.get_by_role("link", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("heading", level=1)).to_have_text("找课例、研学线路和实践基地")


def test_the_keyboard_alone_completes_a_search_and_opens_a_result(served_catalog, page):
    page.goto(served_catalog.url("/"))
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("红岩")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.hit-title') !== null"):
            break
    title = page.evaluate("document.activeElement.textContent").strip()
    assert title, "Tab never reached a result"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/resources/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_unknown_resource_is_a_404_page(served_catalog, page):
    response = page.goto(served_catalog.url("/resources/cq/no-such-thing"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("没有找到这个页面或资源")


PAGES = {
    "home": lambda s: "/",
    "results": lambda s: "/search?q=%E5%88%86%E6%95%B0&type=lesson",
    "empty-results": lambda s: "/search?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E7%A7%8D%E4%B8%9C%E8%A5%BF%E5%95%8A",
    "lesson": lambda s: resource_path(
        s, "lesson", {"term": {"files.media_type": "application/pdf"}}, {"range": {"files.size": {"gt": 2000}}}
    ),  # not a deliberately broken one
    "study-tour": lambda s: resource_path(s, "study_tour"),
    "practice-base": lambda s: (
        resource_path(s, "practice_base") + "?place=%E9%87%8D%E5%BA%86%E5%B8%82%E6%B8%9D%E4%B8%AD%E5%8C%BA"
    ),
    "near": lambda s: "/near?place=%E6%88%90%E9%83%BD%E5%B8%82%E9%9D%92%E7%BE%8A%E5%8C%BA",
}


def resource_path(served, kind: str, *extra_filters: dict) -> str:
    found = first_resource(served, {"type": kind}, *extra_filters)
    return f"/resources/{found['province']}/{found['resource_id']}"


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_serious_accessibility_violations_and_are_screenshotted(served_catalog, page, name):
    response = page.goto(served_catalog.url(PAGES[name](served_catalog)))
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert serious_violations(page) == []
    for path in screenshots(page, name):
        assert path.stat().st_size > 10_000
    page.set_viewport_size({"width": 390, "height": 844})
    assert serious_violations(page) == []  # the phone layout too
