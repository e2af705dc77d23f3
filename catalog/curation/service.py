"""Curators review, tag and feature resources: the database first, then that one document.

Every change carries the version the curator saw; a save against an older version is an
``EditConflict``, never a silent overwrite.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from botocore.exceptions import ClientError
from sqlalchemy import select

from catalog.curation.decisions import audit, change_decision, ensure_current, publish_to_index, replace_tags, snapshot
from catalog.curation.publication import StorageUnavailable, index_live_folder, publish
from catalog.curation.review_queue import QueueQuery, read_queue
from catalog.curation.version_differences import version_differences
from catalog.curation.versions import (
    APPROVED,
    REJECTED,
    SUBMITTED,
    SUPERSEDED,
    decide,
    get_version,
    version_summary,
    versions_of,
    waiting_version,
)
from catalog.curation.visibility import may_see_unpublished
from catalog.field_problem import FieldProblem
from catalog.messages import N_
from catalog.permissions import authorize
from catalog.resources.file_types import served_as
from catalog.search.query_builder import SearchRequest, build_search
from catalog.search.service import request_kwargs
from catalog.stores.models import AuditEntry, ResourceDecision, ResourceVersion, utcnow
from catalog.stores.province_storage import RESOURCE_JSON, is_not_found
from catalog.uploads.errors import NotStored

MAX_TAGS = 20
MAX_BULK = 500
TAG = re.compile(r"^[^\s,，、;；<>]{1,20}$")


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
            raise CurationRejected("tags", N_("标签必须是文字"))
        tag = tag.strip()
        if not tag:
            continue
        if not TAG.match(tag):
            raise CurationRejected("tags", N_("“%(tag)s”：标签是 1 到 20 个字，不含空格和标点分隔符", tag=tag[:30]))
        cleaned.append(tag)
    if len(set(cleaned)) > MAX_TAGS:
        raise CurationRejected("tags", N_("一个资源最多 %(count)s 个标签", count=MAX_TAGS))
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
            overlay = change_decision(
                session, user, province, resource_id, action, change, expected_version=expected_version
            )
        return Saved(overlay.version, publish_to_index(self.es, self.alias, province, resource_id, overlay))

    def _check_stored(self, province: str, resource_id: str) -> None:
        """A first decision is about a resource in its province's storage (the source, which
        answers while the index is down): a typo in an id must not leave a decision about nothing."""
        storage = self.storages.get(province)
        if storage is None:
            raise NotStored.resource(province, resource_id)
        try:
            storage.head(storage.key_for(resource_id, RESOURCE_JSON))
        except ClientError as exc:
            if is_not_found(exc):
                raise NotStored.resource(province, resource_id) from None
            raise

    def decision(self, province: str, resource_id: str) -> dict:
        """What a curator edits, with the version to send back."""
        with self.sessions() as session:
            return snapshot(session.get(ResourceDecision, (province, resource_id)))

    def approve(
        self, user, province: str, resource_id: str, *, expected_version: int, resource_version: int | None = None
    ) -> Saved:
        """Publish exactly ``resource_version`` (copied live, resource.json last, then indexed); without
        one, put a resource a curator had taken down back online."""
        authorize(user, "review")
        if resource_version is None:
            self._no_version_waiting(province, resource_id, N_("请指明要批准的版本"))

            def approve(decision):
                decision.review_state = "published"
                decision.rejection_reason = None

            return self._save(user, province, resource_id, "approve", approve, expected_version)
        storage = self.storages.get(province)
        if storage is None:
            raise NotStored.resource(province, resource_id)
        with self.sessions() as session, session.begin():
            ensure_current(session.get(ResourceDecision, (province, resource_id)), expected_version)
            version = self._waiting(session, province, resource_id, resource_version)
            document = version.document

            def approve_version(decision):
                decision.review_state = "published"
                decision.rejection_reason = None
                decision.live_version = resource_version

            previous_live = session.get(ResourceDecision, (province, resource_id)).live_version
            overlay = change_decision(
                session,
                user,
                province,
                resource_id,
                "approve",
                approve_version,
                expected_version=expected_version,
                resource_version=resource_version,
            )
            decide(version, APPROVED, user)
            if previous_live is not None and (old := get_version(session, province, resource_id, previous_live)):
                old.state = SUPERSEDED
        try:
            publish(storage, resource_id, resource_version, document)
        except StorageUnavailable:
            with self.sessions() as session, session.begin():  # the decision waits again, untouched

                def undo(decision):
                    decision.live_version = previous_live
                    decision.review_state = "published" if previous_live else "pending"

                change_decision(
                    session, user, province, resource_id, "publish_failed", undo, resource_version=resource_version
                )
                version = get_version(session, province, resource_id, resource_version)
                version.state, version.decided_at, version.decided_by = SUBMITTED, None, None
                if previous_live is not None and (old := get_version(session, province, resource_id, previous_live)):
                    old.state = APPROVED
            raise
        with self.sessions() as session, session.begin():
            audit(
                session,
                user,
                "publish",
                province,
                resource_id,
                after=version_summary(get_version(session, province, resource_id, resource_version)),
            )
        return Saved(overlay.version, index_live_folder(self.es, self.alias, storage, resource_id, overlay))

    def reject(
        self,
        user,
        province: str,
        resource_id: str,
        reason: str,
        *,
        expected_version: int,
        resource_version: int | None = None,
    ) -> Saved:
        """Return ``resource_version`` to its school with ``reason`` (what is live stays live); without
        one, take the live resource offline."""
        authorize(user, "review")
        reason = (reason or "").strip()
        if not 2 <= len(reason) <= 1000:
            raise CurationRejected("reason", N_("请写明退回原因（2 到 1000 个字），学校会看到它"))
        if resource_version is None:
            self._no_version_waiting(province, resource_id, N_("请指明要退回的版本"))

            def reject(decision):
                decision.review_state = "rejected"
                decision.rejection_reason = reason

            return self._save(user, province, resource_id, "reject", reject, expected_version)
        with self.sessions() as session, session.begin():
            ensure_current(session.get(ResourceDecision, (province, resource_id)), expected_version)
            version = self._waiting(session, province, resource_id, resource_version)

            def reject_version(decision):
                decision.rejection_reason = reason
                if decision.live_version is None:
                    decision.review_state = "rejected"  # nothing of it is live: the resource is returned

            overlay = change_decision(
                session,
                user,
                province,
                resource_id,
                "reject",
                reject_version,
                expected_version=expected_version,
                resource_version=resource_version,
            )
            decide(version, REJECTED, user, reason)
        return Saved(overlay.version, publish_to_index(self.es, self.alias, province, resource_id, overlay))

    def _waiting(self, session, province: str, resource_id: str, number: int) -> ResourceVersion:
        version = get_version(session, province, resource_id, number)
        if version is None:
            raise NotStored.version(province, resource_id, number)
        if version.state != SUBMITTED:
            raise CurationRejected(
                "resource_version",
                N_("第 %(number)s 版不在等待审核（现在：%(state)s）", number=number, state=version.state),
            )
        return version

    def _no_version_waiting(self, province: str, resource_id: str, reason: str) -> None:
        with self.sessions() as session:
            if waiting_version(session, province, resource_id) is not None:
                raise CurationRejected("resource_version", reason)

    def set_tags(self, user, province: str, resource_id: str, tags, *, expected_version: int) -> Saved:
        authorize(user, "tag")
        cleaned = clean_tags(tags)
        return self._save(user, province, resource_id, "tag", lambda d: replace_tags(d, cleaned), expected_version)

    def set_featured(self, user, province: str, resource_id: str, featured: bool, *, expected_version: int) -> Saved:
        authorize(user, "feature")

        def feature(decision):
            decision.featured = bool(featured)

        return self._save(
            user, province, resource_id, "feature" if featured else "unfeature", feature, expected_version
        )

    def bulk_tag(self, user, request: SearchRequest, tag: str) -> int:
        """Add ``tag`` to every resource the search selects (at most MAX_BULK); returns how many."""
        authorize(user, "tag")
        cleaned = clean_tags([tag])
        if not cleaned:
            raise CurationRejected("tag", N_("请填写要添加的标签"))
        tag = cleaned[0]
        body = build_search(SearchRequest(q=request.q, filters=request.filters, size=1, include_unpublished=True))
        body.update(size=MAX_BULK, _source=["province", "resource_id"])
        body.pop("aggs", None)
        body.pop("highlight", None)
        body.pop("collapse", None)  # every version of a title is tagged, not only the one shown
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

                changed.append(
                    (province, resource_id, change_decision(session, user, province, resource_id, "bulk_tag", add))
                )
        for province, resource_id, overlay in changed:
            publish_to_index(self.es, self.alias, province, resource_id, overlay)
        return len(changed)

    def queue(self, user, query: QueueQuery) -> dict:
        """Versions waiting for review, as ``query`` filters and sorts them, with counts per filter value."""
        authorize(user, "review")
        with self.sessions() as session:
            return read_queue(session, query, utcnow())

    def versions(self, user, province: str, resource_id: str) -> list[ResourceVersion]:
        """Every version of a resource, newest first: for curators, and for the school that owns it."""
        with self.sessions() as session:
            self._may_see_versions(session, user, province, resource_id)
            return versions_of(session, province, resource_id)

    def _may_see_versions(self, session, user, province: str, resource_id: str) -> None:
        """Curators see every version; a school its own resources' (``visibility``); others get the reason."""
        if may_see_unpublished(self.sessions, user, province, resource_id):
            return
        decision = session.get(ResourceDecision, (province, resource_id))
        authorize(user, "view_own", owner_school_id=decision.owner_school_id if decision else None)

    def review(self, user, province: str, resource_id: str, number: int | None = None) -> dict:
        """One version (the waiting one, or ``number``) beside what is live, with the differences."""
        with self.sessions() as session:
            self._may_see_versions(session, user, province, resource_id)
            all_versions = versions_of(session, province, resource_id)
            decision = snapshot(session.get(ResourceDecision, (province, resource_id)))
        if number is None:
            chosen = next((v for v in all_versions if v.state == SUBMITTED), all_versions[0] if all_versions else None)
        else:
            chosen = next((v for v in all_versions if v.number == number), None)
            if chosen is None:
                raise NotStored.version(province, resource_id, number)
        live = self._live_document(province, resource_id)
        if chosen is None and live is None:
            raise NotStored.resource(province, resource_id)
        return {
            "version": chosen,
            "versions": all_versions,
            "live": live,
            "decision": decision,
            "differences": version_differences(live, chosen.document) if chosen and chosen.document else None,
        }

    def _live_document(self, province: str, resource_id: str) -> dict | None:
        storage = self.storages.get(province)
        if storage is None:
            return None
        try:
            return json.loads(storage.get_bytes(storage.key_for(resource_id, RESOURCE_JSON)))
        except ClientError as exc:
            if is_not_found(exc):
                return None
            raise
        except ValueError:
            return None  # a feed's broken resource.json: shown as nothing live

    def staged_file_url(
        self, user, province: str, resource_id: str, number: int, name: str, *, inline: bool, expires_seconds: int
    ) -> str:
        """A presigned URL for a file of a version, for the people who may review it."""
        with self.sessions() as session:
            self._may_see_versions(session, user, province, resource_id)
            version = get_version(session, province, resource_id, number)
        listed = next(
            (f for f in ((version.document or {}).get("files", []) if version else []) if f.get("name") == name), None
        )
        storage = self.storages.get(province)
        if listed is None or storage is None:
            raise NotStored(
                N_(
                    "没有这个文件：%(resource_id)s 第 %(number)s 版的 %(name)s",
                    resource_id=resource_id,
                    number=number,
                    name=name,
                )
            )
        show_inline, content_type = served_as(name, listed.get("media_type"))
        return storage.presigned_get_url(
            storage.staged_key(resource_id, number, name),
            expires_seconds,
            download_name=name,
            inline=inline and show_inline,
            media_type=content_type,
        )

    def audit_log(
        self, user, *, province: str | None = None, resource_id: str | None = None, limit: int = 200
    ) -> list[AuditEntry]:
        authorize(user, "view_audit")
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if province and resource_id:
            query = query.where(AuditEntry.province == province, AuditEntry.resource_id == resource_id)
        with self.sessions() as session:
            return list(session.scalars(query))
