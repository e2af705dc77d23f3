"""The catalog's decisions as they appear in index documents, read from the database.

The indexer merges them into every document it writes (sync and rebuild), so a rebuild
reproduces them exactly; a curator's change writes the same fields to one document at once.
The decision's version is part of the document's fingerprint: a document whose curator write
failed looks stale to the next sync, which rewrites it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from catalog.stores.models import ResourceDecision

REVIEW_STATES = ("pending", "published", "rejected", "withdrawn")


@dataclass(frozen=True)
class Overlay:
    review_state: str = "published"  # resources from the provinces' feeds are published by default
    tags: tuple[str, ...] = ()
    featured: bool = False
    version: int = 0  # 0: no decision recorded
    published_version: int | None = None  # the approved version of a school's resource that is live

    def document_fields(self) -> dict:
        return {
            "review_state": self.review_state,
            "tags": list(self.tags),
            "featured": self.featured,
            "published_version": self.published_version,
        }

    def fingerprint(self, folder_fingerprint: str) -> str:
        return folder_fingerprint if self.version == 0 else f"{folder_fingerprint}.v{self.version}"


NO_DECISION = Overlay()


def overlay_of(decision: ResourceDecision | None) -> Overlay:
    if decision is None:
        return NO_DECISION
    return Overlay(
        decision.review_state,
        tuple(t.tag for t in decision.tags),
        decision.featured,
        decision.version,
        decision.live_version,
    )


def load_overlays(session, province: str) -> dict[str, Overlay]:
    """Every decision about ``province``'s resources, by resource id."""
    decisions = session.scalars(select(ResourceDecision).where(ResourceDecision.province == province))
    return {decision.resource_id: overlay_of(decision) for decision in decisions}


def write_overlay(es, alias: str, doc_id: str, overlay: Overlay) -> bool:
    """Put a changed decision into the resource's document now; False when the document is not
    there (the next sync writes it with the decision)."""
    found = es.options(ignore_status=404).get(index=alias, id=doc_id, source_includes=["sync.fingerprint"])
    if not found.get("found"):
        return False
    recorded = found["_source"].get("sync", {}).get("fingerprint", "")
    folder_fingerprint = recorded.split(".v")[0]
    fingerprint = recorded if recorded == "retry" else overlay.fingerprint(folder_fingerprint)
    es.update(
        index=alias,
        id=doc_id,
        doc={**overlay.document_fields(), "sync": {"fingerprint": fingerprint}},
        refresh="wait_for",
    )
    return True
