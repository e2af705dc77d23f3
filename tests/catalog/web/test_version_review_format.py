"""A version's differences read as text: values without JSON escapes, fields by their Chinese names."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel

from catalog.web.page_format import readable_value, resource_field_label


def test_values_read_as_text_not_json():
    assert readable_value("认识钟表（修订版）") == "认识钟表（修订版）"
    assert readable_value(["数学", "科学"]) == "数学、科学"
    assert readable_value({"edition": "人教版", "volume": "一年级上册"}) == "edition：人教版；volume：一年级上册"
    assert readable_value(None) == readable_value([]) == "—"
    assert readable_value(40) == "40"


def test_fields_have_their_chinese_names():
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        assert resource_field_label("subjects") == "学科"
        assert resource_field_label("practice_base") == "基地信息"
        assert resource_field_label("unknown_field") == "unknown_field"
