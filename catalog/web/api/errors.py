"""The API's errors as JSON: ``{"error": {"code", "message", "fields"}}``, from the one table
(``catalog/web/error_table.py``)."""

from __future__ import annotations

from flask import jsonify

from catalog.web.error_table import ErrorAnswer, field_errors

__all__ = ["error_body", "error_response", "field_errors"]


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status


def error_body(answer: ErrorAnswer):
    """The JSON answer to a failure: its code, a sentence and, for bad input, each field and why."""
    return error_response(answer.status, answer.code, answer.message, answer.fields)
