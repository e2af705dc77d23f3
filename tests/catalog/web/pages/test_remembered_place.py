"""A place chosen on /near is offered for sorting by distance on /search as well."""

from __future__ import annotations

import html
import re

import pytest
from conftest import example

pytestmark = pytest.mark.stack


def test_a_district_chosen_on_near_is_offered_for_distance_sort_on_search(catalog, app_factory):
    catalog.put("cq", example("practice_base"))
    catalog.sync()
    teacher = app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()
    before = teacher.get("/search?q=基地").get_data(as_text=True)
    assert "sort=distance" not in before and "选择位置后可按距离排序" in before

    assert teacher.get("/near?place=重庆市渝中区").status_code == 200
    page = teacher.get("/search?q=基地").get_data(as_text=True)
    assert "sort=distance" in page and "选择位置后可按距离排序" not in page
    link = html.unescape(re.search(r'href="([^"]*sort=distance[^"]*)"', page).group(1))
    by_distance = teacher.get(link)
    assert by_distance.status_code == 200 and "公里" in by_distance.get_data(as_text=True)


def test_a_page_past_the_last_goes_to_the_last_page_rather_than_saying_nothing_was_found(catalog, app_factory):
    catalog.put("cq", example("practice_base"))
    catalog.sync()
    teacher = app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()
    response = teacher.get("/search?q=基地&page=121")
    assert response.status_code == 303 and "page=" not in response.headers["Location"]  # page 1 is the last
    page = teacher.get(response.headers["Location"]).get_data(as_text=True)
    assert "没有找到匹配的资源" not in page
