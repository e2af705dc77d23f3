"""Restoring a withdrawal on the real stack: within CATALOG_RESTORE_DAYS the resource is back as it
was (the approved version live, a waiting one waiting), after it the school is told why not."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from catalog.stores.models import AuditEntry, ResourceDecision, utcnow
from tests.curation_fixtures import lesson_metadata

pytestmark = pytest.mark.stack

TITLE = "分数的初步认识（校本课例）"


def approved_then_withdrawn(site) -> str:
    school = site.client("school")
    resource_id = site.upload(school).get_json()["resource_id"]
    assert site.approve(site.client("curator"), "cq", resource_id).status_code == 200
    done = school.post(f"/school/resources/cq/{resource_id}/withdraw", data={"csrf_token": school.csrf})
    assert done.status_code == 303 and site.live_names("cq", resource_id) == set()
    site.catalog.refresh()
    assert site.search_ids(q="分数的初步认识") == []
    return resource_id


def decision(site, resource_id: str) -> ResourceDecision:
    with site.sessions() as session:
        return session.get(ResourceDecision, ("cq", resource_id))


def test_a_school_restores_its_withdrawal_and_the_approved_version_is_live_again_without_review(site):
    resource_id = approved_then_withdrawn(site)
    school = site.client("school")
    listing = school.get("/school/resources").get_data(as_text=True)
    assert TITLE in listing and "已撤回" in listing  # the row keeps its title
    assert f"/school/resources/cq/{resource_id}/restore" in listing and "前可恢复" in listing
    confirm = school.get(f"/school/resources/cq/{resource_id}/restore")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and f"恢复“{TITLE}”？" in page and "第 1 版会重新上线" in page
    assert site.live_names("cq", resource_id) == set()  # asking changes nothing
    done = school.post(f"/school/resources/cq/{resource_id}/restore", data={"csrf_token": school.csrf})
    assert done.status_code == 303
    assert site.live_names("cq", resource_id) == {"resource.json", "分数课件.pdf"}
    restored = decision(site, resource_id)
    assert (restored.review_state, restored.live_version) == ("published", 1)
    assert site.waiting("cq", resource_id) is None  # no new review
    site.catalog.refresh()
    assert site.search_ids(q="分数的初步认识") == [f"cq:{resource_id}"]
    assert site.audit_actions("cq", resource_id)[-2:] == ["withdraw", "restore"]
    audit = site.client("curator").get("/curation/audit", query_string={"action": "restore"})
    assert audit.status_code == 200 and "<td>恢复</td>" in audit.get_data(as_text=True)
    again = school.post(f"/school/resources/cq/{resource_id}/restore", data={"csrf_token": school.csrf})
    assert again.status_code == 400 and "没有被撤回" in again.get_data(as_text=True)


def test_a_version_waiting_at_withdrawal_waits_again_and_a_never_approved_resource_comes_back_pending(site):
    school = site.client("school")
    resource_id = approved_then_withdrawn(site)
    edited_id = site.upload(school, lesson_metadata("只提交未审核的课例")).get_json()["resource_id"]
    school.post(f"/school/resources/cq/{edited_id}/withdraw", data={"csrf_token": school.csrf})
    response = school.post(f"/api/v1/uploads/cq/{edited_id}/restore", headers={"X-CSRFToken": school.csrf})
    assert response.status_code == 200
    assert response.get_json() == {"review_state": "pending", "live_version": None, "indexed": False}
    assert site.waiting("cq", edited_id) == 1 and site.live_names("cq", edited_id) == set()
    site.catalog.refresh()
    assert site.search_ids(q="只提交未审核的课例") == []  # teachers see only approved content
    # The curator's queue has it again; approving publishes it as any upload.
    assert site.approve(site.client("curator"), "cq", edited_id).status_code == 200
    assert "resource.json" in site.live_names("cq", edited_id)
    assert decision(site, resource_id).review_state == "withdrawn"  # the other one is untouched


def test_restoring_after_the_period_is_refused_with_the_reason(site):
    resource_id = approved_then_withdrawn(site)
    days = site.app.config["SETTINGS"].restore_days
    assert days == 30
    with site.sessions() as session, session.begin():
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.resource_id == resource_id, AuditEntry.action == "withdraw")
            .values(at=utcnow() - timedelta(days=days, minutes=1))
        )
    school = site.client("school")
    assert f"/school/resources/cq/{resource_id}/restore" not in school.get("/school/resources").get_data(as_text=True)
    page = school.get(f"/school/resources/cq/{resource_id}/restore")
    assert page.status_code == 400 and "撤回已超过 30 天，不能再恢复" in page.get_data(as_text=True)
    api = school.post(f"/api/v1/uploads/cq/{resource_id}/restore", headers={"X-CSRFToken": school.csrf})
    assert api.status_code == 400
    assert "撤回已超过 30 天" in api.get_json()["error"]["fields"]["resource"][0]
    english = school.post(
        f"/api/v1/uploads/cq/{resource_id}/restore", headers={"X-CSRFToken": school.csrf, "Accept-Language": "en"}
    )
    assert "more than 30 days ago and can no longer be restored" in english.get_json()["error"]["fields"]["resource"][0]
    assert site.live_names("cq", resource_id) == set() and decision(site, resource_id).review_state == "withdrawn"


def test_only_the_owning_school_or_an_admin_may_restore(site):
    resource_id = approved_then_withdrawn(site)
    for who in ("other_school", "teacher", "curator"):
        client = site.client(who)
        refused = client.post(f"/api/v1/uploads/cq/{resource_id}/restore", headers={"X-CSRFToken": client.csrf})
        assert refused.status_code == 403, who
    assert site.live_names("cq", resource_id) == set()
    admin = site.client("admin")
    done = admin.post(f"/school/resources/cq/{resource_id}/restore", data={"csrf_token": admin.csrf})
    assert done.status_code == 303 and decision(site, resource_id).review_state == "published"


def test_the_indexers_next_sync_picks_up_a_restore_the_index_missed(site, app_factory):
    resource_id = approved_then_withdrawn(site)
    serving, site.app = (
        site.app,
        app_factory(
            index_alias=site.catalog.alias,
            provinces=site.catalog.settings.provinces,
            database_url=site.catalog.settings.database_url,
            es_url="http://127.0.0.1:9",
            es_timeout=1,
        ),
    )
    school = site.client("school")
    response = school.post(f"/api/v1/uploads/cq/{resource_id}/restore", headers={"X-CSRFToken": school.csrf})
    assert response.status_code == 200 and response.get_json()["indexed"] is False
    assert site.catalog.ids(resource_id=resource_id) == set()
    site.catalog.sync()
    site.app = serving
    assert site.catalog.document(f"cq:{resource_id}")["review_state"] == "published"
    assert site.search_ids(q="分数的初步认识") == [f"cq:{resource_id}"]


def test_a_withdrawn_row_keeps_its_title_when_an_edit_had_only_begun(site):
    """A large file started for an edit leaves an unsent draft; withdrawal closes it, and the list
    must still show the resource's title and its last sent version, not the empty draft."""
    school = site.client("school")
    resource_id = site.upload(school).get_json()["resource_id"]
    site.approve(site.client("curator"), "cq", resource_id)
    started = school.post(
        "/api/v1/uploads/large",
        json={"name": "新课件.pdf", "size": 1024, "folder": resource_id},
        headers={"X-CSRFToken": school.csrf},
    )
    assert started.status_code == 201 and started.get_json()["version"] == 2
    school.post(f"/school/resources/cq/{resource_id}/withdraw", data={"csrf_token": school.csrf})
    listing = school.get("/school/resources").get_data(as_text=True)
    row = re.search(rf'<tr data-resource="cq:{resource_id}">(.*?)</tr>', listing, re.S).group(1)
    assert f">{TITLE}</a>" in row
    assert "第 1 版：已撤回" in row and "第 2 版" not in row
