"""Bulk upload on the real stack: the template downloads, a row-by-row preview that stores no
resource, and a confirm that stores only the rows that were ready."""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from catalog.stores.models import PendingUpload, ResourceDecision, ResourceVersion
from tests.catalog.uploads.test_manifest_template import dropdown_values, filled_in
from tests.catalog.uploads.test_uploads_and_curation import bulk_zip
from tests.curation_fixtures import pdf_bytes

pytestmark = pytest.mark.stack

ROWS = [
    {"type": "lesson", "title": "认识钟表", "subjects": "数学", "stages": "小学", "grades": "一年级", "files": "a.pdf"},
    {"type": "lesson", "title": "", "subjects": "数学", "stages": "小学", "grades": "一年级", "files": "b.pdf"},
    {"type": "lesson", "title": "大学数学", "subjects": "数学", "stages": "大学", "grades": "一年级", "files": "c.pdf"},
    {
        "type": "lesson",
        "title": "位置与方向",
        "subjects": "数学",
        "stages": "小学",
        "grades": "三年级",
        "files": "d.pdf",
    },
    {"type": "lesson", "title": "缺文件", "subjects": "数学", "stages": "小学", "grades": "三年级", "files": "e.pdf"},
]


PDFS = {name: pdf_bytes(name) for name in ("a.pdf", "b.pdf", "c.pdf", "d.pdf")}


def files_zip() -> bytes:
    """The files alone: the manifest is chosen beside the ZIP."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in PDFS.items():
            archive.writestr(f"files/{name}", body)
    return out.getvalue()


def everything_stored(site) -> dict:
    """What the catalog holds: every object in both provinces' buckets, decisions, versions, uploads."""
    with site.sessions() as session:
        held = {
            "decisions": session.scalars(select(ResourceDecision.resource_id)).all(),
            "versions": session.scalars(select(ResourceVersion.resource_id)).all(),
            "uploads": session.scalars(select(PendingUpload.id)).all(),
        }
    for province, storage in site.catalog.storages.items():
        page = storage.client.list_objects_v2(Bucket=storage.province.bucket, Prefix=storage.province.prefix)
        held[province] = sorted(item["Key"] for item in page.get("Contents", []))
    return held


def live_keys(site) -> list[str]:
    return sorted(o.key for storage in site.catalog.storages.values() for o in storage.list_objects())


def test_the_templates_download_for_a_school_and_the_xlsx_carries_the_dropdowns(site):
    school = site.client("school")
    csv_file = school.get("/school/bulk/template.csv")
    assert csv_file.status_code == 200 and csv_file.mimetype == "text/csv"
    assert "attachment" in csv_file.headers["Content-Disposition"]
    assert csv_file.data.decode("utf-8-sig").splitlines()[0].startswith("type,title,")
    xlsx = school.get("/school/bulk/template.xlsx")
    assert xlsx.status_code == 200 and xlsx.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(xlsx.data))
    assert "小学" in dropdown_values(book, "stages") and "大学" not in dropdown_values(book, "stages")
    upload_page = school.get("/school/upload").get_data(as_text=True)
    assert "/school/bulk/template.xlsx" in upload_page and "/school/bulk/template.csv" in upload_page
    assert site.client("teacher").get("/school/bulk/template.xlsx").status_code == 403


def test_the_preview_shows_each_row_and_stores_nothing_then_confirm_stores_only_the_ready_rows(site):
    school = site.client("school")
    before = everything_stored(site)
    live_before = live_keys(site)
    preview = school.post(
        "/school/bulk",
        data={
            "archive": (io.BytesIO(files_zip()), "files.zip"),
            "manifest": (io.BytesIO(filled_in(ROWS)), "我校清单.xlsx"),
            "csrf_token": school.csrf,
        },
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", page, re.S)]
    rows = [cells[i : i + 5] for i in range(0, len(cells), 5)]
    assert [(row[0], row[1], row[3]) for row in rows] == [
        ("2", "认识钟表", "a.pdf"),
        ("3", "—", "b.pdf"),
        ("4", "大学数学", "c.pdf"),
        ("5", "位置与方向", "d.pdf"),
        ("6", "缺文件", "e.pdf"),
    ]
    assert rows[0][4] == rows[3][4] == "可以上传"
    assert rows[1][4].startswith("标题 (title):")
    assert "学段 (stages):" in rows[2][4] and "「大学」不是可选的学段" in rows[2][4]
    assert "e.pdf 不在压缩包中" in rows[4][4]
    # Nothing became a resource: no decision, no submitted version, nothing live, nothing indexed.
    with site.sessions() as session:
        assert session.scalars(select(ResourceDecision)).all() == []
        assert [v.state for v in session.scalars(select(ResourceVersion))] == ["draft", "draft"]
    assert live_keys(site) == live_before
    assert site.catalog.ids() == set()
    # Only the ready rows' files are kept, in the staging area, until confirmed.
    kept = [key for key in everything_stored(site)["cq"] if key not in before["cq"]]
    assert sorted(key.rsplit("/", 1)[1] for key in kept) == ["a.pdf", "d.pdf"]
    assert all("/_staging/" in key for key in kept)

    values = [html.unescape(value) for value in re.findall(r'name="row" value="([^"]*)"', page)]
    done = school.post(
        "/school/bulk/confirm", data={"row": values, "csrf_token": school.csrf}, content_type="multipart/form-data"
    )
    result = done.get_data(as_text=True)
    assert done.status_code == 207, result
    assert "创建了 2 个资源，3 行有问题。" in result
    assert result.count("未保存：") == 3  # the rows that were not ready are named as not stored
    with site.sessions() as session:
        decisions = session.scalars(select(ResourceDecision)).all()
        assert {d.review_state for d in decisions} == {"pending"}
        submitted = session.scalars(select(ResourceVersion).where(ResourceVersion.state == "submitted")).all()
        staged = {v.title: (v.resource_id, v.number, [f["name"] for f in v.document["files"]]) for v in submitted}
    assert sorted(staged) == ["位置与方向", "认识钟表"]
    for title, name in (("认识钟表", "a.pdf"), ("位置与方向", "d.pdf")):
        resource_id, number, files = staged[title]
        assert files == [name] and site.staged_names("cq", resource_id, number) == {name}
        assert resource_id in result and site.live_names("cq", resource_id) == set()
    assert live_keys(site) == live_before  # pending: nothing live until a curator approves
    again = school.post(
        "/school/bulk/confirm", data={"row": values, "csrf_token": school.csrf}, content_type="multipart/form-data"
    )
    assert "创建了 0 个资源" in again.get_data(as_text=True)  # the kept files were used up: no duplicates
    with site.sessions() as session:
        assert len(session.scalars(select(ResourceDecision)).all()) == 2


def test_the_api_dry_run_reports_every_row_and_stores_nothing_at_all(site):
    school = site.client("school")
    before = everything_stored(site)
    response = school.post(
        "/api/v1/uploads/bulk",
        data={"archive": (io.BytesIO(bulk_zip(ROWS, PDFS)), "batch.zip"), "dry_run": "true"},
        headers={"X-CSRFToken": school.csrf},
        content_type="multipart/form-data",
    )
    assert response.status_code == 207
    body = response.get_json()
    assert body["created"] == []
    assert [(r["row"], r["title"], r["files"]) for r in body["ready"]] == [
        (2, "认识钟表", ["a.pdf"]),
        (5, "位置与方向", ["d.pdf"]),
    ]
    assert [(r["row"], sorted(r["fields"])) for r in body["errors"]] == [
        (3, ["title"]),
        (4, ["stages"]),
        (6, ["files"]),
    ]
    assert everything_stored(site) == before
