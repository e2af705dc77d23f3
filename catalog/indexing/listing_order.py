"""The order of a province's listing: folders by key (S3) or by name (SeaweedFS), checked as it streams.

S3 sorts whole keys (UTF-8 bytes), so a folder comes in the order of ``id + "/"`` and ``a-b/``
comes before ``a/`` (``-`` sorts before ``/``); SeaweedFS walks directories, giving the names'
own order, ``a`` before ``a-b``; Elasticsearch sorts keyword ids like the names (UTF-8 bytes,
which is also Python's code point order). The two orders differ only where one name is another
followed by a character below ``/``, so ``KeyOrder`` puts names in either order into key order
holding back no more than a chain of such prefixes, with no set of the names seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class ListingOutOfOrder(RuntimeError):
    """A listing's folders came neither in key nor in name order (or a folder's objects apart)."""


def folder_key(name: str) -> str:
    """Where a folder comes in a listing sorted by whole keys."""
    return name + "/"


class KeyOrder:
    """Puts folder names that come in name order, or already in key order, into key order as they
    come; anything else (a folder listed twice, another order) raises ``ListingOutOfOrder``.

    Holds back a name while the ones after it may extend it and sort first by key: at most a
    chain of names each a prefix of the next (for valid resource ids, 32 at most).
    """

    def __init__(self) -> None:
        self._held: list[str] = []
        self._last: str | None = None  # the last name let out

    def _out(self, name: str) -> str:
        if self._last is not None and folder_key(name) <= folder_key(self._last):
            self._refuse(name, self._last)
        self._last = name
        return name

    @staticmethod
    def _refuse(name: str, after: str):
        raise ListingOutOfOrder(
            f"folder {name!r} came after {after!r}: the listing is sorted neither by key nor by name, "
            f"or lists a folder's objects apart"
        )

    def push(self, name: str) -> list[str]:
        """The names that can go out now, in key order, once ``name`` has come."""
        key = folder_key(name)
        out = []
        while self._held and folder_key(self._held[-1]) < key:
            out.append(self._out(self._held.pop()))
        # In name order, a name that sorts before the one held back by key can only extend it.
        if self._held and (name == self._held[-1] or not name.startswith(self._held[-1])):
            self._refuse(name, self._held[-1])
        self._held.append(name)
        return out

    def close(self) -> list[str]:
        """The names still held back, in key order."""
        out = [self._out(name) for name in reversed(self._held)]
        self._held = []
        return out


def key_order(names: Iterable[str]) -> Iterator[str]:
    """``names`` (in name order, or in key order) in key order."""
    order = KeyOrder()
    for name in names:
        yield from order.push(name)
    yield from order.close()
