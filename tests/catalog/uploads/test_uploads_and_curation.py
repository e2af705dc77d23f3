"""Uploads, review and curation on the real stack: storage, database and index in step."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from catalog.indexing.index_definition import document_id
from catalog.stores.models import ResourceDecision
from tests.curation_fixtures import lesson_metadata, pdf_bytes

pytestmark = pytest.mark.stack


def stored_names(site, province: str, resource_id: str) -> set[str]:
    return site.live_names(province, resource_id)


def test_a_school_upload_waits_staged_and_only_approval_publishes_it_to_teachers(site):
    school = site.client("school")
    response = site.upload(school)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    province, resource_id = body["province"], body["resource_id"]
    assert (province, body["review_state"], body["indexed"], body["resource_version"]) == ("cq", "pending", False, 1)

    # Staged in its province, outside every live folder; nothing in the index.
    assert stored_names(site, "cq", resource_id) == set()
    assert site.staged_names("cq", resource_id, 1) == {"分数课件.pdf"}
    assert site.staged_names("sc", resource_id, 1) == set()
    doc_id = document_id("cq", resource_id)
    assert site.catalog.ids(resource_id=resource_id) == set()
    assert site.app.test_client().get(f"/resources/cq/{resource_id}").status_code == 404  # a teacher
    assert school.get(f"/school/resources/cq/{resource_id}/versions").status_code == 200
    assert site.client("other_school").get(f"/school/resources/cq/{resource_id}/versions").status_code == 403

    site.catalog.sync()  # a sync never takes the staging area for a resource
    assert site.catalog.ids(resource_id=resource_id) == set()
    assert all(report.rejected == [] for report in site.catalog.sync().provinces)

    curator = site.client("curator")
    queue = curator.get("/curation/queue").get_data(as_text=True)
    assert "分数的初步认识（校本课例）" in queue
    assert site.approve(curator, "cq", resource_id).status_code == 200
    assert stored_names(site, "cq", resource_id) == {"分数课件.pdf", "resource.json"}
    stored = json.loads(
        site.catalog.storages["cq"].get_bytes(site.catalog.storages["cq"].key_for(resource_id, "resource.json"))
    )
    assert stored["publisher"] == {"name": "重庆市测试小学", "kind": "school"}
    assert stored["files"][0]["media_type"] == "application/pdf"
    assert doc_id in site.search_ids(q="分数的初步认识 校本课例")
    assert site.catalog.document(doc_id)["published_version"] == 1
    assert site.audit_actions("cq", resource_id) == ["upload", "approve", "publish"]


def test_approval_writes_resource_json_after_every_file(site):
    response = site.upload(site.client("school"), files={"a.pdf": pdf_bytes("一"), "b.pdf": pdf_bytes("二")})
    resource_id = response.get_json()["resource_id"]
    site.approve(site.client("curator"), "cq", resource_id)
    storage = site.catalog.storages["cq"]
    modified = {
        name: storage.client.head_object(Bucket=storage.province.bucket, Key=storage.key_for(resource_id, name))[
            "LastModified"
        ]
        for name in ("a.pdf", "b.pdf", "resource.json")
    }
    assert modified["resource.json"] >= max(modified["a.pdf"], modified["b.pdf"])


def test_a_rejected_upload_shows_the_school_the_reason(site):
    resource_id = site.upload(site.client("school")).get_json()["resource_id"]
    curator = site.client("curator")
    unnamed = site.decide(curator, "cq", resource_id, "reject", reason="缺少教学目标，请补充后再提交")
    assert unnamed.status_code == 400 and "resource_version" in unnamed.get_json()["error"]["fields"]
    assert (
        site.decide(
            curator, "cq", resource_id, "reject", reason="缺少教学目标，请补充后再提交", resource_version=1
        ).status_code
        == 200
    )
    page = site.client("school").get("/school/resources").get_data(as_text=True)
    assert "已退回" in page and "缺少教学目标，请补充后再提交" in page
    assert site.catalog.ids(resource_id=resource_id) == set() and stored_names(site, "cq", resource_id) == set()
    assert site.decide(curator, "cq", resource_id, "reject", reason="").get_json()["error"]["fields"] == {
        "reason": ["请写明退回原因（2 到 1000 个字），学校会看到它"]
    }


def test_a_school_cannot_edit_or_withdraw_another_schools_resource(site):
    resource_id = site.upload(site.client("school")).get_json()["resource_id"]
    site.approve(site.client("curator"), "cq", resource_id)
    other = site.client("other_school")
    edit = other.put(
        f"/api/v1/uploads/cq/{resource_id}",
        json={"metadata": lesson_metadata("改掉"), "version": 1},
        headers={"X-CSRFToken": other.csrf},
    )
    assert edit.status_code == 403 and "别的学校" in edit.get_json()["error"]["message"]
    withdraw = other.delete(f"/api/v1/uploads/cq/{resource_id}", headers={"X-CSRFToken": other.csrf})
    assert withdraw.status_code == 403
    assert stored_names(site, "cq", resource_id) == {"分数课件.pdf", "resource.json"}


def test_an_edit_waits_as_a_new_version_while_the_approved_one_stays_live_then_withdrawal(site):
    school, curator = site.client("school"), site.client("curator")
    resource_id = site.upload(school).get_json()["resource_id"]
    site.approve(curator, "cq", resource_id)
    doc_id = document_id("cq", resource_id)
    edited = school.put(
        f"/api/v1/uploads/cq/{resource_id}",
        json={"metadata": lesson_metadata("分数的初步认识（修订版）"), "version": site.version("cq", resource_id)},
        headers={"X-CSRFToken": school.csrf},
    )
    assert edited.status_code == 200, edited.get_json()
    assert (edited.get_json()["review_state"], edited.get_json()["resource_version"]) == ("published", 2)
    # Teachers still find and open the approved version.
    assert site.catalog.document(doc_id)["title"] == "分数的初步认识（校本课例）"
    assert site.app.test_client().get(f"/resources/cq/{resource_id}").status_code == 200
    assert site.staged_names("cq", resource_id, 2) == {"分数课件.pdf"}  # the kept file, copied into the version

    review = curator.get(f"/curation/resources/cq/{resource_id}").get_data(as_text=True)
    assert "分数的初步认识（修订版）" in review and "第 2 版" in review
    assert site.approve(curator, "cq", resource_id).status_code == 200
    assert site.catalog.document(doc_id)["title"] == "分数的初步认识（修订版）"
    assert site.catalog.document(doc_id)["published_version"] == 2

    assert school.delete(f"/api/v1/uploads/cq/{resource_id}", headers={"X-CSRFToken": school.csrf}).status_code == 204
    assert stored_names(site, "cq", resource_id) == set()
    assert site.catalog.ids(resource_id=resource_id) == set()
    assert site.audit_actions("cq", resource_id) == [
        "upload",
        "approve",
        "publish",
        "edit",
        "approve",
        "publish",
        "withdraw",
    ]
    # The school's edit page and an edit through the API find nothing to edit any more.
    assert school.get(f"/school/resources/cq/{resource_id}/edit").status_code == 404
    again = school.put(
        f"/api/v1/uploads/cq/{resource_id}",
        json={"metadata": lesson_metadata("撤回后再改"), "version": site.version("cq", resource_id)},
        headers={"X-CSRFToken": school.csrf},
    )
    assert again.status_code == 404 and again.get_json()["error"]["code"] == "not_found"


def test_a_teacher_cannot_upload(site):
    response = site.upload(site.client("teacher"))
    assert response.status_code == 403 and "角色" in response.get_json()["error"]["message"]
    assert site.upload(site.client()).status_code == 403  # not signed in


def listing(site) -> list[str]:
    return sorted(o.key for storage in site.catalog.storages.values() for o in storage.list_objects())


@pytest.mark.parametrize(
    ("name", "body", "reason"),
    [
        ("教案.pdf", b"MZ\x90\x00" + b"\x00" * 200, "Windows 可执行程序"),
        ("大文件.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10), "文件超过 1 MB 上限"),
    ],
)
def test_a_disguised_program_or_an_oversized_file_is_refused_and_nothing_is_written(
    site, app_factory, name, body, reason
):
    app = app_factory(
        index_alias=site.catalog.alias,
        provinces=site.catalog.settings.provinces,
        database_url=site.catalog.settings.database_url,
        upload_max_file_mb=1,
    )
    site.app = app
    before = listing(site)
    response = site.upload(site.client("school"), files={name: body})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert reason in error["fields"]["files.0"][0] and name in error["fields"]["files.0"][0]
    assert listing(site) == before
    with site.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ResourceDecision)) == 0


def test_bad_metadata_is_named_field_by_field(site):
    response = site.upload(site.client("school"), metadata=lesson_metadata(title="", type="video", id="x"))
    fields = response.get_json()["error"]["fields"]
    assert response.status_code == 400
    assert set(fields) >= {"title", "type", "id"}


def test_a_form_without_a_csrf_token_gets_400(site):
    client = site.app.test_client()
    response = client.post("/login", data={"email": "school@example.cn", "password": "correct-horse-42"})
    assert response.status_code == 400
    school = site.client("school")
    no_token = school.post("/api/v1/uploads", data={"metadata": "{}"}, content_type="multipart/form-data")
    assert no_token.status_code == 400


def test_ten_wrong_passwords_then_429(site):
    client = site.app.test_client()
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    for _ in range(10):
        wrong = client.post(
            "/login", data={"email": "school@example.cn", "password": "nope-nope-nope", "csrf_token": token}
        )
        assert wrong.status_code == 401 and "邮箱或密码不正确" in wrong.get_data(as_text=True)
    blocked = client.post(
        "/login", data={"email": "school@example.cn", "password": "correct-horse-42", "csrf_token": token}
    )
    assert blocked.status_code == 429


def test_session_cookies_are_httponly_and_samesite(site):
    client = site.app.test_client()
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    response = client.post(
        "/login", data={"email": "curator@example.cn", "password": "correct-horse-42", "csrf_token": token}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_two_curators_saving_the_same_version_the_second_gets_a_conflict(site):
    resource_id = site.upload(site.client("school")).get_json()["resource_id"]
    site.approve(site.client("curator"), "cq", resource_id)
    seen = site.version("cq", resource_id)
    first, second = site.client("curator"), site.client("admin")
    assert site.decide(first, "cq", resource_id, "tags", tags=["红色教育"], version=seen).status_code == 200
    clash = site.decide(second, "cq", resource_id, "tags", tags=["劳动教育"], version=seen)
    assert clash.status_code == 409 and "刚被别人修改过" in clash.get_json()["error"]["message"]
    assert site.catalog.document(document_id("cq", resource_id))["tags"] == ["红色教育"]


def test_a_decision_about_a_resource_the_catalog_does_not_hold_is_refused_and_not_kept(site):
    curator = site.client("curator")
    for province, resource_id in (("cq", "no-such-resource"), ("xx", "les-1")):
        response = site.decide(curator, province, resource_id, "approve")
        assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
        assert site.version(province, resource_id) == 0 and site.audit_actions(province, resource_id) == []


def test_a_curators_tag_is_a_facet_at_once_and_survives_rebuild(site):
    from conftest import lesson

    site.catalog.put("sc", lesson("les-feed-1", "植树问题"))
    site.catalog.sync()
    curator = site.client("curator")
    assert site.decide(curator, "sc", "les-feed-1", "tags", tags=["跨学科学习", "校本精选"]).status_code == 200
    facets = site.app.test_client().get("/api/v1/search?tag=校本精选").get_json()
    assert [h["id"] for h in facets["hits"]] == ["sc:les-feed-1"]
    assert {"value": "跨学科学习", "count": 1, "selected": False} in facets["facets"]["tag"]

    site.catalog.rebuild()
    assert site.catalog.document("sc:les-feed-1")["tags"] == ["校本精选", "跨学科学习"]
    assert site.search_ids(tag="校本精选") == ["sc:les-feed-1"]
    assert site.audit_actions("sc", "les-feed-1") == ["tag"]


def test_a_featured_resource_ranks_above_an_otherwise_equal_one(site):
    from conftest import lesson

    # Two versions of one title collapse into one hit: the better-scored one is the hit shown.
    for resource_id in ("les-twin-a", "les-twin-b"):
        site.catalog.put("cq", lesson(resource_id, "鸡兔同笼问题"))
    site.catalog.sync()
    assert site.search_ids(q="鸡兔同笼") == ["cq:les-twin-a"]  # tie broken by id
    assert site.decide(site.client("curator"), "cq", "les-twin-b", "feature").status_code == 200
    assert site.search_ids(q="鸡兔同笼") == ["cq:les-twin-b"]
    site.catalog.rebuild()
    assert site.search_ids(q="鸡兔同笼") == ["cq:les-twin-b"]


def test_a_change_the_index_missed_is_repaired_by_the_next_sync(site, app_factory):
    from conftest import lesson

    site.catalog.put("cq", lesson("les-missed", "圆的面积"))
    site.catalog.sync()
    down = app_factory(
        index_alias=site.catalog.alias,
        provinces=site.catalog.settings.provinces,
        database_url=site.catalog.settings.database_url,
        es_url="http://127.0.0.1:9",
        es_timeout=1,
    )
    site.app = down
    response = site.decide(site.client("curator"), "cq", "les-missed", "feature")
    assert response.status_code == 200 and response.get_json()["indexed"] is False
    assert site.catalog.document("cq:les-missed")["featured"] is False
    site.catalog.sync()
    assert site.catalog.document("cq:les-missed")["featured"] is True


def bulk_zip(rows: list[dict], files: dict[str, bytes]) -> bytes:
    import csv

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=["type", "title", "subjects", "stages", "grades", "files"])
        writer.writeheader()
        writer.writerows(rows)
        archive.writestr("manifest.csv", text.getvalue())
        for name, body in files.items():
            archive.writestr(f"files/{name}", body)
    return out.getvalue()


def test_a_bulk_zip_with_two_bad_rows_creates_the_rest_and_names_the_two(site):
    rows = [
        {
            "type": "lesson",
            "title": "认识钟表",
            "subjects": "数学",
            "stages": "小学",
            "grades": "一年级",
            "files": "a.pdf",
        },
        {"type": "lesson", "title": "", "subjects": "数学", "stages": "小学", "grades": "一年级", "files": "b.pdf"},
        {
            "type": "lesson",
            "title": "认识人民币",
            "subjects": "数学",
            "stages": "小学",
            "grades": "一年级",
            "files": "c.pdf",
        },
        {
            "type": "lesson",
            "title": "伪装的程序",
            "subjects": "数学",
            "stages": "小学",
            "grades": "一年级",
            "files": "evil.pdf",
        },
        {
            "type": "lesson",
            "title": "位置与方向",
            "subjects": "数学",
            "stages": "小学",
            "grades": "三年级",
            "files": "d.pdf",
        },
    ]
    files = {name: pdf_bytes(name) for name in ("a.pdf", "b.pdf", "c.pdf", "d.pdf")}
    files["evil.pdf"] = b"MZ\x90\x00" + b"\x00" * 100
    school = site.client("school")
    response = school.post(
        "/api/v1/uploads/bulk",
        data={"archive": (io.BytesIO(bulk_zip(rows, files)), "batch.zip")},
        headers={"X-CSRFToken": school.csrf},
        content_type="multipart/form-data",
    )
    assert response.status_code == 207
    body = response.get_json()
    assert [row["title"] for row in body["created"]] == ["认识钟表", "认识人民币", "位置与方向"]
    assert [(row["row"], sorted(row["fields"])) for row in body["errors"]] == [(3, ["title"]), (5, ["files.0"])]
    assert "Windows" in body["errors"][1]["fields"]["files.0"][0]
    for row in body["created"]:  # each waits for review, staged; none is live
        assert site.waiting("cq", row["resource_id"]) == 1
        assert site.catalog.ids(resource_id=row["resource_id"]) == set()


def test_a_curator_tags_a_whole_search_result_at_once(site):
    from conftest import lesson

    for resource_id, title in (
        ("les-zs-1", "植树问题（一）"),
        ("les-zs-2", "植树问题（二）"),
        ("les-other", "鸡兔同笼"),
    ):
        site.catalog.put("cq", lesson(resource_id, title))
    site.catalog.sync()
    curator = site.client("curator")
    page = curator.get("/search?q=植树问题").get_data(as_text=True)
    assert "给这 2 个结果加标签" in page
    response = curator.post(
        "/curation/bulk-tag", data={"q": "植树问题", "new_tag": "校本精选", "csrf_token": curator.csrf}
    )
    assert response.status_code == 303
    assert sorted(site.search_ids(tag="校本精选")) == ["cq:les-zs-1", "cq:les-zs-2"]
    assert site.audit_actions("cq", "les-zs-1") == ["bulk_tag"] and site.audit_actions("cq", "les-other") == []
    teacher = site.client("teacher")
    refused = teacher.post("/curation/bulk-tag", data={"q": "鸡兔同笼", "new_tag": "x", "csrf_token": teacher.csrf})
    assert refused.status_code == 403 and site.search_ids(tag="x") == []


def test_withdrawing_asks_first_and_keeps_the_title_in_the_schools_list(site):
    school = site.client("school")
    resource_id = site.upload(school).get_json()["resource_id"]
    site.approve(site.client("curator"), "cq", resource_id)
    confirm = school.get(f"/school/resources/cq/{resource_id}/withdraw")
    assert confirm.status_code == 200 and "撤回“分数的初步认识（校本课例）”？" in confirm.get_data(as_text=True)
    assert site.live_names("cq", resource_id)  # asking changes nothing
    done = school.post(f"/school/resources/cq/{resource_id}/withdraw", data={"csrf_token": school.csrf})
    assert done.status_code == 303 and site.live_names("cq", resource_id) == set()
    listing = school.get("/school/resources").get_data(as_text=True)
    assert "分数的初步认识（校本课例）" in listing and "已撤回" in listing
    assert site.client("other_school").get(f"/school/resources/cq/{resource_id}/withdraw").status_code in (403, 404)


def test_the_schools_list_offers_upload_only_to_those_who_may_upload(site):
    assert "上传资源" in site.client("school").get("/school/resources").get_data(as_text=True)
    admin_page = site.client("admin").get("/school/resources")
    assert admin_page.status_code == 200 and "/school/upload" not in admin_page.get_data(as_text=True)
