"""A province's listing, read by the catalog's own page reader from the real S3 endpoint, holds the
same keys, ETags and sizes as boto3's listing of the same bucket, across pages."""

from __future__ import annotations

import pytest

from catalog.stores.province_storage import ProvinceStorage

pytestmark = pytest.mark.stack

NAMES = [
    "resource.json",
    "教案 第1课.docx",  # Chinese and a space
    "a+b=c.pdf",  # "+" must not become a space
    "100% 完成 & 总结.pptx",
    "引号'单'\"双\".txt",
    "emoji 🏞️.png",
    "~tilde;semi,comma.txt",
]


def test_the_catalog_lists_every_key_as_boto3_does(storages, unique_name):
    storage: ProvinceStorage = storages["cq"]
    folder = f"{unique_name}-r1"
    etags = {
        storage.key_for(folder, name): storage.put_bytes(storage.key_for(folder, name), name.encode()) for name in NAMES
    }
    try:
        listed = list(storage.list_objects(page_size=2, folder=folder))  # four pages
        pages = storage.client.get_paginator("list_objects_v2").paginate(
            Bucket=storage.province.bucket, Prefix=f"{storage.province.prefix}{folder}/"
        )
        by_boto3 = [(o["Key"], o["ETag"].strip('"'), o["Size"]) for page in pages for o in page.get("Contents", [])]

        assert [(o.key, o.etag, o.size) for o in listed] == by_boto3
        assert {o.key: o.etag for o in listed} == etags
        assert sorted(o.size for o in listed) == sorted(len(name.encode()) for name in NAMES)
    finally:
        for key in etags:
            storage.delete(key)
