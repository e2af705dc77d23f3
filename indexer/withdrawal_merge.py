"""Withdrawals found by merging two sorted streams, the listing and the index, in constant memory.

A resource indexed but not listed is a withdrawal candidate. The index gives its ids in name
order, the listing its folders in key or in name order (``catalog.indexing.listing_order``);
both are put into key order and merged, holding back only a chain of prefixes on each side.
The same merge tells the sync, for each listed resource, what the index holds of it (its
fingerprint): no lookup per resource.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from catalog.indexing.listing_order import KeyOrder, folder_key, key_order

# What a merge hands back for a listed resource: its id, and the index's entry for it or None.
Matched = tuple[str, tuple | None]


class WithdrawalMerge:
    """Matches the listed resource ids, pushed as the listing goes, against the indexed ones.

    ``indexed`` yields tuples ``(document id, resource id, …)`` sorted by resource id (the index's
    order); ``unlisted`` collects the ``(document id, resource id)`` of those the listing passed
    without. A listing in neither order raises ``ListingOutOfOrder``: a merge over it would take
    listed resources for withdrawn ones.
    """

    def __init__(self, indexed: Iterable[tuple]):
        self._entries: dict[str, tuple] = {}  # only of the ids held back or next in line
        self._indexed = key_order(self._resource_ids(indexed))
        self._next: str | None = None
        self._listed = KeyOrder()
        self.held = 0  # indexed resources seen so far
        self.unlisted: list[tuple[str, str]] = []
        self._advance()

    def _resource_ids(self, indexed: Iterable[tuple]) -> Iterator[str]:
        for entry in indexed:
            self._entries[entry[1]] = entry
            yield entry[1]

    def _advance(self) -> None:
        self._next = next(self._indexed, None)
        if self._next is not None:
            self.held += 1

    def _take_next(self) -> tuple:
        entry = self._entries.pop(self._next)
        self._advance()
        return entry

    def _match(self, resource_id: str) -> Matched:
        key = folder_key(resource_id)
        while self._next is not None and folder_key(self._next) < key:
            self.unlisted.append(self._take_next()[:2])
        if self._next == resource_id:
            return resource_id, self._take_next()
        return resource_id, None

    def listed(self, resource_id: str) -> list[Matched]:
        """The listing reached ``resource_id`` (each listed resource once, in listing order).

        Returns the listed resources matched now, in key order, each with its indexed entry or
        None: ``resource_id`` itself, or later, when an id that may sort before it could still come.
        """
        return [self._match(ready) for ready in self._listed.push(resource_id)]

    def end_of_listing(self) -> list[Matched]:
        """The listing has ended: the listed resources still held back, matched."""
        return [self._match(ready) for ready in self._listed.close()]

    def finish(self) -> list[tuple[str, str]]:
        """After a complete listing: every indexed ``(document id, resource id)`` it did not hold."""
        self.end_of_listing()
        while self._next is not None:
            self.unlisted.append(self._take_next()[:2])
        return self.unlisted
