"""The audit log as a curator reads it: names, titles, Beijing time, changes field by field,
filters, pages and a CSV export; and only for those who may read it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from catalog.curation.audit_log import Change, beijing, changes_between


def test_changes_are_the_fields_that_differ():
    before = {"review_state": "pending", "tags": [], "version": 1}
    after = {"review_state": "published", "tags": [], "version": 2, "resource_version": 1}
    assert changes_between(before, after) == [
        Change("resource_version", None, 1),
        Change("review_state", "pending", "published"),
        Change("version", 1, 2),
    ]
    assert changes_between(None, None) == []


def test_stored_utc_reads_as_beijing_time():
    assert beijing(datetime(2026, 12, 1, 23, 30)).strftime("%Y-%m-%d %H:%M") == "2026-12-02 07:30"
    assert beijing(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)).hour == 7


def test_a_curator_reads_filters_pages_and_exports_the_log(site):
    school, curator = site.client("school"), site.client("curator")
    resource_id = site.upload(school).get_json()["resource_id"]
    site.approve(curator, "cq", resource_id)

    page = curator.get("/curation/audit").get_data(as_text=True)
    assert "分数的初步认识（校本课例）" in page  # the resource by its title, linked to its review
    assert f"/curation/resources/cq/{resource_id}" in page
    assert "测试school &lt;school@example.cn&gt;" in page and "发布版本" in page
    assert "\\u" not in page and "待审核 → 已发布" in page

    only_publish = curator.get("/curation/audit?action=publish").get_data(as_text=True)
    assert "发布版本" in only_publish and "<td>上传</td>" not in only_publish
    nobody = curator.get("/curation/audit?actor=nobody@example.cn").get_data(as_text=True)
    assert "没有符合条件的记录" in nobody

    exported = curator.get("/curation/audit.csv?resource_id=" + resource_id)
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["action"] for row in rows] == ["publish", "approve", "upload"]
    assert rows[0]["title"] == "分数的初步认识（校本课例）"


def test_a_bad_date_is_named_and_a_teacher_may_not_read_the_log(site):
    curator = site.client("curator")
    bad = curator.get("/curation/audit?since=2026-13-40")
    assert bad.status_code == 400 and "since" in bad.get_data(as_text=True)
    backwards = curator.get("/curation/audit?since=2026-12-02&until=2026-12-01")
    assert backwards.status_code == 400 and "结束日期早于开始日期" in backwards.get_data(as_text=True)
    assert site.client("teacher").get("/curation/audit").status_code == 403
    assert site.client("teacher").get("/curation/audit.csv").status_code == 403
