"""Friendly HTML error pages: 404 for what does not exist, 503 while the search engine is down."""
from __future__ import annotations

import logging

from elasticsearch import ApiError, TransportError
from flask import render_template, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from catalog.curation.decisions import EditConflict
from catalog.permissions import PermissionDenied
from catalog.search.service import SearchUnavailable
from catalog.uploads.service import NotStored, StorageUnavailable
from catalog.web.api.errors import error_response

log = logging.getLogger(__name__)


def _is_api() -> bool:
    return request.path.startswith("/api/")


def register_page_errors(app) -> None:
    @app.errorhandler(SearchUnavailable)
    @app.errorhandler(TransportError)
    @app.errorhandler(ApiError)
    def engine_down(error):
        log.error("search engine unavailable for %s: %s", request.path, error)
        return render_template("error.html", status=503), 503

    @app.errorhandler(PermissionDenied)
    def forbidden(error: PermissionDenied):
        return render_template("error.html", status=403, message=error.message), 403

    @app.errorhandler(NotStored)
    def not_stored(error: NotStored):
        if _is_api():
            return error_response(404, "not_found", str(error))
        return render_template("error.html", status=404), 404

    @app.errorhandler(EditConflict)
    def conflict(error: EditConflict):
        return render_template("error.html", status=409, message=str(error)), 409

    @app.errorhandler(StorageUnavailable)
    def storage_down(error: StorageUnavailable):
        log.error("province storage unavailable for %s: %s", request.path, error)
        return render_template("error.html", status=503, message="省级资源存储暂时无法访问，什么也没有保存，请稍后再试。"), 503

    @app.errorhandler(SQLAlchemyError)
    def database_down(error: SQLAlchemyError):
        log.error("database unavailable for %s: %s", request.path, error)
        return render_template("error.html", status=503, message="目录数据库暂时无法访问，请稍后再试。"), 503

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _is_api():
            return error_response(error.code or 500, "http_error", error.description or error.name)
        message = error.description if error.code in (400, 429) else None
        return render_template("error.html", status=error.code, message=message), error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unexpected error for %s", request.path)
        if _is_api():
            return error_response(500, "internal_error", "Something went wrong on our side.")
        return render_template("error.html", status=500), 500
