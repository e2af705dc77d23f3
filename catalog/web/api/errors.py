"""JSON errors for the API: the field and the reason for bad parameters, 404 for what is not
stored, 409 for a stale version, 503 when the engine, the storage or the database is down."""
from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import ApiError, TransportError
from flask import jsonify
from marshmallow import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from catalog.curation.decisions import EditConflict
from catalog.field_problem import FieldProblem
from catalog.permissions import PermissionDenied
from catalog.search.service import SearchUnavailable
from catalog.uploads.bulk import BulkRejected
from catalog.uploads.service import NotStored, StorageUnavailable, UploadRejected

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

    @blueprint.errorhandler(FieldProblem)  # a bad search, a curator's bad tag …
    def bad_field(error: FieldProblem):
        return error_response(400, "bad_request", str(error), {error.field: [error.reason]})

    @blueprint.errorhandler(SearchUnavailable)
    @blueprint.errorhandler(TransportError)
    def engine_down(error):
        log.error("search engine unavailable: %s", error)
        return error_response(503, "search_unavailable",
                              "The search engine is not answering; please try again in a minute.")

    @blueprint.errorhandler(PermissionDenied)
    def forbidden(error: PermissionDenied):
        return error_response(403, "forbidden", error.message)

    @blueprint.errorhandler(EditConflict)
    def conflict(error: EditConflict):
        return error_response(409, "conflict", str(error), {"version": [f"current version is {error.current_version}"]})

    @blueprint.errorhandler(UploadRejected)
    def upload_rejected(error: UploadRejected):
        return error_response(400, "bad_request", "nothing was stored: " + str(error), error.errors)

    @blueprint.errorhandler(BulkRejected)
    def bulk_rejected(error: BulkRejected):
        return error_response(400, "bad_request", str(error), {"archive": [str(error)]})

    @blueprint.errorhandler(NotStored)
    def not_stored(error: NotStored):
        return error_response(404, "not_found", str(error))

    @blueprint.errorhandler(StorageUnavailable)
    @blueprint.errorhandler(BotoCoreError)
    @blueprint.errorhandler(ClientError)
    def storage_down(error):
        log.error("province storage unavailable: %s", error)
        return error_response(503, "storage_unavailable", "The province's storage is not answering; nothing was stored.")

    @blueprint.errorhandler(SQLAlchemyError)
    def database_down(error: SQLAlchemyError):
        log.error("database unavailable: %s", error)
        return error_response(503, "database_unavailable", "The catalog's database is not answering; please try again.")

    @blueprint.errorhandler(ApiError)
    def engine_refused(error: ApiError):
        log.error("search engine refused a request: %s", error)
        return error_response(503, "search_unavailable", "The search engine could not answer this request.")
