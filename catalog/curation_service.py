"""Curators review, tag and feature resources: the database first, then that one document.

Every change carries the version the curator saw; a save against an older version is an
``EditConflict``, never a silent overwrite.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from botocore.exceptions import ClientError
from sqlalchemy import select

from catalog.decisions import change_decision, publish_to_index, replace_tags, snapshot
from catalog.field_problem import FieldProblem
from catalog.models import AuditEntry, ResourceDecision
from catalog.permissions import authorize
from catalog.province_storage import RESOURCE_JSON, is_not_found
from catalog.search_query import SOURCE_EXCLUDES, SearchRequest, build_search
from catalog.search_service import request_kwargs
from catalog.upload_service import NotStored
from catalog.vocabularies import RESOURCE_TYPES

MAX_TAGS = 20
MAX_BULK = 500
TAG = re.compile(r"^[^\s,，、;；<>]{1,20}$")
QUEUE_PAGE = 50


class CurationRejected(FieldProblem):
    """A curator's change that cannot be saved as given."""


@dataclass(frozen=True)
class Saved:
    version: int
    indexed: bool  # False: the document catches up at the next sync


def clean_tags(tags) -> list[str]:
    cleaned = []
    for tag in tags:
        if not isinstance(tag, str):
            raise CurationRejected("tags", "标签必须是文字")
        tag = tag.strip()
        if not tag:
            continue
        if not TAG.match(tag):
            raise CurationRejected("tags", f"“{tag[:30]}”：标签是 1 到 20 个字，不含空格和标点分隔符")
        cleaned.append(tag)
    if len(set(cleaned)) > MAX_TAGS:
        raise CurationRejected("tags", f"一个资源最多 {MAX_TAGS} 个标签")
    return sorted(set(cleaned))


class CurationService:
    def __init__(self, es, alias: str, sessions, storages: dict):
        self.es = es
        self.alias = alias
        self.sessions = sessions
        self.storages = storages

    def _save(self, user, province: str, resource_id: str, action: str, change, expected_version: int) -> Saved:
        with self.sessions() as session:
            decided_before = session.get(ResourceDecision, (province, resource_id)) is not None
        if not decided_before:
            self._check_stored(province, resource_id)
        with self.sessions() as session, session.begin():
            overlay = change_decision(session, user, province, resource_id, action, change,
                                      expected_version=expected_version)
        return Saved(overlay.version, publish_to_index(self.es, self.alias, province, resource_id, overlay))

    def _check_stored(self, province: str, resource_id: str) -> None:
        """A first decision is about a resource in its province's storage (the source, which
        answers while the index is down): a typo in an id must not leave a decision about nothing."""
        storage = self.storages.get(province)
        if storage is None:
            raise NotStored(f"no resource {resource_id!r} in province {province!r}")
        try:
            storage.head(storage.key_for(resource_id, RESOURCE_JSON))
        except ClientError as exc:
            if is_not_found(exc):
                raise NotStored(f"no resource {resource_id!r} in province {province!r}") from None
            raise

    def decision(self, province: str, resource_id: str) -> dict:
        """What a curator edits, with the version to send back."""
        with self.sessions() as session:
            return snapshot(session.get(ResourceDecision, (province, resource_id)))

    def approve(self, user, province: str, resource_id: str, *, expected_version: int) -> Saved:
        authorize(user, "review")

        def approve(decision):
            decision.review_state = "published"
            decision.rejection_reason = None

        return self._save(user, province, resource_id, "approve", approve, expected_version)

    def reject(self, user, province: str, resource_id: str, reason: str, *, expected_version: int) -> Saved:
        authorize(user, "review")
        reason = (reason or "").strip()
        if not 2 <= len(reason) <= 1000:
            raise CurationRejected("reason", "请写明退回原因（2 到 1000 个字），学校会看到它")

        def reject(decision):
            decision.review_state = "rejected"
            decision.rejection_reason = reason

        return self._save(user, province, resource_id, "reject", reject, expected_version)

    def set_tags(self, user, province: str, resource_id: str, tags, *, expected_version: int) -> Saved:
        authorize(user, "tag")
        cleaned = clean_tags(tags)
        return self._save(user, province, resource_id, "tag", lambda d: replace_tags(d, cleaned), expected_version)

    def set_featured(self, user, province: str, resource_id: str, featured: bool, *, expected_version: int) -> Saved:
        authorize(user, "feature")

        def feature(decision):
            decision.featured = bool(featured)

        return self._save(user, province, resource_id, "feature" if featured else "unfeature", feature,
                          expected_version)

    def bulk_tag(self, user, request: SearchRequest, tag: str) -> int:
        """Add ``tag`` to every resource the search selects (at most MAX_BULK); returns how many."""
        authorize(user, "tag")
        cleaned = clean_tags([tag])
        if not cleaned:
            raise CurationRejected("tag", "请填写要添加的标签")
        tag = cleaned[0]
        body = build_search(SearchRequest(q=request.q, filters=request.filters, size=1, include_unpublished=True))
        body.update(size=MAX_BULK, _source=["province", "resource_id"])
        body.pop("aggs", None)
        body.pop("highlight", None)
        hits = self.es.search(index=self.alias, **request_kwargs(body))
        selected = [(h["_source"]["province"], h["_source"]["resource_id"]) for h in hits["hits"]["hits"]]
        changed = []
        with self.sessions() as session, session.begin():
            for province, resource_id in selected:
                current = snapshot(session.get(ResourceDecision, (province, resource_id)))
                if tag in current["tags"]:
                    continue

                def add(decision, tags=current["tags"]):
                    replace_tags(decision, [*tags, tag])

                changed.append((province, resource_id, change_decision(session, user, province, resource_id,
                                                                       "bulk_tag", add)))
        for province, resource_id, overlay in changed:
            publish_to_index(self.es, self.alias, province, resource_id, overlay)
        return len(changed)

    def queue(self, user, *, province: str | None = None, resource_type: str | None = None, offset: int = 0) -> dict:
        """Resources awaiting review, newest first."""
        authorize(user, "review")
        filters = [{"term": {"review_state": "pending"}}]
        if province:
            filters.append({"term": {"province": province}})
        if resource_type in RESOURCE_TYPES:
            filters.append({"term": {"type": resource_type}})
        response = self.es.search(index=self.alias, query={"bool": {"filter": filters}}, size=QUEUE_PAGE,
                                  from_=offset, sort=[{"published_at": "desc"}, {"resource_id": "asc"}],
                                  source={"excludes": SOURCE_EXCLUDES}, track_total_hits=True)
        return {"total": response["hits"]["total"]["value"], "items": [h["_source"] for h in response["hits"]["hits"]]}

    def audit_log(self, user, *, province: str | None = None, resource_id: str | None = None,
                  limit: int = 200) -> list[AuditEntry]:
        authorize(user, "view_audit")
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if province and resource_id:
            query = query.where(AuditEntry.province == province, AuditEntry.resource_id == resource_id)
        with self.sessions() as session:
            return list(session.scalars(query))

