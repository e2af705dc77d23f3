"""An iterable walked ahead in a thread of its own: a listing and its lookups overlap the bulk writes."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

_END = object()
_PUT_WAIT_SECONDS = 0.1


class _Raised:
    def __init__(self, error: BaseException):
        self.error = error


def _close(items) -> None:
    close = getattr(items, "close", None)
    if close is None:
        return
    try:
        close()
    except Exception as exc:  # noqa: BLE001 — what it held times out by itself; the run goes on
        log.warning("could not close a prefetched stream: %s", exc)


def prefetched(items: Iterable[T], *, ahead: int = 500) -> Iterator[T]:
    """``items`` in order, up to ``ahead`` of them taken before they are asked for.

    An exception from ``items`` is raised here after the items taken before it, as iterating
    ``items`` directly would. Closing this iterator early stops the thread at its next item, and
    the thread closes ``items`` (a generator's ``finally`` runs, letting go of what it holds).
    """
    handed: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(value) -> bool:
        while not stop.is_set():
            try:
                handed.put(value, timeout=_PUT_WAIT_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def walk() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            put(_Raised(exc))
            return
        finally:
            _close(items)
        put(_END)

    thread = threading.Thread(target=walk, name="indexer-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            value = handed.get()
            if value is _END:
                return
            if isinstance(value, _Raised):
                raise value.error
            yield value
    finally:
        stop.set()
        thread.join()
