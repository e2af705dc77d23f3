"""Every failure answered from the one table: logged when a store is down, then shown as a page,
or as JSON under ``/api/``."""

from __future__ import annotations

import logging

from flask import request

from catalog.web.api.errors import error_body
from catalog.web.error_table import answer_for, rule_for
from catalog.web.pages.errors import error_page

log = logging.getLogger(__name__)


def answer_error(error: Exception):
    """The page or JSON answer the table gives for ``error``."""
    rule = rule_for(error)
    if rule.log_traceback:
        log.exception("unexpected error for %s", request.path)
    elif rule.log:
        log.error("%s for %s: %s", rule.log, request.path, error)
    answer = answer_for(error)
    return error_body(answer) if request.path.startswith("/api/") else error_page(answer)


def register_errors(app) -> None:
    # One handler for every exception: the table, not Flask's lookup, picks the row.
    app.register_error_handler(Exception, answer_error)
