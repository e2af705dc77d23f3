"""JSON errors for the API: the field and the reason for bad parameters, 503 when the engine is down."""
from __future__ import annotations

import logging

from elasticsearch import ApiError, TransportError
from flask import jsonify
from marshmallow import ValidationError

from catalog.search_query import InvalidSearch
from catalog.search_service import SearchUnavailable

log = logging.getLogger(__name__)


def field_errors(messages, path: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"dotted.field": ["reason", ...]}``."""
    if isinstance(messages, list):
        return {path or "request": [str(m) for m in messages]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = "request" if key == "_schema" else (f"{path}.{key}" if path else str(key))
        flat.update(field_errors(value, name))
    return flat


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status


def register_api_errors(blueprint) -> None:
    @blueprint.errorhandler(ValidationError)
    def bad_parameters(error: ValidationError):
        fields = field_errors(error.messages)
        summary = "; ".join(f"{name}: {' '.join(reasons)}" for name, reasons in fields.items())
        return error_response(400, "bad_request", summary, fields)

    @blueprint.errorhandler(InvalidSearch)
    def bad_search(error: InvalidSearch):
        return error_response(400, "bad_request", str(error), {error.field: [error.reason]})

    @blueprint.errorhandler(SearchUnavailable)
    @blueprint.errorhandler(TransportError)
    def engine_down(error):
        log.error("search engine unavailable: %s", error)
        return error_response(503, "search_unavailable",
                              "The search engine is not answering; please try again in a minute.")

    @blueprint.errorhandler(ApiError)
    def engine_refused(error: ApiError):
        log.error("search engine refused a request: %s", error)
        return error_response(503, "search_unavailable", "The search engine could not answer this request.")
