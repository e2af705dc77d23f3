"""The API token page through the app: who may use it, CSRF on its forms, refusals naming the field,
and only one's own tokens can be revoked."""

from __future__ import annotations

import re

from catalog.api_tokens.service import create_token, list_tokens


def test_a_teacher_has_no_token_page_and_no_link_to_it(site):
    teacher = site.client("teacher")
    assert "API 令牌" not in teacher.get("/").get_data(as_text=True)
    assert teacher.get("/account/tokens").status_code == 403
    assert "API 令牌" in site.client("school").get("/").get_data(as_text=True)


def test_the_forms_need_the_csrf_token(site):
    school = site.client("school")
    refused = school.post("/account/tokens", data={"name": "平台", "scopes": "upload"})
    assert refused.status_code == 400
    assert list_tokens(site.sessions, site.users["school"]) == []
    made = create_token(site.sessions, site.users["school"], "平台", ["upload"])
    assert school.post(f"/account/tokens/{made.info.public_id}/revoke").status_code == 400
    assert [t.state for t in list_tokens(site.sessions, site.users["school"])] == ["active"]


def test_a_token_is_shown_once_and_not_cached_and_bad_fields_are_named(site):
    school = site.client("school")
    form = {"name": "平台", "scopes": "upload", "days": "30", "csrf_token": school.csrf}
    created = school.post("/account/tokens", data=form)
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    token = re.search(r"readonly>(cdcq_[^<]+)</textarea>", created.get_data(as_text=True))[1]
    assert token not in school.get("/account/tokens").get_data(as_text=True)
    for bad, field in (({"days": "400"}, "days"), ({"scopes": "curate"}, "scopes"), ({"name": ""}, "name")):
        answer = school.post("/account/tokens", data={**form, **bad})
        assert answer.status_code == 400
        assert f'id="{field}-error"' in answer.get_data(as_text=True)
    assert len(list_tokens(site.sessions, site.users["school"])) == 1


def test_only_ones_own_token_can_be_revoked_and_a_curator_may_limit_one_to_a_school(site):
    made = create_token(site.sessions, site.users["school"], "平台", ["upload"])
    other = site.client("other_school")
    assert other.post(f"/account/tokens/{made.info.public_id}/revoke", data={"csrf_token": other.csrf}).status_code == (
        404
    )
    curator = site.client("curator")
    page = curator.get("/account/tokens").get_data(as_text=True)
    assert "重庆市测试小学" in page and 'value="upload"' not in page and 'value="curate"' in page
    form = {"name": "审核", "scopes": "curate", "school_id": str(site.schools["cq"].id), "csrf_token": curator.csrf}
    assert curator.post("/account/tokens", data=form).status_code == 200
    assert [t.school_name for t in list_tokens(site.sessions, site.users["curator"])] == ["重庆市测试小学"]


def test_curators_read_each_token_write_in_the_audit_log_by_the_tokens_name(site):
    import io
    import json

    from tests.curation_fixtures import lesson_metadata, pdf_bytes

    made = create_token(site.sessions, site.users["school"], "江北区平台", ["upload"])
    data = {
        "metadata": json.dumps(lesson_metadata(), ensure_ascii=False),
        "files": [(io.BytesIO(pdf_bytes()), "a.pdf")],
    }
    headers = {"Authorization": f"Bearer {made.token}"}
    upload = site.app.test_client().post(
        "/api/v1/uploads", data=data, headers=headers, content_type="multipart/form-data"
    )
    assert upload.status_code == 201
    page = site.client("curator").get("/curation/audit?action=api_token_use").get_data(as_text=True)
    assert "用 API 令牌写入" in page and "江北区平台" in page and upload.get_json()["resource_id"] in page
