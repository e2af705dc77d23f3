"""A title with markup, from a feed, shows on the map as the text it is: Leaflet is never handed it
as HTML."""

from __future__ import annotations

import pytest
from conftest import example

pytestmark = [pytest.mark.stack, pytest.mark.browser]

TITLE = "<b id=injected>x</b><a href=//evil.example>y</a><img src=x id=injected-img>"


def test_a_practice_base_title_with_markup_is_text_in_its_map_popup(live_site, page):
    base = {**example("practice_base"), "id": "jd-markup", "title": TITLE}
    live_site.catalog.put("cq", base)
    live_site.catalog.sync()
    page.goto(f"{live_site.root}/resources/cq/jd-markup")
    page.locator(".leaflet-marker-icon").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.text_content() == TITLE
    assert page.locator("#injected, #injected-img, .leaflet-container a[href*='evil.example']").count() == 0
