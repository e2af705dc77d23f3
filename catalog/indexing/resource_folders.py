"""A province's storage listing, grouped into resource folders as it streams past."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from catalog.indexing.listing_order import KeyOrder, ListingOutOfOrder
from catalog.stores.province_storage import RESOURCE_JSON, StoredObject

__all__ = ["ListingOutOfOrder", "ResourceFolder", "group_folders"]


@dataclass
class ResourceFolder:
    """Everything stored under ``<prefix><resource_id>/``."""

    resource_id: str
    objects: dict[str, StoredObject] = field(default_factory=dict)

    @property
    def resource_json(self) -> StoredObject | None:
        return self.objects.get(RESOURCE_JSON)

    def fingerprint(self) -> str:
        """Changes whenever any object in the folder is added, removed or rewritten."""
        digest = hashlib.sha256()
        for name in sorted(self.objects):
            digest.update(f"{name}\0{self.objects[name].etag}\n".encode())
        return digest.hexdigest()[:32]


def group_folders(objects: Iterable[StoredObject], prefix: str) -> Iterator[ResourceFolder]:
    """Group a listing into folders; objects not inside a folder are ignored.

    Stores disagree on the order of folders (S3 sorts whole keys, so ``a-b/`` comes before
    ``a/``; SeaweedFS walks directories, so ``a/`` comes first), but each lists a folder's
    objects together, in one of those orders; that is checked (``listing_order``) without a set
    of every folder seen.
    """
    current: ResourceFolder | None = None
    order = KeyOrder()
    for stored in objects:
        relative = stored.key[len(prefix) :]
        resource_id, slash, name = relative.partition("/")
        if not slash or not resource_id or not name:
            continue
        if current is None or current.resource_id != resource_id:
            if current is not None:
                yield current
            order.push(resource_id)
            current = ResourceFolder(resource_id)
        current.objects[name] = stored
    order.close()
    if current is not None:
        yield current
