"""The published resources of one province as a crawler may list them: ids with their last change, in pages."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from itertools import islice

from catalog.stores.point_in_time import hits_in_order

# What a teacher sees without signing in: the same visibility rule as the search (query_builder.base_filters).
PUBLISHED = {"term": {"review_state": "published"}}


@dataclass(frozen=True)
class ListedResource:
    resource_id: str
    last_changed: str | None  # ISO 8601 as the resource gives it: updated_at, else published_at


@dataclass(frozen=True)
class ProvinceListing:
    count: int
    last_changed: str | None  # the latest change of any published resource, ISO 8601 in UTC


def _published_in(province: str) -> dict:
    return {"bool": {"filter": [{"term": {"province": province}}, PUBLISHED]}}


def province_listing(es, alias: str, province: str) -> ProvinceListing:
    """How many resources of ``province`` are published and when the latest of them changed."""
    response = es.search(
        index=alias,
        size=0,
        track_total_hits=True,
        query=_published_in(province),
        aggs={"published": {"max": {"field": "published_at"}}, "updated": {"max": {"field": "updated_at"}}},
    )
    aggs = response["aggregations"]
    latest = max(
        ((aggs[name].get("value"), aggs[name].get("value_as_string")) for name in ("published", "updated")),
        key=lambda pair: pair[0] or 0,
    )
    return ProvinceListing(count=response["hits"]["total"]["value"], last_changed=latest[1] if latest[0] else None)


def published_page(es, alias: str, province: str, page: int, per_page: int) -> list[ListedResource]:
    """Page ``page`` (from 1) of the province's published resources in resource id order."""
    hits = hits_in_order(
        es,
        alias,
        _published_in(province),
        [{"resource_id": "asc"}],
        source=["resource_id", "published_at", "updated_at"],
        page_size=min(per_page, 5000),
    )
    with closing(hits):
        chosen = islice(hits, (page - 1) * per_page, page * per_page)
        return [
            ListedResource(
                hit["_source"]["resource_id"], hit["_source"].get("updated_at") or hit["_source"].get("published_at")
            )
            for hit in chosen
        ]
