"""A session ends for real: a copy of its cookie taken before signing out, a password change or the
account being disabled opens nothing afterwards, and a CSRF token does not outlive a session."""

from __future__ import annotations

import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from catalog.accounts import set_password
from catalog.stores.database import transaction
from tests.security.live_site import HttpClient

pytestmark = pytest.mark.stack

NEW_PASSWORD = "another-horse-99"


def _copy(client: HttpClient) -> HttpClient:
    """What someone who read the cookie jar (a shared computer, a leaked log) could replay."""
    stolen = HttpClient(client.root)
    stolen.cookies.update(client.cookies)
    stolen.csrf = client.csrf
    return stolen


def _works(client: HttpClient) -> bool:
    page = client.get("/school/resources", allow_redirects=False)
    return page.status_code == 200 and client.get("/api/v1/session").json()["user"] is not None


def _assert_refused(live_site, stolen: HttpClient) -> None:
    page = stolen.get("/school/resources", allow_redirects=False)
    assert page.status_code in (302, 303) and "/login" in page.headers["Location"]
    assert stolen.get("/api/v1/session").json()["user"] is None
    write = live_site.upload(stolen)
    assert write.status_code in (401, 403), write.text


def test_signing_out_ends_a_copied_session(live_site):
    school = live_site.client("school")
    stolen = _copy(school)
    assert _works(stolen)
    assert school.post("/logout", data={"csrf_token": school.csrf}, allow_redirects=False).status_code == 303
    _assert_refused(live_site, stolen)
    again = live_site.client("school")  # signing in again still works, in a new session
    assert _works(again) and not _works(stolen)


def test_a_new_password_ends_sessions_begun_with_the_old_one(live_site):
    stolen = _copy(live_site.client("school"))
    assert _works(stolen)
    email = live_site.site.users["school"].email
    with transaction(live_site.site.sessions) as session:
        set_password(session, email, NEW_PASSWORD)
    _assert_refused(live_site, stolen)
    owner = HttpClient(live_site.root)  # the owner, with the new password, is let in
    owner.refresh_csrf()
    assert (
        owner.post("/login", data={"email": email, "password": NEW_PASSWORD, "csrf_token": owner.csrf}).status_code
        == 303
    )
    assert _works(owner)


def test_disabling_an_account_with_catalog_admin_ends_its_sessions(live_site, monkeypatch, capsys):
    from catalog.admin_cli import main

    stolen = _copy(live_site.client("school"))
    assert _works(stolen)
    monkeypatch.setenv("CATALOG_DATABASE_URL", live_site.catalog.settings.database_url)
    assert main(["users", "disable", "--email", live_site.site.users["school"].email]) == 0
    _assert_refused(live_site, stolen)
    assert main(["users", "enable", "--email", live_site.site.users["school"].email]) == 0
    assert not _works(stolen)  # enabling again does not bring old sessions back
    assert _works(live_site.client("school"))


def test_a_csrf_token_older_than_a_session_is_refused(live_site):
    school = live_site.client("school")
    app = live_site.site.app

    class _SignedLongAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - app.permanent_session_lifetime.total_seconds() - 60)

    cookie = app.session_interface.get_signing_serializer(app).loads(school.cookies["session"])
    # The token a page rendered before the session's lifetime began, for this very session.
    old = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token", signer=_SignedLongAgo).dumps(
        cookie["csrf_token"]
    )
    refused = school.write("POST", "/api/v1/uploads", headers={"X-CSRFToken": old, "Accept-Language": "en"})
    assert refused.status_code == 400 and "expired" in refused.text.lower()
    fresh = school.write("POST", "/api/v1/uploads")  # today's token passes; the empty form is what is wrong
    assert fresh.status_code == 400 and "metadata" in fresh.json()["error"]["fields"]
