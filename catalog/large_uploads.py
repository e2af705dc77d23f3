"""Large files go from the school's browser straight to its province's storage (S3 multipart).

The catalog never relays the bytes: it starts the upload, signs one URL per part, and on
completion checks the stored object (its size, and its content by the first bytes) exactly
as a form upload is checked. A file that fails is deleted. Until a resource uses it, a
completed file has no ``resource.json`` beside it, so it is no resource (spec); uploads left
unused are aborted and deleted by ``catalog-admin uploads cleanup``.
"""
from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from botocore.exceptions import BotoCoreError, ClientError
from sqlalchemy import select

from catalog.decisions import audit
from catalog.file_types import UploadFileRejected, check_file, safe_file_name
from catalog.models import PendingUpload
from catalog.permissions import authorize
from catalog.province_storage import RESOURCE_JSON
from catalog.upload_service import CHINA, UploadRejected, new_resource_id

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


def _token() -> str:
    return secrets.token_urlsafe(18)


class LargeUploads:
    def __init__(self, storages: dict, sessions):
        self.storages = storages
        self.sessions = sessions

    def start(self, user, name: str, size: int, *, folder: str | None = None) -> StartedUpload:
        """Sign the parts of one file; ``folder`` (from an earlier large file) keeps files together."""
        authorize(user, "upload")
        try:
            safe_name = safe_file_name(name)
        except UploadFileRejected as rejected:
            raise UploadRejected({"name": [rejected.reason]}) from None
        if not 0 < size <= MAX_LARGE_BYTES:
            raise UploadRejected({"size": [f"大文件上传需在 1 字节到 {MAX_LARGE_BYTES // 2**20} MB 之间"]})
        school = user.school
        with self.sessions() as session, session.begin():
            if folder is not None:
                owned = session.scalar(select(PendingUpload).where(
                    PendingUpload.folder == folder, PendingUpload.school_id == school.id, PendingUpload.used.is_(False)))
                if owned is None:
                    raise UploadRejected({"folder": ["不是本校进行中的上传"]})
            folder = folder or new_resource_id(datetime.now(CHINA))
            storage = self.storages[school.province]
            key = storage.key_for(folder, safe_name)
            upload_id = storage.start_multipart(key, "application/octet-stream")
            token = _token()
            session.add(PendingUpload(id=token, school_id=school.id, province=school.province, folder=folder,
                                      name=safe_name, key=key, s3_upload_id=upload_id, size=size))
            audit(session, user, "large_upload_start", school.province, folder, after={"name": safe_name, "size": size})
        parts = max(1, math.ceil(size / PART_BYTES))
        urls = [storage.presigned_part_url(key, upload_id, number, PART_URL_SECONDS) for number in range(1, parts + 1)]
        return StartedUpload(token, folder, PART_BYTES, urls)

    def complete(self, user, token: str, parts: list[tuple[int, str]], *, max_bytes: int = MAX_LARGE_BYTES) -> dict:
        """Join the parts, then check the stored file as any upload is checked; a bad one is deleted."""
        authorize(user, "upload")
        with self.sessions() as session:
            pending = session.get(PendingUpload, token)
            if pending is None or pending.school_id != user.school_id or pending.completed:
                raise UploadRejected({"upload": ["没有这个进行中的上传"]})
        storage = self.storages[pending.province]
        try:
            storage.complete_multipart(pending.key, pending.s3_upload_id, parts)
            stored_size = storage.head(pending.key)["ContentLength"]
            head = storage.get_bytes(pending.key, max_bytes=HEAD_BYTES)
        except ClientError as exc:
            raise UploadRejected({"parts": [f"存储未能合并这些分片：{exc.response['Error'].get('Code')}"]}) from None
        try:
            if stored_size != pending.size:
                raise UploadFileRejected(pending.name, f"收到 {stored_size} 字节，但声明的是 {pending.size} 字节")
            name, media_type = check_file(pending.name, head, stored_size, max_bytes)
        except UploadFileRejected as rejected:
            storage.delete(pending.key)
            with self.sessions() as session, session.begin():
                session.delete(session.get(PendingUpload, token))
            raise UploadRejected({"file": [f"{pending.name}: {rejected.reason}"]}) from None
        with self.sessions() as session, session.begin():
            session.get(PendingUpload, token).completed = True
        return {"token": token, "folder": pending.folder, "name": name, "media_type": media_type, "size": stored_size}

    def for_submission(self, session, user, tokens: list[str]) -> tuple[str | None, list[dict], dict]:
        """(folder, file entries, errors) for the completed uploads a submission names."""
        entries, errors, folders = [], {}, set()
        for index, token in enumerate(tokens):
            pending = session.get(PendingUpload, token)
            if pending is None or pending.school_id != user.school_id or not pending.completed or pending.used:
                errors[f"large.{index}"] = ["不是本校已完成且未使用的大文件上传"]
                continue
            storage = self.storages[pending.province]
            head = storage.get_bytes(pending.key, max_bytes=HEAD_BYTES)
            _, media_type = check_file(pending.name, head, pending.size, MAX_LARGE_BYTES)
            entries.append({"name": pending.name, "role": "main", "media_type": media_type, "size": pending.size})
            folders.add(pending.folder)
        if len(folders) > 1:
            errors["large"] = ["这些大文件属于不同的上传，请在同一次上传中提交"]
        return (folders.pop() if len(folders) == 1 else None), entries, errors

    def cleanup(self, *, now: datetime | None = None, older_than: timedelta = ABANDONED_AFTER) -> int:
        """Abort and delete every upload that no resource used within ``older_than``."""
        cutoff = (now or datetime.now(timezone.utc)) - older_than
        with self.sessions() as session:
            stale = [(p.id, p.province, p.folder, p.key, p.s3_upload_id) for p in session.scalars(
                select(PendingUpload).where(PendingUpload.used.is_(False)))
                if p.created_at.replace(tzinfo=p.created_at.tzinfo or timezone.utc) < cutoff]
        removed = 0
        for token, province, folder, key, upload_id in stale:
            storage = self.storages[province]
            try:
                try:
                    storage.abort_multipart(key, upload_id)
                except ClientError:
                    pass  # already completed or aborted
                names = {o.key.rsplit("/", 1)[1]: o.key for o in storage.list_objects(folder=folder)}
                if RESOURCE_JSON not in names:  # never a resource: nothing of it may stay
                    storage.delete(key)
            except (BotoCoreError, ClientError) as exc:
                log.error("could not clean up an abandoned upload", extra={"fields": {"key": key, "error": str(exc)}})
                continue
            with self.sessions() as session, session.begin():
                session.delete(session.get(PendingUpload, token))
                audit(session, None, "large_upload_abandoned", province, folder, before={"key": key})
            removed += 1
        return removed
