"""API tokens on the real stack: a token acts as its user within its scopes, with no cookie and no CSRF token;
a cookie still needs its CSRF token; a revoked, expired or bad token is a 401 saying why; uses are noted,
writes audited, and requests counted per token."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from catalog.api_tokens.service import create_token, list_tokens, revoke_token
from catalog.stores.models import ApiToken, AuditEntry
from tests.curation_fixtures import lesson_metadata, pdf_bytes


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def upload_form(title: str = "令牌上传的课例") -> dict:
    return {
        "metadata": json.dumps(lesson_metadata(title), ensure_ascii=False),
        "files": [(io.BytesIO(pdf_bytes()), "课件.pdf")],
    }


def post_upload(client, token: str, title: str = "令牌上传的课例", **headers):
    return client.post(
        "/api/v1/uploads",
        data=upload_form(title),
        headers={**bearer(token), **headers},
        content_type="multipart/form-data",
    )


def token_row(site, token: str) -> ApiToken:
    with site.sessions() as session:
        return session.scalar(select(ApiToken).where(ApiToken.public_id == token.split("_")[1]))


def test_a_school_token_uploads_without_cookie_or_csrf_and_the_use_is_noted_and_audited(site):
    made = create_token(site.sessions, site.users["school"], "区平台", ["upload"])
    assert token_row(site, made.token).last_used_at is None
    client = site.app.test_client()  # no cookie at all
    response = post_upload(client, made.token)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["province"], body["review_state"]) == ("cq", "pending")
    assert site.staged_names("cq", body["resource_id"], 1) == {"课件.pdf"}  # staged, waiting for review
    assert "Set-Cookie" not in response.headers  # the request made no session
    assert token_row(site, made.token).last_used_at is not None
    with site.sessions() as session:
        uses = session.scalars(select(AuditEntry).where(AuditEntry.action == "api_token_use")).all()
    assert [(u.province, u.resource_id, u.after["token_name"], u.after["status"]) for u in uses] == [
        ("cq", body["resource_id"], "区平台", 201)
    ]
    assert uses[0].after["token"] == made.info.public_id
    assert "upload" in site.audit_actions("cq", body["resource_id"])  # the upload itself, as the school
    assert [t.last_used_at is not None for t in list_tokens(site.sessions, site.users["school"])] == [True]


def test_a_token_without_the_scope_is_refused_naming_the_scope_and_the_refusal_is_audited(site):
    made = create_token(site.sessions, site.users["school"], "只能修改", ["edit_own"])
    response = post_upload(site.app.test_client(), made.token)
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "token_scope" and "upload" in error["message"] and "upload" in error["fields"]["scope"][0]
    with site.sessions() as session:
        statuses = session.scalars(select(AuditEntry.after).where(AuditEntry.action == "api_token_use")).all()
    assert [s["status"] for s in statuses] == [403]
    assert site.app.test_client().get("/api/v1/session", headers=bearer(made.token)).get_json()["user"]["role"] == (
        "school"
    )


def test_a_curators_token_limited_to_one_school_decides_only_that_schools_resources(site):
    school = site.client("school")
    own = site.upload(school).get_json()["resource_id"]
    other = site.upload(site.client("other_school")).get_json()["resource_id"]
    made = create_token(site.sessions, site.users["curator"], "审核", ["curate"], school_id=site.schools["cq"].id)
    client = site.app.test_client()

    def decide(province, resource_id):
        body = {"action": "approve", "version": site.version(province, resource_id)}
        body["resource_version"] = site.waiting(province, resource_id)
        return client.post(f"/api/v1/curation/{province}/{resource_id}", json=body, headers=bearer(made.token))

    refused = decide("sc", other)
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "token_school"
    assert decide("cq", own).status_code == 200
    assert post_upload(client, made.token).status_code == 403  # a curate token cannot upload


@pytest.mark.parametrize("how", ["revoked", "expired", "disabled"])
def test_a_revoked_or_expired_token_or_a_disabled_account_is_a_401_never_the_cookie(site, how):
    made = create_token(site.sessions, site.users["school"], "夜间同步", ["upload"])
    client = site.client("school")  # a valid session cookie rides along: it must not be used instead
    assert post_upload(client, made.token).status_code == 201
    if how == "revoked":
        revoke_token(site.sessions, site.users["school"], made.info.public_id)
    else:
        with site.sessions() as session, session.begin():
            row = session.scalar(select(ApiToken).where(ApiToken.public_id == made.info.public_id))
            if how == "expired":
                row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
            else:
                row.user.active = False
    response = post_upload(client, made.token, **{"X-CSRFToken": client.csrf})
    assert response.status_code == 401
    code = {"revoked": "token_revoked", "expired": "token_expired", "disabled": "account_disabled"}[how]
    assert response.get_json()["error"]["code"] == code
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("token", ["cdcq_0123456789ab_" + "a" * 43, "not-a-token", ""])
def test_an_unknown_or_malformed_token_is_a_401(site, token):
    response = site.app.test_client().get("/api/v1/session", headers=bearer(token))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] in ("token_unknown", "token_malformed")


def test_a_cookie_request_still_needs_its_csrf_token(site):
    client = site.client("school")
    data = upload_form()
    refused = client.post("/api/v1/uploads", data=data, content_type="multipart/form-data")
    assert refused.status_code == 400 and "安全令牌" in refused.get_json()["error"]["message"]  # the CSRF token
    # Another scheme is not a token: the cookie's CSRF check still applies.
    other = client.post(
        "/api/v1/uploads",
        data=upload_form(),
        headers={"Authorization": "Basic c2Nob29sOnB3"},
        content_type="multipart/form-data",
    )
    assert other.status_code == 400
    assert site.upload(client).status_code == 201


def test_requests_past_the_tokens_rate_limit_get_429_counted_per_token(site):
    app = site.app
    limited = dataclasses.replace(app.config["SETTINGS"], api_token_rate_limit="3 per minute")
    from catalog.web import create_app

    app = create_app({"SETTINGS": limited, "TESTING": True})
    first = create_token(site.sessions, site.users["school"], "一", ["upload"])
    second = create_token(site.sessions, site.users["school"], "二", ["upload"])
    client = app.test_client()
    statuses = [client.get("/api/v1/search?q=分数", headers=bearer(first.token)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited_answer = client.get("/api/v1/session", headers=bearer(first.token))
    assert limited_answer.status_code == 429 and limited_answer.get_json()["error"]["code"] == "http_error"
    assert client.get("/api/v1/session", headers=bearer(second.token)).status_code == 200
    assert client.get("/api/v1/session").status_code == 200  # no token: not counted against any


def test_a_token_opens_only_the_json_api_not_the_pages(site):
    made = create_token(site.sessions, site.users["school"], "区平台", ["upload"])
    client = site.app.test_client()
    refused = client.post("/account/tokens", data={"name": "另一个", "scopes": "upload"}, headers=bearer(made.token))
    assert refused.status_code == 400  # the page's CSRF check, as for anyone without a session
    assert [t.name for t in list_tokens(site.sessions, site.users["school"])] == ["区平台"]
    assert client.get("/account/tokens", headers=bearer(made.token)).status_code == 302  # to the login page


def test_a_refused_token_says_why_in_the_requests_language(site):
    made = create_token(site.sessions, site.users["school"], "只能修改", ["edit_own"])
    english = post_upload(site.app.test_client(), made.token, **{"Accept-Language": "en"}).get_json()["error"]
    assert english["message"].startswith("this API token lacks the scope needed: upload")
    assert english["fields"]["scope"] == ["needs upload"]
    chinese = post_upload(site.app.test_client(), made.token, **{"Accept-Language": "zh-CN"}).get_json()["error"]
    assert chinese["message"].startswith("这个 API 令牌没有所需的权限范围：upload")
    unknown = site.app.test_client().get(
        "/api/v1/session", headers={**bearer("cdcq_0123456789ab_" + "a" * 43), "Accept-Language": "en"}
    )
    assert unknown.get_json()["error"]["message"] == "the API token is not valid"
