"""The review page shows every field of a version, every file with a preview, and the changes field by field."""

from __future__ import annotations

import io
import json
import re
from html import unescape

import docx

from tests.catalog.curation.review_metadata import base_metadata, tour_metadata
from tests.curation_fixtures import lesson_metadata, pdf_bytes


def _shown(html: str) -> dict[str, str]:
    """The review page's fields: data-field → the text of its value."""
    pairs = re.findall(r'<div data-field="([^"]+)"><dt>[^<]*</dt><dd>([^<]*)</dd></div>', html)
    return dict(pairs)


def _diff(html: str) -> dict[str, tuple[str, str]]:
    rows = re.findall(
        r'<tr data-field="([^"]+)"><th scope="row">[^<]*</th>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>', html
    )
    return {field: (before, after) for field, before, after in rows}


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_study_tour_is_reviewed_with_its_stops_months_fee_and_safety_notes(site):
    school, curator = site.client("school"), site.client("curator")
    files = {"行程单.pdf": pdf_bytes("行程单"), "报名表.docx": _docx("报名表")}
    uploaded = site.upload(school, tour_metadata(), files)
    assert uploaded.status_code == 201, uploaded.get_json()
    resource_id = uploaded.get_json()["resource_id"]
    html = curator.get(f"/curation/resources/cq/{resource_id}").get_data(as_text=True)
    shown = _shown(html)
    assert shown["study_tour.theme"] == "红色文化"
    assert shown["study_tour.duration_days"] == "2 天"
    assert shown["study_tour.destinations"].startswith("1. 红岩革命纪念馆（渝中区）")
    assert "2. 渣滓洞（沙坪坝区）" in shown["study_tour.destinations"]
    assert shown["study_tour.fee_cny"] == "¥380.00" and "10月" in shown["study_tour.months"]
    assert shown["study_tour.safety_notes"] == "全程佩戴胸卡，统一乘车。"
    assert shown["license"] == "CC-BY-4.0" and shown["grades"] == "八年级"
    markers = json.loads(unescape(re.search(r"data-markers='([^']*)'", html).group(1)))
    assert [marker["label"] for marker in markers] == ["1. 红岩革命纪念馆", "2. 渣滓洞"]  # the stops on a map
    for name in files:  # every file, each downloadable; the PDF also previewed
        assert f'data-file="{name}"' in html
    pdf_row = html.split('data-file="行程单.pdf"', 1)[1].split("</tr>", 1)[0]
    assert "view=inline" in pdf_row and "预览" in pdf_row
    docx_row = html.split('data-file="报名表.docx"', 1)[1].split("</tr>", 1)[0]
    assert "下载" in docx_row and "预览" not in docx_row  # a Word file is offered for download only


def test_a_practice_base_shows_its_address_location_hours_booking_and_an_edit_reads_field_by_field(site):
    school, curator = site.client("other_school"), site.client("curator")
    uploaded = site.upload(school, base_metadata())
    assert uploaded.status_code == 201, uploaded.get_json()
    resource_id = uploaded.get_json()["resource_id"]
    shown = _shown(curator.get(f"/curation/resources/sc/{resource_id}").get_data(as_text=True))
    assert shown["practice_base.address"] == "成都市武侯区人民南路四段 9 号"
    assert shown["practice_base.location"] == "北纬 30.6286，东经 104.0702"
    assert shown["practice_base.opening_hours"] == "周二至周日 9:00-17:00"
    assert shown["practice_base.booking"] == "电话：028-8888 0000；网址：https://example.cn/booking"
    assert shown["practice_base.categories"] == "科普教育基地"
    assert shown["practice_base.activities"] == "机器人编程、天文观测"

    assert site.approve(curator, "sc", resource_id).status_code == 200
    revised = base_metadata()
    revised["practice_base"] = {**revised["practice_base"], "opening_hours": "周三至周日 9:30-17:00", "capacity": 900}
    edited = school.put(
        f"/api/v1/uploads/sc/{resource_id}",
        json={"metadata": revised, "version": site.version("sc", resource_id)},
        headers={"X-CSRFToken": school.csrf},
    )
    assert edited.status_code == 200, edited.get_json()
    html = curator.get(f"/curation/resources/sc/{resource_id}").get_data(as_text=True)
    assert _diff(html) == {
        "practice_base.capacity": ("800", "900"),
        "practice_base.opening_hours": ("周二至周日 9:00-17:00", "周三至周日 9:30-17:00"),
    }
    assert "{" not in html.split('class="files version-diff"', 1)[1].split("</table>", 1)[0]


def test_a_lesson_shows_edition_volume_and_unit(site):
    school, curator = site.client("school"), site.client("curator")
    metadata = lesson_metadata(lesson={"edition": "人教版", "volume": "三年级上册", "unit": "第八单元 分数的初步认识"})
    resource_id = site.upload(school, metadata).get_json()["resource_id"]
    shown = _shown(curator.get(f"/curation/resources/cq/{resource_id}").get_data(as_text=True))
    assert (shown["lesson.edition"], shown["lesson.volume"], shown["lesson.unit"]) == (
        "人教版",
        "三年级上册",
        "第八单元 分数的初步认识",
    )
    assert shown["lesson.format"] == "—"  # a field left empty is shown as empty, not hidden
