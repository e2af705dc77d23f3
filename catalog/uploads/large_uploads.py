"""Large files go from the school's browser straight to its province's storage (S3 multipart).

The catalog never relays the bytes: it starts the upload into the staging folder of one draft
version, signs one URL per part (each for its exact size), and on completion checks every part,
then the stored object (its size, and its content by the first bytes) exactly as a form upload
is checked, and records its SHA-256. A file that fails is deleted. Submitting the draft uses up
all of its uploads; uploads left unused are aborted and deleted by ``catalog-admin uploads cleanup``.
"""

from __future__ import annotations

import logging
import math
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from botocore.exceptions import BotoCoreError, ClientError
from sqlalchemy import select

from catalog.curation.decisions import audit
from catalog.curation.versions import DRAFT, new_draft, open_draft
from catalog.messages import N_, prefixed
from catalog.permissions import authorize
from catalog.resources.file_types import UploadFileRejected, check_file, safe_file_name
from catalog.stores.models import PendingUpload, ResourceDecision, ResourceVersion
from catalog.uploads.errors import UploadRejected
from catalog.uploads.new_resources import china_now, new_resource_id

log = logging.getLogger(__name__)

PART_BYTES = 8 * 1024 * 1024
MAX_LARGE_BYTES = 2000 * 1024 * 1024
HEAD_BYTES = 256 * 1024  # enough to tell the type; Office files are told by member names near the start
PART_URL_SECONDS = 3600
ABANDONED_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class StartedUpload:
    token: str
    folder: str
    part_bytes: int
    part_urls: list[str]
    version: int


def _token() -> str:
    return secrets.token_urlsafe(18)


# What _token makes (and the id column holds); anything else a request sends is no upload of ours.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _pending(session, token) -> PendingUpload | None:
    """The pending upload a request names, looked up only if the name could be one (never NUL bytes or
    overlong text sent to the database)."""
    return session.get(PendingUpload, token) if isinstance(token, str) and TOKEN.fullmatch(token) else None


def part_sizes(size: int, part_bytes: int = PART_BYTES) -> list[int]:
    """The size of each part of a ``size``-byte file: full parts, then the rest."""
    count = max(1, math.ceil(size / part_bytes))
    return [part_bytes] * (count - 1) + [size - part_bytes * (count - 1)]


class LargeUploads:
    def __init__(self, storages: dict, sessions):
        self.storages = storages
        self.sessions = sessions

    def _draft_for(self, session, user, folder: str | None) -> ResourceVersion:
        """The draft a new file joins: a new resource's, or (``folder``) the school's own draft of a
        new version of one of its resources. Any other folder is refused."""
        school = user.school
        if folder is None:
            return new_draft(session, user, school.province, new_resource_id(china_now()), school.id)
        decision = session.get(ResourceDecision, (school.province, folder))
        if decision is not None:
            if decision.owner_school_id != school.id or decision.review_state == "withdrawn":
                raise UploadRejected({"folder": [N_("不是本校的资源，不能向它上传文件")]})
            return new_draft(session, user, school.province, folder, school.id)
        draft = open_draft(session, school.province, folder)
        if draft is None or draft.school_id != school.id:
            raise UploadRejected({"folder": [N_("不是本校进行中的上传")]})
        return draft

    def start(self, user, name: str, size: int, *, folder: str | None = None) -> StartedUpload:
        """Sign the parts of one file; ``folder`` (from an earlier large file, or one of the school's
        resources) keeps the files of one version together."""
        authorize(user, "upload")
        try:
            safe_name = safe_file_name(name)
        except UploadFileRejected as rejected:
            raise UploadRejected({"name": [rejected.reason]}) from None
        if not 0 < size <= MAX_LARGE_BYTES:
            raise UploadRejected(
                {"size": [N_("大文件上传需在 1 字节到 %(size)s MB 之间", size=MAX_LARGE_BYTES // 2**20)]}
            )
        school = user.school
        storage = self.storages[school.province]
        with self.sessions() as session, session.begin():
            draft = self._draft_for(session, user, folder)
            clash = session.scalar(
                select(PendingUpload).where(
                    PendingUpload.province == school.province,
                    PendingUpload.folder == draft.resource_id,
                    PendingUpload.version == draft.number,
                    PendingUpload.name == safe_name,
                )
            )
            if clash is not None:
                raise UploadRejected({"name": [prefixed(safe_name, N_("这个版本已有同名的大文件"))]})
            key = storage.staged_key(draft.resource_id, draft.number, safe_name)
            upload_id = storage.start_multipart(key, "application/octet-stream")
            token = _token()
            session.add(
                PendingUpload(
                    id=token,
                    school_id=school.id,
                    province=school.province,
                    folder=draft.resource_id,
                    version=draft.number,
                    name=safe_name,
                    key=key,
                    s3_upload_id=upload_id,
                    size=size,
                )
            )
            audit(
                session,
                user,
                "large_upload_start",
                school.province,
                draft.resource_id,
                after={"name": safe_name, "size": size, "resource_version": draft.number},
            )
            folder, number = draft.resource_id, draft.number
        urls = [
            storage.presigned_part_url(key, upload_id, number_, part, PART_URL_SECONDS)
            for number_, part in enumerate(part_sizes(size), start=1)
        ]
        return StartedUpload(token, folder, PART_BYTES, urls, number)

    def _refuse(self, storage, pending: PendingUpload, token: str, field: str, reason: str):
        """Abort the upload, delete what was stored of it, forget the token; nothing else changes."""
        try:
            storage.abort_multipart(pending.key, pending.s3_upload_id)
        except ClientError:
            pass  # completed already, or gone
        storage.delete(pending.key)
        with self.sessions() as session, session.begin():
            session.delete(session.get(PendingUpload, token))
        raise UploadRejected({field: [prefixed(pending.name, reason)]})

    def complete(self, user, token: str, parts: list[tuple[int, str]], *, max_bytes: int = MAX_LARGE_BYTES) -> dict:
        """Check every part's size, join them, then check the stored file as any upload is checked;
        a bad one is deleted. The file's SHA-256 is recorded for the version's resource.json."""
        authorize(user, "upload")
        with self.sessions() as session:
            pending = _pending(session, token)
            if pending is None or pending.school_id != user.school_id or pending.completed or pending.used:
                raise UploadRejected({"upload": [N_("没有这个进行中的上传")]})
            draft = session.get(ResourceVersion, (pending.province, pending.folder, pending.version))
            if draft is None or draft.state != DRAFT:
                raise UploadRejected({"upload": [N_("这个版本已经提交，不能再添加文件")]})
        storage = self.storages[pending.province]
        expected = dict(enumerate(part_sizes(pending.size), start=1))
        try:
            stored_parts = storage.part_sizes(pending.key, pending.s3_upload_id)
        except ClientError as exc:
            raise UploadRejected(
                {"parts": [N_("存储找不到这次上传：%(code)s", code=exc.response["Error"].get("Code"))]}
            ) from None
        if stored_parts != expected or sorted(number for number, _ in parts) != sorted(expected):
            self._refuse(storage, pending, token, "parts", N_("分片的数量或大小与声明的文件大小不符，上传已取消"))
        try:
            storage.complete_multipart(pending.key, pending.s3_upload_id, parts)
            stored_size = storage.head(pending.key)["ContentLength"]
            head = storage.get_bytes(pending.key, max_bytes=HEAD_BYTES)
        except ClientError as exc:
            raise UploadRejected(
                {"parts": [N_("存储未能合并这些分片：%(code)s", code=exc.response["Error"].get("Code"))]}
            ) from None
        try:
            if stored_size != pending.size:
                raise UploadFileRejected(
                    pending.name,
                    N_(
                        "收到 %(received)s 字节，但声明的是 %(declared)s 字节",
                        received=stored_size,
                        declared=pending.size,
                    ),
                )
            name, media_type = check_file(pending.name, head, stored_size, max_bytes)
        except UploadFileRejected as rejected:
            self._refuse(storage, pending, token, "file", rejected.reason)
        sha256 = storage.sha256_of(pending.key)
        with self.sessions() as session, session.begin():
            row = session.get(PendingUpload, token)
            row.completed, row.sha256 = True, sha256
            audit(
                session,
                user,
                "large_upload_complete",
                pending.province,
                pending.folder,
                after={"name": name, "size": stored_size, "sha256": sha256, "resource_version": pending.version},
            )
        return {
            "token": token,
            "folder": pending.folder,
            "name": name,
            "media_type": media_type,
            "size": stored_size,
            "version": pending.version,
        }

    def keep(self, user, files: list[tuple[str, bytes]], *, folder: str | None = None) -> list[dict]:
        """Files of a form that was refused for other reasons, kept in one draft as completed
        uploads (each checked as any upload is), so the school resubmits without choosing them again."""
        kept = []
        for name, data in files:
            started = self.start(user, name, len(data), folder=folder)
            folder = started.folder
            with self.sessions() as session:
                pending = session.get(PendingUpload, started.token)
            storage = self.storages[pending.province]
            parts, offset = [], 0
            for number, size in enumerate(part_sizes(len(data)), start=1):
                parts.append(
                    (
                        number,
                        storage.upload_part(pending.key, pending.s3_upload_id, number, data[offset : offset + size]),
                    )
                )
                offset += size
            kept.append(self.complete(user, started.token, parts))
        return kept

    def kept(self, user, tokens: list[str]) -> list[dict]:
        """The school's completed, unused uploads among ``tokens``: what a form shows as already sent."""
        with self.sessions() as session:
            rows = [_pending(session, token) for token in dict.fromkeys(tokens)]
        return [
            {"token": row.id, "folder": row.folder, "name": row.name, "size": row.size}
            for row in rows
            if row is not None and row.school_id == user.school_id and row.completed and not row.used
        ]

    def for_submission(self, session, user, tokens: list[str]) -> tuple[ResourceVersion | None, list[dict], dict]:
        """(draft, file entries, errors) for the completed uploads a submission names: all of one draft."""
        entries, errors, drafts = [], {}, set()
        for index, token in enumerate(tokens):
            pending = _pending(session, token)
            if pending is None or pending.school_id != user.school_id or not pending.completed or pending.used:
                errors[f"large.{index}"] = [N_("不是本校已完成且未使用的大文件上传")]
                continue
            storage = self.storages[pending.province]
            head = storage.get_bytes(pending.key, max_bytes=HEAD_BYTES)
            _, media_type = check_file(pending.name, head, pending.size, MAX_LARGE_BYTES)
            entries.append(
                {
                    "name": pending.name,
                    "role": "main",
                    "media_type": media_type,
                    "size": pending.size,
                    "sha256": pending.sha256,
                }
            )
            drafts.add((pending.province, pending.folder, pending.version))
        if len(drafts) > 1:
            errors["large"] = [N_("这些大文件属于不同的上传，请在同一次上传中提交")]
        draft = session.get(ResourceVersion, drafts.pop()) if len(drafts) == 1 else None
        if draft is not None and draft.state != DRAFT:
            errors["large"] = [N_("这个版本已经提交，不能再修改")]
        return draft, entries, errors

    def cleanup(self, *, now: datetime | None = None, older_than: timedelta = ABANDONED_AFTER) -> int:
        """Abort and delete every upload that no submitted version used within ``older_than``."""
        cutoff = (now or datetime.now(UTC)) - older_than
        with self.sessions() as session:
            stale = [
                (p.id, p.province, p.folder, p.key, p.s3_upload_id)
                for p in session.scalars(select(PendingUpload).where(PendingUpload.used.is_(False)))
                if p.created_at.replace(tzinfo=p.created_at.tzinfo or UTC) < cutoff
            ]
        removed = 0
        for token, province, folder, key, upload_id in stale:
            storage = self.storages[province]
            try:
                try:
                    storage.abort_multipart(key, upload_id)
                except ClientError:
                    pass  # already completed or aborted
                storage.delete(key)  # staged for a draft nobody submitted: never live, never reviewed
            except (BotoCoreError, ClientError) as exc:
                log.error("could not clean up an abandoned upload", extra={"fields": {"key": key, "error": str(exc)}})
                continue
            with self.sessions() as session, session.begin():
                session.delete(session.get(PendingUpload, token))
                audit(session, None, "large_upload_abandoned", province, folder, before={"key": key})
            removed += 1
        return removed

    def cleanup_drafts(self, *, now: datetime | None = None, older_than: timedelta = ABANDONED_AFTER) -> int:
        """Drafts nobody submitted within ``older_than`` (an edit cut off between staging and its
        commit, large files abandoned): their row and staged objects go; none was ever live."""
        cutoff = (now or datetime.now(UTC)) - older_than
        with self.sessions() as session:
            drafts = [
                (d.province, d.resource_id, d.number)
                for d in session.scalars(select(ResourceVersion).where(ResourceVersion.state == DRAFT))
                if d.created_at.replace(tzinfo=d.created_at.tzinfo or UTC) < cutoff
                and not session.scalar(
                    select(PendingUpload.id)
                    .where(
                        PendingUpload.province == d.province,
                        PendingUpload.folder == d.resource_id,
                        PendingUpload.version == d.number,
                        PendingUpload.used.is_(False),
                    )
                    .limit(1)
                )
            ]
        dropped = 0
        for province, resource_id, number in drafts:
            with self.sessions() as session, session.begin():  # the row first: no submission can follow
                draft = session.get(ResourceVersion, (province, resource_id, number))
                if draft is None or draft.state != DRAFT:
                    continue  # submitted meanwhile
                session.delete(draft)
                audit(session, None, "draft_abandoned", province, resource_id, before={"resource_version": number})
            storage = self.storages[province]
            try:
                for stored in list(storage.list_staged(resource_id, number)):
                    storage.delete(stored.key)
            except (BotoCoreError, ClientError) as exc:
                log.error(
                    "could not delete an abandoned draft's files",
                    extra={"fields": {"key": storage.staged_key(resource_id, number, ""), "error": str(exc)}},
                )
            dropped += 1
        return dropped
