"""Ordered, bounded parallel map: I/O-bound loading without holding a whole listing in memory."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

# Loading is mostly Python work under the GIL (signing, parsing, extraction, segmentation): two
# threads overlap the S3 round trips; more only add memory (measured by scripts/bench index).
# More cores are used by processes (catalog-indexer --workers), each with its own threads.
DEFAULT_THREADS = 2

T = TypeVar("T")
R = TypeVar("R")


def bounded_map(
    fn: Callable[[T], R], items: Iterable[T], *, threads: int = DEFAULT_THREADS, window: int = 16
) -> Iterator[R]:
    """Like ``map`` over a thread pool, in input order, with at most ``window`` items in flight.

    An exception from ``fn`` propagates to the consumer at once. One from ``items`` (a listing
    that broke) propagates once the items already taken are mapped and yielded: work done is
    not thrown away.
    """
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="indexer") as pool:
        pending: deque = deque()
        iterator = iter(items)
        try:
            while True:
                try:
                    item = next(iterator)
                except StopIteration:
                    break
                except Exception:
                    while pending:
                        yield pending.popleft().result()
                    raise
                pending.append(pool.submit(fn, item))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
