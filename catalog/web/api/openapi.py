"""The OpenAPI 3 document of ``/api/v1``, generated from the marshmallow schemas with apispec.

apispec over flask-smorest: the views stay plain Flask and parse with our own schemas, and the
document is derived from those same schemas, so the two cannot drift apart.
"""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from catalog.web.api import schemas


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": "ErrorResponse"}}}


def _answer(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _error("a parameter is wrong; `error.fields` names it and says why"),
    "503": _error("the search engine is not answering"),
}

OPERATIONS = {
    "/api/v1/search": ("search resources", schemas.SearchParams, "SearchResponse", {}),
    "/api/v1/suggest": (
        "as-you-type suggestions (characters, pinyin, initials)",
        schemas.SuggestParams,
        "SuggestResponse",
        {},
    ),
    "/api/v1/browse": ("the curriculum tree 学段 → 学科 → 版本 → 册次 → 单元 with counts", None, "BrowseResponse", {}),
    "/api/v1/resources/{province}/{resource_id}": (
        "one resource and related ones",
        None,
        "ResourceResponse",
        {"404": _error("no such resource")},
    ),
}

RESOURCE_PATH = [
    {
        "in": "path",
        "name": "province",
        "required": True,
        "schema": {"type": "string", "pattern": schemas.PROVINCE_CODE},
    },
    {
        "in": "path",
        "name": "resource_id",
        "required": True,
        # ECMA regex in the document: "$" where Python's check uses "\\Z".
        "schema": {"type": "string", "pattern": schemas.RESOURCE_ID.pattern.replace("\\Z", "$")},
    },
]
TOKEN_PATH = [
    {
        "in": "path",
        "name": "token",
        "required": True,
        "schema": {"type": "string"},
        "description": "the token `POST /api/v1/uploads/large` answered with",
    }
]

# Every write needs the session cookie (from signing in at /login) and the CSRF token of that session,
# or an API token with the operation's scope (no cookie, no CSRF token).
SIGNED_IN = [{"session": [], "csrf": []}, {"bearer": []}]
SECURITY_SCHEMES = {
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": "the session cookie set by signing in at `/login`",
    },
    "csrf": {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
        "description": "the `csrf_token` of `GET /api/v1/session`, from the same session",
    },
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "cdcq_<id>_<secret>",
        "description": "an API token made at `/account/tokens`: `Authorization: Bearer cdcq_…`. It acts as its "
        "user, limited to its scopes: `upload` (uploads, bulk and large uploads), `edit_own` (edit, withdraw, "
        "versions), `curate` (decisions, versions); optionally to one school",
    },
}
WRITE_ERRORS = {
    "400": _error(
        "a field is wrong, or the CSRF token is missing or not this session's; nothing was changed, "
        "`error.fields` names each field and why"
    ),
    "401": _error("the API token is malformed, unknown, revoked or expired, or its account is disabled"),
    "403": _error(
        "not signed in, the account's role may not do this, the resource belongs to another school, "
        "or the API token lacks the scope (`error.fields.scope`) or is limited to another school"
    ),
    "429": _error("this API token made more requests than `CATALOG_API_TOKEN_RATE_LIMIT` allows; wait"),
    "503": _error(
        "the province's storage, the catalog's database or the search engine is not answering; nothing was changed"
    ),
}
TOO_LARGE = {"413": _error("the request is larger than the upload limit")}
CONFLICT = {
    "409": _error("someone saved this resource after the version sent; `error.fields.version` gives the current one")
}
NOT_FOUND = {"404": _error("no such resource")}
SUBMITTED = "SubmittedResponse"


def _json(schema) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _json_or_multipart(json_schema, form_schema, **encoding) -> dict:
    both = _multipart(form_schema, **encoding)
    both["content"]["application/json"] = {"schema": json_schema}
    return both


def _multipart(schema, **encoding) -> dict:
    content = {"schema": schema}
    if encoding:
        content["encoding"] = {name: {"contentType": media_type} for name, media_type in encoding.items()}
    return {"required": True, "content": {"multipart/form-data": content}}


# path -> method -> (summary, path parameters, request body, responses)
WRITES = {
    "/api/v1/uploads": {
        "post": (
            "a school uploads one resource into its province's storage; it waits for review",
            [],
            _multipart(schemas.UploadForm, metadata="application/json"),
            {"201": _answer("stored, pending review", SUBMITTED), **TOO_LARGE},
        )
    },
    "/api/v1/uploads/bulk": {
        "post": (
            "a school uploads a ZIP of resources; valid rows are created, each bad row is named with its reasons",
            [],
            _multipart(schemas.BulkForm),
            {
                "200": _answer("every row was created", "BulkResponse"),
                "207": _answer("some rows were created, the others are named in `errors`", "BulkResponse"),
                **TOO_LARGE,
            },
        )
    },
    "/api/v1/uploads/large": {
        "post": (
            "start a direct-to-storage upload of one large file: PUT each part to its URL, then complete it",
            [],
            _json(schemas.LargeStart),
            {"201": _answer("started", "LargeStartedResponse"), **TOO_LARGE},
        )
    },
    "/api/v1/uploads/large/{token}/complete": {
        "post": (
            "join the parts of a large upload and check the file as any upload is checked (a bad one is deleted)",
            TOKEN_PATH,
            _json(schemas.LargeComplete),
            {
                "200": _answer("the file is stored; name its token in `large` of an upload", "LargeCompletedResponse"),
                **TOO_LARGE,
            },
        )
    },
    "/api/v1/uploads/{province}/{resource_id}": {
        "put": (
            "a school sends a new version of its resource (metadata, and files added, replaced or removed); "
            "it waits for review while the approved version stays live",
            RESOURCE_PATH,
            _json_or_multipart(schemas.EditBody, schemas.EditForm, metadata="application/json"),
            {
                "200": _answer("stored as a new version, pending review", SUBMITTED),
                **NOT_FOUND,
                **CONFLICT,
                **TOO_LARGE,
            },
        ),
        "delete": (
            "a school withdraws its resource: it leaves storage and the index",
            RESOURCE_PATH,
            None,
            {"204": {"description": "withdrawn"}, **NOT_FOUND},
        ),
    },
    "/api/v1/uploads/{province}/{resource_id}/restore": {
        "post": (
            "a school (or an admin) restores its withdrawn resource within CATALOG_RESTORE_DAYS: the version "
            "live before is live again without a new review; one never approved waits for review again",
            RESOURCE_PATH,
            None,
            {"200": _answer("restored", "RestoredResponse"), **NOT_FOUND},
        )
    },
    "/api/v1/uploads/{province}/{resource_id}/versions": {
        "get": (
            "every version of a resource, newest first, with its state and the exact resource.json it would publish "
            "(its school and curators)",
            RESOURCE_PATH,
            None,
            {"200": _answer("the versions", "VersionsResponse"), **NOT_FOUND},
        )
    },
    "/api/v1/curation/{province}/{resource_id}": {
        "post": (
            "a curator approves, rejects, tags or features a resource",
            RESOURCE_PATH,
            _json(schemas.DecisionBody),
            {
                "200": _answer(
                    "saved; `indexed` false means the next sync writes it to the index", "DecisionSavedResponse"
                ),
                **NOT_FOUND,
                **CONFLICT,
                **TOO_LARGE,
            },
        )
    },
}


def openapi_spec(app=None) -> dict:
    plugin = MarshmallowPlugin()
    spec = APISpec(title="成渝教育资源共享目录 API", version="1.0.0", openapi_version="3.0.3", plugins=[plugin])
    plugin.map_to_openapi_type(schemas.UploadedFile, "string", "binary")
    plugin.map_to_openapi_type(schemas.JsonObjectText, "object", None)
    for name, scheme in SECURITY_SCHEMES.items():
        spec.components.security_scheme(name, scheme)
    for name in (
        "SearchResponse",
        "SuggestResponse",
        "BrowseResponse",
        "ResourceResponse",
        "ErrorResponse",
        "SessionResponse",
        "SubmittedResponse",
        "BulkResponse",
        "RestoredResponse",
        "LargeStartedResponse",
        "LargeCompletedResponse",
        "DecisionSavedResponse",
        "VersionsResponse",
    ):
        spec.components.schema(name, schema=getattr(schemas, name))
    for path, (summary, params, response, extra) in OPERATIONS.items():
        parameters = [{"in": "query", "schema": params}] if params else []
        if "{province}" in path:
            parameters += RESOURCE_PATH
        responses = {"200": _answer(summary, response), **ERRORS, **extra}
        spec.path(path=path, operations={"get": {"summary": summary, "parameters": parameters, "responses": responses}})
    spec.path(
        path="/api/v1/session",
        operations={
            "get": {
                "summary": "who is signed in (null when no one), and the CSRF token writes must send",
                "responses": {"200": _answer("the session", "SessionResponse")},
            }
        },
    )
    for path, methods in WRITES.items():
        operations = {}
        for method, (summary, parameters, body, answers) in methods.items():
            operation = {
                "summary": summary,
                "security": SIGNED_IN,
                "parameters": parameters,
                "responses": {**answers, **WRITE_ERRORS},
            }
            if body is not None:
                operation["requestBody"] = body
            operations[method] = operation
        spec.path(path=path, operations=operations)
    return spec.to_dict()
