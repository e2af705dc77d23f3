"""Friendly HTML error pages, from the one table (``catalog/web/error_table.py``): 404 for what
does not exist, 503 while a store is down, the reason for a refusal."""

from __future__ import annotations

from flask import render_template

from catalog.web.error_table import ErrorAnswer


def error_page(answer: ErrorAnswer):
    """The page for a failure; without a message of its own, the page says what its status means."""
    return render_template("error.html", status=answer.status, message=answer.page_message), answer.status
