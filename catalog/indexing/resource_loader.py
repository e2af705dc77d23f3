"""One resource folder → an index document, or a rejection with its key and reasons."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from botocore.exceptions import ClientError

from catalog.indexing.curation_overlay import NO_DECISION, Overlay
from catalog.indexing.document_builder import build_document
from catalog.indexing.extraction_worker import extract_within_budget
from catalog.indexing.resource_folders import ResourceFolder
from catalog.indexing.text_extraction import should_fetch
from catalog.resources.resource_schema import MAX_DOCUMENT_BYTES, ResourceRejected, load_resource
from catalog.resources.vocabulary_mapping import normalise_resource
from catalog.stores.province_storage import ProvinceStorage, is_not_found

# A fingerprint that never matches a folder's, so the next sync loads the resource again.
RETRY_FINGERPRINT = "retry"


@dataclass
class LoadedResource:
    doc_id: str
    document: dict
    unmapped: list[str]
    file_problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class RejectedResource:
    key: str
    reasons: list[str]


@dataclass
class VanishedResource:
    """resource.json was deleted between the listing and the read: treated as withdrawn."""

    key: str


class ResourceLoader:
    """Reads, validates, normalises and extracts one folder of one province's storage.

    Storage failures other than a missing object propagate: the province's run stops and
    nothing is deleted. A bad resource or a bad file never does.
    """

    def __init__(
        self,
        storage: ProvinceStorage,
        *,
        overlays: Mapping[str, Overlay] | None = None,
        time_budget_s: float = 10.0,
        max_chars: int = 100_000,
    ):
        self.storage = storage
        self.overlays = overlays or {}
        self.time_budget_s = time_budget_s
        self.max_chars = max_chars

    def fingerprint(self, folder: ResourceFolder) -> str:
        """What the folder's document records: its objects and the catalog's decision version."""
        return self.overlays.get(folder.resource_id, NO_DECISION).fingerprint(folder.fingerprint())

    def load(self, folder: ResourceFolder, previous_files: dict[str, dict] | None = None, kept_json: str | None = None):
        """``previous_files``: the indexed file entries by name, whose text is reused while the ETag is the
        same; ``kept_json``: the resource.json text a document of the same fingerprint kept, read instead of storage."""
        stored_json = folder.resource_json
        key = stored_json.key
        if stored_json.size > MAX_DOCUMENT_BYTES:
            return RejectedResource(key, [f"resource.json: larger than {MAX_DOCUMENT_BYTES // 2**20} MiB"])
        try:
            raw = kept_json if kept_json is not None else self.storage.get_bytes(key)
        except ClientError as exc:
            if is_not_found(exc):
                return VanishedResource(key)
            raise
        try:
            resource = load_resource(raw, folder_id=folder.resource_id)
        except ResourceRejected as rejected:
            return RejectedResource(key, rejected.reasons)
        resource, unmapped = normalise_resource(resource)
        files, problems, complete = self._files(folder, resource.get("files", []), previous_files or {})
        doc_id, document = build_document(
            self.storage.province.code,
            resource,
            files,
            fingerprint=self.fingerprint(folder) if complete else RETRY_FINGERPRINT,
            json_key=key,
            unmapped=unmapped,
            overlay=self.overlays.get(folder.resource_id, NO_DECISION),
            resource_json=raw if isinstance(raw, str) else raw.decode("utf-8"),
        )
        return LoadedResource(doc_id, document, unmapped, problems)

    def _files(self, folder: ResourceFolder, entries: list[dict], previous: dict[str, dict]):
        files, problems, complete = [], [], True
        for entry in entries:
            stored = folder.objects.get(entry["name"])
            key = self.storage.key_for(folder.resource_id, entry["name"])
            described = {**entry}
            if stored is None:
                problems.append((key, "named in files but not stored in the folder"))
                files.append(described)
                continue
            described["etag"] = stored.etag
            described.setdefault("size", stored.size)
            if entry.get("size") is not None and entry["size"] != stored.size:
                problems.append((key, f"size says {entry['size']} bytes, stored object has {stored.size}"))
            earlier = previous.get(entry["name"]) or {}
            # A text cut short by time is not final: a less busy run may read it all.
            if earlier.get("etag") == stored.etag and not (earlier.get("text_error") or earlier.get("text_timed_out")):
                described.update({k: earlier[k] for k in ("text", "text_truncated") if k in earlier})
                files.append(described)
                continue
            decision = should_fetch(entry["name"], entry.get("media_type"), stored.size)
            if decision.reason:
                problems.append((key, decision.reason))
            if decision.fetch:
                try:
                    data = self.storage.get_bytes(key)
                except ClientError as exc:
                    if not is_not_found(exc):
                        raise
                    problems.append((key, "deleted while being read"))
                    complete = False
                    files.append(described)
                    continue
                if entry.get("sha256") and hashlib.sha256(data).hexdigest() != entry["sha256"].lower():
                    problems.append((key, "sha256 does not match the stored object"))
                extracted = extract_within_budget(
                    entry["name"],
                    entry.get("media_type"),
                    data,
                    max_chars=self.max_chars,
                    time_budget_s=self.time_budget_s,
                )
                described["text"] = extracted.text
                described["text_truncated"] = extracted.truncated
                if extracted.error:
                    described["text_error"] = extracted.error
                    problems.append((key, extracted.error))
                if extracted.timed_out:
                    described["text_timed_out"] = True
                    problems.append((key, f"text cut short after {self.time_budget_s:g} s; read again on the next run"))
                    complete = False
            files.append(described)
        return files, problems, complete
