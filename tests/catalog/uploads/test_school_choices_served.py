"""What a school sends is held to the vocabularies and to what its type needs, over the API and the form."""

from __future__ import annotations

import io

import pytest

from catalog.resources.districts import find_district
from catalog.stores.models import ResourceVersion
from tests.curation_fixtures import lesson_metadata, pdf_bytes

pytestmark = pytest.mark.stack


def test_the_api_refuses_values_outside_the_vocabularies_naming_each_field(site):
    school = site.client("school")
    metadata = lesson_metadata(stages=["大学"], grades=["十三年级"], subjects=["数学课"], license="随便用")
    response = site.upload(school, metadata)
    assert response.status_code == 400
    fields = response.get_json()["error"]["fields"]
    assert set(fields) >= {"stages", "grades", "subjects", "license"}
    assert "可选：学前、小学、初中、高中、中职" in " ".join(fields["stages"])
    assert site.upload(school, lesson_metadata(grades=["初二"])).get_json()["error"]["fields"]["grades"] == [
        "「初二」请改为「八年级」"
    ]
    assert site.upload(school, lesson_metadata(grades=["八年级"], stages=["初中"])).status_code == 201


def test_a_practice_base_from_the_upload_form_is_staged_at_its_districts_seat(site):
    school = site.client("school")
    form = {
        "csrf_token": school.csrf,
        "type": "practice_base",
        "title": "渝北区青少年科技实践基地",
        "categories": ["科普教育基地", "综合实践教育基地"],
        "address": "重庆市渝北区双龙大道 1 号",
        "place": "重庆市渝北区",
        "edition": "人教版",  # a lesson's field, sent by a form without JavaScript: left out
        "files": [(io.BytesIO(pdf_bytes("基地")), "基地介绍.pdf")],
    }
    response = school.post("/school/upload", data=form, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    with site.sessions() as session:
        (version,) = session.query(ResourceVersion).filter_by(province="cq").all()
        resource = version.document
    yubei = find_district("重庆市渝北区")
    assert resource["practice_base"]["location"] == {"lat": yubei.lat, "lon": yubei.lon}
    assert resource["practice_base"]["categories"] == ["科普教育基地", "综合实践教育基地"]
    assert "lesson" not in resource


def test_a_study_tour_with_only_a_title_is_refused_in_chinese_and_keeps_what_was_typed(site):
    school = site.client("school")
    form = {
        "csrf_token": school.csrf,
        "type": "study_tour",
        "title": "只有标题的研学",
        "files": [(io.BytesIO(pdf_bytes("行程")), "行程.pdf")],
    }
    response = school.post("/school/upload", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for reason in ("请选择研学主题", "请填写天数", "请至少填写一个研学地点"):
        assert reason in page
    assert 'value="只有标题的研学"' in page


def test_a_refused_form_keeps_the_files_it_received_and_the_next_submit_uses_them(site):
    import re

    school = site.client("school")
    form = {
        "csrf_token": school.csrf,
        "type": "study_tour",
        "title": "红岩精神一日研学",
        "files": [(io.BytesIO(pdf_bytes("行程单")), "行程单.pdf")],
    }
    refused = school.post("/school/upload", data=form, content_type="multipart/form-data")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "行程单.pdf" in page and "无需重新选择" in page
    (token,) = re.findall(r'name="large" value="([^"]+)"', page)

    again = {
        "csrf_token": school.csrf,
        "type": "study_tour",
        "title": "红岩精神一日研学",
        "theme": "红色文化",
        "duration_days": "1",
        "destination_name": ["红岩革命纪念馆"],
        "destination_place": ["重庆市渝中区"],
        "large": [token],
    }
    response = school.post("/school/upload", data=again, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    with site.sessions() as session:
        (version,) = session.query(ResourceVersion).filter_by(province="cq", state="submitted").all()
        resource_id, document = version.resource_id, version.document
    assert [f["name"] for f in document["files"]] == ["行程单.pdf"]
    assert site.staged_names("cq", resource_id, 1) == {"行程单.pdf"}
    # The token is used up: it cannot be sent again.
    third = school.post("/school/upload", data=again, content_type="multipart/form-data")
    assert third.status_code == 400
