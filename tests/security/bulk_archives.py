"""ZIP archives for ``POST /api/v1/uploads/bulk``: honest ones, and ones built to lie or amplify."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

MIB = 1024 * 1024


def lesson_row(title: str, files: list[str]) -> dict:
    return {
        "type": "lesson",
        "title": title,
        "subjects": ["数学"],
        "stages": ["小学"],
        "grades": ["三年级"],
        "files": files,
    }


def bulk_zip(
    rows: list[dict], files: dict[str, bytes], *, stored: tuple[str, ...] = (), manifest: bytes | None = None
) -> bytes:
    """A ZIP with ``manifest.json`` (the rows, unless ``manifest`` is given) and the files, deflated
    unless named in ``stored``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json", manifest if manifest is not None else json.dumps(rows, ensure_ascii=False).encode()
        )
        for name, body in files.items():
            archive.writestr(
                f"files/{name}", body, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def zero_padded_pdf(mebibytes: int) -> bytes:
    """A "PDF" by its signature, the rest zeros: deflates about a thousand times."""
    return b"%PDF-1.4\n" + bytes(mebibytes * MIB)


def padded_manifest(rows: list[dict], mebibytes: int) -> bytes:
    """Valid JSON: the rows, then ``mebibytes`` of spaces."""
    return json.dumps(rows, ensure_ascii=False).encode() + b" " * (mebibytes * MIB)


def _entry(data: bytes, name: str) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return next(info for info in archive.infolist() if info.filename.rsplit("/", 1)[-1] == name)


def with_flipped_byte(data: bytes, name: str) -> bytes:
    """The archive with one byte in the middle of the member's stored bytes changed: its CRC fails."""
    info = _entry(data, name)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    middle = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def with_declared_size(data: bytes, name: str, size: int) -> bytes:
    """The archive with the member's uncompressed size changed in its local header and directory entry."""
    info = _entry(data, name)
    patched = bytearray(data)
    struct.pack_into("<I", patched, info.header_offset + 22, size)
    encoded = info.filename.encode()
    position = patched.find(b"PK\x01\x02")
    while patched[position + 46 : position + 46 + len(encoded)] != encoded:
        position = patched.find(b"PK\x01\x02", position + 4)
    struct.pack_into("<I", patched, position + 24, size)
    return bytes(patched)


def bare_directory(entries: int) -> bytes:
    """One empty member listed ``entries`` times in the central directory: ~47 bytes an entry."""
    name = b"a"
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, zlib.crc32(b""), 0, 0, len(name), 0) + name
    record = (
        struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, zlib.crc32(b""), 0, 0, len(name), 0, 0, 0, 0, 0, 0
        )
        + name
    )
    directory = record * entries
    end = struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, min(entries, 0xFFFE), min(entries, 0xFFFE), len(directory), len(local), 0
    )
    return local + directory + end
