"""Folders grouped from a listing in either store's order, checked without a set of every folder."""

from __future__ import annotations

import pytest

from catalog.indexing.listing_order import ListingOutOfOrder
from catalog.indexing.resource_folders import group_folders
from catalog.stores.province_storage import StoredObject

NAMES = ["a", "a-b", "a-b-c", "a0", "b", "b--x", "b-"]


def _listing(folders: list[str]) -> list[StoredObject]:
    return [StoredObject(f"p/{folder}/{name}", "etag", 1) for folder in folders for name in ("f.pdf", "resource.json")]


@pytest.mark.parametrize(
    "order",
    [sorted(NAMES, key=lambda n: (n + "/").encode()), sorted(NAMES, key=str.encode)],
    ids=["S3, by whole key", "SeaweedFS, by name"],
)
def test_folders_of_a_listing_in_either_store_order_are_grouped_whole(order):
    folders = list(group_folders(_listing(order), "p/"))
    assert [folder.resource_id for folder in folders] == order
    assert all(sorted(folder.objects) == ["f.pdf", "resource.json"] for folder in folders)


@pytest.mark.parametrize("order", [["a", "b", "a"], ["a-b", "a", "a-b"], ["b", "a"]])
def test_a_folder_listed_apart_or_a_listing_in_another_order_is_refused(order):
    with pytest.raises(ListingOutOfOrder, match="sorted neither by key nor by name"):
        list(group_folders(_listing(order), "p/"))
