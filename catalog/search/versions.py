"""The same title from several publishers shown once, with its other versions. Pure: no client, no I/O.

Hits are collapsed on ``title_type_key`` (``comparison_keys``: title folded, spacing and punctuation
left out, with the type and a lesson's format), so one page holds one 熊猫基地, not three. The group's first hit in the
request's own order stands for it; ``inner_hits`` bring the group's size and its newest other versions.
The engine cannot collapse pages reached by ``search_after`` (it allows that only when sorting on the
collapsed field), so those pages list every version. Facet counts still count resources, every version.
"""

from __future__ import annotations

from dataclasses import dataclass

COLLAPSE_FIELD = "title_type_key"
INNER_HITS = "versions"
GROUPS_AGG = "groups"
SHOWN_VERSIONS = 5  # other versions listed under a hit; the count covers them all
# Below this many distinct keys the cardinality count is exact (the engine's own maximum).
PRECISION_THRESHOLD = 40_000
VERSION_SOURCE = ["province", "resource_id", "title", "publisher.name", "region.city", "published_at"]


@dataclass(frozen=True)
class Version:
    """Another resource with the same title and type as a hit."""

    doc_id: str
    province: str
    resource_id: str
    title: str
    publisher: str
    city: str
    published_at: str


def collapse(order: list) -> dict:
    """The ``collapse`` clause: one hit per key, and that group's size and newest other versions."""
    return {
        "field": COLLAPSE_FIELD,
        "inner_hits": {
            "name": INNER_HITS,
            "size": SHOWN_VERSIONS + 1,  # the hit itself is among them
            "_source": VERSION_SOURCE,
            "sort": [{"published_at": {"order": "desc", "missing": "_last"}}, *order],
            "track_scores": False,
        },
    }


def group_count(post_filters: list[dict]) -> dict:
    """An aggregation counting the groups the hits fall into, under the facet selections as the hits are."""
    count = {"cardinality": {"field": COLLAPSE_FIELD, "precision_threshold": PRECISION_THRESHOLD}}
    match = {"bool": {"filter": post_filters}} if post_filters else {"match_all": {}}
    return {"filter": match, "aggs": {"count": count}}


def groups_total(aggregations: dict) -> int | None:
    """How many groups the hits fall into, or None when the search was not collapsed."""
    counted = aggregations.get(GROUPS_AGG, {}).get("count")
    return None if counted is None else int(counted["value"])


def other_versions(hit: dict) -> tuple[int, tuple[Version, ...]]:
    """How many other versions a collapsed hit has, and the newest few of them."""
    found = hit.get("inner_hits", {}).get(INNER_HITS, {}).get("hits", {})
    total = found.get("total", {}).get("value", 0)
    versions = []
    for inner in found.get("hits", []):
        if inner["_id"] == hit["_id"]:
            continue
        source = inner.get("_source", {})
        versions.append(
            Version(
                doc_id=inner["_id"],
                province=source.get("province", ""),
                resource_id=source.get("resource_id", ""),
                title=source.get("title", ""),
                publisher=(source.get("publisher") or {}).get("name", ""),
                city=(source.get("region") or {}).get("city", ""),
                published_at=source.get("published_at", ""),
            )
        )
    return max(0, total - 1), tuple(versions[:SHOWN_VERSIONS])
