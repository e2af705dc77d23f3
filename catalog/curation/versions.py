"""Versions of a school's resources, as the catalog's database records them.

A school's upload or edit is a new version: a *draft* while large files arrive, then
*submitted* (immutable, its files staged in the province's storage, ``staging``) until a curator
approves or rejects it. Only an approved version is ever copied into the live folder
(``publication``). The rows keep the whole history: what was sent, when, by whom, and the decision.
"""

from __future__ import annotations

from sqlalchemy import func, select

from catalog.field_problem import FieldProblem
from catalog.messages import N_
from catalog.stores.models import ResourceVersion, utcnow

DRAFT, SUBMITTED, APPROVED, REJECTED, SUPERSEDED, WITHDRAWN = (
    "draft",
    "submitted",
    "approved",
    "rejected",
    "superseded",
    "withdrawn",
)
OPEN = (DRAFT, SUBMITTED)


class VersionProblem(FieldProblem):
    """A version that cannot be acted on as asked (already submitted, not waiting …)."""


MAX_NUMBER = 2**31 - 1  # an INTEGER column: PostgreSQL refuses a larger key even to look it up


def get_version(session, province: str, resource_id: str, number: int) -> ResourceVersion | None:
    if not 0 < number <= MAX_NUMBER:
        return None
    return session.get(ResourceVersion, (province, resource_id, number))


def versions_of(session, province: str, resource_id: str) -> list[ResourceVersion]:
    """Newest first."""
    return list(
        session.scalars(
            select(ResourceVersion)
            .where(ResourceVersion.province == province, ResourceVersion.resource_id == resource_id)
            .order_by(ResourceVersion.number.desc())
        )
    )


def next_number(session, province: str, resource_id: str) -> int:
    highest = session.scalar(
        select(func.max(ResourceVersion.number)).where(
            ResourceVersion.province == province, ResourceVersion.resource_id == resource_id
        )
    )
    return (highest or 0) + 1


def open_draft(session, province: str, resource_id: str) -> ResourceVersion | None:
    """The resource's draft still open for files, if it is its newest version (a draft an edit
    has since overtaken is abandoned, and cleaned up with its uploads)."""
    newest = session.scalars(
        select(ResourceVersion)
        .where(ResourceVersion.province == province, ResourceVersion.resource_id == resource_id)
        .order_by(ResourceVersion.number.desc())
    ).first()
    return newest if newest is not None and newest.state == DRAFT else None


def new_draft(
    session, user, province: str, resource_id: str, school_id: int | None, *, reuse_open: bool = True
) -> ResourceVersion:
    """The resource's open draft (with ``reuse_open``), or a new one with the next number."""
    draft = open_draft(session, province, resource_id) if reuse_open else None
    if draft is None:
        draft = ResourceVersion(
            province=province,
            resource_id=resource_id,
            number=next_number(session, province, resource_id),
            school_id=school_id,
            state=DRAFT,
            created_by=getattr(user, "id", None),
            created_at=utcnow(),
        )
        session.add(draft)
        session.flush()
    return draft


def submit_version(session, version: ResourceVersion, document: dict) -> None:
    """Freeze ``version`` with the resource.json approval would publish; any older version still
    waiting is superseded (a curator reviews what the school sent last)."""
    if version.state != DRAFT:
        raise VersionProblem("version", N_("这个版本已经提交，不能再修改"))
    for waiting in session.scalars(
        select(ResourceVersion).where(
            ResourceVersion.province == version.province,
            ResourceVersion.resource_id == version.resource_id,
            ResourceVersion.state == SUBMITTED,
            ResourceVersion.number != version.number,
        )
    ):
        waiting.state = SUPERSEDED
    version.state = SUBMITTED
    version.document = document
    version.title = document.get("title")
    version.resource_type = document.get("type")
    version.submitted_at = utcnow()


def waiting_version(session, province: str, resource_id: str) -> ResourceVersion | None:
    return session.scalar(
        select(ResourceVersion).where(
            ResourceVersion.province == province,
            ResourceVersion.resource_id == resource_id,
            ResourceVersion.state == SUBMITTED,
        )
    )


def latest_sent(session, province: str, resource_id: str) -> ResourceVersion | None:
    """The newest version the school sent, whatever became of it: what its next edit starts from
    (a returned version is mended, not typed again)."""
    return session.scalar(
        select(ResourceVersion)
        .where(
            ResourceVersion.province == province,
            ResourceVersion.resource_id == resource_id,
            ResourceVersion.state.notin_((DRAFT, WITHDRAWN)),
        )
        .order_by(ResourceVersion.number.desc())
        .limit(1)
    )


def decide(version: ResourceVersion, state: str, user, reason: str | None = None) -> None:
    version.state = state
    version.reason = reason
    version.decided_at = utcnow()
    version.decided_by = getattr(user, "id", None)


def close_open_versions(session, province: str, resource_id: str, state: str = WITHDRAWN) -> None:
    for version in session.scalars(
        select(ResourceVersion).where(
            ResourceVersion.province == province,
            ResourceVersion.resource_id == resource_id,
            ResourceVersion.state.in_(OPEN),
        )
    ):
        version.state = state


def version_summary(version: ResourceVersion | None) -> dict | None:
    """What the audit log records of a version."""
    if version is None:
        return None
    return {"resource_version": version.number, "state": version.state, "title": version.title}
