"""A version's bytes in its province's storage: staged while it waits, copied live when approved.

Staged objects are written with ``If-None-Match: *``, so nothing under a submitted version is
ever overwritten. Publishing copies exactly the approved version's files into the live folder
server-side and writes its ``resource.json`` last (spec: a folder without it is no resource);
live files the version no longer lists go after that. Withdrawal deletes ``resource.json`` first.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError

from catalog.indexing.index_one import index_one
from catalog.stores.province_storage import RESOURCE_JSON, ProvinceStorage

log = logging.getLogger(__name__)


class StorageUnavailable(RuntimeError):
    """The province's storage refused or did not answer; what the catalog promised is unchanged."""


class StagedClash(RuntimeError):
    """Something is already staged under that name of that version: staged bytes never change."""


@dataclass(frozen=True)
class StagedFile:
    """A file for a version: new bytes, or a copy of a stored object (a file the version keeps)."""

    name: str
    media_type: str
    data: bytes | None = None
    copy_from: str | None = None


def resource_json_bytes(document: dict) -> bytes:
    """The exact bytes approval publishes for a version's document."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def stage_files(storage: ProvinceStorage, resource_id: str, version: int, files: list[StagedFile]) -> None:
    """Put a version's files into its staging folder; on failure, remove what this call wrote."""
    written = []
    try:
        for staged in files:
            key = storage.staged_key(resource_id, version, staged.name)
            if staged.copy_from is not None:
                storage.copy(staged.copy_from, key)
            else:
                storage.put_new(key, staged.data, staged.media_type)
            written.append(key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "PreconditionFailed":
            _remove(storage, written)
            raise StagedClash(f"{resource_id} v{version} already has a file of that name") from None
        _remove(storage, written)
        raise StorageUnavailable(f"{storage.province.code} storage: {exc}") from exc
    except BotoCoreError as exc:
        _remove(storage, written)
        raise StorageUnavailable(f"{storage.province.code} storage: {exc}") from exc


def publish(storage: ProvinceStorage, resource_id: str, version: int, document: dict) -> None:
    """Make the live folder hold exactly ``document`` and its staged files."""
    try:
        listed = {name for name in (f["name"] for f in document.get("files", []))}
        for name in sorted(listed):
            storage.copy(storage.staged_key(resource_id, version, name), storage.key_for(resource_id, name))
        storage.put_bytes(
            storage.key_for(resource_id, RESOURCE_JSON), resource_json_bytes(document), "application/json"
        )
        for stored in list(storage.list_objects(folder=resource_id)):
            name = stored.key.rsplit("/", 1)[1]
            if name != RESOURCE_JSON and name not in listed:
                storage.delete(stored.key)
    except (BotoCoreError, ClientError) as exc:
        raise StorageUnavailable(f"{storage.province.code} storage: {exc}") from exc


def unpublish(storage: ProvinceStorage, resource_id: str) -> None:
    """Empty the live folder, ``resource.json`` first; staged versions stay as history."""
    try:
        storage.delete(storage.key_for(resource_id, RESOURCE_JSON))
        for stored in list(storage.list_objects(folder=resource_id)):
            storage.delete(stored.key)
    except (BotoCoreError, ClientError) as exc:
        raise StorageUnavailable(f"{storage.province.code} storage: {exc}") from exc


def index_live_folder(es, alias: str, storage: ProvinceStorage, resource_id: str, overlay) -> bool:
    """Index the live folder now, as sync would (a folder without resource.json loses its document);
    False when that must wait for the next sync."""
    try:
        return index_one(es, alias, storage, resource_id, overlay) is not None
    except Exception as exc:  # stored and decided: the next sync indexes it
        log.error(
            "stored but not yet indexed",
            extra={
                "fields": {"key": storage.key_for(resource_id, RESOURCE_JSON), "error": f"{type(exc).__name__}: {exc}"}
            },
        )
        return False


def _remove(storage: ProvinceStorage, keys: list[str]) -> None:
    for key in keys:
        try:
            storage.delete(key)
        except (BotoCoreError, ClientError):
            log.error("could not remove a partly staged file", extra={"fields": {"key": key}})
