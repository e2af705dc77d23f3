"""Bulk writes through ``streaming_bulk``, with back-off on 429 and per-document errors kept."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

log = logging.getLogger(__name__)


def write_actions(es: Elasticsearch, actions: Iterable[dict], *, on_written=None, chunk_size: int = 500) -> list[dict]:
    """Send ``actions``; return the documents Elasticsearch refused as ``{"id", "reason"}``.

    429s are retried with exponential back-off; a connection failure raises (the run fails).
    ``on_written(action_type, doc_id)`` is called for each accepted action.
    """
    refused = []
    for ok, item in streaming_bulk(
        es,
        actions,
        chunk_size=chunk_size,
        max_chunk_bytes=20 * 2**20,
        max_retries=5,
        initial_backoff=1,
        max_backoff=30,
        raise_on_error=False,
        raise_on_exception=True,
        yield_ok=True,
    ):
        ((action_type, result),) = item.items()
        doc_id = result.get("_id")
        if ok or (action_type == "delete" and result.get("status") == 404):
            if on_written:
                on_written(action_type, doc_id)
            continue
        reason = result.get("error", {})
        reason = reason.get("reason", str(reason)) if isinstance(reason, dict) else str(reason)
        log.error("elasticsearch refused %s of %s: %s", action_type, doc_id, reason)
        refused.append({"id": doc_id, "reason": reason})
    return refused
