"""The upload form's fields for each type of resource, and the choices a school must make from the vocabularies."""

from __future__ import annotations

from catalog.resources.districts import find_district
from catalog.uploads.metadata_form import fields_from_resource, metadata_from_fields
from catalog.uploads.school_choices import choice_problems

YUBEI = find_district("重庆市渝北区")


def base_form(**changes) -> dict:
    return {
        "type": "practice_base",
        "title": "重庆科技馆",
        "categories": ["科普教育基地"],
        "address": "重庆市江北区江北城文星门街7号",
        "place": "重庆市渝北区",
        "lat": "",
        "lon": "",
        "base_capacity": "800",
        "opening_hours": "周二至周日 9:00-17:00",
        "booking_phone": "023-61863000",
        "booking_url": "https://www.cqkjg.cn",
        "activities": "机器人编程、天文观测",
        "free_for_students": "1",
        # A form without JavaScript sends the other types' fields too (empty or not).
        "edition": "人教版",
        "theme": "",
        **changes,
    }


def test_a_practice_base_from_the_form_starts_at_its_districts_seat():
    metadata = metadata_from_fields(base_form())
    assert metadata["practice_base"] == {
        "categories": ["科普教育基地"],
        "address": "重庆市江北区江北城文星门街7号",
        "location": {"lat": YUBEI.lat, "lon": YUBEI.lon},
        "capacity": 800,
        "opening_hours": "周二至周日 9:00-17:00",
        "booking": {"phone": "023-61863000", "url": "https://www.cqkjg.cn"},
        "activities": ["机器人编程", "天文观测"],
        "free_for_students": True,
    }
    assert "lesson" not in metadata and "study_tour" not in metadata


def test_a_dragged_pin_wins_over_the_district():
    metadata = metadata_from_fields(base_form(lat="29.5712", lon="106.5789"))
    assert metadata["practice_base"]["location"] == {"lat": 29.5712, "lon": 106.5789}


def test_a_study_tours_itinerary_rows_become_its_destinations():
    metadata = metadata_from_fields(
        {
            "type": "study_tour",
            "title": "三星堆与金沙：古蜀文明两日研学",
            "theme": "历史文化",
            "duration_days": "2",
            "months": ["4", "5", "10"],
            "fee_cny": "380",
            "tour_capacity": "120",
            "destination_name": ["三星堆博物馆", "金沙遗址博物馆", ""],
            "destination_place": ["德阳市广汉市", "成都市青羊区", ""],
            "destination_lat": ["30.993", "", ""],
            "destination_lon": ["104.207", "", ""],
        }
    )
    qingyang = find_district("成都市青羊区")
    assert metadata["study_tour"] == {
        "theme": "历史文化",
        "duration_days": 2,
        "capacity": 120,
        "fee_cny": 380,
        "months": [4, 5, 10],
        "destinations": [
            {"name": "三星堆博物馆", "district": "广汉市", "location": {"lat": 30.993, "lon": 104.207}},
            {"name": "金沙遗址博物馆", "district": "青羊区", "location": {"lat": qingyang.lat, "lon": qingyang.lon}},
        ],
    }


def test_editing_shows_what_is_stored_and_saving_unchanged_keeps_it():
    stored = {
        "type": "study_tour",
        "title": "红岩精神研学",
        "subjects": ["历史"],
        "stages": ["初中"],
        "grades": ["八年级"],
        "license": "CC-BY-4.0",
        "study_tour": {
            "theme": "红色文化",
            "duration_days": 1,
            "months": [3, 9],
            "destinations": [
                {"name": "红岩革命纪念馆", "district": "渝中区", "location": {"lat": 29.5611, "lon": 106.5021}},
                {"name": "外地的一站", "district": "不在列表里的县"},
            ],
            "safety_notes": "全程佩戴胸卡。",
        },
    }
    again = metadata_from_fields(fields_from_resource(stored))
    assert again == stored


def test_values_outside_the_vocabularies_are_refused_with_the_allowed_list():
    problems = choice_problems(
        {
            "type": "lesson",
            "title": "t",
            "stages": ["大学"],
            "grades": ["十三年级"],
            "subjects": ["数学课"],
            "license": "随便用",
            "lesson": {"format": "课件"},
        }
    )
    assert set(problems) == {"stages", "grades", "subjects", "license"}
    assert problems["stages"] == ["「大学」不是可选的学段；可选：学前、小学、初中、高中、中职"]
    assert "CC-BY-4.0" in problems["license"][0] and "三年级" in problems["grades"][0]


def test_an_everyday_spelling_is_refused_with_the_value_to_use():
    problems = choice_problems({"type": "lesson", "grades": ["初二"], "lesson": {"edition": "部编版"}})
    assert problems == {"grades": ["「初二」请改为「八年级」"], "lesson.edition": ["「部编版」请改为「统编版」"]}


def test_each_type_must_have_what_teachers_need_of_it():
    assert set(choice_problems({"type": "study_tour", "title": "只有标题"})) == {
        "study_tour.theme",
        "study_tour.duration_days",
        "study_tour.destinations",
    }
    base = metadata_from_fields(base_form(address="", place=""))
    assert set(choice_problems(base)) == {"practice_base.address", "practice_base.location"}
    assert choice_problems(metadata_from_fields(base_form())) == {}
