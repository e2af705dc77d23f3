"""Accounts and schools: the rules on roles, schools and passwords, signing in, and catalog-admin."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from catalog.accounts import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    authenticate,
    create_school,
    create_user,
    hash_password,
    set_active,
    set_password,
    update_user,
    verify_password,
)
from catalog.admin_cli import database_url, main
from catalog.stores.database import make_engine, make_sessions, transaction
from catalog.stores.migrate import upgrade_database
from catalog.stores.models import User

PASSWORD = "correct horse battery"


@pytest.fixture
def sessions(fresh_database_url):
    url = fresh_database_url
    upgrade_database(url)
    engine = make_engine(url)
    yield make_sessions(engine)
    engine.dispose()


@pytest.fixture
def session(sessions):
    with transaction(sessions) as session:
        yield session


@pytest.fixture
def school(session):
    return create_school(session, name="重庆市第一中学校", province="cq", city="重庆市", district="沙坪坝区")


def _user(session, email="teacher@example.cn", role="teacher", school_id=None, password=PASSWORD):
    return create_user(session, email=email, display_name="李老师", password=password, role=role, school_id=school_id)


def test_a_user_of_each_role_can_be_created(session, school):
    created = [
        _user(session, "t@example.cn", "teacher"),
        _user(session, "s@example.cn", "school", school_id=school.id),
        _user(session, "c@example.cn", "curator"),
        _user(session, "a@example.cn", "admin"),
    ]
    assert [user.role for user in created] == ["teacher", "school", "curator", "admin"]
    assert created[1].school.name == "重庆市第一中学校"
    assert all(user.active for user in created)


def test_a_school_account_needs_a_school(session):
    with pytest.raises(AccountError) as error:
        _user(session, role="school")
    assert error.value.field == "school_id"


def test_a_school_account_needs_a_school_that_exists(session):
    with pytest.raises(AccountError) as error:
        _user(session, role="school", school_id=999)
    assert error.value.field == "school_id"


def test_only_school_accounts_belong_to_a_school(session, school):
    with pytest.raises(AccountError) as error:
        _user(session, role="teacher", school_id=school.id)
    assert error.value.field == "school_id"


def test_an_unknown_role_is_refused(session):
    with pytest.raises(AccountError) as error:
        _user(session, role="principal")
    assert error.value.field == "role"


def test_a_short_password_is_refused_with_a_reason(session):
    with pytest.raises(AccountError) as error:
        _user(session, password="x" * (MIN_PASSWORD_LENGTH - 1))
    assert error.value.field == "password"
    assert error.value.reason == "密码至少需要 10 个字符"


def test_an_email_is_normalised_and_checked(session):
    assert _user(session, email="  Li.Laoshi@Example.CN ").email == "li.laoshi@example.cn"
    with pytest.raises(AccountError) as error:
        _user(session, email="not-an-email")
    assert error.value.field == "email"


def test_an_email_has_one_account_whatever_its_case(session):
    _user(session, email="teacher@example.cn")
    with pytest.raises(AccountError) as error:
        _user(session, email="TEACHER@example.cn")
    assert error.value.field == "email"


def test_a_school_name_is_unique_within_its_province(session, school):
    with pytest.raises(AccountError) as error:
        create_school(session, name="重庆市第一中学校", province="cq", city="重庆市", district="渝中区")
    assert error.value.field == "name"
    create_school(session, name="重庆市第一中学校", province="sc", city="成都市", district="武侯区")


def test_a_school_is_in_one_of_the_two_provinces(session):
    with pytest.raises(AccountError) as error:
        create_school(session, name="某中学", province="gz", city="贵阳市", district="南明区")
    assert error.value.field == "province"


def test_the_stored_hash_is_scrypt_and_never_the_password(session):
    user = _user(session)
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash
    assert verify_password(hash_password(PASSWORD), PASSWORD)
    assert not verify_password(hash_password(PASSWORD), "wrong password")


def test_authenticate(session):
    user = _user(session, email="teacher@example.cn")
    assert authenticate(session, " Teacher@Example.cn", PASSWORD) is user
    assert authenticate(session, "teacher@example.cn", "wrong password") is None
    assert authenticate(session, "nobody@example.cn", PASSWORD) is None
    user.active = False
    assert authenticate(session, "teacher@example.cn", PASSWORD) is None


def test_set_password(session):
    _user(session)
    set_password(session, "teacher@example.cn", "a new long password")
    assert authenticate(session, "teacher@example.cn", PASSWORD) is None
    assert authenticate(session, "teacher@example.cn", "a new long password") is not None
    with pytest.raises(AccountError) as error:
        set_password(session, "teacher@example.cn", "short")
    assert error.value.field == "password"


def test_a_new_password_or_a_disabled_account_ends_the_sessions_begun_before(session):
    user = _user(session)
    first = user.get_id()
    set_password(session, "teacher@example.cn", "a new long password")
    second = user.get_id()
    update_user(session, email="teacher@example.cn", display_name="李老师", password=PASSWORD, role="teacher")
    third = user.get_id()
    set_active(session, "teacher@example.cn", False)
    fourth = user.get_id()
    assert len({first, second, third, fourth}) == 4 and all(i.startswith(f"{user.id}:") for i in (first, fourth))
    assert authenticate(session, "teacher@example.cn", PASSWORD) is None
    set_active(session, "teacher@example.cn", True)
    assert user.get_id() == fourth  # enabling lets the account sign in anew, not revive old sessions
    assert authenticate(session, "teacher@example.cn", PASSWORD) is user


# catalog-admin, end to end on a SQLite file


@pytest.fixture
def admin(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'var' / 'catalog.db'}"
    monkeypatch.setenv("CATALOG_DATABASE_URL", url)
    monkeypatch.setenv("CATALOG_NEW_PASSWORD", PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()

    run.url = url
    return run


def _users(url):
    engine = make_engine(url)
    try:
        with transaction(make_sessions(engine)) as session:
            return {user.email: (user.role, user.school_id) for user in session.scalars(select(User))}
    finally:
        engine.dispose()


def test_the_database_url_comes_from_the_environment():
    assert database_url({}) == "sqlite:///var/catalog.db"
    assert database_url({"CATALOG_DATABASE_URL": "sqlite:///x.db"}) == "sqlite:///x.db"


def test_catalog_admin_sets_up_schools_and_accounts(admin):
    assert admin("db", "upgrade") == (0, "0006_api_tokens", "")
    code, school_id, _ = admin(
        "schools", "create", "--name", "成都七中", "--province", "sc", "--city", "成都市", "--district", "武侯区"
    )
    assert code == 0 and school_id.isdigit()
    again = admin(
        "schools",
        "create",
        "--name",
        "成都七中",
        "--province",
        "sc",
        "--city",
        "成都市",
        "--district",
        "武侯区",
        "--if-missing",
    )
    assert again == (0, school_id, "")

    assert (
        admin(
            "users",
            "create",
            "--email",
            "Office@CD7.cn",
            "--name",
            "教务处",
            "--role",
            "school",
            "--school-name",
            "成都七中",
        )[0]
        == 0
    )
    assert admin("users", "create", "--email", "curator@example.cn", "--name", "审核员甲", "--role", "curator")[0] == 0
    assert _users(admin.url) == {"office@cd7.cn": ("school", int(school_id)), "curator@example.cn": ("curator", None)}

    code, listing, _ = admin("users", "list")
    assert code == 0 and "office@cd7.cn\tschool\t成都七中" in listing


def test_catalog_admin_reports_a_duplicate_email(admin):
    admin("db", "upgrade")
    assert admin("users", "create", "--email", "a@example.cn", "--name", "甲", "--role", "admin")[0] == 0
    code, out, err = admin("users", "create", "--email", "A@example.cn", "--name", "甲", "--role", "admin")
    assert (code, out) == (1, "")
    assert err == "error: email: 该邮箱已有账号"


def test_catalog_admin_reports_a_duplicate_school_without_if_missing(admin):
    admin("db", "upgrade")
    school = ("schools", "create", "--name", "巴蜀中学", "--province", "cq", "--city", "重庆市", "--district", "渝中区")
    assert admin(*school)[0] == 0
    code, _, err = admin(*school)
    assert code == 1 and err.startswith("error: name: ")


def test_catalog_admin_reads_the_password_from_the_named_variable(admin, monkeypatch):
    admin("db", "upgrade")
    monkeypatch.delenv("CATALOG_NEW_PASSWORD")
    assert admin("users", "create", "--email", "t@example.cn", "--name", "王老师", "--role", "teacher") == (
        1,
        "",
        "error: password: 请在环境变量 CATALOG_NEW_PASSWORD 中提供密码",
    )
    monkeypatch.setenv("TEACHER_PASSWORD", "short")
    code, _, err = admin(
        "users",
        "create",
        "--email",
        "t@example.cn",
        "--name",
        "王老师",
        "--role",
        "teacher",
        "--password-env",
        "TEACHER_PASSWORD",
    )
    assert (code, err) == (1, "error: password: 密码至少需要 10 个字符")


def test_catalog_admin_update_resets_password_and_role(admin, monkeypatch):
    admin("db", "upgrade")
    assert admin("users", "create", "--email", "t@example.cn", "--name", "王老师", "--role", "teacher")[0] == 0
    monkeypatch.setenv("CATALOG_NEW_PASSWORD", "another long password")
    assert (
        admin("users", "create", "--email", "t@example.cn", "--name", "王老师", "--role", "curator", "--update")[0] == 0
    )
    engine = make_engine(admin.url)
    try:
        with transaction(make_sessions(engine)) as session:
            user = authenticate(session, "t@example.cn", "another long password")
            assert user is not None and user.role == "curator"
    finally:
        engine.dispose()


def test_catalog_admin_reports_a_database_not_yet_migrated(admin):
    code, _, err = admin("users", "list")
    assert code == 1 and err.startswith("error: database: ")
