"""Admins manage schools and accounts in the browser: every change audited, refused to anyone else."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from catalog.stores.models import AuditEntry, School, User
from tests.curation_fixtures import PASSWORD

pytestmark = pytest.mark.stack

NEW_PASSWORD = "a-brand-new-secret-9"


def _post(client, path: str, **form):
    return client.post(path, data={"csrf_token": client.csrf, **form})


def _audited(site, action: str) -> list[AuditEntry]:
    with site.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _user(site, email: str) -> User:
    with site.sessions() as session:
        return session.scalar(select(User).where(User.email == email))


def _link(response) -> str:
    match = re.search(r">(http://[^<]+/set-password/[^<]+)</textarea>", response.get_data(as_text=True))
    assert match, response.get_data(as_text=True)
    return match[1].split("localhost", 1)[1]


def _signs_in(site, email: str, password: str) -> bool:
    client = site.app.test_client()
    csrf = client.get("/api/v1/session").get_json()["csrf_token"]
    return client.post("/login", data={"email": email, "password": password, "csrf_token": csrf}).status_code == 303


def _still_signed_in(client) -> bool:
    return client.get("/api/v1/session").get_json().get("user") is not None


def test_an_admin_registers_a_school_in_a_listed_district_and_edits_it(site):
    admin = site.client("admin")
    response = _post(admin, "/admin/schools", name="  重庆市大渡口区新工小学 ", district="重庆市大渡口区")
    assert response.status_code == 303
    with site.sessions() as session:
        school = session.scalar(select(School).where(School.name == "重庆市大渡口区新工小学"))
        assert (school.province, school.city, school.district) == ("cq", "重庆市", "大渡口区")
    assert "重庆市大渡口区新工小学" in admin.get("/admin/schools").get_data(as_text=True)
    [created] = _audited(site, "school_create")
    assert created.user_id == site.users["admin"].id and created.after["district"] == "大渡口区"

    response = _post(admin, f"/admin/schools/{school.id}", name="成都市武侯区新工小学", district="成都市武侯区")
    assert response.status_code == 303
    [edited] = _audited(site, "school_edit")
    assert edited.before["province"] == "cq" and edited.after == {
        "school_name": "成都市武侯区新工小学",
        "province": "sc",
        "city": "成都市",
        "district": "武侯区",
    }


def test_a_school_with_resources_stays_in_its_province(site):
    assert site.upload(site.client("school")).status_code == 201  # into Chongqing's storage
    page = _post(
        site.client("admin"), f"/admin/schools/{site.schools['cq'].id}", name="重庆市测试小学", district="成都市武侯区"
    )
    assert page.status_code == 400 and "不能改到另一个省份" in page.get_data(as_text=True)
    with site.sessions() as session:
        assert session.get(School, site.schools["cq"].id).province == "cq"


def test_a_school_form_names_the_field_in_chinese(site):
    admin = site.client("admin")
    page = _post(admin, "/admin/schools", name="某小学", district="火星市奥林匹斯区")
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "区县" in text and "请从列表中选择学校所在的区县" in text and 'value="某小学"' in text
    page = _post(admin, "/admin/schools", name="重庆市测试小学", district="重庆市渝中区")  # the fixture's
    assert page.status_code == 400 and "该省已有名为“重庆市测试小学”的学校" in page.get_data(as_text=True)
    assert _audited(site, "school_create") == []


def test_an_invited_user_sets_a_password_once_and_signs_in(site):
    admin = site.client("admin")
    response = _post(
        admin,
        "/admin/users",
        email="New.Teacher@Example.cn",
        display_name="王老师",
        role="school",
        school_id=str(site.schools["sc"].id),
    )
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    link = _link(response)
    invited = _user(site, "new.teacher@example.cn")
    assert invited.role == "school" and invited.school_id == site.schools["sc"].id and invited.active
    [entry] = _audited(site, "user_invite")
    assert entry.after["school"] == "成都市测试小学" and entry.user_id == site.users["admin"].id

    visitor = site.app.test_client()
    form = visitor.get(link)
    assert form.status_code == 200 and "new.teacher@example.cn" in form.get_data(as_text=True)
    assert form.headers["Referrer-Policy"] == "no-referrer"  # the token is in the address
    csrf = visitor.get("/api/v1/session").get_json()["csrf_token"]
    short = visitor.post(link, data={"password": "short", "password_again": "short", "csrf_token": csrf})
    assert short.status_code == 400 and "密码至少需要 10 个字符" in short.get_data(as_text=True)
    mismatch = visitor.post(link, data={"password": NEW_PASSWORD, "password_again": "x", "csrf_token": csrf})
    assert mismatch.status_code == 400 and "两次输入的密码不一致" in mismatch.get_data(as_text=True)
    done = visitor.post(link, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "csrf_token": csrf})
    assert done.status_code == 303 and done.headers["Location"].endswith("/login")
    assert _signs_in(site, "new.teacher@example.cn", NEW_PASSWORD)
    assert [e.user_id for e in _audited(site, "password_set")] == [invited.id]

    again = visitor.post(
        link, data={"password": "another-secret-77", "password_again": "another-secret-77", "csrf_token": csrf}
    )
    assert again.status_code == 410 and "链接已失效" in again.get_data(as_text=True)
    assert not _signs_in(site, "new.teacher@example.cn", "another-secret-77")


def test_a_forged_link_opens_nothing(site):
    assert site.app.test_client().get("/set-password/not-a-token").status_code == 410


def test_an_invitation_names_the_bad_field(site):
    admin = site.client("admin")
    taken = _post(admin, "/admin/users", email="teacher@example.cn", display_name="重复", role="teacher", school_id="")
    assert taken.status_code == 400 and "该邮箱已有账号" in taken.get_data(as_text=True)
    no_school = _post(admin, "/admin/users", email="x@example.cn", display_name="某校", role="school", school_id="")
    assert no_school.status_code == 400 and "学校账号必须指定所属学校" in no_school.get_data(as_text=True)
    assert _user(site, "x@example.cn") is None and _audited(site, "user_invite") == []


def test_an_admin_changes_role_and_school(site):
    admin = site.client("admin")
    teacher = site.users["teacher"]
    response = _post(
        admin,
        f"/admin/users/{teacher.id}",
        display_name="测试学校账号",
        role="school",
        school_id=str(site.schools["cq"].id),
    )
    assert response.status_code == 303
    changed = _user(site, teacher.email)
    assert (changed.role, changed.school_id, changed.display_name) == ("school", site.schools["cq"].id, "测试学校账号")
    [entry] = _audited(site, "user_edit")
    assert (entry.before["role"], entry.after["role"]) == ("teacher", "school")
    assert entry.after["school"] == "重庆市测试小学"

    own = _post(admin, f"/admin/users/{site.users['admin'].id}", display_name="管理员", role="teacher", school_id="")
    assert own.status_code == 400 and "不能修改自己的角色" in own.get_data(as_text=True)
    assert _user(site, "admin@example.cn").role == "admin"


def test_disabling_a_user_ends_their_sessions_and_is_audited(site):
    admin = site.client("admin")
    curator = site.client("curator")
    assert _still_signed_in(curator)
    response = _post(admin, f"/admin/users/{site.users['curator'].id}", action="disable")
    assert response.status_code == 303
    assert not _still_signed_in(curator)
    assert not _signs_in(site, "curator@example.cn", PASSWORD)
    [entry] = _audited(site, "user_disable")
    assert (entry.before["active"], entry.after["active"]) == (True, False)

    _post(admin, f"/admin/users/{site.users['curator'].id}", action="enable")
    assert _signs_in(site, "curator@example.cn", PASSWORD) and len(_audited(site, "user_enable")) == 1
    own = _post(admin, f"/admin/users/{site.users['admin'].id}", action="disable")
    assert own.status_code == 400 and "不能停用自己的账号" in own.get_data(as_text=True)


def test_a_password_reset_ends_sessions_and_the_old_password(site):
    admin = site.client("admin")
    school = site.client("school")
    response = _post(admin, f"/admin/users/{site.users['school'].id}", action="reset_password")
    assert response.status_code == 200
    link = _link(response)
    assert not _still_signed_in(school)
    assert not _signs_in(site, "school@example.cn", PASSWORD)
    assert len(_audited(site, "password_reset")) == 1

    visitor = site.app.test_client()
    csrf = visitor.get("/api/v1/session").get_json()["csrf_token"]
    visitor.post(link, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "csrf_token": csrf})
    assert _signs_in(site, "school@example.cn", NEW_PASSWORD)


def test_a_second_reset_voids_the_first_link(site):
    admin = site.client("admin")
    first = _link(_post(admin, f"/admin/users/{site.users['teacher'].id}", action="reset_password"))
    _post(admin, f"/admin/users/{site.users['teacher'].id}", action="reset_password")
    assert site.app.test_client().get(first).status_code == 410


@pytest.mark.parametrize("who", ["teacher", "school", "curator"])
def test_anyone_but_an_admin_gets_403_on_every_admin_page_and_write(site, who):
    client = site.client(who)
    target = site.users["teacher"].id
    school_id = site.schools["cq"].id
    for path in ("/admin/schools", "/admin/users", f"/admin/users/{target}", f"/admin/schools/{school_id}"):
        assert client.get(path).status_code == 403, path
    writes = [
        ("/admin/schools", {"name": "越权小学", "district": "重庆市渝中区"}),
        (f"/admin/schools/{school_id}", {"name": "越权小学", "district": "重庆市渝中区"}),
        ("/admin/users", {"email": "sneaky@example.cn", "display_name": "越权", "role": "admin", "school_id": ""}),
        (f"/admin/users/{target}", {"display_name": "越权", "role": "admin", "school_id": ""}),
        (f"/admin/users/{target}", {"action": "disable"}),
        (f"/admin/users/{target}", {"action": "reset_password"}),
    ]
    for path, form in writes:
        assert _post(client, path, **form).status_code == 403, (path, form)
    assert _user(site, "teacher@example.cn").role == "teacher" and _user(site, "teacher@example.cn").active
    assert _user(site, "sneaky@example.cn") is None
    with site.sessions() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action.in_(("school_create", "user_invite")))) is None


def test_admin_forms_need_the_csrf_token(site):
    admin = site.client("admin")
    response = admin.post("/admin/schools", data={"name": "无令牌小学", "district": "重庆市渝中区"})
    assert response.status_code == 400
    response = admin.post(f"/admin/users/{site.users['teacher'].id}", data={"action": "disable"})
    assert response.status_code == 400 and _user(site, "teacher@example.cn").active


def test_the_audit_log_reads_admin_changes(site):
    admin = site.client("admin")
    _post(admin, f"/admin/users/{site.users['curator'].id}", action="disable")
    page = admin.get("/curation/audit?action=user_disable").get_data(as_text=True)
    assert "停用账号" in page and "curator@example.cn" in page and "启用：是 → 否" in page
