"""The indexed documents of the resources a run is about to load, fetched with one ``mget`` a batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import Elasticsearch

from catalog.indexing.resource_folders import ListingOutOfOrder
from catalog.stores.province_storage import ListingCutShort

# Failures of a province's storage: its run stops, and nothing of it is deleted.
STORAGE_FAILURES = (BotoCoreError, ClientError, ListingCutShort, ListingOutOfOrder)
# Documents carry file texts of up to 100,000 characters each: a batch stays a few MiB.
MGET_BATCH = 50

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items; when the storage fails, the items listed before are still yielded."""
    batch = []
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except STORAGE_FAILURES:
            if batch:
                yield batch
            raise
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def with_previous(
    es: Elasticsearch,
    index: str,
    items: Iterable[T],
    id_of: Callable[[T], str | None],
    *,
    source_includes: list[str] | None = None,
    size: int = MGET_BATCH,
) -> Iterator[tuple[T, dict | None]]:
    """Each item with the ``_source`` of its document ``id_of(item)`` in ``index`` (None when it has
    none), in order; an item whose id is None is not looked up."""
    options = {"source_includes": source_includes} if source_includes else {}
    for batch in batches(items, size):
        ids = list(dict.fromkeys(filter(None, map(id_of, batch))))
        found = {}
        if ids:
            docs = es.mget(index=index, ids=ids, **options)["docs"]
            found = {doc["_id"]: doc["_source"] for doc in docs if doc.get("found")}
        for item in batch:
            doc_id = id_of(item)
            yield item, found.get(doc_id) if doc_id else None
