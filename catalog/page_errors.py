"""Friendly HTML error pages: 404 for what does not exist, 503 while the search engine is down."""
from __future__ import annotations

import logging

from elasticsearch import ApiError, TransportError
from flask import render_template, request
from werkzeug.exceptions import HTTPException

from catalog.api_errors import error_response
from catalog.search_service import SearchUnavailable

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

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _is_api():
            return error_response(error.code or 500, "http_error", error.description or error.name)
        return render_template("error.html", status=error.code), error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unexpected error for %s", request.path)
        if _is_api():
            return error_response(500, "internal_error", "Something went wrong on our side.")
        return render_template("error.html", status=500), 500
