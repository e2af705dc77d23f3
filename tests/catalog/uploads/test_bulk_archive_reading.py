"""How a bulk ZIP is read, without any store: the directory walk agrees with zipfile's, a damaged
archive never turns into altered files, and a member feeds at most one row."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.uploads.bulk import BulkRejected, bulk_submit, central_directory_entries
from catalog.uploads.service import Submitted
from tests.security.bulk_archives import bulk_zip, lesson_row

FILES = {"a.pdf": b"%PDF-1.4 " + b"first lesson " * 40, "b.txt": "第二课的讲义".encode() * 30}
ROWS = [lesson_row("第一课", ["a.pdf"]), lesson_row("第二课", ["b.txt"])]
ARCHIVE = bulk_zip(ROWS, FILES, stored=("b.txt",))


@dataclass
class RecordingService:
    """Stands in for UploadService: keeps what each row would have published."""

    max_file_bytes: int = 1024 * 1024
    received: list[dict[str, bytes]] = field(default_factory=list)

    def submit(self, user, metadata, files):
        self.received.append({incoming.name: incoming.data for incoming in files})
        return Submitted("cq", f"up-{len(self.received)}", "pending", 1, True)


def zip_of(names: list[str], *, zip64: bool = False, prefix: bytes = b"", comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            with archive.open(name, "w", force_zip64=zip64) as member:
                member.write(name.encode())
        archive.comment = comment
    return prefix + out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        zip_of(["a.txt", "课件/b.pdf", "c/d/e.txt"]),
        zip_of([f"{n}.txt" for n in range(50)], zip64=True),
        zip_of(["a.txt", "b.txt"], prefix=b"#!/bin/sh\nexit 0\n" * 20, comment="自解压的说明".encode()),
        zip_of([]),
    ],
)
def test_the_directory_walk_counts_what_zipfile_builds(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        expected = len(archive.infolist())
    assert central_directory_entries(data, 1000) == expected
    assert central_directory_entries(data, 1) == min(expected, 2)


@settings(max_examples=300, deadline=None)
@given(position=st.integers(0, len(ARCHIVE) - 1), value=st.integers(0, 255))
def test_a_damaged_archive_is_refused_or_read_exactly_never_altered(position, value):
    damaged = ARCHIVE[:position] + bytes([value]) + ARCHIVE[position + 1 :]
    service = RecordingService()
    try:
        rows = bulk_submit(service, None, damaged)
    except BulkRejected:
        return
    assert len(rows) <= len(ROWS)
    for received in service.received:
        for name, data in received.items():
            assert data == FILES[name]


def test_a_file_named_by_two_rows_is_read_for_the_first_only():
    service = RecordingService()
    rows = bulk_submit(
        service, None, bulk_zip([lesson_row("第一课", ["a.pdf"]), lesson_row("再用一次", ["a.pdf"])], FILES)
    )
    assert [row.submitted is not None for row in rows] == [True, False]
    assert rows[1].errors == {"files": ["a.pdf: 已用于第 1 行，一个文件只能用于一行"]}
    assert service.received == [{"a.pdf": FILES["a.pdf"]}]
