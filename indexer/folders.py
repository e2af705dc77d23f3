"""A province's storage listing, grouped into resource folders as it streams past."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from catalog.province_storage import RESOURCE_JSON, StoredObject


class ListingOutOfOrder(RuntimeError):
    """The storage listed keys out of order, so folders cannot be grouped safely."""


@dataclass
class ResourceFolder:
    """Everything stored under ``<prefix><resource_id>/``."""

    resource_id: str
    objects: dict[str, StoredObject] = field(default_factory=dict)

    @property
    def folder_key(self) -> str:
        return self.resource_id + "/"

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
    """Group a key-ordered listing into folders; objects not inside a folder are ignored."""
    current: ResourceFolder | None = None
    previous_key = ""
    for stored in objects:
        if stored.key < previous_key:
            raise ListingOutOfOrder(f"key {stored.key!r} listed after {previous_key!r}")
        previous_key = stored.key
        relative = stored.key[len(prefix):]
        resource_id, slash, name = relative.partition("/")
        if not slash or not resource_id or not name:
            continue
        if current is None or current.resource_id != resource_id:
            if current is not None:
                yield current
            current = ResourceFolder(resource_id)
        current.objects[name] = stored
    if current is not None:
        yield current
