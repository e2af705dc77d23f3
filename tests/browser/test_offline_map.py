"""Maps without a tile server: district outlines the app serves itself, clustered pins, the view fitted."""

from __future__ import annotations

import json
import re
import urllib.request
from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import SCREENSHOTS, WIDTHS, screenshots, serious_violations
from tests.browser.test_upload_and_review import signed_in

pytestmark = [pytest.mark.stack, pytest.mark.browser]

OUTLINES = ("chongqing.json", "sichuan.json")
DISTRICT_LABEL = re.compile(r"^\S+(市|州) \S+(区|县|市)$")


def served_districts(served) -> int:
    total = 0
    for name in OUTLINES:
        with urllib.request.urlopen(served.url(f"/static/vendor/district-outlines/{name}"), timeout=10) as response:
            assert response.headers["Content-Type"].startswith("application/json")
            total += len(json.load(response)["features"])
    return total


def test_near_without_tiles_draws_every_district_and_clusters_pins_that_share_a_place(served_catalog, page):
    assert served_catalog.settings.map_tile_url == ""
    page.goto(served_catalog.url("/near?place=重庆市渝中区"))
    the_map = page.get_by_role("region", name="附近资源地图")
    markers = [m for m in json.loads(the_map.get_attribute("data-markers")) if not m.get("origin")]
    shared = Counter((round(m["lat"], 4), round(m["lon"], 4)) for m in markers).most_common(1)[0][1]
    assert shared >= 2, "the sample corpus should put two results on one place"

    # 38 districts of 重庆 and 183 of Sichuan's cities, each one SVG path; no tile requested.
    expect(the_map.locator(".leaflet-overlay-pane path")).to_have_count(served_districts(served_catalog))
    expect(the_map.locator(".leaflet-tile")).to_have_count(0)

    # Pins on one place become one numbered cluster; every pin is in the fitted view.
    cluster = the_map.locator(".marker-cluster").first
    expect(cluster).to_be_visible()
    assert int(cluster.inner_text()) >= 2
    box = the_map.bounding_box()
    for icon in the_map.locator(".leaflet-marker-icon").all():
        pin = icon.bounding_box()
        assert box["x"] <= pin["x"] + pin["width"] / 2 <= box["x"] + box["width"]
        assert box["y"] <= pin["y"] + pin["height"] <= box["y"] + box["height"]

    # Hovering a district beside the cluster (at a district seat) names it.
    spot = cluster.bounding_box()
    page.mouse.move(spot["x"] - 12, spot["y"] + spot["height"] / 2)
    expect(the_map.locator(".leaflet-tooltip")).to_have_text(DISTRICT_LABEL)

    assert serious_violations(page) == []
    page.set_viewport_size(WIDTHS["phone"])
    assert serious_violations(page) == []
    page.set_viewport_size(WIDTHS["desktop"])
    screenshots(page, "offline-map-near")

    # A cluster opens into its pins.
    singles = the_map.locator(".leaflet-marker-icon:not(.marker-cluster)")
    before = singles.count()
    cluster.click()
    expect(singles).not_to_have_count(before)
    page.screenshot(path=str(SCREENSHOTS / "offline-map-near-opened-desktop.png"))


def test_the_upload_forms_location_picker_uses_the_same_outlines(served_catalog, browser):
    context, page = signed_in(browser, served_catalog, "school")
    page.goto(served_catalog.url("/school/upload"))
    page.get_by_label("资源类型").select_option("practice_base")
    picker = page.locator(".location-map")
    expect(picker.locator(".leaflet-overlay-pane path")).to_have_count(served_districts(served_catalog))
    expect(picker.locator(".leaflet-tile")).to_have_count(0)

    # A click on a district still places the pin there.
    picker.scroll_into_view_if_needed()
    box = picker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(picker.locator(".leaflet-marker-icon")).to_be_visible()
    assert float(page.locator("#field-lat").input_value()) == pytest.approx(30.2, abs=1)
    assert serious_violations(page) == []
    page.mouse.move(0, 0)  # no district tooltip over the pin
    screenshots(page, "offline-map-upload-picker")
    context.close()
