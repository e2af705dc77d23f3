"""A version's fields as a curator reads them: blocks opened field by field, values written out."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel

from catalog.curation.version_differences import version_differences
from catalog.web.pages.review_fields import every_field, review_field_label, review_markers, review_value
from tests.catalog.curation.review_metadata import base_metadata, tour_metadata


def _context():
    app = Flask(__name__)
    Babel(app, default_locale="zh_CN")
    return app.test_request_context()


def test_a_changed_block_differs_field_by_field_not_as_a_whole_object():
    live = tour_metadata()
    proposed = tour_metadata()
    proposed["study_tour"] = {**proposed["study_tour"], "fee_cny": 420, "months": [4, 5, 10]}
    changes = {change.field: (change.before, change.after) for change in version_differences(live, proposed).fields}
    assert changes == {"study_tour.fee_cny": (380, 420), "study_tour.months": ([4, 10], [4, 5, 10])}


def test_a_new_resource_lists_each_field_of_its_block():
    fields = [change.field for change in version_differences(None, base_metadata()).fields]
    assert "practice_base.location" in fields and "practice_base.booking" in fields and "practice_base" not in fields


def test_every_field_of_a_tour_reads_as_text():
    with _context():
        shown = {review_field_label(name): review_value(name, value) for name, value in every_field(tour_metadata())}
    assert shown["费用（每生）"] == "¥380.00"
    assert shown["天数"] == "2 天"
    assert shown["安全须知"] == "全程佩戴胸卡，统一乘车。"
    assert shown["行程站点"].startswith("1. 红岩革命纪念馆（渝中区） 北纬 29.5611，东经 106.5021；2. 渣滓洞")
    assert "4月" in shown["适宜月份"] and "10月" in shown["适宜月份"]
    assert "基地信息 · address" not in shown and "地址" not in shown  # no other type's block


def test_every_field_of_a_base_including_the_ones_left_empty():
    document = base_metadata()
    del document["practice_base"]["opening_hours"]
    with _context():
        shown = {review_field_label(name): review_value(name, value) for name, value in every_field(document)}
        assert review_markers(document) == [{"lat": 30.6286, "lon": 104.0702, "label": "科技馆实践基地"}]
    assert shown["位置"] == "北纬 30.6286，东经 104.0702"
    assert shown["预约"] == "电话：028-8888 0000；网址：https://example.cn/booking"
    assert shown["开放时间"] == "—"
    assert shown["学生费用"] == "免费" and shown["活动项目"] == "机器人编程、天文观测"
