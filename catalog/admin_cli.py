"""``catalog-admin``: migrate the database and manage schools and accounts from a shell.

Passwords come from an environment variable, never from the command line, where
``ps`` and shell history would show them.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from catalog.accounts import (
    PROVINCES,
    AccountError,
    create_school,
    create_user,
    find_user,
    school_named,
    set_active,
    update_user,
)
from catalog.provinces import load_provinces
from catalog.settings import ENVIRONMENT
from catalog.stores.database import make_engine, make_sessions, transaction
from catalog.stores.migrate import current_revision, upgrade_database
from catalog.stores.models import School, User
from catalog.stores.province_storage import ProvinceStorage
from catalog.uploads.large_uploads import LargeUploads

DATABASE_URL_VARIABLE = "CATALOG_DATABASE_URL"
DEFAULT_PASSWORD_VARIABLE = "CATALOG_NEW_PASSWORD"


def database_url(environ=os.environ) -> str:
    return environ.get(DATABASE_URL_VARIABLE) or ENVIRONMENT[DATABASE_URL_VARIABLE][0]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog-admin", description="管理目录数据库、学校和账号")
    topics = parser.add_subparsers(dest="topic", required=True)

    db = topics.add_parser("db", help="数据库结构").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help=f"迁移 ${DATABASE_URL_VARIABLE} 指向的数据库到最新版本").set_defaults(run=db_upgrade)

    schools = topics.add_parser("schools", help="学校").add_subparsers(dest="action", required=True)
    create = schools.add_parser("create", help="登记一所学校，输出其编号")
    create.add_argument("--name", required=True)
    create.add_argument("--province", required=True, choices=PROVINCES)
    create.add_argument("--city", required=True)
    create.add_argument("--district", required=True)
    create.add_argument("--if-missing", action="store_true", help="同省已有同名学校时输出其编号，不报错")
    create.set_defaults(run=schools_create)
    schools.add_parser("list", help="列出所有学校").set_defaults(run=schools_list)

    users = topics.add_parser("users", help="账号").add_subparsers(dest="action", required=True)
    create = users.add_parser("create", help="创建账号，输出其编号")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True, help="显示名称")
    create.add_argument("--role", required=True, help="teacher、school、curator 或 admin")
    school = create.add_mutually_exclusive_group()
    school.add_argument("--school-id", type=int)
    school.add_argument("--school-name")
    create.add_argument(
        "--password-env",
        default=DEFAULT_PASSWORD_VARIABLE,
        metavar="VAR",
        help=f"从哪个环境变量读取密码（默认 {DEFAULT_PASSWORD_VARIABLE}）",
    )
    create.add_argument("--update", action="store_true", help="账号已存在时重设其名称、密码、角色和学校")
    create.set_defaults(run=users_create)
    users.add_parser("list", help="列出所有账号").set_defaults(run=users_list)
    for action, active, text in (
        ("disable", False, "停用账号，并结束它的所有登录会话"),
        ("enable", True, "重新启用账号"),
    ):
        toggle = users.add_parser(action, help=text)
        toggle.add_argument("--email", required=True)
        toggle.set_defaults(run=users_set_active, active=active)

    uploads = topics.add_parser("uploads", help="大文件直传").add_subparsers(dest="action", required=True)
    cleanup = uploads.add_parser("cleanup", help="中止并删除没有被任何资源使用的大文件上传，以及没有提交的草稿版本")
    cleanup.add_argument("--older-than-hours", type=float, default=24.0)
    cleanup.set_defaults(run=uploads_cleanup)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args, database_url())
    except AccountError as error:
        print(f"error: {error.field}: {error.reason}", file=sys.stderr)
        return 1
    except OperationalError as error:
        print(f"error: database: {error.orig}（数据库是否已迁移？运行 catalog-admin db upgrade）", file=sys.stderr)
        return 1
    return 0


def db_upgrade(_args, url: str) -> None:
    upgrade_database(url)
    print(current_revision(url))


def schools_create(args, url: str) -> None:
    with _unit_of_work(url) as session:
        existing = school_named(session, args.name, args.province) if args.if_missing else None
        school = existing or create_school(
            session, name=args.name, province=args.province, city=args.city, district=args.district
        )
        print(school.id)


def schools_list(_args, url: str) -> None:
    with _unit_of_work(url) as session:
        for school in session.scalars(select(School).order_by(School.id)):
            print(school.id, school.province, school.city, school.district, school.name, sep="\t")


def users_create(args, url: str) -> None:
    password = os.environ.get(args.password_env)
    if not password:
        raise AccountError("password", f"请在环境变量 {args.password_env} 中提供密码")
    with _unit_of_work(url) as session:
        fields = dict(
            email=args.email,
            display_name=args.name,
            password=password,
            role=args.role,
            school_id=_school_id(session, args),
        )
        if args.update and find_user(session, args.email) is not None:
            user = update_user(session, **fields)
        else:
            user = create_user(session, **fields)
        print(user.id)


def users_list(_args, url: str) -> None:
    with _unit_of_work(url) as session:
        for user in session.scalars(select(User).order_by(User.id)):
            school = user.school.name if user.school else "-"
            state = "active" if user.active else "inactive"
            print(user.id, user.email, user.role, school, state, user.display_name, sep="\t")


def users_set_active(args, url: str) -> None:
    with _unit_of_work(url) as session:
        user = set_active(session, args.email, args.active)
        print(user.id)


def uploads_cleanup(args, url: str) -> None:
    storages = {province.code: ProvinceStorage(province) for province in load_provinces()}
    engine = make_engine(url)
    uploads = LargeUploads(storages, make_sessions(engine))
    older_than = timedelta(hours=args.older_than_hours)
    try:
        removed = uploads.cleanup(older_than=older_than)
        drafts = uploads.cleanup_drafts(older_than=older_than)
    finally:
        engine.dispose()
    print(f"removed {removed} abandoned upload(s) and {drafts} abandoned draft version(s)")


def _school_id(session, args) -> int | None:
    if args.school_name is None:
        return args.school_id
    matches = session.scalars(select(School).where(School.name == args.school_name.strip())).all()
    if not matches:
        raise AccountError("school_name", f"没有名为“{args.school_name}”的学校")
    if len(matches) > 1:
        raise AccountError("school_name", "两省都有这个名字的学校，请改用 --school-id")
    return matches[0].id


@contextmanager
def _unit_of_work(url: str):
    """One transaction on an engine of its own, disposed afterwards so a SQLite file is let go."""
    engine = make_engine(url)
    try:
        with transaction(make_sessions(engine)) as session:
            yield session
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
