"""Every cell of the permission table, checked through the HTTP layer the pages and API share."""

from __future__ import annotations

import pytest

from catalog.permissions import ACTIONS, PERMISSIONS, ROLES, PermissionDenied, allowed, authorize
from tests.curation_fixtures import lesson_metadata

# Written out by hand, apart from catalog.permissions, so a change to the table has to change this too.
EXPECTED = {
    "teacher": {"collect"},
    "school": {"upload", "edit_own", "withdraw_own", "view_own"},
    "curator": {"view_unpublished", "review", "tag", "feature", "view_audit"},
    "admin": set(ACTIONS) - {"upload"},
}


def test_the_table_is_the_one_the_catalog_documents():
    assert set(PERMISSIONS) == set(ROLES) == set(EXPECTED)
    for role in ROLES:
        assert {action for action in ACTIONS if allowed(role, action)} == EXPECTED[role], role


def test_nobody_signed_in_may_do_anything_and_is_told_to_sign_in():
    for action in ACTIONS:
        with pytest.raises(PermissionDenied, match="请先登录"):
            authorize(None, action)


class _User:
    is_authenticated = True

    def __init__(self, role, school_id=None):
        self.role, self.school_id = role, school_id


def test_own_actions_need_the_users_school_except_for_an_admin():
    authorize(_User("school", 1), "edit_own", owner_school_id=1)
    with pytest.raises(PermissionDenied, match="别的学校"):
        authorize(_User("school", 1), "edit_own", owner_school_id=2)
    with pytest.raises(PermissionDenied, match="别的学校"):
        authorize(_User("school", 1), "withdraw_own", owner_school_id=None)  # a feed resource
    authorize(_User("admin"), "withdraw_own", owner_school_id=2)


# --- through HTTP: what each action is for a user --------------------------------------------


def _pending(site, who: str) -> str:
    response = site.upload(site.client(who))
    assert response.status_code == 201, response.get_json()
    return response.get_json()["resource_id"]


def _province(site, who: str) -> str:
    return "sc" if who == "other_school" else "cq"


def attempt(site, client, action: str) -> bool:
    """Try ``action`` as ``client``; True when it was allowed, False when refused."""
    if action == "upload":
        status = site.upload(client).status_code
        return {201: True, 403: False}[status]
    if action in ("edit_own", "withdraw_own"):
        resource_id = _pending(site, "school")  # owned by the cq school
        if action == "edit_own":
            status = client.put(
                f"/api/v1/uploads/cq/{resource_id}",
                headers={"X-CSRFToken": client.csrf},
                json={"metadata": lesson_metadata("改过的标题"), "version": 1},
            ).status_code
            return {200: True, 403: False}[status]
        status = client.delete(f"/api/v1/uploads/cq/{resource_id}", headers={"X-CSRFToken": client.csrf}).status_code
        return {204: True, 403: False}[status]
    if action == "view_own":
        return {200: True, 403: False}[client.get("/school/resources").status_code]
    if action == "view_unpublished":
        resource_id = _pending(site, "other_school")  # nobody's own but the Sichuan school's
        return {200: True, 403: False}[client.get(f"/school/resources/sc/{resource_id}/versions").status_code]
    if action == "view_audit":
        return {200: True, 403: False}[client.get("/curation/audit").status_code]
    if action == "collect":
        form = {"name": "权限表清单", "csrf_token": client.csrf}
        return {303: True, 403: False}[client.post("/collections", data=form).status_code]
    if action == "manage_accounts":
        form = {"name": "权限表小学", "district": "重庆市渝中区", "csrf_token": client.csrf}
        return {303: True, 403: False}[client.post("/admin/schools", data=form).status_code]
    resource_id = _pending(site, "school")
    body = {
        "review": {"action": "approve", "resource_version": 1},
        "tag": {"action": "tags", "tags": ["红色教育"]},
        "feature": {"action": "feature"},
    }[action]
    status = site.decide(client, "cq", resource_id, **body).status_code
    return {200: True, 403: False}[status]


@pytest.mark.stack
@pytest.mark.parametrize("role", ROLES)
def test_every_cell_of_the_permission_table_holds_over_http(site, role):
    client = site.client(role)
    outcome = {action: attempt(site, client, action) for action in ACTIONS}
    assert {action for action, done in outcome.items() if done} == EXPECTED[role]


@pytest.mark.stack
def test_refusals_are_403_with_a_message_on_pages_too(site):
    page = site.client("teacher").get("/school/upload")
    assert page.status_code == 403 and "你的账号角色不能上传资源" in page.get_data(as_text=True)
    assert site.app.test_client().get("/school/upload").status_code == 302  # to the login page
