"""The OpenAPI 3 document of ``/api/v1``, generated from the marshmallow schemas with apispec.

apispec over flask-smorest: the views stay plain Flask and parse with our own schemas, and the
document is derived from those same schemas, so the two cannot drift apart.
"""
from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from catalog import api_schemas as schemas

ERRORS = {
    "400": {"description": "a parameter is wrong; `error.fields` names it and says why",
            "content": {"application/json": {"schema": "ErrorResponse"}}},
    "503": {"description": "the search engine is not answering",
            "content": {"application/json": {"schema": "ErrorResponse"}}},
}

OPERATIONS = {
    "/api/v1/search": ("search resources", schemas.SearchParams, "SearchResponse", {}),
    "/api/v1/suggest": ("as-you-type suggestions (characters, pinyin, initials)", schemas.SuggestParams,
                        "SuggestResponse", {}),
    "/api/v1/browse": ("the curriculum tree 学段 → 学科 → 版本 → 册次 → 单元 with counts", None, "BrowseResponse", {}),
    "/api/v1/resources/{province}/{resource_id}": (
        "one resource and related ones", None, "ResourceResponse",
        {"404": {"description": "no such resource", "content": {"application/json": {"schema": "ErrorResponse"}}}}),
}


def openapi_spec(app=None) -> dict:
    spec = APISpec(title="成渝教育资源共享目录 API", version="1.0.0", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()])
    for name in ("SearchResponse", "SuggestResponse", "BrowseResponse", "ResourceResponse", "ErrorResponse"):
        spec.components.schema(name, schema=getattr(schemas, name))
    for path, (summary, params, response, extra) in OPERATIONS.items():
        parameters = [{"in": "query", "schema": params}] if params else []
        if "{province}" in path:
            parameters += [
                {"in": "path", "name": "province", "required": True, "schema": {"type": "string", "pattern": "^[a-z]{2,8}$"}},
                {"in": "path", "name": "resource_id", "required": True,
                 # ECMA regex in the document: "$" where Python's check uses "\\Z".
                 "schema": {"type": "string", "pattern": schemas.RESOURCE_ID.pattern.replace("\\Z", "$")}},
            ]
        responses = {"200": {"description": summary, "content": {"application/json": {"schema": response}}},
                     **ERRORS, **extra}
        spec.path(path=path, operations={"get": {"summary": summary, "parameters": parameters, "responses": responses}})
    return spec.to_dict()
