"""Sending what a folder holds through the API, one resource at a time: small files in the upload request,
large ones first through the resumable direct-to-storage upload; a manifest as one bulk upload.

A resource is created by one request, which the API refuses whole or stores whole, so a refused resource
leaves nothing in review. Large files of a refused resource stay as completed uploads of an unsubmitted
draft (never published, cleaned up by ``catalog-admin uploads cleanup``); a rerun after the fix submits
them without sending their bytes again.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from catalog.client.api import Answer, CatalogApi, Unreachable, field_errors, multipart
from catalog.client.sources import LocalFile, LocalManifest, LocalResource
from catalog.client.state import STATE_NAME, RunState

PART_TRIES = 3


@dataclass
class Outcome:
    name: str
    status: str  # uploaded, skipped, refused
    detail: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


class TokenRefused(Exception):
    """The API answered 401: the token is wrong, revoked or expired; no later request can succeed."""


class Refused(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class PartsExpired(Exception):
    """The storage refused a part: its presigned URL has expired; the file starts again."""


class Uploader:
    def __init__(self, api: CatalogApi, state: RunState, *, large_from_bytes: int, say: Callable[[str], None]):
        self.api = api
        self.state = state
        self.large_from_bytes = large_from_bytes
        self.say = say

    def _call(self, method: str, path: str, **kwargs) -> Answer:
        answer = self.api.call(method, path, **kwargs)
        if answer.status == 401:
            raise TokenRefused(field_errors(answer)["request"][0])
        return answer

    # --- one resource folder ------------------------------------------------------------------

    def upload_resource(self, resource: LocalResource) -> Outcome:
        remembered = self.state.source(resource.name)
        if "uploaded" in remembered:
            done = remembered["uploaded"]
            return Outcome(resource.name, "skipped", f"uploaded before as {done['province']}/{done['resource_id']}")
        if resource.problems:
            return Outcome(resource.name, "refused", "nothing sent", resource.problems)
        small = [f for f in resource.files if f.size < self.large_from_bytes]
        large = [f for f in resource.files if f.size >= self.large_from_bytes]
        try:
            tokens = self._large_files(resource.name, large)
        except Refused as refused:
            return Outcome(resource.name, "refused", "a large file was refused", refused.errors)
        fields = [("metadata", json.dumps(resource.metadata, ensure_ascii=False))]
        fields += [("role", f.role) for f in small] + [("large", token) for token in tokens]
        body, content_type = multipart(fields, [("files", f.name, f.path.read_bytes()) for f in small])
        answer = self._call("POST", "/api/v1/uploads", body=body, content_type=content_type)
        if answer.status == 201:
            done = {"province": answer.body["province"], "resource_id": answer.body["resource_id"]}
            remembered.pop("large", None)
            remembered["uploaded"] = done
            self.state.save()
            return Outcome(resource.name, "uploaded", f"{done['province']}/{done['resource_id']}, pending review")
        errors = field_errors(answer)
        if any(name.startswith("large") for name in errors):
            self.state.forget_large(resource.name)  # those uploads are gone: a rerun sends the files again
        return Outcome(resource.name, "refused", "nothing stored", errors)

    def _large_files(self, name: str, files: list[LocalFile]) -> list[str]:
        """Tokens of the resource's completed large uploads, sending what is not sent yet; one fresh start
        when the storage no longer takes the parts of an earlier run."""
        for attempt in range(2):
            try:
                return [self._large_file(name, local) for local in files]
            except PartsExpired:
                if attempt:
                    raise Refused({"files": ["the storage refused the large file's parts twice"]}) from None
                self.say(f"  {name}: the parts' links of an earlier run have expired; starting the large files again")
                self.state.forget_large(name)
        return []

    def _large_file(self, name: str, local: LocalFile) -> str:
        uploads = self.state.source(name).setdefault("large", {})
        entry = uploads.get(local.name)
        if entry is not None and entry["size"] != local.size:
            entry = None  # the file changed since: a new upload
        if entry is None:
            folder = next((e["folder"] for e in uploads.values()), None)
            body = {"name": local.name, "size": local.size, **({"folder": folder} if folder else {})}
            answer = self._call("POST", "/api/v1/uploads/large", json_body=body)
            if answer.status != 201:
                raise Refused({f"{local.name}: {k}": v for k, v in field_errors(answer).items()})
            entry = {key: answer.body[key] for key in ("token", "folder", "part_bytes", "part_urls")}
            entry.update(size=local.size, etags={}, completed=False)
            uploads[local.name] = entry
            self.state.save()
        elif entry["completed"]:
            self.say(f"  {name}: {local.name} was completed by an earlier run")
            return entry["token"]
        self._send_parts(name, local, entry)
        parts = [
            {"number": int(n), "etag": etag} for n, etag in sorted(entry["etags"].items(), key=lambda p: int(p[0]))
        ]
        answer = self._call("POST", f"/api/v1/uploads/large/{entry['token']}/complete", json_body={"parts": parts})
        if answer.status != 200:
            uploads.pop(local.name, None)
            self.state.save()
            raise Refused({f"{local.name}: {k}": v for k, v in field_errors(answer).items()})
        entry["completed"] = True
        self.state.save()
        return entry["token"]

    def _send_parts(self, name: str, local: LocalFile, entry: dict) -> None:
        count = len(entry["part_urls"])
        with local.path.open("rb") as data:
            for number, url in enumerate(entry["part_urls"], start=1):
                if str(number) in entry["etags"]:
                    continue
                data.seek((number - 1) * entry["part_bytes"])
                chunk = data.read(entry["part_bytes"])
                etag = self._put_part(url, chunk)
                if etag is None:
                    raise PartsExpired
                entry["etags"][str(number)] = etag
                self.state.save()
                self.say(f"  {name}: {local.name} part {number}/{count}")

    def _put_part(self, url: str, chunk: bytes) -> str | None:
        for attempt in range(PART_TRIES):
            try:
                return self.api.put_part(url, chunk)
            except Unreachable:
                if attempt == PART_TRIES - 1:
                    raise
        return None

    # --- a manifest with files ------------------------------------------------------------------

    def upload_manifest(self, manifest: LocalManifest) -> list[Outcome]:
        remembered = self.state.source(manifest.name)
        if remembered.get("sent") == manifest.fingerprint:
            return [Outcome(manifest.name, "skipped", "this manifest and its files were sent before")]
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for path in sorted(manifest.folder.iterdir()):
                if path.is_file() and not path.name.startswith(".") and path.name != STATE_NAME:
                    out.write(path, path.name)
        body, content_type = multipart([], [("archive", f"{manifest.name}.zip", archive.getvalue())])
        answer = self._call("POST", "/api/v1/uploads/bulk", body=body, content_type=content_type)
        if answer.status not in (200, 207):
            return [Outcome(manifest.name, "refused", "nothing stored", field_errors(answer))]
        remembered["sent"] = manifest.fingerprint
        self.state.save()
        outcomes = [
            Outcome(f"{manifest.name} row {row['row']} ({row['title']})", "uploaded", f"resource {row['resource_id']}")
            for row in answer.body["created"]
        ]
        outcomes += [
            Outcome(f"{manifest.name} row {row['row']} ({row['title']})", "refused", "nothing stored", row["fields"])
            for row in answer.body["errors"]
        ]
        return sorted(outcomes, key=lambda o: o.name)
