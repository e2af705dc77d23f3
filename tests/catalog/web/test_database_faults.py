"""The catalog database locked or unreadable: a clear 503, never a 500, and nothing half-saved."""

from __future__ import annotations

import sqlite3

import pytest

from catalog.indexing.index_definition import document_id

pytestmark = [pytest.mark.stack, pytest.mark.faults, pytest.mark.sqlite_only]


def test_a_locked_database_gives_503_and_the_decision_is_not_half_saved(site):
    resource_id = site.upload(site.client("school")).get_json()["resource_id"]
    curator = site.client("curator")
    version = site.version("cq", resource_id)
    locker = sqlite3.connect(site.catalog.settings.database_url.removeprefix("sqlite:///"), timeout=1)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        response = site.decide(curator, "cq", resource_id, "approve", version=version, resource_version=1)
    finally:
        locker.rollback()
        locker.close()
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "database_unavailable"
    assert site.version("cq", resource_id) == version
    assert site.waiting("cq", resource_id) == 1 and site.live_names("cq", resource_id) == set()
    assert site.decide(curator, "cq", resource_id, "approve", version=version, resource_version=1).status_code == 200
    assert site.catalog.document(document_id("cq", resource_id))["review_state"] == "published"


def test_an_unreadable_database_file_gives_a_friendly_503_page(site, app_factory, tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    app = app_factory(
        index_alias=site.catalog.alias, provinces=site.catalog.settings.provinces, database_url=f"sqlite:///{broken}"
    )
    client = app.test_client()
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    response = client.post(
        "/login", data={"email": "curator@example.cn", "password": "correct-horse-42", "csrf_token": token}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "目录数据库暂时无法访问" in page and "Traceback" not in page and "broken.db" not in page
    assert client.get("/search?q=数学").status_code == 200  # search needs no database
