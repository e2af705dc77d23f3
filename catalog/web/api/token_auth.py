"""``Authorization: Bearer <API token>`` on the JSON API: the request acts as the token's user, narrowed to the
token's scopes (and school). Only such a request skips the CSRF check, and it needs no session cookie; a
token that cannot be used is a 401 saying why, never a fall back to the cookie. Each use is noted, each write
audited, and requests are counted per token.
"""

from __future__ import annotations

import logging

from flask import current_app, g, request
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from catalog.api_tokens.scopes import SCOPE_LABELS
from catalog.api_tokens.service import TokenRefused, authenticate, record_use, school_refusal
from catalog.messages import N_
from catalog.resources.resource_schema import RESOURCE_ID
from catalog.web.api.errors import error_response
from catalog.web.request_services import app_sessions, app_storages, db
from catalog.web.service_messages import translated

log = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# API view -> the scopes of which a token needs one. Reads not listed here need a valid token only;
# a write not listed is refused to every token, so a new write endpoint is closed until it is given a scope.
ENDPOINT_SCOPES = {
    "api_writes.create_upload": ("upload",),
    "api_writes.create_bulk_upload": ("upload",),
    "api_writes.start_large_upload": ("upload",),
    "api_writes.complete_large_upload": ("upload",),
    "api_writes.edit_upload": ("edit_own",),
    "api_writes.withdraw_upload": ("edit_own",),
    "api_writes.restore_upload": ("edit_own",),
    "api_writes.resource_versions": ("edit_own", "curate"),
    "api_writes.decide": ("curate",),
}


def _bearer() -> str | None:
    """The credential of an ``Authorization: Bearer`` header on an API path, else None."""
    if not request.path.startswith("/api/"):
        return None
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    return credential if scheme.lower() == "bearer" else None


def _refused_scope(row):
    needed = ENDPOINT_SCOPES.get(request.endpoint)
    if needed is None and request.method not in WRITE_METHODS:
        return None
    held = set(row.scopes.split())
    if needed is not None and held.intersection(needed):
        return None
    names = needed or ("?",)
    wanted = gettext(" 或 ").join(f"{scope}（{translated(SCOPE_LABELS.get(scope, ''))}）" for scope in names)
    message = gettext("这个 API 令牌没有所需的权限范围：%(wanted)s", wanted=wanted)
    reason = gettext("需要 %(scopes)s", scopes=gettext(" 或 ").join(names))
    return error_response(403, "token_scope", message, {"scope": [reason]})


def authenticate_bearer():
    """before_request: a Bearer request becomes its token's user, or is answered 401 / 403 here."""
    g.api_token = None
    credential = _bearer()
    if credential is None:
        return None
    try:
        row = authenticate(db(), credential)
    except TokenRefused as refused:
        response, status = error_response(401, refused.code, translated(refused.message))
        response.headers["WWW-Authenticate"] = f'Bearer error="invalid_token", error_description="{refused.code}"'
        return response, status
    g.api_token = row
    g._login_user = row.user  # Flask-Login's current_user for this request; the session is not read
    if request.endpoint not in current_app.view_functions:
        return None  # no such route: a 404 as for anyone
    refusal = _refused_scope(row)
    if refusal is None and {"province", "resource_id"} <= set(request.view_args or {}):
        reason = school_refusal(db(), row, request.view_args["province"], request.view_args["resource_id"])
        if reason:
            refusal = error_response(403, "token_school", translated(reason))
    return refusal


def csrf_unless_token(csrf):
    """before_request, after ``authenticate_bearer``: Flask-WTF's check for every request but a token's."""

    def check():
        if current_app.config["WTF_CSRF_ENABLED"] and g.get("api_token") is None:
            csrf.protect(apply_exemptions=True)

    return check


def _written_resource(response) -> tuple[str | None, str | None]:
    """The resource a write named, if it names one that can exist (the path is in the audit row either way)."""
    args = request.view_args or {}
    body = response.get_json(silent=True) if response.is_json else None
    named = args if "province" in args else body if isinstance(body, dict) else {}
    province, resource_id = named.get("province"), named.get("resource_id")
    if (
        not isinstance(province, str)
        or province not in app_storages()
        or not isinstance(resource_id, str)
        or not RESOURCE_ID.match(resource_id)
    ):
        return None, None
    return province, resource_id


def note_use(response):
    """after_request: the token's last use, and for a write an audit row naming the token."""
    row = g.get("api_token")
    if row is None:
        return response
    write = None
    province = resource_id = None
    if request.method in WRITE_METHODS:
        write = {"method": request.method, "path": request.path, "status": response.status_code}
        province, resource_id = _written_resource(response)
    try:
        record_use(app_sessions(), row.public_id, write=write, province=province, resource_id=resource_id)
    except SQLAlchemyError:
        log.exception("could not note the use of API token %s", row.public_id)
    return response


def _token_key() -> str:
    return "api-token:" + g.api_token.public_id


def init_token_auth(app, csrf) -> None:
    """Before the limiter's own hook: the limiter then counts a token's requests under its id."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # csrf_unless_token runs the same check
    app.before_request(authenticate_bearer)
    app.before_request(csrf_unless_token(csrf))
    app.after_request(note_use)


def limit_tokens(app, limiter, settings) -> None:
    from catalog.web.api.reads import api
    from catalog.web.api.writes import api_writes

    shared = limiter.shared_limit(
        settings.api_token_rate_limit,
        scope="api-token",
        key_func=_token_key,
        exempt_when=lambda: g.get("api_token") is None,
        error_message=N_("这个 API 令牌的请求过于频繁，请稍后再试"),
    )
    for blueprint in (api, api_writes):
        shared(blueprint)
