"""Schools send resources into review: upload, edit, withdraw.

Every upload or edit is a new *version* (``curation.versions``): its files are staged in the
province's storage where no listing takes them for a live resource, and the version is frozen
when submitted. Nothing a school sends reaches the live folder, the index or a teacher until a
curator approves that version (``curation.service``); while a newer version waits, the
approved one stays live. Withdrawal empties the live folder (``resource.json`` first).
Everything is validated before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime

from botocore.exceptions import ClientError

from catalog.curation.decisions import change_decision
from catalog.curation.publication import (
    StagedClash,
    StagedFile,
    StorageUnavailable,
    index_live_folder,
    stage_files,
    unpublish,
)
from catalog.curation.versions import DRAFT, close_open_versions, latest_sent, new_draft, submit_version, versions_of
from catalog.messages import N_, prefixed
from catalog.permissions import authorize
from catalog.resources.file_types import UploadFileRejected, check_file
from catalog.resources.resource_schema import FORMAT_VERSION, SCHOOL_FIELDS, ResourceRejected, load_resource
from catalog.stores.models import PendingUpload, ResourceDecision, ResourceVersion
from catalog.stores.province_storage import RESOURCE_JSON, is_not_found
from catalog.uploads.errors import NotStored, UploadRejected
from catalog.uploads.new_resources import china_now, new_resource_id
from catalog.uploads.school_choices import choice_problems

log = logging.getLogger(__name__)

EDITABLE_FIELDS = SCHOOL_FIELDS
MAX_FILES = 20

__all__ = [
    "IncomingFile",
    "MAX_FILES",
    "NotStored",
    "StorageUnavailable",
    "Submitted",
    "UploadRejected",
    "UploadService",
]


@dataclass(frozen=True)
class IncomingFile:
    name: str
    data: bytes
    role: str = "main"


@dataclass(frozen=True)
class Submitted:
    province: str
    resource_id: str
    review_state: str  # of the resource: "pending" until a first version is approved, then "published"
    version: int  # the decision's version, for the next save
    indexed: bool  # whether the index changed now (withdrawals); a submission changes it only on approval
    resource_version: int | None = None  # the version this submission created


def reasons_by_field(reasons: list[str]) -> dict[str, list[str]]:
    """``["title: must be …", …]`` (the schema's reasons) as ``{"title": ["must be …"]}``."""
    errors: dict[str, list[str]] = {}
    for reason in reasons:
        field, _, why = reason.partition(": ")
        errors.setdefault(field if why else "resource", []).append(why or reason)
    return errors


def editable_part(metadata: dict, errors: dict) -> dict:
    """The fields a school decides (id, publisher, region, dates and files are the catalog's);
    any other field is named in ``errors``."""
    for name in sorted(set(metadata) - set(EDITABLE_FIELDS)):
        errors[name] = [N_("由目录自动填写，或不是 edu-resource/1 的字段")]
    for name in sorted(set(metadata) & set(EDITABLE_FIELDS)):
        if path := _control_character_at(metadata[name], name):
            errors[path] = [N_("不能包含控制字符（如 NUL）")]
    fields = {
        key: value for key, value in metadata.items() if key in EDITABLE_FIELDS and value not in (None, "", [], {})
    }
    for path, reasons in choice_problems(fields).items():
        errors.setdefault(path, []).extend(reasons)
    return fields


def _control_character_at(value, path: str) -> str | None:
    """The first field holding a C0 control character other than tab and line breaks (a NUL cannot
    even be stored in PostgreSQL text), or None."""
    if isinstance(value, str):
        return path if any(c < " " and c not in "\t\n\r" for c in value) else None
    if isinstance(value, dict):
        return next((p for key, item in value.items() if (p := _control_character_at(item, f"{path}.{key}"))), None)
    if isinstance(value, list):
        return next(
            (p for index, item in enumerate(value) if (p := _control_character_at(item, f"{path}.{index}"))), None
        )
    return None


class UploadService:
    def __init__(self, es, alias: str, storages: dict, sessions, *, max_file_bytes: int):
        self.es = es
        self.alias = alias
        self.storages = storages
        self.sessions = sessions
        self.max_file_bytes = max_file_bytes

    # --- validation ------------------------------------------------------------------------

    def _checked_files(self, files: list[IncomingFile]) -> tuple[list[dict], list[tuple[str, bytes]], dict]:
        entries, bodies, errors = [], [], {}
        if len(files) > MAX_FILES:
            errors["files"] = [N_("一个资源最多 %(count)s 个文件", count=MAX_FILES)]
        for index, incoming in enumerate(files[:MAX_FILES]):
            try:
                name, media_type = check_file(incoming.name, incoming.data, len(incoming.data), self.max_file_bytes)
            except UploadFileRejected as rejected:
                errors[f"files.{index}"] = [prefixed(incoming.name, rejected.reason)]
                continue
            if any(name == existing for existing, _ in bodies):
                errors[f"files.{index}"] = [prefixed(name, N_("与另一个文件同名"))]
                continue
            entries.append(
                {
                    "name": name,
                    "role": incoming.role,
                    "media_type": media_type,
                    "size": len(incoming.data),
                    "sha256": hashlib.sha256(incoming.data).hexdigest(),
                }
            )
            bodies.append((name, incoming.data))
        return entries, bodies, errors

    @staticmethod
    def _resource(
        resource_id: str, school, metadata: dict, files: list[dict], published_at: str, updated_at: str | None = None
    ) -> dict:
        resource = {
            "schema": FORMAT_VERSION,
            "id": resource_id,
            **metadata,
            "publisher": {"name": school.name, "kind": "school"},
            "region": {"city": school.city, "district": school.district},
            "published_at": published_at,
            "files": files,
        }
        if updated_at:
            resource["updated_at"] = updated_at
        return resource

    @staticmethod
    def _validated(resource: dict, errors: dict) -> dict:
        try:
            load_resource(resource, folder_id=resource["id"])
        except ResourceRejected as rejected:
            for field, reasons in (rejected.fields or reasons_by_field(rejected.reasons)).items():
                if field not in errors:  # the school's own checks already said what to do there
                    errors[field] = reasons
        if errors:
            raise UploadRejected(errors)
        return resource

    # --- staging ---------------------------------------------------------------------------

    def _stage(
        self, storage, resource: dict, number: int, bodies: list[tuple[str, bytes]], kept: dict[str, str]
    ) -> None:
        """New bytes and kept files (name → stored key) into the version's staging folder."""
        media = {f["name"]: f.get("media_type", "application/octet-stream") for f in resource["files"]}
        try:
            stage_files(
                storage,
                resource["id"],
                number,
                [StagedFile(name, media[name], data=data) for name, data in bodies]
                + [StagedFile(name, media[name], copy_from=key) for name, key in kept.items()],
            )
        except StagedClash:
            raise UploadRejected({"files": [N_("这个版本已有同名文件，已提交的版本不能修改")]}) from None

    def _large_files(self, session, user, tokens: list[str], entries: list[dict], errors: dict):
        """The draft that ``tokens`` (completed large uploads) belong to, their entries added to ``entries``."""
        from catalog.uploads.large_uploads import LargeUploads

        draft, large_entries, large_errors = LargeUploads(self.storages, self.sessions).for_submission(
            session, user, list(tokens)
        )
        errors.update(large_errors)
        clashes = {e["name"] for e in large_entries} & {e["name"] for e in entries}
        if clashes:
            errors["files"] = [prefixed(name, N_("与另一个文件同名")) for name in sorted(clashes)]
        entries += large_entries
        return draft

    # --- the three things a school does ----------------------------------------------------

    def submit(
        self,
        user,
        metadata: dict,
        files: list[IncomingFile],
        *,
        large: list[str] | tuple = (),
        now: datetime | None = None,
    ) -> Submitted:
        """A new resource, as version 1 waiting for review. ``large``: tokens of completed
        direct-to-storage uploads (``large_uploads``) of one draft."""
        authorize(user, "upload")
        school = user.school
        now = now or china_now()
        entries, bodies, errors = self._checked_files(files)
        draft = None
        if large:
            with self.sessions() as session:
                draft = self._large_files(session, user, large, entries, errors)
                if draft is not None and session.get(ResourceDecision, (draft.province, draft.resource_id)):
                    errors["large"] = [N_("这些大文件属于一个已有资源的新版本，请在修改那个资源时提交")]
        if not files and not large:
            errors["files"] = [N_("请至少上传一个文件")]
        fields = editable_part(metadata, errors)
        resource_id = draft.resource_id if draft is not None else new_resource_id(now)
        number = draft.number if draft is not None else 1
        resource = self._validated(self._resource(resource_id, school, fields, entries, now.isoformat()), errors)
        storage = self.storages[school.province]
        self._stage(storage, resource, number, bodies, {})
        with self.sessions() as session, session.begin():
            version = session.get(ResourceVersion, (school.province, resource_id, number)) or new_draft(
                session, user, school.province, resource_id, school.id
            )
            submit_version(session, version, resource)
            overlay = change_decision(
                session,
                user,
                school.province,
                resource_id,
                "upload",
                lambda decision: None,
                create_as={"review_state": "pending", "owner_school_id": school.id},
                resource_version=number,
            )
            self._consume_tokens(session, school.province, resource_id, number)
        return Submitted(school.province, resource_id, overlay.review_state, overlay.version, False, number)

    def check_new(self, user, metadata: dict, files: list[IncomingFile], *, now: datetime | None = None) -> None:
        """What ``submit`` checks of a new resource, storing nothing: ``UploadRejected`` names each problem."""
        authorize(user, "upload")
        now = now or china_now()
        entries, _, errors = self._checked_files(files)
        if not files:
            errors["files"] = [N_("请至少上传一个文件")]
        fields = editable_part(metadata, errors)
        self._validated(self._resource(new_resource_id(now), user.school, fields, entries, now.isoformat()), errors)

    def _consume_tokens(self, session, province: str, resource_id: str, number: int) -> None:
        """Submitting uses up every large upload of the draft: a submitted version never changes."""
        from sqlalchemy import select

        for pending in session.scalars(
            select(PendingUpload).where(
                PendingUpload.province == province,
                PendingUpload.folder == resource_id,
                PendingUpload.version == number,
                PendingUpload.used.is_(False),
            )
        ):
            pending.used = True
            if not pending.completed:
                try:
                    self.storages[province].abort_multipart(pending.key, pending.s3_upload_id)
                except ClientError:
                    pass  # already aborted or never started: nothing more can be written to it

    def my_resources(self, user) -> list[dict]:
        """The school's resources, newest change first, each with its latest version and what is live."""
        authorize(user, "view_own", owner_school_id=getattr(user, "school_id", None))
        from sqlalchemy import select

        with self.sessions() as session:
            decisions = list(
                session.scalars(
                    select(ResourceDecision)
                    .where(ResourceDecision.owner_school_id == user.school_id)
                    .order_by(ResourceDecision.updated_at.desc())
                )
            )
            rows = []
            for decision in decisions:
                versions = versions_of(session, decision.province, decision.resource_id)
                # Sent versions only: a draft that withdrawal closed was never sent and has no title.
                latest = next((v for v in versions if v.state != DRAFT and v.submitted_at is not None), None)
                live = next((v for v in versions if v.number == decision.live_version), None)
                rows.append(
                    {
                        "decision": decision,
                        "latest": latest,
                        "live": live,
                        "title": (latest or live).title if (latest or live) else decision.resource_id,
                    }
                )
        return rows

    def _storage(self, province: str, resource_id: str):
        if province not in self.storages:
            raise NotStored.resource(province, resource_id)
        return self.storages[province]

    def stored_resource(self, province: str, resource_id: str) -> dict:
        """The resource.json in storage, as stored; ``NotStored`` when it was withdrawn or never there."""
        storage = self._storage(province, resource_id)
        try:
            return json.loads(storage.get_bytes(storage.key_for(resource_id, RESOURCE_JSON)))
        except ClientError as exc:
            if is_not_found(exc):
                raise NotStored.resource(province, resource_id) from None
            raise

    def current_document(self, province: str, resource_id: str) -> tuple[dict, int | None]:
        """What the school's next edit starts from: the newest version it sent (document, number),
        else the live resource.json of a feed resource (document, None)."""
        with self.sessions() as session:
            sent = latest_sent(session, province, resource_id)
            if sent is not None:
                return sent.document, sent.number
        return self.stored_resource(province, resource_id), None

    def editable(self, user, province: str, resource_id: str) -> tuple[int, dict]:
        """(the decision version to send back, the document the edit starts from) for a school's own resource."""
        with self.sessions() as session:
            decision = self.owned_decision(session, user, "edit_own", province, resource_id)
            version = decision.version if decision else 0
        return version, self.current_document(province, resource_id)[0]

    def owned_decision(self, session, user, action: str, province: str, resource_id: str) -> ResourceDecision:
        decision = session.get(ResourceDecision, (province, resource_id))
        authorize(user, action, owner_school_id=decision.owner_school_id if decision else None)
        if decision is not None and decision.review_state == "withdrawn":
            raise NotStored(
                N_("这个资源已撤回：%(province)s/%(resource_id)s", province=province, resource_id=resource_id)
            )
        return decision

    def edit(
        self,
        user,
        province: str,
        resource_id: str,
        metadata: dict,
        *,
        expected_version: int,
        files: list[IncomingFile] = (),
        remove_files: list[str] | tuple = (),
        large: list[str] | tuple = (),
        now: datetime | None = None,
    ) -> Submitted:
        """A new version of a school's own resource: new metadata, and files added, replaced (same
        name) or removed. It waits for review; the approved version stays live meanwhile."""
        now = now or china_now()
        with self.sessions() as session:
            decision = self.owned_decision(session, user, "edit_own", province, resource_id)
        storage = self._storage(province, resource_id)
        base, base_number = self.current_document(province, resource_id)
        entries, bodies, errors = self._checked_files(list(files))
        draft = None
        if large:
            with self.sessions() as session:
                draft = self._large_files(session, user, large, entries, errors)
            if draft is not None and (draft.province, draft.resource_id) != (province, resource_id):
                errors["large"] = [N_("这些大文件属于另一个资源的上传")]
        unknown = sorted(set(remove_files) - {f["name"] for f in base.get("files", [])})
        if unknown:
            errors["remove_files"] = [prefixed(name, N_("这个资源没有这个文件")) for name in unknown]
        replaced = {e["name"] for e in entries} | set(remove_files)
        kept_entries = [f for f in base.get("files", []) if f["name"] not in replaced]
        if len(kept_entries) + len(entries) > MAX_FILES:
            errors["files"] = [N_("一个资源最多 %(count)s 个文件", count=MAX_FILES)]
        if not kept_entries and not entries:
            errors["files"] = [N_("请至少保留一个文件")]
        fields = editable_part(metadata, errors)
        resource = {key: value for key, value in base.items() if key not in EDITABLE_FIELDS}
        resource.update(fields, updated_at=now.isoformat(), files=kept_entries + entries)
        self._validated(resource, errors)
        with self.sessions() as session, session.begin():
            # Without large files an edit never shares a draft: its number is its own.
            version = draft or new_draft(
                session, user, province, resource_id, decision.owner_school_id if decision else None, reuse_open=False
            )
            number = version.number
        kept = {
            f["name"]: (
                storage.staged_key(resource_id, base_number, f["name"])
                if base_number
                else storage.key_for(resource_id, f["name"])
            )
            for f in kept_entries
        }
        self._stage(storage, resource, number, bodies, kept)
        with self.sessions() as session, session.begin():

            def into_review(decision):
                if decision.live_version is None and decision.review_state in ("pending", "rejected"):
                    decision.review_state = "pending"  # nothing live yet: the resource waits as a whole
                decision.rejection_reason = None

            overlay = change_decision(
                session,
                user,
                province,
                resource_id,
                "edit",
                into_review,
                expected_version=expected_version,
                resource_version=number,
            )
            version = session.get(ResourceVersion, (province, resource_id, number))
            submit_version(session, version, resource)
            self._consume_tokens(session, province, resource_id, number)
        return Submitted(province, resource_id, overlay.review_state, overlay.version, False, number)

    def withdraw(self, user, province: str, resource_id: str) -> None:
        """The live folder is emptied (resource.json first) and the document removed; the versions
        stay as history, and any still waiting is closed."""
        with self.sessions() as session:
            self.owned_decision(session, user, "withdraw_own", province, resource_id)
        storage = self._storage(province, resource_id)
        unpublish(storage, resource_id)
        with self.sessions() as session, session.begin():

            def withdrawn(decision):
                decision.review_state = "withdrawn"
                decision.live_version = None

            change_decision(session, user, province, resource_id, "withdraw", withdrawn)
            close_open_versions(session, province, resource_id)
        index_live_folder(self.es, self.alias, storage, resource_id, None)
