"""Undoing a withdrawal within ``CATALOG_RESTORE_DAYS``: the resource goes back to what it was.

Withdrawal deleted the live folder (the format's withdrawal) and left every version staged. Restoring
publishes the version that was live before (the approved one: ``resource.json`` written last, as
approval does) without a new review, since a curator already approved exactly those bytes; a version
that was waiting for review waits again. A resource never approved comes back as pending, so a
teacher still sees only approved content. The indexer's next sync finds the folder as it finds any
new one; the document is also written at once when the engine answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from catalog.curation.decisions import change_decision
from catalog.curation.publication import index_live_folder, publish
from catalog.curation.versions import APPROVED, SUBMITTED, WITHDRAWN, versions_of
from catalog.field_problem import FieldProblem
from catalog.messages import N_
from catalog.permissions import authorize
from catalog.stores.models import AuditEntry, ResourceDecision, ResourceVersion
from catalog.uploads.errors import NotStored


class RestoreRefused(FieldProblem):
    """A withdrawal that cannot be undone: not withdrawn, too long ago, or nothing to bring back."""


@dataclass(frozen=True)
class Restored:
    review_state: str  # "published": the approved version is live again; "pending": it waits for review
    live_version: int | None
    indexed: bool


def withdrawn_at(session, province: str, resource_id: str) -> datetime | None:
    """When the resource was last withdrawn (UTC), from the audit log."""
    at = session.scalar(
        select(AuditEntry.at)
        .where(AuditEntry.province == province, AuditEntry.resource_id == resource_id, AuditEntry.action == "withdraw")
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return at.replace(tzinfo=at.tzinfo or UTC) if at else None


def restorable_until(session, decision: ResourceDecision, days: int) -> datetime | None:
    """The moment a withdrawn resource can no longer be restored; None when it is not withdrawn."""
    if decision.review_state != "withdrawn":
        return None
    at = withdrawn_at(session, decision.province, decision.resource_id)
    return at + timedelta(days=days) if at else None


def versions_document(session, province: str, resource_id: str, number: int | None) -> dict | None:
    version = session.get(ResourceVersion, (province, resource_id, number)) if number else None
    return version.document if version else None


def _to_bring_back(session, province: str, resource_id: str):
    """(the approved version that was live, the newest version that was waiting), either may be None."""
    versions = versions_of(session, province, resource_id)
    live = next((v for v in versions if v.state == APPROVED), None)
    waiting = next(
        (
            v
            for v in versions
            if v.state == WITHDRAWN and v.submitted_at is not None and (live is None or v.number > live.number)
        ),
        None,
    )
    return live, waiting


@dataclass(frozen=True)
class RestorePlan:
    """What restoring would bring back, shown before the school confirms."""

    title: str
    live_number: int | None
    waiting_number: int | None
    until: datetime


def restore_plan(upload_service, user, province: str, resource_id: str, *, days: int, now: datetime | None = None):
    """What restoring brings back; ``RestoreRefused`` says why it cannot be."""
    now = now or datetime.now(UTC)
    with upload_service.sessions() as session:
        decision = session.get(ResourceDecision, (province, resource_id))
        authorize(user, "withdraw_own", owner_school_id=decision.owner_school_id if decision else None)
        if decision is None:
            raise NotStored.resource(province, resource_id)
        if decision.review_state != "withdrawn":
            raise RestoreRefused("resource", N_("这个资源没有被撤回，不需要恢复"))
        until = restorable_until(session, decision, days)
        if until is None or now > until:
            raise RestoreRefused(
                "resource", N_("撤回已超过 %(days)s 天，不能再恢复；如仍需要，请重新上传并提交审核", days=days)
            )
        live, waiting = _to_bring_back(session, province, resource_id)
        if live is None and waiting is None:
            raise RestoreRefused("resource", N_("这个资源没有可以恢复的版本（从未提交过审核）"))
        title = next((v.title for v in versions_of(session, province, resource_id) if v.title), resource_id)
        return RestorePlan(title, live.number if live else None, waiting.number if waiting else None, until)


def restore(upload_service, user, province: str, resource_id: str, *, days: int, now: datetime | None = None):
    """Put a withdrawn resource back as it was; ``RestoreRefused`` says why it cannot be."""
    plan = restore_plan(upload_service, user, province, resource_id, days=days, now=now)
    live_number, waiting_number = plan.live_number, plan.waiting_number
    with upload_service.sessions() as session:
        document = versions_document(session, province, resource_id, live_number)
    storage = upload_service._storage(province, resource_id)
    if live_number is not None:  # storage first: a failure here leaves the withdrawal as it was
        publish(storage, resource_id, live_number, document)
    with upload_service.sessions() as session, session.begin():

        def restored(decision):
            if decision.review_state != "withdrawn":  # restored by someone else meanwhile
                raise RestoreRefused("resource", N_("这个资源没有被撤回，不需要恢复"))
            decision.review_state = "published" if live_number is not None else "pending"
            decision.live_version = live_number

        overlay = change_decision(
            session, user, province, resource_id, "restore", restored, resource_version=live_number
        )
        if waiting_number is not None:
            session.get(ResourceVersion, (province, resource_id, waiting_number)).state = SUBMITTED
    indexed = live_number is not None and index_live_folder(
        upload_service.es, upload_service.alias, storage, resource_id, overlay
    )
    return Restored(overlay.review_state, live_number, indexed)


def with_restore_deadlines(sessions, rows: list[dict], days: int, now: datetime | None = None) -> list[dict]:
    """The school's rows (``my_resources``), each withdrawn one still restorable with ``restore_until``."""
    now = now or datetime.now(UTC)
    with sessions() as session:
        for row in rows:
            until = restorable_until(session, row["decision"], days)
            row["restore_until"] = until if until and now <= until else None
    return rows
