"""Changing the catalog's decision about one resource: version-checked, audited, one transaction.

Both uploads (a new resource starts *pending*) and curation (review, tags, featured) go
through ``change_decision``; it returns the new overlay for the caller to write to the index
after the commit (design.md: durable store first, index second).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from elasticsearch import ApiError, TransportError
from sqlalchemy.orm.exc import StaleDataError

from catalog.indexing.curation_overlay import Overlay, overlay_of, write_overlay
from catalog.indexing.index_definition import document_id
from catalog.messages import N_
from catalog.stores.models import AuditEntry, CuratorTag, ResourceDecision, utcnow

log = logging.getLogger(__name__)


class EditConflict(Exception):
    """Someone saved this resource after the version the user was looking at."""

    def __init__(self, current_version: int):
        super().__init__(N_("这个资源刚被别人修改过，请刷新页面查看最新内容后再保存"))
        self.current_version = current_version


def snapshot(decision: ResourceDecision | None) -> dict:
    """The audited state of a decision."""
    if decision is None:
        return {"review_state": "published", "featured": False, "tags": [], "version": 0, "live_version": None}
    return {
        "review_state": decision.review_state,
        "rejection_reason": decision.rejection_reason,
        "featured": decision.featured,
        "tags": sorted(t.tag for t in decision.tags),
        "version": decision.version,
        "live_version": decision.live_version,
    }


def audit(
    session,
    user,
    action: str,
    province: str | None = None,
    resource_id: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    session.add(
        AuditEntry(
            user_id=getattr(user, "id", None),
            action=action,
            province=province,
            resource_id=resource_id,
            before=before,
            after=after,
        )
    )


def ensure_current(decision: ResourceDecision | None, expected_version: int | None) -> int:
    """The decision's version; ``EditConflict`` when the user saw another (None: no check)."""
    current = decision.version if decision is not None else 0
    if expected_version is not None and expected_version != current:
        raise EditConflict(current)
    return current


def change_decision(
    session,
    user,
    province: str,
    resource_id: str,
    action: str,
    change: Callable[[ResourceDecision], None],
    *,
    expected_version: int | None = None,
    create_as: dict | None = None,
    resource_version: int | None = None,
) -> Overlay:
    """Apply ``change`` to the decision (made from ``create_as`` when none exists yet), bump its
    version, and audit before → after. ``expected_version`` is the version the user saw;
    ``resource_version``, the version of the resource the change is about (audited with it)."""
    decision = session.get(ResourceDecision, (province, resource_id))
    current = ensure_current(decision, expected_version)
    # A new upload had no state before; a feed resource without a row was published.
    before = None if decision is None and create_as else snapshot(decision)
    if decision is None:
        decision = ResourceDecision(province=province, resource_id=resource_id, **(create_as or {}))
        session.add(decision)
    change(decision)
    decision.updated_at = utcnow()
    decision.updated_by = getattr(user, "id", None)
    try:
        session.flush()
    except StaleDataError:
        raise EditConflict(current) from None
    after = snapshot(decision)
    if resource_version is not None:
        after["resource_version"] = resource_version
    audit(session, user, action, province, resource_id, before, after)
    return overlay_of(decision)


def replace_tags(decision: ResourceDecision, tags: list[str]) -> None:
    keep = {t.tag: t for t in decision.tags if t.tag in tags}
    decision.tags = [
        keep.get(tag) or CuratorTag(province=decision.province, resource_id=decision.resource_id, tag=tag)
        for tag in sorted(set(tags))
    ]


def publish_to_index(es, alias: str, province: str, resource_id: str, overlay: Overlay) -> bool:
    """Write a committed decision to the resource's document; False when that has to wait for the
    next sync (engine down, or no document yet)."""
    try:
        return write_overlay(es, alias, document_id(province, resource_id), overlay)
    except (ApiError, TransportError) as exc:
        log.error(
            "decision saved but not yet in the index; the next sync writes it",
            extra={"fields": {"province": province, "resource_id": resource_id, "error": str(exc)}},
        )
        return False
