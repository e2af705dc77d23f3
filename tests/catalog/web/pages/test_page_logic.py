"""Pure logic behind the pages: links between states, parameters, places, formatting."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from catalog.stores.province_storage import content_disposition
from catalog.web.i18n import local_path
from catalog.web.page_format import file_size, local_date, month_names, preview_file, tour_markers
from catalog.web.pages.schemas import PageSearchParams
from catalog.web.pages.search_links import SearchLinks, page_numbers
from catalog.web.pages.teacher_place import chosen_place, remembered_place


@pytest.fixture
def settings_free_app():
    """Just the pages' routes and languages: enough to build links and format values, no services."""
    from flask import Flask

    from catalog.web.i18n import init_i18n
    from catalog.web.pages.teacher_pages import pages

    app = Flask("catalog.web")
    init_i18n(app)
    app.register_blueprint(pages)
    return app


@pytest.fixture
def request_context(settings_free_app):
    with settings_free_app.test_request_context("/"):
        yield


@pytest.mark.parametrize(
    ("current", "last", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
    ],
)
def test_page_numbers_show_the_ends_and_a_window_around_the_current_page(current, last, shown):
    assert page_numbers(current, last) == shown


def test_links_remove_one_value_keep_the_rest_and_go_back_to_page_one(request_context):
    links = SearchLinks(
        q="分数",
        filters={"subject": ("数学", "科学"), "stage": ("小学",)},
        place={"place": "重庆市渝中区"},
        radius_km=10,
        sort="distance",
        page=3,
    )
    assert links.without("subject", "科学") == (
        "/search?q=%E5%88%86%E6%95%B0&stage=%E5%B0%8F%E5%AD%A6&subject=%E6%95%B0%E5%AD%A6"
        "&place=%E9%87%8D%E5%BA%86%E5%B8%82%E6%B8%9D%E4%B8%AD%E5%8C%BA&radius_km=10&sort=distance"
    )
    assert links.page_url(4).endswith("&sort=distance&page=4")
    assert "subject" not in links.without_filters() and "radius_km=10" in links.without_filters()
    assert "sort" not in links.sorted_by("relevance")
    assert links.active_filters == [("subject", "数学"), ("subject", "科学"), ("stage", "小学")]


def test_a_radius_without_a_place_is_left_out_of_links(request_context):
    assert "radius_km" not in SearchLinks(q="x", radius_km=10).page_url(2)


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/search?q=分数", "/search?q=分数"),
        (None, "/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("search", "/"),
    ],
)
def test_the_language_switch_only_returns_to_pages_of_this_site(target, safe):
    assert local_path(target) == safe


def load(**params):
    return PageSearchParams().load(params)


def test_page_parameters_take_a_district_as_the_place_and_ignore_blank_fields():
    loaded = load(q="研学", place="成都市武侯区", sort="distance", radius_km="", page="2")
    assert loaded["place"] == "成都市武侯区" and loaded["page"] == 2 and "radius_km" not in loaded


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"place": "火星市"}, "place"),
        ({"sort": "distance"}, "sort"),
        ({"radius_km": "10"}, "radius_km"),
        ({"page": "0"}, "page"),
        ({"page": "501"}, "page"),
    ],
)
def test_bad_page_parameters_name_their_field(params, field):
    with pytest.raises(ValidationError) as raised:
        load(**params)
    assert field in raised.value.messages


def test_a_place_is_coordinates_first_then_a_district_and_a_bad_cookie_is_no_place():
    assert chosen_place("重庆市渝中区", (30.0, 104.0)).point == (30.0, 104.0)
    assert chosen_place("重庆市渝中区").district.name == "渝中区"
    assert chosen_place() is None
    assert remembered_place("29.5,106.5").point == (29.5, 106.5)
    assert remembered_place("成都市青羊区").url_params == {"place": "成都市青羊区"}
    for cookie in ("", "abc,def", "95,200", "不存在的区"):
        assert remembered_place(cookie) is None


def test_a_place_measures_to_the_nearest_point_of_a_resource():
    place = chosen_place("成都市青羊区")
    chengdu, chongqing = (30.67, 104.06), (29.56, 106.55)
    assert place.nearest([chongqing, chengdu]) == chengdu
    assert place.distance_to([chongqing, chengdu]) < 10
    assert place.distance_to([]) is None


def test_content_disposition_keeps_chinese_names_with_an_ascii_fallback():
    value = content_disposition('分数 "课件".pdf')
    assert value == (
        "attachment; filename=\"__ ____.pdf\"; filename*=UTF-8''%E5%88%86%E6%95%B0%20%22%E8%AF%BE%E4%BB%B6%22.pdf"
    )
    assert content_disposition("a.pdf", inline=True).startswith('inline; filename="a.pdf"')


def test_the_preview_is_the_preview_file_then_the_main_file_and_never_a_word_document():
    word = {
        "name": "a.docx",
        "role": "main",
        "media_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    cover = {"name": "c.jpg", "role": "cover", "media_type": "image/jpeg"}
    pdf = {"name": "b.pdf", "role": "attachment", "media_type": "application/pdf"}
    assert preview_file([word, cover, pdf]) == pdf
    assert preview_file([word]) is None
    assert preview_file([cover, {"name": "p.png", "role": "preview", "media_type": "image/png"}])["name"] == "p.png"
    assert preview_file([{**pdf, "text_error": "not a PDF"}, cover]) == cover  # a broken file is download-only


def test_tour_markers_are_numbered_in_itinerary_order_and_skip_stops_without_a_place():
    tour = {
        "destinations": [
            {"name": "三星堆博物馆", "location": {"lat": 31.0, "lon": 104.2}},
            {"name": "无坐标"},
            {"name": "金沙遗址博物馆", "location": {"lat": 30.68, "lon": 104.01}},
        ]
    }
    assert [m["label"] for m in tour_markers(tour)] == ["1. 三星堆博物馆", "2. 金沙遗址博物馆"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", ("1.5 KB", "2025年3月1日", "4月、5月、10月")),
        ("en", ("1.5 KB", "March 1, 2025", "Apr, May, Oct")),
    ],
)
def test_sizes_dates_and_months_follow_the_language(settings_free_app, language, expected):
    with settings_free_app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
        assert (file_size(1536), local_date("2025-03-01T09:00:00+08:00"), month_names([10, 4, 5])) == expected
        assert file_size(None) == "—" and local_date("not a date") == "not a date"
