"""The maps' district outlines say their names in the interface's language."""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import example

pytestmark = pytest.mark.stack


def place_names(page: str) -> dict:
    found = re.search(r"data-place-names='([^']*)'", page)
    return json.loads(html.unescape(found.group(1))) if found else {}


def test_the_english_map_names_its_districts_in_english_and_the_chinese_one_leaves_them(catalog, app_factory):
    catalog.put("cq", example("practice_base"))
    catalog.sync()
    teacher = app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()
    chinese = teacher.get("/near?place=重庆市渝中区").get_data(as_text=True)
    assert 'class="map"' in chinese and place_names(chinese) == {}
    teacher.set_cookie("lang", "en")
    english = teacher.get("/near?place=重庆市渝中区").get_data(as_text=True)
    names = place_names(english)
    assert names["渝中区"] == "Yuzhong District" and names["成都市"] == "Chengdu"
