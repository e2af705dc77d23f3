"""What every failure means to the person who ran into it: one table of exception → HTTP status,
error code, message and the fields it names, rendered as a page (``pages/errors.py``) or as JSON
(``api/errors.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import ApiError, TransportError
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from catalog.curation.decisions import EditConflict
from catalog.curation.publication import StorageUnavailable
from catalog.field_problem import FieldProblem
from catalog.messages import N_
from catalog.permissions import PermissionDenied
from catalog.search.service import SearchUnavailable
from catalog.uploads.bulk import BulkRejected
from catalog.uploads.errors import NotStored, UploadRejected
from catalog.web.service_messages import translated, translated_fields

Text = str | Callable[[Exception], str | None] | None


def field_errors(messages, path: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"dotted.field": ["reason", ...]}``."""
    if isinstance(messages, list):
        return {path or "request": [str(m) for m in messages]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = "request" if key == "_schema" else (f"{path}.{key}" if path else str(key))
        flat.update(field_errors(value, name))
    return flat


def _summary(fields: dict[str, list[str]]) -> str:
    return "; ".join(f"{name}: {' '.join(reasons)}" for name, reasons in fields.items())


def _validation_summary(error: ValidationError) -> str:
    return _summary(translated_fields(field_errors(error.messages)))


def _said(error: BaseException) -> str:
    """What the exception says, in the reader's language: its message travels as its first argument."""
    return translated(error.args[0]) if error.args and isinstance(error.args[0], str) else str(error)


def _field_problem(error: FieldProblem) -> str:
    return f"{error.field}: {translated(error.reason)}"


@dataclass(frozen=True)
class ErrorRule:
    """How one kind of failure is answered. ``page_message`` None: the page's own text for the status."""

    status: int | Callable[[Exception], int]
    code: str
    message: Text  # the API's sentence
    page_message: Text = None
    fields: Callable[[Exception], dict[str, list[str]]] | None = None
    log: str | None = None  # logged as an error: the operator learns a store is down
    log_traceback: bool = False  # unexpected: the whole traceback goes to the log


@dataclass(frozen=True)
class ErrorAnswer:
    """One failure as it is shown: the same status, code and fields for the page and the JSON body."""

    status: int
    code: str
    message: str
    page_message: str | None
    fields: dict[str, list[str]] | None


_ENGINE_DOWN = ErrorRule(
    503,
    "search_unavailable",
    N_("搜索引擎暂时没有响应，请一两分钟后再试。"),
    log="search engine unavailable",
)
_STORAGE_DOWN = ErrorRule(
    503,
    "storage_unavailable",
    N_("省级资源存储没有响应，什么也没有保存。"),
    page_message=N_("省级资源存储暂时无法访问，什么也没有保存，请稍后再试。"),
    log="province storage unavailable",
)

# The most specific class in an exception's MRO decides (CurationRejected answers as FieldProblem).
ERROR_TABLE: dict[type[BaseException], ErrorRule] = {
    ValidationError: ErrorRule(
        400,
        "bad_request",
        _validation_summary,
        page_message=_validation_summary,
        fields=lambda e: translated_fields(field_errors(e.messages)),
    ),
    FieldProblem: ErrorRule(
        400,
        "bad_request",
        _field_problem,
        page_message=_field_problem,
        fields=lambda e: {e.field: [translated(e.reason)]},
    ),
    UploadRejected: ErrorRule(
        400,
        "bad_request",
        lambda e: translated(N_("什么也没有保存：%(reasons)s", reasons=_summary(translated_fields(e.errors)))),
        page_message=lambda e: _summary(translated_fields(e.errors)),
        fields=lambda e: translated_fields(e.errors),
    ),
    BulkRejected: ErrorRule(400, "bad_request", _said, page_message=_said, fields=lambda e: {"archive": [_said(e)]}),
    PermissionDenied: ErrorRule(
        403, "forbidden", lambda e: translated(e.message), page_message=lambda e: translated(e.message)
    ),
    NotStored: ErrorRule(404, "not_found", _said),
    EditConflict: ErrorRule(
        409,
        "conflict",
        _said,
        page_message=_said,
        fields=lambda e: {"version": [translated(N_("现在的版本是 %(version)s", version=e.current_version))]},
    ),
    SearchUnavailable: _ENGINE_DOWN,
    TransportError: _ENGINE_DOWN,
    ApiError: ErrorRule(
        503,
        "search_unavailable",
        N_("搜索引擎无法回答这个请求。"),
        log="search engine refused a request",
    ),
    StorageUnavailable: _STORAGE_DOWN,
    BotoCoreError: _STORAGE_DOWN,
    ClientError: _STORAGE_DOWN,
    SQLAlchemyError: ErrorRule(
        503,
        "database_unavailable",
        N_("目录数据库没有响应，请稍后再试。"),
        page_message=N_("目录数据库暂时无法访问，请稍后再试。"),
        log="database unavailable",
    ),
    CSRFError: ErrorRule(
        400,
        "http_error",  # as before: only the sentence changed
        N_("这个表单已过期或缺少安全令牌，请刷新页面后再提交。"),
        page_message=N_("这个表单已过期或缺少安全令牌，请刷新页面后再提交。"),
    ),
    # The limiters' own sentences (the login's, each API token's), in the reader's language.
    RateLimitExceeded: ErrorRule(
        429, "http_error", lambda e: translated(e.description), page_message=lambda e: translated(e.description)
    ),
    # Werkzeug's own: 404 for no such route …
    HTTPException: ErrorRule(
        lambda e: e.code or 500,
        "http_error",
        lambda e: e.description or e.name,
        page_message=lambda e: e.description if e.code in (400, 429) else None,
    ),
    Exception: ErrorRule(500, "internal_error", N_("我们这边出了问题。"), log_traceback=True),
}


def rule_for(error: BaseException) -> ErrorRule:
    """The table's row for ``error``: its own class's, else the nearest base class's."""
    return next(ERROR_TABLE[cls] for cls in type(error).__mro__ if cls in ERROR_TABLE)


def _text(text: Text, error: BaseException) -> str | None:
    return text(error) if callable(text) else translated(text)


def answer_for(error: BaseException) -> ErrorAnswer:
    """What the table says to answer ``error`` with."""
    rule = rule_for(error)
    return ErrorAnswer(
        status=rule.status(error) if callable(rule.status) else rule.status,
        code=rule.code,
        message=_text(rule.message, error) or "",
        page_message=_text(rule.page_message, error),
        fields=rule.fields(error) if rule.fields else None,
    )
