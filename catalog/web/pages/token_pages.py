"""API 令牌: a school's, curator's or admin's page to make named, scoped tokens (each secret shown once),
see when each was last used, and revoke them."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from catalog.api_tokens import service
from catalog.api_tokens.scopes import DEFAULT_DAYS, MAX_DAYS, SCOPE_LABELS, scopes_for_role
from catalog.curation.audit_log import beijing
from catalog.field_problem import FieldProblem
from catalog.web.request_services import app_sessions

token_pages = Blueprint("token_pages", __name__, url_prefix="/account/tokens")


@token_pages.app_template_global()
def may_hold_tokens() -> bool:
    return service.may_hold_tokens(current_user)


def _when(moment) -> str:
    return beijing(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _page(*, created=None, errors=None, form=None, status: int = 200):
    if not service.may_hold_tokens(current_user):
        abort(403)
    scopes = scopes_for_role(current_user.role)
    response = render_template(
        "api_tokens.html",
        tokens=service.list_tokens(app_sessions(), current_user),
        scope_choices=[(scope, gettext(SCOPE_LABELS[scope])) for scope in scopes],
        schools=service.school_choices(app_sessions()) if current_user.role != "school" else [],
        created=created,
        errors=errors or {},
        form=form or {"days": DEFAULT_DAYS, "scopes": scopes[:1]},
        max_days=MAX_DAYS,
        when=_when,
    )
    # The page may show a secret once: no cache (browser or proxy) may keep it.
    return response, status, {"Cache-Control": "no-store"}


@token_pages.get("")
@login_required
def my_tokens():
    return _page()


def _whole_number(value: str, field: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise FieldProblem(field, gettext("请填写整数")) from None


@token_pages.post("")
@login_required
def create():
    form = {
        "name": request.form.get("name", ""),
        "scopes": request.form.getlist("scopes"),
        "days": request.form.get("days", ""),
        "school_id": request.form.get("school_id", ""),
    }
    try:
        created = service.create_token(
            app_sessions(),
            current_user,
            form["name"],
            form["scopes"],
            days=_whole_number(form["days"], "days"),
            school_id=_whole_number(form["school_id"], "school_id"),
        )
    except FieldProblem as problem:
        return _page(errors={problem.field: [gettext(problem.reason)]}, form=form, status=400)
    return _page(created=created)


@token_pages.post("/<public_id>/revoke")
@login_required
def revoke(public_id: str):
    try:
        service.revoke_token(app_sessions(), current_user, public_id)
    except FieldProblem:
        abort(404)
    return redirect(url_for("token_pages.my_tokens"), code=303)
