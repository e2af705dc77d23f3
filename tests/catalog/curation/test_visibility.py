"""Who sees a resource before it is published: curators and admins all, a school only its own.

Pure: a SQLite catalog database in a temporary folder, no other service.
"""

from __future__ import annotations

import pytest

from catalog.accounts import create_school, create_user
from catalog.curation.visibility import may_see_unpublished
from catalog.stores.database import make_engine, make_sessions, transaction
from catalog.stores.migrate import upgrade_database
from catalog.stores.models import ResourceDecision


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('visibility') / 'catalog.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    yield make_sessions(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def users(sessions):
    """One user per role, two schools; the first school uploaded cq/up-1, waiting for review."""
    with transaction(sessions) as session:
        own = create_school(session, name="重庆市第一中学校", province="cq", city="重庆市", district="沙坪坝区")
        other = create_school(session, name="成都市第七中学", province="sc", city="成都市", district="武侯区")
        made = {
            "teacher": create_user(
                session, email="t@example.cn", display_name="李老师", password="x" * 12, role="teacher"
            ),
            "own school": create_user(
                session, email="s1@example.cn", display_name="一中", password="x" * 12, role="school", school_id=own.id
            ),
            "other school": create_user(
                session,
                email="s2@example.cn",
                display_name="七中",
                password="x" * 12,
                role="school",
                school_id=other.id,
            ),
            "curator": create_user(
                session, email="c@example.cn", display_name="王老师", password="x" * 12, role="curator"
            ),
            "admin": create_user(session, email="a@example.cn", display_name="管理员", password="x" * 12, role="admin"),
        }
        session.add(ResourceDecision(province="cq", resource_id="up-1", review_state="pending", owner_school_id=own.id))
        session.flush()
        session.expunge_all()
    return made


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("teacher", False),
        ("own school", True),
        ("other school", False),
        ("curator", True),
        ("admin", True),
    ],
)
def test_a_waiting_upload_is_seen_by_its_school_and_the_reviewers_only(sessions, users, who, sees):
    assert may_see_unpublished(sessions, users[who], "cq", "up-1") is sees


def test_nobody_signed_in_sees_anything_unpublished(sessions):
    assert may_see_unpublished(sessions, None, "cq", "up-1") is False


def test_a_school_sees_no_unpublished_resource_it_did_not_upload(sessions, users):
    # A feed resource a curator took down has no owner: only reviewers see it.
    assert may_see_unpublished(sessions, users["own school"], "cq", "feed-9") is False
    assert may_see_unpublished(sessions, users["own school"], "sc", "up-1") is False
    assert may_see_unpublished(sessions, users["curator"], "cq", "feed-9") is True
