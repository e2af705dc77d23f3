"""Bulk ZIP archives that lie or amplify (issue 12, findings 3 and 8): each is refused with the row and
the file named, and a refused row stores nothing, while the honest rows beside it are still created."""

from __future__ import annotations

import io

import pytest

from tests.curation_fixtures import pdf_bytes
from tests.security.bulk_archives import (
    bulk_zip,
    lesson_row,
    padded_manifest,
    with_declared_size,
    with_flipped_byte,
    zero_padded_pdf,
)

pytestmark = pytest.mark.stack


def post_bulk(live_site, data: bytes):
    school = live_site.client("school")
    return school.write("POST", "/api/v1/uploads/bulk", files=[("archive", ("batch.zip", io.BytesIO(data)))])


def stored_keys(live_site) -> list[str]:
    """Every key under this test's own root in both provinces' buckets, live or staged."""
    keys = []
    for storage in live_site.catalog.storages.values():
        root = storage.province.prefix.split("/", 1)[0] + "/"
        pages = storage.client.get_paginator("list_objects_v2").paginate(Bucket=storage.province.bucket, Prefix=root)
        keys += [item["Key"] for page in pages for item in page.get("Contents", [])]
    return keys


def refused_rows(response) -> dict[int, dict]:
    assert response.status_code == 207, response.text
    return {row["row"]: row["fields"] for row in response.json()["errors"]}


def created_titles(response) -> list[str]:
    return [row["title"] for row in response.json()["created"]]


def assert_nothing_stored(live_site, *names: str) -> None:
    keys = stored_keys(live_site)
    for name in names:
        assert not [key for key in keys if name in key], name


def test_a_row_naming_one_file_again_and_again_or_too_many_files_is_refused_unread(live_site):
    rows = [
        lesson_row("认识钟表", ["钟表.pdf"]),
        lesson_row("重复的课件", ["重复.pdf"] * 6),
        lesson_row("太多的课件", [f"第{n}页.pdf" for n in range(21)]),
    ]
    files = {
        "钟表.pdf": pdf_bytes("认识钟表"),
        "重复.pdf": pdf_bytes("重复"),
        **{f"第{n}页.pdf": pdf_bytes(f"第{n}页") for n in range(21)},
    }
    response = post_bulk(live_site, bulk_zip(rows, files))
    refused = refused_rows(response)
    assert created_titles(response) == ["认识钟表"]
    assert refused == {
        2: {"files": ["重复.pdf: 在这一行里重复列出"]},
        3: {"files": ["一行最多 20 个文件，这一行列出了 21 个"]},
    }
    assert_nothing_stored(live_site, "重复", "第0页")


def test_a_manifest_padded_to_many_megabytes_refuses_the_archive_before_it_is_read(live_site):
    rows = [lesson_row("巨大的清单", ["课件.pdf"])]
    data = bulk_zip(rows, {"课件.pdf": pdf_bytes("清单")}, manifest=padded_manifest(rows, 64))
    assert len(data) < 1024 * 1024
    response = post_bulk(live_site, data)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["fields"] == {"archive": ["manifest.json: 文件超过 2 MB 上限"]}
    assert_nothing_stored(live_site, "课件.pdf")


def test_a_member_that_inflates_more_than_a_hundredfold_is_refused_with_its_row(live_site):
    rows = [lesson_row("认识钟表", ["钟表.pdf"]), lesson_row("压缩炸弹", ["炸弹.pdf"])]
    response = post_bulk(
        live_site, bulk_zip(rows, {"钟表.pdf": pdf_bytes("认识钟表"), "炸弹.pdf": zero_padded_pdf(40)})
    )
    assert created_titles(response) == ["认识钟表"]
    assert refused_rows(response) == {2: {"files": ["炸弹.pdf: 压缩比超过 100 倍，可能是压缩炸弹，没有解压"]}}
    assert_nothing_stored(live_site, "炸弹")


def test_a_member_with_a_bad_crc_is_refused_with_its_row_and_a_bad_manifest_refuses_the_archive(live_site):
    rows = [lesson_row("认识钟表", ["钟表.pdf"]), lesson_row("损坏的课件", ["损坏.pdf"])]
    files = {"钟表.pdf": pdf_bytes("认识钟表"), "损坏.pdf": pdf_bytes("损坏")}
    response = post_bulk(live_site, with_flipped_byte(bulk_zip(rows, files, stored=("损坏.pdf",)), "损坏.pdf"))
    assert created_titles(response) == ["认识钟表"]
    assert refused_rows(response) == {2: {"files": ["损坏.pdf: 压缩包中的这个文件已损坏（CRC 校验失败）"]}}
    assert_nothing_stored(live_site, "损坏")

    data = bulk_zip([lesson_row("清单损坏", ["钟表.pdf"])], {"钟表.pdf": pdf_bytes("认识钟表")})
    response = post_bulk(live_site, with_flipped_byte(data, "manifest.json"))
    assert response.status_code == 400, response.text
    assert response.json()["error"]["fields"]["archive"][0].startswith("manifest.json: 压缩包中的这个文件已损坏")


@pytest.mark.parametrize(
    "change, reason",
    [
        (-100, "压缩包中的这个文件已损坏（CRC 校验失败）"),
        (+100, "压缩包中的这个文件已损坏（解压后的大小与记录的不符）"),
    ],
)
def test_a_member_whose_size_differs_from_its_entry_is_refused_with_its_row(live_site, change, reason):
    rows = [lesson_row("认识钟表", ["钟表.pdf"]), lesson_row("大小不符", ["不符.pdf"])]
    body = pdf_bytes("大小不符")
    data = bulk_zip(rows, {"钟表.pdf": pdf_bytes("认识钟表"), "不符.pdf": body})
    response = post_bulk(live_site, with_declared_size(data, "不符.pdf", len(body) + change))
    assert created_titles(response) == ["认识钟表"]
    assert refused_rows(response) == {2: {"files": [f"不符.pdf: {reason}"]}}
    assert_nothing_stored(live_site, "不符")
