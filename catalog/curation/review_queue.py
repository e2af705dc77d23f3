"""The curators' queue: versions waiting for review, filtered, sorted and counted in the database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select

from catalog.curation.versions import SUBMITTED
from catalog.stores.models import ResourceDecision, ResourceVersion, School

SORTS = ("oldest", "newest", "title")
AGES = (3, 7)  # "waiting more than N days", the choices the queue counts
QUEUE_PAGE = 50


@dataclass(frozen=True)
class QueueQuery:
    province: str | None = None
    resource_type: str | None = None
    school_id: int | None = None
    older_than_days: int | None = None
    sort: str = "oldest"
    page: int = 1


def _waiting(query: QueueQuery, now: datetime):
    """The waiting versions ``query`` selects, as a statement over ResourceVersion."""
    statement = select(ResourceVersion).where(ResourceVersion.state == SUBMITTED)
    if query.province:
        statement = statement.where(ResourceVersion.province == query.province)
    if query.resource_type:
        statement = statement.where(ResourceVersion.resource_type == query.resource_type)
    if query.school_id is not None:
        statement = statement.where(ResourceVersion.school_id == query.school_id)
    if query.older_than_days is not None:
        statement = statement.where(ResourceVersion.submitted_at < now - timedelta(days=query.older_than_days))
    return statement


def _order(query: QueueQuery):
    submitted = ResourceVersion.submitted_at
    first = {"oldest": submitted.asc(), "newest": submitted.desc(), "title": ResourceVersion.title.asc()}[query.sort]
    return first, submitted.asc(), ResourceVersion.province, ResourceVersion.resource_id


def _counts(session, query: QueueQuery, column, now: datetime) -> dict:
    """How many waiting versions each value of ``column`` has, with every other filter applied."""
    selected = _waiting(query, now).subquery()
    rows = session.execute(select(selected.c[column], func.count()).group_by(selected.c[column]))
    return {value: count for value, count in rows if value is not None}


def _age_counts(session, query: QueueQuery, now: datetime) -> dict[int, int]:
    return {
        days: session.scalar(
            select(func.count()).select_from(_waiting(replace(query, older_than_days=days), now).subquery())
        )
        for days in AGES
    }


def read_queue(session, query: QueueQuery, now: datetime) -> dict:
    """One page of the queue, its total, and the counts beside each filter's values."""
    selected = _waiting(query, now)
    total = session.scalar(select(func.count()).select_from(selected.subquery()))
    versions = list(
        session.scalars(selected.order_by(*_order(query)).offset((query.page - 1) * QUEUE_PAGE).limit(QUEUE_PAGE))
    )
    school_counts = _counts(session, replace(query, school_id=None), "school_id", now)
    schools = session.execute(select(School.id, School.name, School.province).where(School.id.in_(list(school_counts))))
    items = [
        {
            "province": v.province,
            "resource_id": v.resource_id,
            "version": v.number,
            "title": v.title,
            "type": v.resource_type,
            "submitted_at": v.submitted_at,
            "waiting_days": (now - v.submitted_at).days if v.submitted_at else None,
            "publisher": (v.document or {}).get("publisher", {}),
            "replaces_live": bool((d := session.get(ResourceDecision, (v.province, v.resource_id))) and d.live_version),
        }
        for v in versions
    ]
    return {
        "total": total,
        "items": items,
        "pages": max(1, -(-total // QUEUE_PAGE)),
        "counts": {
            "province": _counts(session, replace(query, province=None), "province", now),
            "type": _counts(session, replace(query, resource_type=None), "resource_type", now),
            "school": school_counts,
            "age": _age_counts(session, query, now),
        },
        "schools": sorted(
            ({"id": i, "name": name, "province": p} for i, name, p in schools), key=lambda s: (s["province"], s["name"])
        ),
    }
