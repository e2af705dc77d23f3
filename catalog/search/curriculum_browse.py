"""The curriculum tree 学段 → 学科 → 版本 → 册次 → 单元 with counts, usable without a query."""

from __future__ import annotations

from catalog.resources.curriculum_order import unit_key, volume_key
from catalog.resources.vocabularies import GRADES, STAGES, SUBJECTS

# (name in the tree, indexed field, most values kept per node)
LEVELS = (
    ("stage", "stages", len(STAGES)),
    ("subject", "subjects", len(SUBJECTS) + 20),
    ("edition", "lesson.edition", 30),
    ("volume", "lesson.volume", 60),
    ("unit", "lesson.unit", 100),
)
_ORDER = {value: position for position, value in enumerate((*STAGES, *SUBJECTS, *GRADES))}


def browse_aggregation(levels=LEVELS) -> dict:
    """Nested ``terms`` aggregations, one level per curriculum step."""
    (name, field, size), *rest = levels
    aggregation = {"terms": {"field": field, "size": size}}
    if rest:
        aggregation["aggs"] = browse_aggregation(rest)
    return {name: aggregation}


def browse_body(*, include_unpublished: bool = False) -> dict:
    filters = [{"term": {"type": "lesson"}}]
    if not include_unpublished:
        filters.append({"term": {"review_state": "published"}})
    return {"size": 0, "query": {"bool": {"filter": filters}}, "aggs": browse_aggregation()}


def _sort_key(node: dict):
    # The book's order for volumes and units; vocabulary order for stages and subjects (小学 before 初中).
    if node["level"] == "volume":
        return volume_key(node["value"])
    if node["level"] == "unit":
        return unit_key(node["value"])
    return (_ORDER.get(node["value"], len(_ORDER)), node["value"])


def tree_from_aggregations(aggregations: dict, levels=LEVELS) -> list[dict]:
    """``[{"level", "value", "count", "children": [...]}, ...]`` from the browse aggregations."""
    (name, _, _), *rest = levels
    nodes = []
    for bucket in aggregations[name]["buckets"]:
        node = {"level": name, "value": bucket["key"], "count": bucket["doc_count"]}
        if rest:
            node["children"] = tree_from_aggregations(bucket, rest)
        nodes.append(node)
    return sorted(nodes, key=_sort_key)


def browse(es, alias: str, *, include_unpublished: bool = False) -> list[dict]:
    response = es.search(index=alias, **browse_body(include_unpublished=include_unpublished))
    return tree_from_aggregations(response["aggregations"])
