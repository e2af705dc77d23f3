"""Schools publish into their own province's storage: upload, edit, withdraw.

Order of writes (design.md): the decision (*pending*, owned by the school) is committed
first, so no sync can ever index the new resource as published; then the files, then
``resource.json`` last; then the one document is indexed at once. Withdrawal deletes
``resource.json`` first. Everything is validated before anything is written.
"""
from __future__ import annotations

import hashlib
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from botocore.exceptions import BotoCoreError, ClientError

from catalog.decisions import audit, change_decision
from catalog.file_types import UploadFileRejected, check_file
from catalog.models import PendingUpload, ResourceDecision
from catalog.permissions import authorize
from catalog.province_storage import RESOURCE_JSON, is_not_found
from catalog.resource_schema import FORMAT_VERSION, ResourceRejected, load_resource

log = logging.getLogger(__name__)

CHINA = timezone(timedelta(hours=8))
EDITABLE_FIELDS = ("type", "title", "summary", "keywords", "subjects", "stages", "grades", "language", "license",
                   "lesson", "study_tour", "practice_base")
MAX_FILES = 20


class UploadRejected(Exception):
    """Nothing was written; ``errors`` names each field and why."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{field}: {' '.join(reasons)}" for field, reasons in errors.items()))
        self.errors = errors


class StorageUnavailable(RuntimeError):
    """The province's storage refused or did not answer; nothing of the resource remains."""


class NotStored(LookupError):
    """No such resource in its province's storage (never there, or withdrawn)."""


@dataclass(frozen=True)
class IncomingFile:
    name: str
    data: bytes
    role: str = "main"


@dataclass(frozen=True)
class Submitted:
    province: str
    resource_id: str
    review_state: str
    version: int
    indexed: bool


def reasons_by_field(reasons: list[str]) -> dict[str, list[str]]:
    """``["title: must be …", …]`` (the schema's reasons) as ``{"title": ["must be …"]}``."""
    errors: dict[str, list[str]] = {}
    for reason in reasons:
        field, _, why = reason.partition(": ")
        errors.setdefault(field if why else "resource", []).append(why or reason)
    return errors


def new_resource_id(now: datetime) -> str:
    return f"up-{now:%Y%m%d}-{secrets.token_hex(4)}"


def editable_part(metadata: dict, errors: dict) -> dict:
    """The fields a school decides (id, publisher, region, dates and files are the catalog's);
    any other field is named in ``errors``."""
    for name in sorted(set(metadata) - set(EDITABLE_FIELDS)):
        errors[name] = ["由目录自动填写，或不是 edu-resource/1 的字段"]
    return {key: value for key, value in metadata.items()
            if key in EDITABLE_FIELDS and value not in (None, "", [], {})}


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
            errors["files"] = [f"at most {MAX_FILES} files per resource"]
        for index, incoming in enumerate(files[:MAX_FILES]):
            try:
                name, media_type = check_file(incoming.name, incoming.data, len(incoming.data), self.max_file_bytes)
            except UploadFileRejected as rejected:
                errors[f"files.{index}"] = [f"{incoming.name}: {rejected.reason}"]
                continue
            if any(name == existing for existing, _ in bodies):
                errors[f"files.{index}"] = [f"{name}: 与另一个文件同名"]
                continue
            entries.append({"name": name, "role": incoming.role, "media_type": media_type,
                            "size": len(incoming.data), "sha256": hashlib.sha256(incoming.data).hexdigest()})
            bodies.append((name, incoming.data))
        return entries, bodies, errors

    @staticmethod
    def _resource(resource_id: str, school, metadata: dict, files: list[dict], published_at: str,
                  updated_at: str | None = None) -> dict:
        resource = {
            "schema": FORMAT_VERSION, "id": resource_id, **metadata,
            "publisher": {"name": school.name, "kind": "school"},
            "region": {"city": school.city, "district": school.district},
            "published_at": published_at, "files": files,
        }
        if updated_at:
            resource["updated_at"] = updated_at
        return resource

    @staticmethod
    def _validated(resource: dict, errors: dict) -> dict:
        try:
            load_resource(resource, folder_id=resource["id"])
        except ResourceRejected as rejected:
            for field, reasons in reasons_by_field(rejected.reasons).items():
                errors.setdefault(field, []).extend(reasons)
        if errors:
            raise UploadRejected(errors)
        return resource

    # --- writing ---------------------------------------------------------------------------

    def _write_folder(self, storage, resource: dict, bodies: list[tuple[str, bytes]]) -> None:
        written = []
        try:
            for name, data in bodies:
                key = storage.key_for(resource["id"], name)
                storage.put_bytes(key, data, next(f["media_type"] for f in resource["files"] if f["name"] == name))
                written.append(key)
            storage.put_bytes(storage.key_for(resource["id"], RESOURCE_JSON),
                              json.dumps(resource, ensure_ascii=False, indent=2).encode(), "application/json")
        except (BotoCoreError, ClientError) as exc:
            for key in written:  # no half-written folder is left behind
                try:
                    storage.delete(key)
                except (BotoCoreError, ClientError):
                    log.error("could not remove a partly uploaded file", extra={"fields": {"key": key}})
            raise StorageUnavailable(f"{storage.province.code} storage: {exc}") from exc

    def _index(self, storage, resource_id: str, overlay) -> bool:
        from indexer.single import index_one  # the indexer's loader: an upload is indexed as sync would

        try:
            return index_one(self.es, self.alias, storage, resource_id, overlay) is not None
        except Exception as exc:  # stored and decided: the next sync indexes it
            log.error("uploaded but not yet indexed", extra={"fields": {
                "key": storage.key_for(resource_id, RESOURCE_JSON), "error": f"{type(exc).__name__}: {exc}"}})
            return False

    # --- the three things a school does ----------------------------------------------------

    def submit(self, user, metadata: dict, files: list[IncomingFile], *, large: list[str] | tuple = (),
               now: datetime | None = None) -> Submitted:
        """``large``: tokens of completed direct-to-storage uploads (``large_uploads``) to include."""
        from catalog.large_uploads import LargeUploads

        authorize(user, "upload")
        school = user.school
        now = now or datetime.now(CHINA)
        entries, bodies, errors = self._checked_files(files)
        folder = None
        if large:
            with self.sessions() as session:
                folder, large_entries, large_errors = LargeUploads(self.storages, self.sessions).for_submission(
                    session, user, list(large))
            errors.update(large_errors)
            clashes = {e["name"] for e in large_entries} & {e["name"] for e in entries}
            if clashes:
                errors["files"] = [f"{name}: 与另一个文件同名" for name in sorted(clashes)]
            entries += large_entries
        if not files and not large:
            errors["files"] = ["请至少上传一个文件"]
        fields = editable_part(metadata, errors)
        resource_id = folder or new_resource_id(now)
        resource = self._validated(self._resource(resource_id, school, fields, entries, now.isoformat()), errors)
        storage = self.storages[school.province]
        with self.sessions() as session, session.begin():
            overlay = change_decision(
                session, user, school.province, resource_id, "upload",
                lambda decision: None, create_as={"review_state": "pending", "owner_school_id": school.id},
            )
            for token in large:
                session.get(PendingUpload, token).used = True
        try:
            self._write_folder(storage, resource, bodies)
        except StorageUnavailable:
            with self.sessions() as session, session.begin():
                session.delete(session.get(ResourceDecision, (school.province, resource_id)))
                audit(session, user, "upload_failed", school.province, resource_id)
            raise
        indexed = self._index(storage, resource_id, overlay)
        return Submitted(school.province, resource_id, overlay.review_state, overlay.version, indexed)

    def _storage(self, province: str, resource_id: str):
        if province not in self.storages:
            raise NotStored(f"no resource {resource_id!r} in province {province!r}")
        return self.storages[province]

    def stored_resource(self, province: str, resource_id: str) -> dict:
        """The resource.json in storage, as stored; ``NotStored`` when it was withdrawn or never there."""
        storage = self._storage(province, resource_id)
        try:
            return json.loads(storage.get_bytes(storage.key_for(resource_id, RESOURCE_JSON)))
        except ClientError as exc:
            if is_not_found(exc):
                raise NotStored(f"no resource {resource_id!r} in province {province!r}") from None
            raise

    def owned_decision(self, session, user, action: str, province: str, resource_id: str) -> ResourceDecision:
        decision = session.get(ResourceDecision, (province, resource_id))
        authorize(user, action, owner_school_id=decision.owner_school_id if decision else None)
        return decision

    def edit(self, user, province: str, resource_id: str, metadata: dict, *, expected_version: int,
             now: datetime | None = None) -> Submitted:
        """New metadata for a school's own resource; it goes back to review."""
        now = now or datetime.now(CHINA)
        with self.sessions() as session:
            self.owned_decision(session, user, "edit_own", province, resource_id)
        storage = self._storage(province, resource_id)
        current = self.stored_resource(province, resource_id)
        errors: dict = {}
        fields = editable_part(metadata, errors)
        resource = {key: value for key, value in current.items() if key not in EDITABLE_FIELDS}
        resource.update(fields, updated_at=now.isoformat())
        self._validated(resource, errors)
        with self.sessions() as session, session.begin():
            def back_to_review(decision):
                decision.review_state = "pending"
                decision.rejection_reason = None

            overlay = change_decision(session, user, province, resource_id, "edit", back_to_review,
                                      expected_version=expected_version)
        self._write_folder(storage, resource, [])
        indexed = self._index(storage, resource_id, overlay)
        return Submitted(province, resource_id, overlay.review_state, overlay.version, indexed)

    def withdraw(self, user, province: str, resource_id: str) -> None:
        """resource.json first (from then on it is no resource), then the files, then the document."""
        with self.sessions() as session:
            self.owned_decision(session, user, "withdraw_own", province, resource_id)
        storage = self._storage(province, resource_id)
        storage.delete(storage.key_for(resource_id, RESOURCE_JSON))
        for stored in storage.list_objects(folder=resource_id):
            storage.delete(stored.key)
        with self.sessions() as session, session.begin():
            def withdrawn(decision):
                decision.review_state = "withdrawn"

            change_decision(session, user, province, resource_id, "withdraw", withdrawn)
        self._index(storage, resource_id, None)
