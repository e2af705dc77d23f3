"""What a folder holds to upload: resource folders in the ``edu-resource/1`` format (``<id>/resource.json``
and the files it names), or a manifest with files (``manifest.csv`` / ``manifest.json``, as the bulk upload
takes them). Read with the catalog's own readers; what a school decides is judged by the API."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError

from catalog.resources.limited_json import JsonRefused, parse_json_limited
from catalog.resources.resource_schema import MAX_DOCUMENT_BYTES, SCHOOL_FIELDS, check_file_name

RESOURCE_JSON = "resource.json"
MANIFESTS = ("manifest.csv", "manifest.json")


@dataclass(frozen=True)
class LocalFile:
    name: str
    path: Path
    role: str
    size: int


@dataclass
class LocalResource:
    """One resource folder: the metadata a school decides, its files, or why it cannot be sent."""

    name: str  # the folder's name
    metadata: dict = field(default_factory=dict)
    files: list[LocalFile] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    fingerprint: str = ""


@dataclass
class LocalManifest:
    """A manifest and the folder's other files: sent as one ZIP to the bulk upload."""

    name: str
    folder: Path
    fingerprint: str = ""


def _fingerprint(paths: list[Path]) -> str:
    """Changes when any of the files changes (its name, size or modification time)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def read_resource(folder: Path) -> LocalResource:
    resource = LocalResource(folder.name)
    raw = (folder / RESOURCE_JSON).read_bytes()
    try:
        document = parse_json_limited(raw, RESOURCE_JSON, max_bytes=MAX_DOCUMENT_BYTES)
    except JsonRefused as refused:
        resource.problems[RESOURCE_JSON] = [str(refused)]
        return resource
    if not isinstance(document, dict):
        resource.problems[RESOURCE_JSON] = ["应是一个 JSON 对象 (must be a JSON object)"]
        return resource
    resource.metadata = {name: document[name] for name in SCHOOL_FIELDS if name in document}
    listed = document.get("files") or []
    if not isinstance(listed, list):
        resource.problems["files"] = ["应是一个数组 (must be an array)"]
        listed = []
    for index, entry in enumerate(listed):
        name = entry.get("name") if isinstance(entry, dict) else None
        try:
            check_file_name(name if isinstance(name, str) else "")
        except ValidationError as invalid:
            resource.problems[f"files.{index}.name"] = [str(m) for m in invalid.messages]
            continue
        path = folder / name
        if not path.is_file():
            resource.problems[f"files.{index}"] = [f"{name}: 文件夹里没有这个文件 (not in the folder)"]
            continue
        resource.files.append(LocalFile(name, path, str(entry.get("role") or "main"), path.stat().st_size))
    if not listed:
        resource.problems.setdefault("files", ["resource.json 没有列出文件 (lists no files)"])
    resource.fingerprint = _fingerprint([folder / RESOURCE_JSON, *(f.path for f in resource.files)])
    return resource


def find_sources(root: Path) -> list[LocalResource | LocalManifest]:
    """The folder itself when it is one resource or holds a manifest; else each resource folder in it, by name."""
    if (root / RESOURCE_JSON).is_file():
        return [read_resource(root)]
    if any((root / name).is_file() for name in MANIFESTS):
        files = [p for p in root.iterdir() if p.is_file() and not p.name.startswith(".")]
        return [LocalManifest(root.name, root, _fingerprint(files))]
    return [read_resource(child) for child in sorted(root.iterdir()) if (child / RESOURCE_JSON).is_file()]
