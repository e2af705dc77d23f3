"""Withdrawals found by merging two sorted streams, the listing and the index, in constant memory.

A resource indexed but not listed is a withdrawal candidate. The index gives its ids in name
order, the listing its folders in key or in name order (``catalog.indexing.listing_order``);
both are put into key order and merged, holding back only a chain of prefixes on each side.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from catalog.indexing.listing_order import KeyOrder, folder_key, key_order


class WithdrawalMerge:
    """Matches the listed resource ids, pushed as the listing goes, against the indexed ones.

    ``indexed`` yields ``(document id, resource id)`` sorted by resource id (the index's order);
    ``unlisted`` collects those the listing passed without. A listing in neither order raises
    ``ListingOutOfOrder``: a merge over it would take listed resources for withdrawn ones.
    """

    def __init__(self, indexed: Iterable[tuple[str, str]]):
        self._doc_ids: dict[str, str] = {}  # only of the ids held back or next in line
        self._indexed = key_order(self._resource_ids(indexed))
        self._next: str | None = None
        self._listed = KeyOrder()
        self.held = 0  # indexed resources seen so far
        self.unlisted: list[tuple[str, str]] = []
        self._advance()

    def _resource_ids(self, indexed: Iterable[tuple[str, str]]) -> Iterator[str]:
        for doc_id, resource_id in indexed:
            self._doc_ids[resource_id] = doc_id
            yield resource_id

    def _advance(self) -> None:
        self._next = next(self._indexed, None)
        if self._next is not None:
            self.held += 1

    def _take_next(self) -> tuple[str, str]:
        resource_id = self._next
        doc_id = self._doc_ids.pop(resource_id)
        self._advance()
        return doc_id, resource_id

    def _match(self, resource_id: str) -> None:
        key = folder_key(resource_id)
        while self._next is not None and folder_key(self._next) < key:
            self.unlisted.append(self._take_next())
        if self._next == resource_id:
            self._take_next()

    def listed(self, resource_id: str) -> None:
        """The listing reached ``resource_id`` (each listed resource once, in listing order)."""
        for ready in self._listed.push(resource_id):
            self._match(ready)

    def finish(self) -> list[tuple[str, str]]:
        """After a complete listing: every indexed ``(document id, resource id)`` it did not hold."""
        for ready in self._listed.close():
            self._match(ready)
        while self._next is not None:
            self.unlisted.append(self._take_next())
        return self.unlisted
