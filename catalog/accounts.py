"""Accounts and schools: creating them, checking passwords, signing in — without Flask.

Reasons are in Chinese because the people who read them (schools, curators) do.
"""

from __future__ import annotations

import re
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from catalog.field_problem import FieldProblem
from catalog.messages import N_
from catalog.stores.models import Role, School, User

PASSWORD_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10
# The login form accepts no more, so a longer password could never be used.
MAX_PASSWORD_LENGTH = 200
PROVINCES = ("cq", "sc")
SCHOOL_ROLE = "school"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class AccountError(FieldProblem):
    """An account or school could not be saved: which field, and a reason a person can act on."""


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@cache
def _dummy_hash() -> str:
    return hash_password("not anybody's password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_school(session: Session, *, name: str, province: str, city: str, district: str) -> School:
    """Register a school; its name must be unique within its province."""
    school = School()
    _fill_school(session, school, name=name, province=province, city=city, district=district)
    session.add(school)
    session.flush()
    return school


def update_school(session: Session, school: School, *, name: str, province: str, city: str, district: str) -> School:
    """Rename or move a school, checked as for a new one."""
    _fill_school(session, school, name=name, province=province, city=city, district=district)
    session.flush()
    return school


def _fill_school(session: Session, school: School, *, name: str, province: str, city: str, district: str) -> None:
    name, city, district = name.strip(), city.strip(), district.strip()
    _check_text("name", name, N_("请填写学校名称"), 200)
    if province not in PROVINCES:
        raise AccountError("province", N_("省份必须是 cq（重庆）或 sc（四川）"))
    _check_text("city", city, N_("请填写所在城市"), 60)
    _check_text("district", district, N_("请填写所在区县"), 60)
    if school_named(session, name, province) not in (None, school):
        raise AccountError("name", N_("该省已有名为“%(name)s”的学校", name=name))
    school.name, school.province, school.city, school.district = name, province, city, district


def school_named(session: Session, name: str, province: str) -> School | None:
    return session.scalar(select(School).where(School.province == province, School.name == name.strip()))


def create_user(
    session: Session, *, email: str, display_name: str, password: str, role: str, school_id: int | None = None
) -> User:
    """Create an active account; a school account belongs to a school, no other kind does."""
    email = _checked_email(email)
    if find_user(session, email) is not None:
        raise AccountError("email", N_("该邮箱已有账号"))
    user = User(email=email, active=True)
    _fill_user(session, user, display_name=display_name, password=password, role=role, school_id=school_id)
    session.add(user)
    session.flush()
    return user


def update_user(
    session: Session, *, email: str, display_name: str, password: str, role: str, school_id: int | None = None
) -> User:
    """Reset an existing account's name, password, role and school, checked as for a new one; its
    sessions end."""
    user = _existing_user(session, email)
    _fill_user(session, user, display_name=display_name, password=password, role=role, school_id=school_id)
    end_sessions(user)
    session.flush()
    return user


def set_password(session: Session, email: str, password: str) -> User:
    """A new password; every session signed in with the old one ends."""
    user = _existing_user(session, email)
    _check_password(password)
    user.password_hash = hash_password(password)
    end_sessions(user)
    session.flush()
    return user


def set_active(session: Session, email: str, active: bool) -> User:
    """Enable or disable an account; a disabled one cannot sign in and its sessions end."""
    user = _existing_user(session, email)
    user.active = active
    if not active:
        end_sessions(user)
    session.flush()
    return user


def end_sessions(user: User) -> None:
    """End every session of ``user``: each carries the generation it began in (``User.get_id``)."""
    user.session_generation = (user.session_generation or 0) + 1


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = find_user(session, email)
    if user is None:
        # Hash anyway, so an unknown email takes as long as a wrong password.
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def update_profile(session: Session, user: User, *, display_name: str, role: str, school_id: int | None) -> User:
    """Change an account's name, role and school, checked as for a new one; password and sessions stay."""
    _fill_profile(session, user, display_name=display_name, role=role, school_id=school_id)
    session.flush()
    return user


def _fill_user(
    session: Session, user: User, *, display_name: str, password: str, role: str, school_id: int | None
) -> None:
    _fill_profile(session, user, display_name=display_name, role=role, school_id=school_id)
    _check_password(password)
    user.password_hash = hash_password(password)


def _fill_profile(session: Session, user: User, *, display_name: str, role: str, school_id: int | None) -> None:
    display_name = display_name.strip()
    _check_text("display_name", display_name, N_("请填写姓名"), 100)
    _check_role_and_school(session, role, school_id)
    user.display_name = display_name
    user.role_name = role
    user.school_id = school_id


def _existing_user(session: Session, email: str) -> User:
    user = find_user(session, email)
    if user is None:
        raise AccountError("email", N_("没有使用该邮箱的账号"))
    return user


def _checked_email(email: str) -> str:
    email = normalise_email(email)
    if not EMAIL.match(email) or len(email) > 254:
        raise AccountError("email", N_("请填写有效的邮箱地址"))
    return email


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password", N_("密码至少需要 %(count)s 个字符", count=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("password", N_("密码不能超过 %(count)s 个字符", count=MAX_PASSWORD_LENGTH))


def _check_role_and_school(session: Session, role: str, school_id: int | None) -> None:
    if session.get(Role, role) is None:
        names = "、".join(session.scalars(select(Role.name).order_by(Role.name)))
        raise AccountError("role", N_("没有“%(role)s”这个角色（可选：%(names)s）", role=role, names=names))
    if role == SCHOOL_ROLE:
        if school_id is None:
            raise AccountError("school_id", N_("学校账号必须指定所属学校"))
        if session.get(School, school_id) is None:
            raise AccountError("school_id", N_("没有编号为 %(id)s 的学校", id=school_id))
    elif school_id is not None:
        raise AccountError("school_id", N_("只有学校账号可以关联学校"))


def _check_text(field: str, value: str, missing: str, max_length: int) -> None:
    if not value:
        raise AccountError(field, missing)
    if len(value) > max_length:
        raise AccountError(field, N_("不能超过 %(count)s 个字符", count=max_length))
