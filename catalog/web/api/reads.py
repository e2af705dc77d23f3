"""The JSON API, ``/api/v1``: thin views over the search service (parse → service → dump)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for

from catalog.indexing.index_definition import document_id
from catalog.search.curriculum_browse import browse
from catalog.search.facet_definitions import filters_from
from catalog.search.query_builder import SearchRequest
from catalog.search.resource_lookup import get_resource
from catalog.search.service import related, search, suggest
from catalog.uploads.errors import NotStored
from catalog.web.api import schemas
from catalog.web.api.errors import error_response
from catalog.web.request_services import app_alias, app_client
from catalog.web.service_messages import translated

api = Blueprint("api", __name__, url_prefix="/api/v1")


def _args() -> dict:
    return schemas.arguments_from(request.args)


def hit_json(hit) -> dict:
    return {
        "id": hit.doc_id,
        "province": hit.province,
        "resource_id": hit.resource_id,
        "type": hit.type,
        "title_html": str(hit.title),
        "snippets_html": [str(s) for s in hit.snippets],
        "subjects": list(hit.subjects),
        "stages": list(hit.stages),
        "grades": list(hit.grades),
        "publisher": hit.publisher,
        "distance_km": hit.distance_km,
        "url": url_for("api.resource", province=hit.province, resource_id=hit.resource_id),
        "other_version_count": hit.other_version_count,
        "other_versions": [
            {
                "id": v.doc_id,
                "province": v.province,
                "resource_id": v.resource_id,
                "title": v.title,
                "publisher": v.publisher,
                "city": v.city,
                "published_at": v.published_at,
                "url": url_for("api.resource", province=v.province, resource_id=v.resource_id),
            }
            for v in hit.other_versions
        ],
    }


@api.get("/search")
def search_view():
    params = schemas.SearchParams().load(_args())
    result = search(
        app_client(),
        app_alias(),
        SearchRequest(
            q=params["q"],
            filters=filters_from(params),
            near=params.get("near"),
            radius_km=params.get("radius_km"),
            sort=params["sort"],
            size=params["size"],
            search_after=params.get("after"),
        ),
    )
    return jsonify(
        {
            "total": result.total,
            "hits": [hit_json(hit) for hit in result.hits],
            "facets": {name: [value._asdict() for value in values] for name, values in result.facets.items()},
            "next_page": schemas.encode_cursor(result.next_search_after),
            "understood": [
                {"facet": c.facet, "value": c.value, "shown": c.shown, "typed": c.typed, "remove_q": c.remove_q}
                for c in result.understood
            ],
            "related_results": [hit_json(hit) for hit in result.related_hits],
            "did_you_mean": result.did_you_mean,
        }
    )


@api.get("/suggest")
def suggest_view():
    params = schemas.SuggestParams().load(_args())
    options = suggest(app_client(), app_alias(), params["q"], types=params.get("type"), size=params["size"])
    return jsonify({"suggestions": [{"text": o.text, "type": o.type, "id": o.doc_id} for o in options]})


@api.get("/browse")
def browse_view():
    schemas.NoParams().load(_args())
    return jsonify({"tree": browse(app_client(), app_alias())})


@api.get("/resources/<province>/<resource_id>")
def resource(province: str, resource_id: str):
    schemas.ResourcePath().load({"province": province, "resource_id": resource_id})
    found = get_resource(app_client(), app_alias(), province, resource_id)
    if found is None:
        return error_response(404, "not_found", translated(NotStored.resource(province, resource_id).args[0]))
    similar = related(app_client(), app_alias(), document_id(province, resource_id))
    return jsonify({"resource": found, "related": [hit_json(hit) for hit in similar]})


@api.get("/openapi.json")
def openapi_document():
    from catalog.web.api.openapi import openapi_spec

    return jsonify(openapi_spec(current_app))
