"""Every hit of a query, page by page under a point in time, so documents written meanwhile neither repeat nor skip."""

from __future__ import annotations

from collections.abc import Iterator


def hits_in_order(
    es, alias: str, query: dict, sort: list, *, source: list[str] | bool = False, page_size: int = 2000
) -> Iterator[dict]:
    """Every hit of ``query`` in ``sort`` order (which must end in a unique field), with its ``sort`` values."""
    pit = es.open_point_in_time(index=alias, keep_alive="2m")["id"]
    after = None
    try:
        while True:
            extra = {"search_after": after} if after else {}
            response = es.search(
                pit={"id": pit, "keep_alive": "2m"},
                size=page_size,
                track_total_hits=False,
                source=source,
                query=query,
                sort=sort,
                **extra,
            )
            pit = response.get("pit_id", pit)
            hits = response["hits"]["hits"]
            yield from hits
            if len(hits) < page_size:
                return
            after = hits[-1]["sort"]
    finally:
        es.options(ignore_status=404).close_point_in_time(id=pit)
