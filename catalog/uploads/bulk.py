"""Many resources at once: a ZIP with the files and a manifest (CSV, XLSX from the template, or
JSON), one row per resource; the manifest may also come beside the ZIP instead of inside it.

Valid rows are created; each bad row is reported with its number and reasons, and creates
nothing. A preview checks every row exactly as submitting would and stores nothing.
A ZIP's directory is written by whoever built it, so every size it declares is a claim:
the directory is checked first (counts, sizes, compression ratios), then each member is
decompressed at most once, in chunks, and stops as soon as it outgrows what it declared.
"""

from __future__ import annotations

import csv
import io
import lzma
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field

from catalog.messages import N_, prefixed
from catalog.resources.limited_json import JsonRefused, parse_json_limited
from catalog.uploads.errors import UploadRejected
from catalog.uploads.manifest_template import ManifestUnreadable, xlsx_rows
from catalog.uploads.metadata_form import metadata_from_fields, split_list
from catalog.uploads.service import MAX_FILES, IncomingFile, Submitted

MIB = 1024 * 1024
MANIFESTS = ("manifest.csv", "manifest.xlsx", "manifest.json")
MAX_ROWS = 200
MAX_MEMBERS = 1000
MAX_ENTRIES = 2 * MAX_MEMBERS  # files and folders
MAX_MANIFEST_BYTES = 2 * MIB
# Documents, images and media deflate by a few times at most; far past that a member is padding
# or a bomb. Small members (text, XML) may legitimately compress better and cost nothing.
MAX_RATIO = 100
RATIO_FLOOR = MIB
# A row carries at most what one upload request may (create_app's MAX_CONTENT_LENGTH is four
# files' worth); the whole archive unpacks to at most MAX_FILES full-size files.
ROW_FILES_WORTH = 4
CHUNK = MIB
SIZE_MISMATCH = N_("压缩包中的这个文件已损坏（解压后的大小与记录的不符）")
# What a damaged archive or member raises while being read (bz2 reports bad data as OSError).
CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)


class BulkRejected(ValueError):
    """The archive as a whole cannot be used; ``reason`` says why."""


class MemberRefused(Exception):
    """One member cannot be used; the message says why, in Chinese, without its name."""


@dataclass
class BulkRow:
    number: int  # CSV: the line in the file (the header is line 1); JSON: position from 1
    title: str
    submitted: Submitted | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    type: str = ""
    files: list[str] = field(default_factory=list)  # as the manifest names them
    fields: dict = field(default_factory=dict)  # the manifest's cells, what confirming a preview submits
    kept: list[dict] = field(default_factory=list)  # a previewed row's files, kept until it is confirmed

    @property
    def ready(self) -> bool:
        return not self.errors


def central_directory_entries(data: bytes, limit: int) -> int:
    """How many entries ZipFile would build from ``data``'s directory, counted no further than ``limit`` + 1.

    ZipFile makes an object per entry before anyone can count them: 16 MiB of bare directory
    records become ~350,000 objects. This walks the same records by their lengths alone.
    """
    # zipfile's own end-of-directory reader, private but the only one certain to agree with ZipFile.
    end = zipfile._EndRecData(io.BytesIO(data))
    if not end:
        raise zipfile.BadZipFile("no end of central directory")
    size = end[zipfile._ECD_SIZE]
    start = end[zipfile._ECD_LOCATION] - size
    if end[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64:
        start -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator
    if start < 0:
        raise zipfile.BadZipFile("bad offset for central directory")
    position, count = start, 0
    while position - start < size and count <= limit:
        name, extra, comment = struct.unpack_from("<HHH", data, position + 28)
        position += zipfile.sizeCentralDir + name + extra + comment
        count += 1
    return count


def _mb(size: int) -> str:
    return f"{size / MIB:g}"


def declared_problem(info: zipfile.ZipInfo, max_bytes: int) -> str | None:
    """Why the member's own directory entry already rules it out, or None."""
    if info.file_size > max_bytes:
        return N_("文件超过 %(mb)s MB 上限", mb=_mb(max_bytes))
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
        return N_("压缩比超过 %(ratio)s 倍，可能是压缩炸弹，没有解压", ratio=MAX_RATIO)
    return None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    """The member's bytes, decompressed in chunks and never past what its entry declares."""
    problem = declared_problem(info, max_bytes)
    if problem:
        raise MemberRefused(problem)
    chunks, size = [], 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise MemberRefused(SIZE_MISMATCH)
                chunks.append(chunk)
    except zipfile.BadZipFile as exc:
        if str(exc).startswith("Bad CRC-32"):
            raise MemberRefused(N_("压缩包中的这个文件已损坏（CRC 校验失败）")) from None
        raise MemberRefused(N_("压缩包中的这个文件已损坏，无法解压")) from None
    except CORRUPT:
        raise MemberRefused(N_("压缩包中的这个文件已损坏，无法解压")) from None
    if size != info.file_size:
        raise MemberRefused(SIZE_MISMATCH)
    return b"".join(chunks)


@dataclass
class Archive:
    """The members by base name, each of which may be read once."""

    zip: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    ambiguous: set[str]
    manifest_name: str = ""
    read_by_row: dict[str, int] = field(default_factory=dict)

    @classmethod
    def open(cls, data: bytes, max_total_bytes: int) -> Archive:
        try:
            too_many = central_directory_entries(data, MAX_ENTRIES) > MAX_ENTRIES
            archive = None if too_many else zipfile.ZipFile(io.BytesIO(data))
        except CORRUPT:
            raise BulkRejected(N_("不是 ZIP 压缩包，或压缩包已损坏")) from None
        if archive is None:
            raise BulkRejected(N_("压缩包里的文件和文件夹超过 %(count)s 个", count=MAX_ENTRIES))
        if any(not info.filename for info in archive.infolist()):  # a damaged directory entry lost its name
            raise BulkRejected(N_("不是 ZIP 压缩包，或压缩包已损坏"))
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise BulkRejected(N_("压缩包里的文件超过 %(count)s 个", count=MAX_MEMBERS))
        if sum(info.file_size for info in infos) > max_total_bytes:
            raise BulkRejected(N_("压缩包解压后超过 %(mb)s MB", mb=_mb(max_total_bytes)))
        if any(info.flag_bits & 0x1 for info in infos):
            raise BulkRejected(N_("压缩包有密码，无法读取"))
        members, ambiguous = {}, set()
        for info in infos:
            name = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            if name in members:
                ambiguous.add(name)
            members[name] = info
        return cls(archive, members, ambiguous)

    def manifest(self) -> tuple[str, bytes]:
        """The manifest's name and bytes; an unusable manifest rejects the whole archive."""
        name = next((m for m in MANIFESTS if m in self.members), None)
        if name is None:
            raise BulkRejected(N_("压缩包里没有 manifest.csv、manifest.xlsx 或 manifest.json，也没有另外选择清单文件"))
        if name in self.ambiguous:
            raise BulkRejected(N_("压缩包里有多个 %(name)s", name=name))
        self.manifest_name = name
        try:
            return name, read_member(self.zip, self.members[name], MAX_MANIFEST_BYTES)
        except MemberRefused as refused:
            raise BulkRejected(prefixed(name, refused.args[0])) from None

    def problems(self, names: list[str], max_file_bytes: int) -> list[str]:
        """What is wrong with a row's list of files, judged from the directory alone."""
        if not names:
            return [N_("这一行没有列出文件")]
        repeated = [name for name, count in Counter(names).items() if count > 1]
        if repeated:
            return [prefixed(name, N_("在这一行里重复列出")) for name in repeated]
        if len(names) > MAX_FILES:
            return [N_("一行最多 %(most)s 个文件，这一行列出了 %(count)s 个", most=MAX_FILES, count=len(names))]
        problems = []
        for name in names:
            info = self.members.get(name)
            if info is None:
                problems.append(N_("%(name)s 不在压缩包中", name=name))
            elif name in self.ambiguous:
                problems.append(prefixed(name, N_("压缩包里有多个同名文件，不知道用哪一个")))
            elif name == self.manifest_name:
                problems.append(prefixed(name, N_("是清单文件，不能作为资源的文件")))
            elif name in self.read_by_row:
                problems.append(
                    prefixed(name, N_("已用于第 %(row)s 行，一个文件只能用于一行", row=self.read_by_row[name]))
                )
            elif problem := declared_problem(info, max_file_bytes):
                problems.append(prefixed(name, problem))
        row_bytes = sum(self.members[name].file_size for name in names if name in self.members)
        if not problems and row_bytes > max_file_bytes * ROW_FILES_WORTH:
            problems.append(N_("这一行的文件合计超过 %(mb)s MB", mb=_mb(max_file_bytes * ROW_FILES_WORTH)))
        return problems

    def read_files(self, number: int, names: list[str], max_file_bytes: int) -> tuple[list[IncomingFile], list[str]]:
        """Each named member, read now and never again; the second list says which could not be."""
        files, problems = [], []
        for name in names:
            self.read_by_row[name] = number
            try:
                files.append(IncomingFile(name, read_member(self.zip, self.members[name], max_file_bytes)))
            except MemberRefused as refused:
                problems.append(prefixed(name, refused.args[0]))
        return files, problems


def manifest_beside(name: str, data: bytes) -> tuple[str, bytes]:
    """A manifest chosen beside the ZIP, named as inside one by its kind (CSV, XLSX or JSON)."""
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in ("csv", "xlsx", "json"):
        raise BulkRejected(N_("清单文件应是 .csv、.xlsx 或 .json"))
    if len(data) > MAX_MANIFEST_BYTES:
        raise BulkRejected(N_("清单文件超过 %(mb)s MB", mb=_mb(MAX_MANIFEST_BYTES)))
    return f"manifest.{kind}", data


def _rows(name: str, data: bytes) -> list[tuple[int, dict, list[str]]]:
    if name.endswith(".xlsx"):
        try:
            rows = xlsx_rows(data, MAX_ROWS)
        except ManifestUnreadable as unreadable:
            raise BulkRejected(unreadable.args[0]) from None
    elif name.endswith(".csv"):
        text = data.decode("utf-8-sig", errors="replace")
        try:
            rows = [(number, row) for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2)]
        except csv.Error as exc:
            raise BulkRejected(N_("manifest.csv 不是有效的 CSV：%(reason)s", reason=str(exc))) from None
    else:
        try:
            loaded = parse_json_limited(data, name, max_bytes=MAX_MANIFEST_BYTES)
        except JsonRefused as refused:
            raise BulkRejected(prefixed(refused.field, refused.reason)) from None
        if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
            raise BulkRejected(N_("manifest.json 应是一个对象数组，每个对象是一行"))
        rows = [(number, item) for number, item in enumerate(loaded, start=1)]
    if len(rows) > MAX_ROWS:
        raise BulkRejected(N_("一次最多 %(count)s 行", count=MAX_ROWS))
    parsed = []
    for number, row in rows:
        files = row.get("files") or ""
        names = files if isinstance(files, list) else split_list(str(files))
        flat = {
            key: "、".join(map(str, v)) if isinstance(v, list) else str(v)
            for key, v in row.items()
            if key and key != "files" and v is not None
        }
        parsed.append((number, flat, [str(n) for n in names]))
    return parsed


def _each_row(service, data: bytes, manifest: tuple[str, bytes] | None, act) -> list[BulkRow]:
    """Read every row and its files; ``act(row, files)`` does what is asked with a row whose files
    could be read, and an ``UploadRejected`` it raises becomes the row's errors."""
    max_file_bytes = service.max_file_bytes
    archive = Archive.open(data, max_file_bytes * MAX_FILES)
    with archive.zip:
        if manifest is not None:
            archive.manifest_name = manifest[0]
        results = []
        for number, fields, names in _rows(*(manifest or archive.manifest())):
            row = BulkRow(number, fields.get("title", ""), type=fields.get("type") or "lesson", files=names)
            row.fields = fields
            problems = archive.problems(names, max_file_bytes)
            files = []
            if not problems:
                files, problems = archive.read_files(number, names, max_file_bytes)
            if problems:
                row.errors["files"] = problems
            else:
                try:
                    act(row, files)
                except UploadRejected as rejected:
                    row.errors = rejected.errors
            results.append(row)
    return results


def bulk_submit(service, user, data: bytes, *, manifest: tuple[str, bytes] | None = None) -> list[BulkRow]:
    """Create a resource per valid manifest row; the rest come back with their reasons."""

    def submit(row: BulkRow, files: list[IncomingFile]) -> None:
        row.submitted = service.submit(user, metadata_from_fields(row.fields), files)

    return _each_row(service, data, manifest, submit)


def bulk_preview(service, user, data: bytes, *, manifest: tuple[str, bytes] | None = None, keep=None) -> list[BulkRow]:
    """Every row checked as ``bulk_submit`` would check it, nothing submitted; ``keep(files)`` (the
    school's kept uploads) holds a ready row's files until the school confirms it."""

    def check(row: BulkRow, files: list[IncomingFile]) -> None:
        service.check_new(user, metadata_from_fields(row.fields), files)
        if keep is not None:
            row.kept = keep([(f.name, f.data) for f in files])

    return _each_row(service, data, manifest, check)


def bulk_confirm(service, user, previewed: list[dict]) -> list[BulkRow]:
    """Submit the previewed rows that were ready, each from its kept files (``tokens``); a row that
    was not ready, or fails now, is reported and stores nothing."""
    results = []
    for item in previewed[:MAX_ROWS]:
        fields = item.get("fields") if isinstance(item.get("fields"), dict) else {}
        row = BulkRow(
            int(item.get("number") or 0),
            str(fields.get("title", "")),
            type=str(fields.get("type") or "lesson"),
            files=[str(name) for name in item.get("files") or []],
            fields=fields,
        )
        errors = item.get("errors")
        tokens = [str(token) for token in item.get("tokens") or []]
        if errors or not tokens:
            row.errors = (
                errors if isinstance(errors, dict) and errors else {"files": [N_("这一行的文件没有保留，请重新上传")]}
            )
        else:
            try:
                row.submitted = service.submit(user, metadata_from_fields(fields), [], large=tokens)
            except UploadRejected as rejected:
                row.errors = rejected.errors
        results.append(row)
    return results
