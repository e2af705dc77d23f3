"""Every hit of a query, page by page under a point in time, so documents written meanwhile neither repeat nor skip."""

from __future__ import annotations

from collections.abc import Iterator


def hit_pages(es, index: str, *, keep_alive: str = "2m", page_size: int = 2000, **search) -> Iterator[list[dict]]:
    """Every hit of ``es.search(**search)`` on ``index``, a page at a time under a point in time.

    ``search`` must sort on a unique field last (or ``_shard_doc``); ``keep_alive`` is the longest a
    reader may take between two pages. The point in time is let go when the pages end or the
    generator is closed.
    """
    pit = es.open_point_in_time(index=index, keep_alive=keep_alive)["id"]
    after = None
    try:
        while True:
            extra = {"search_after": after} if after else {}
            response = es.search(
                pit={"id": pit, "keep_alive": keep_alive}, size=page_size, track_total_hits=False, **search, **extra
            )
            pit = response.get("pit_id", pit)
            hits = response["hits"]["hits"]
            yield hits
            if len(hits) < page_size:
                return
            after = hits[-1]["sort"]
    finally:
        es.options(ignore_status=404).close_point_in_time(id=pit)


def hits_in_order(
    es, alias: str, query: dict, sort: list, *, source: list[str] | bool = False, page_size: int = 2000
) -> Iterator[dict]:
    """Every hit of ``query`` in ``sort`` order (which must end in a unique field), with its ``sort`` values."""
    pages = hit_pages(es, alias, page_size=page_size, query=query, sort=sort, source=source)
    try:
        for page in pages:
            yield from page
    finally:
        pages.close()
