"""The audit log as curators read it: who did what to which resource, when (Beijing time), and
what changed field by field; filtered, paged, and exported as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from catalog.field_problem import FieldProblem
from catalog.messages import N_
from catalog.permissions import authorize
from catalog.stores.models import AuditEntry, ResourceVersion, User
from catalog.uploads.new_resources import CHINA

PAGE_SIZE = 50
MAX_EXPORT = 10_000


@dataclass(frozen=True)
class AuditFilter:
    """What a curator narrows the log to; every field optional."""

    actor: str | None = None  # the user's email, or part of it
    action: str | None = None
    province: str | None = None
    resource_id: str | None = None
    since: date | None = None  # Beijing dates, both ends included
    until: date | None = None
    page: int = 1


@dataclass(frozen=True)
class Change:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class AuditRow:
    at: datetime  # Beijing time
    actor: str  # display name and email, or "系统" for the indexer and cleanups
    action: str
    province: str | None
    resource_id: str | None
    title: str | None
    changes: list[Change]
    subject: str | None = None  # the account or school an admin's change was about


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    page: int
    pages: int


def changes_between(before: dict | None, after: dict | None) -> list[Change]:
    """Each field whose value differs between the two audited states, in a stable order."""
    before, after = before or {}, after or {}
    return [
        Change(name, before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]


def beijing(moment: datetime) -> datetime:
    """A stored time (UTC; SQLite gives it back without a zone) in Beijing time."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(CHINA)


def _start_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=CHINA)


def _query(wanted: AuditFilter):
    if wanted.since and wanted.until and wanted.since > wanted.until:
        raise FieldProblem("until", N_("结束日期早于开始日期"))
    query = select(AuditEntry, User).outerjoin(User, User.id == AuditEntry.user_id)
    if wanted.actor:
        query = query.where(User.email.contains(wanted.actor.strip().lower()))
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.province:
        query = query.where(AuditEntry.province == wanted.province)
    if wanted.resource_id:
        query = query.where(AuditEntry.resource_id == wanted.resource_id.strip())
    # Aware bounds: the column type turns them into UTC, as it does every stored time.
    if wanted.since:
        query = query.where(AuditEntry.at >= _start_of(wanted.since))
    if wanted.until:
        query = query.where(AuditEntry.at < _start_of(wanted.until + timedelta(days=1)))
    return query


def _titles(session, entries) -> dict[tuple[str, str], str]:
    """Each resource's newest title the catalog holds (its versions); feeds' resources have none here."""
    keys = {(e.province, e.resource_id) for e in entries if e.province and e.resource_id}
    titles: dict[tuple[str, str], str] = {}
    for province, resource_id in keys:
        title = session.scalar(
            select(ResourceVersion.title)
            .where(
                ResourceVersion.province == province,
                ResourceVersion.resource_id == resource_id,
                ResourceVersion.title.is_not(None),
            )
            .order_by(ResourceVersion.number.desc())
            .limit(1)
        )
        if title:
            titles[(province, resource_id)] = title
    return titles


def _rows(session, pairs) -> list[AuditRow]:
    titles = _titles(session, [entry for entry, _ in pairs])
    return [
        AuditRow(
            beijing(entry.at),
            f"{user.display_name} <{user.email}>" if user else "系统",
            entry.action,
            entry.province,
            entry.resource_id,
            titles.get((entry.province, entry.resource_id)),
            changes_between(entry.before, entry.after),
            _subject(entry),
        )
        for entry, user in pairs
    ]


def _subject(entry: AuditEntry) -> str | None:
    state = entry.after or entry.before or {}
    return state.get("email") or state.get("school_name")


def read_audit_log(sessions, user, wanted: AuditFilter) -> AuditPage:
    """One page of the log, newest first."""
    authorize(user, "view_audit")
    query = _query(wanted)
    with sessions() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(1, wanted.page), pages)
        pairs = session.execute(
            query.order_by(AuditEntry.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
        ).all()
        return AuditPage(_rows(session, pairs), total, page, pages)


def audit_log_csv(sessions, user, wanted: AuditFilter) -> str:
    """The filtered log (newest first, at most MAX_EXPORT rows) as CSV with a BOM, so Excel reads the Chinese."""
    authorize(user, "view_audit")
    with sessions() as session:
        pairs = session.execute(_query(wanted).order_by(AuditEntry.id.desc()).limit(MAX_EXPORT)).all()
        rows = _rows(session, pairs)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time", "user", "action", "province", "resource_id", "title", "changes"])
    for row in rows:
        writer.writerow(
            [
                row.at.strftime("%Y-%m-%d %H:%M:%S"),
                row.actor,
                row.action,
                row.province or "",
                row.resource_id or "",
                row.title or "",
                "; ".join(f"{c.field}: {c.before} → {c.after}" for c in row.changes),
            ]
        )
    return "\ufeff" + out.getvalue()
