"""After a rebuild's swap: the old index goes only once nothing that found it through the alias reads it.

A search resolves the alias when it starts and reads the index it found to the end: one that began
before the swap may still be queued or running on the old index long after it (a busy node queues
searches for seconds), and a point in time opened before it (a sync paging through the serving
index's ids) keeps reading it for as long as it pages. Deleting the old index under either makes it
fail with ``index_not_found``. So the read requests in flight at the swap are noted, and the old
index is dropped once they are done and it has no open search contexts, or after a bounded wait.
"""

from __future__ import annotations

import logging
import time
import warnings

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.exceptions import GeneralAvailabilityWarning

log = logging.getLogger(__name__)

READ_ACTIONS = "indices:data/read/*"  # search, count, get, mget, point-in-time searches
# A search registers its task before it resolves the alias, so the tasks listed after the swap
# hold every read that found the old index; the short wait only covers the task list's own lag.
MIN_WAIT_SECONDS = 0.5
MAX_WAIT_SECONDS = 60.0
POLL_SECONDS = 0.25


def reads_in_flight(es: Elasticsearch) -> set[str] | None:
    """The ids of the read tasks running on the cluster now; None when they cannot be listed."""
    try:
        with warnings.catch_warnings():  # the task API is marked "technical preview" since 7.x
            warnings.simplefilter("ignore", GeneralAvailabilityWarning)
            listed = es.tasks.list(actions=READ_ACTIONS, group_by="none")
    except (ApiError, TransportError) as exc:
        log.warning("could not list the searches in flight: %s", exc)
        return None
    return {f"{task['node']}:{task['id']}" for task in listed.get("tasks", [])}


def _open_contexts(es: Elasticsearch, names: list[str]) -> int:
    stats = es.options(ignore_status=404).indices.stats(index=",".join(names), metric="search")
    return stats.get("_all", {}).get("total", {}).get("search", {}).get("open_contexts", 0)


def _still_read(es: Elasticsearch, names: list[str], in_flight: set[str] | None) -> bool:
    try:
        if in_flight and in_flight & (reads_in_flight(es) or set()):
            return True
        return _open_contexts(es, names) > 0
    except (ApiError, TransportError):
        return False  # the engine cannot tell: the wait ends, and so does the grace


def drop_old_indices(
    es: Elasticsearch,
    names: list[str],
    in_flight: set[str] | None,
    *,
    swapped_at: float,
    min_wait: float = MIN_WAIT_SECONDS,
    max_wait: float = MAX_WAIT_SECONDS,
) -> None:
    """Delete ``names`` (the indices the alias left at ``swapped_at``, a ``time.monotonic()``) once
    the reads ``in_flight`` at the swap have finished and they have no open search contexts; at
    least ``min_wait`` and at most ``max_wait`` seconds after the swap."""
    if not names:
        return
    time.sleep(max(0.0, swapped_at + min_wait - time.monotonic()))
    while _still_read(es, names, in_flight):
        if time.monotonic() - swapped_at >= max_wait:
            log.warning(
                "dropping the old index while it is still read",
                extra={"fields": {"indices": names, "waited_seconds": round(time.monotonic() - swapped_at, 1)}},
            )
            break
        time.sleep(POLL_SECONDS)
    for name in names:
        es.options(ignore_status=404).indices.delete(index=name)
