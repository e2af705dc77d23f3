"""What an admin does to schools and accounts in the browser, each change audited: register and edit
schools, invite users, change role and school, disable, reset a password; and the one-time
set-password links that stand in for mail.

The checks themselves are ``catalog.accounts``'s, shared with ``catalog-admin``.
"""

from __future__ import annotations

import secrets

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.accounts import (
    AccountError,
    create_school,
    create_user,
    set_active,
    set_password,
    update_profile,
    update_school,
)
from catalog.curation.decisions import audit
from catalog.messages import N_
from catalog.permissions import authorize
from catalog.resources.districts import District, find_district
from catalog.stores.models import ResourceDecision, School, User

# An invitation or reset link works this long, and only until it is used or the password changes.
LINK_LIFETIME_SECONDS = 7 * 24 * 3600
_LINK_SALT = "catalog.set-password"


def school_snapshot(school: School) -> dict:
    """A school's audited state (``school_name``: ``name`` on the audit page is a file's name)."""
    return {"school_name": school.name, "province": school.province, "city": school.city, "district": school.district}


def user_snapshot(user: User) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "school": user.school.name if user.school else None,
        "active": user.active,
    }


def list_schools(session: Session, actor) -> list[School]:
    authorize(actor, "manage_accounts")
    return list(session.scalars(select(School).order_by(School.province, School.name)))


def list_users(session: Session, actor) -> list[User]:
    authorize(actor, "manage_accounts")
    return list(session.scalars(select(User).order_by(User.role_name, User.email)))


def school_by_id(session: Session, actor, school_id: int) -> School | None:
    authorize(actor, "manage_accounts")
    return session.get(School, school_id)


def user_by_id(session: Session, actor, user_id: int) -> User | None:
    authorize(actor, "manage_accounts")
    return session.get(User, user_id)


def _place(place_key: str, school: School | None) -> District | tuple[str, str, str]:
    """A district of the list by its key; a school registered elsewhere (``catalog-admin``) keeps its own."""
    district = find_district(place_key.strip())
    if district is not None:
        return district
    if school is not None and place_key == f"{school.city}{school.district}":
        return (school.province, school.city, school.district)
    raise AccountError("district", N_("请从列表中选择学校所在的区县"))


def save_school(session: Session, actor, *, name: str, place_key: str, school: School | None = None) -> School:
    """Register a school (``school`` None) or change one; its place is a district of ``districts.py``."""
    authorize(actor, "manage_accounts")
    province, city, district = _place(place_key, school)[:3]
    if school is None:
        school = create_school(session, name=name, province=province, city=city, district=district)
        audit(session, actor, "school_create", after=school_snapshot(school))
        return school
    if province != school.province and _owns_resources(session, school):
        raise AccountError("district", N_("这所学校已有资源存放在原省份，不能改到另一个省份"))
    before = school_snapshot(school)
    update_school(session, school, name=name, province=province, city=city, district=district)
    audit(session, actor, "school_edit", before=before, after=school_snapshot(school))
    return school


def _owns_resources(session: Session, school: School) -> bool:
    return (
        session.scalar(
            select(ResourceDecision.resource_id).where(ResourceDecision.owner_school_id == school.id).limit(1)
        )
        is not None
    )


def invite_user(session: Session, actor, *, email: str, display_name: str, role: str, school_id: int | None) -> User:
    """An active account whose password nobody knows until its set-password link is used."""
    authorize(actor, "manage_accounts")
    user = create_user(
        session,
        email=email,
        display_name=display_name,
        password=secrets.token_urlsafe(32),
        role=role,
        school_id=school_id,
    )
    session.refresh(user)  # its school, for the audit
    audit(session, actor, "user_invite", after=user_snapshot(user))
    return user


def change_user(session: Session, actor, user: User, *, display_name: str, role: str, school_id: int | None) -> User:
    authorize(actor, "manage_accounts")
    if user.id == actor.id and role != user.role:
        raise AccountError("role", N_("不能修改自己的角色：请让另一位管理员来改"))
    before = user_snapshot(user)
    update_profile(session, user, display_name=display_name, role=role, school_id=school_id)
    session.refresh(user)
    audit(session, actor, "user_edit", before=before, after=user_snapshot(user))
    return user


def set_user_active(session: Session, actor, user: User, active: bool) -> User:
    """Enable or disable an account; disabling ends its sessions (``accounts.set_active``)."""
    authorize(actor, "manage_accounts")
    if user.id == actor.id and not active:
        raise AccountError("active", N_("不能停用自己的账号"))
    before = user_snapshot(user)
    set_active(session, user.email, active)
    audit(session, actor, "user_enable" if active else "user_disable", before=before, after=user_snapshot(user))
    return user


def reset_password(session: Session, actor, user: User) -> User:
    """Replace the password with one nobody knows, which ends the user's sessions; the admin hands on a link."""
    authorize(actor, "manage_accounts")
    set_password(session, user.email, secrets.token_urlsafe(32))
    audit(
        session,
        actor,
        "password_reset",
        before={"email": user.email},
        after={"email": user.email, "password_reset": True},
    )
    return user


def set_password_link_token(secret_key: str, user: User) -> str:
    """A signed token for ``user``'s set-password page, good until its session generation moves on."""
    return URLSafeTimedSerializer(secret_key, salt=_LINK_SALT).dumps([user.id, user.session_generation or 0])


def user_for_link(session: Session, secret_key: str, token: str) -> User:
    """The active user a set-password token was made for, while it is still good."""
    try:
        user_id, generation = URLSafeTimedSerializer(secret_key, salt=_LINK_SALT).loads(
            token, max_age=LINK_LIFETIME_SECONDS
        )
        user = session.get(User, int(user_id))
    except (BadSignature, TypeError, ValueError):
        user = None
        generation = None
    if user is None or not user.active or generation != (user.session_generation or 0):
        raise AccountError("token", N_("这个链接已失效（已用过、已过期或密码已改过），请联系管理员重新生成"))
    return user


def use_set_password_link(session: Session, secret_key: str, token: str, password: str) -> User:
    """Set the password the link is for; the new generation makes the link (and any session) stale."""
    user = user_for_link(session, secret_key, token)
    set_password(session, user.email, password)
    audit(
        session, user, "password_set", before={"email": user.email}, after={"email": user.email, "password_set": True}
    )
    return user
