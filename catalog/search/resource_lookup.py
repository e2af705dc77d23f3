"""One resource's public view, read from the index by (province, resource id)."""

from __future__ import annotations

from catalog.indexing.index_definition import document_id
from catalog.search.query_builder import SOURCE_EXCLUDES


def get_resource(es, alias: str, province: str, resource_id: str, *, include_unpublished: bool = False) -> dict | None:
    """The resource as the API and pages show it, or None when unknown or not visible."""
    found = es.options(ignore_status=404).get(
        index=alias, id=document_id(province, resource_id), source_excludes=SOURCE_EXCLUDES
    )
    if not found.get("found"):
        return None
    source = found["_source"]
    if not include_unpublished and source.get("review_state") != "published":
        return None
    return source
