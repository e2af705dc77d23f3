"""Many resources at once: a ZIP with the files and a manifest (CSV or JSON), one row per resource.

Valid rows are created; each bad row is reported with its number and reasons, and creates
nothing. The archive is checked from its directory before anything is decompressed.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from catalog.metadata_form import metadata_from_fields, split_list
from catalog.upload_service import IncomingFile, Submitted, UploadRejected

MANIFESTS = ("manifest.csv", "manifest.json")
MAX_ROWS = 200
MAX_MEMBERS = 1000


class BulkRejected(ValueError):
    """The archive as a whole cannot be used; ``reason`` says why."""


@dataclass
class BulkRow:
    number: int  # CSV: the line in the file (the header is line 1); JSON: position from 1
    title: str
    submitted: Submitted | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


def _members(archive: zipfile.ZipFile, max_file_bytes: int) -> dict[str, zipfile.ZipInfo]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise BulkRejected(f"压缩包里的文件超过 {MAX_MEMBERS} 个")
    if sum(info.file_size for info in infos) > max_file_bytes * MAX_ROWS:
        raise BulkRejected("压缩包解压后太大")
    if any(info.flag_bits & 0x1 for info in infos):
        raise BulkRejected("压缩包有密码，无法读取")
    return {info.filename.replace("\\", "/").rsplit("/", 1)[-1]: info for info in infos}


def _rows(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> list[tuple[int, dict, list[str]]]:
    name = next((m for m in MANIFESTS if m in members), None)
    if name is None:
        raise BulkRejected("压缩包里没有 manifest.csv 或 manifest.json")
    text = archive.read(members[name]).decode("utf-8-sig", errors="replace")
    if name.endswith(".csv"):
        rows = [(number, row) for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2)]
    else:
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            raise BulkRejected(f"manifest.json 不是有效的 JSON：{exc}") from None
        if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
            raise BulkRejected("manifest.json 应是一个对象数组，每个对象是一行")
        rows = [(number, item) for number, item in enumerate(loaded, start=1)]
    if len(rows) > MAX_ROWS:
        raise BulkRejected(f"一次最多 {MAX_ROWS} 行")
    parsed = []
    for number, row in rows:
        files = row.get("files") or ""
        names = files if isinstance(files, list) else split_list(str(files))
        flat = {key: "、".join(map(str, v)) if isinstance(v, list) else str(v) for key, v in row.items()
                if key and key != "files" and v is not None}
        parsed.append((number, flat, [str(n) for n in names]))
    return parsed


def bulk_submit(service, user, data: bytes) -> list[BulkRow]:
    """Create a resource per valid manifest row; the rest come back with their reasons."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BulkRejected("不是 ZIP 压缩包") from None
    with archive:
        members = _members(archive, service.max_file_bytes)
        results = []
        for number, fields, names in _rows(archive, members):
            row = BulkRow(number, fields.get("title", ""))
            missing = [n for n in names if n not in members]
            if missing:
                row.errors["files"] = [f"{name} 不在压缩包中" for name in missing]
            elif not names:
                row.errors["files"] = ["这一行没有列出文件"]
            oversized = [n for n in names if n in members and members[n].file_size > service.max_file_bytes]
            if oversized:
                row.errors.setdefault("files", []).extend(f"{n}: 文件超过上限" for n in oversized)
            if not row.errors:
                files = [IncomingFile(name, archive.read(members[name])) for name in names]
                try:
                    row.submitted = service.submit(user, metadata_from_fields(fields), files)
                except UploadRejected as rejected:
                    row.errors = rejected.errors
            results.append(row)
    return results
