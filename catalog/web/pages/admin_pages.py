"""Admins' pages: schools, accounts (invite, role and school, disable, password reset), and the
set-password page an invitation or reset link opens."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from catalog.accounts import MIN_PASSWORD_LENGTH, AccountError
from catalog.accounts_admin import (
    LINK_LIFETIME_SECONDS,
    change_user,
    invite_user,
    list_schools,
    list_users,
    reset_password,
    save_school,
    school_by_id,
    set_password_link_token,
    set_user_active,
    use_set_password_link,
    user_by_id,
    user_for_link,
)
from catalog.messages import N_
from catalog.permissions import ROLES
from catalog.resources.districts import districts_by_city, find_district
from catalog.web.request_services import db

admin_pages = Blueprint("admin_pages", __name__)


def _school_id() -> int | None:
    value = request.form.get("school_id", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise AccountError("school_id", N_("请从列表中选择学校"))
    return int(value)


def _schools_page(errors: dict | None = None, status: int = 200, school=None):
    session = db()
    return render_template(
        "admin_schools.html",
        schools=list_schools(session, current_user),
        school=school,
        groups=districts_by_city(),
        form=request.form if errors else {},
        errors=errors or {},
    ), status


@admin_pages.get("/admin/schools")
@login_required
def schools():
    return _schools_page()


@admin_pages.post("/admin/schools")
@login_required
def create_school():
    try:
        school = save_school(
            db(), current_user, name=request.form.get("name", ""), place_key=request.form.get("district", "")
        )
    except AccountError as problem:
        db().rollback()
        return _schools_page({problem.field: [problem.reason]}, 400)
    db().commit()
    flash(gettext("已登记学校“%(name)s”", name=school.name))
    return redirect(url_for("admin_pages.schools"), code=303)


def _school_or_404(school_id: int):
    return school_by_id(db(), current_user, school_id) or abort(404)


@admin_pages.route("/admin/schools/<int:school_id>", methods=["GET", "POST"])
@login_required
def edit_school(school_id: int):
    school = _school_or_404(school_id)
    errors = {}
    if request.method == "POST":
        try:
            save_school(
                db(),
                current_user,
                name=request.form.get("name", ""),
                place_key=request.form.get("district", ""),
                school=school,
            )
        except AccountError as problem:
            db().rollback()
            school = _school_or_404(school_id)
            errors = {problem.field: [problem.reason]}
        else:
            db().commit()
            flash(gettext("已保存学校“%(name)s”", name=school.name))
            return redirect(url_for("admin_pages.schools"), code=303)
    return render_template(
        "admin_school.html",
        school=school,
        groups=districts_by_city(),
        # a school registered by catalog-admin in a district the list lacks keeps its place on offer
        unlisted=None if find_district(f"{school.city}{school.district}") else f"{school.city}{school.district}",
        form=request.form if errors else {},
        errors=errors,
    ), 400 if errors else 200


def _users_page(errors: dict | None = None, status: int = 200):
    session = db()
    return render_template(
        "admin_users.html",
        users=list_users(session, current_user),
        schools=list_schools(session, current_user),
        roles=ROLES,
        form=request.form if errors else {},
        errors=errors or {},
    ), status


@admin_pages.get("/admin/users")
@login_required
def users():
    return _users_page()


def _link_page(user, heading: str):
    """The set-password link, shown this once: it is not stored anywhere."""
    token = set_password_link_token(current_app.config["SECRET_KEY"], user)
    link = url_for("admin_pages.set_password", token=token, _external=True)
    response = current_app.make_response(
        render_template(
            "admin_link.html", user=user, link=link, heading=heading, link_days=LINK_LIFETIME_SECONDS // 86400
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@admin_pages.post("/admin/users")
@login_required
def invite():
    try:
        user = invite_user(
            db(),
            current_user,
            email=request.form.get("email", ""),
            display_name=request.form.get("display_name", ""),
            role=request.form.get("role", ""),
            school_id=_school_id(),
        )
    except AccountError as problem:
        db().rollback()
        return _users_page({problem.field: [problem.reason]}, 400)
    db().commit()
    return _link_page(user, gettext("已创建账号"))


def _user_or_404(user_id: int):
    return user_by_id(db(), current_user, user_id) or abort(404)


def _user_page(user, errors: dict | None = None, status: int = 200):
    return render_template(
        "admin_user.html",
        user=user,
        schools=list_schools(db(), current_user),
        roles=ROLES,
        form=request.form if errors else {},
        errors=errors or {},
    ), status


@admin_pages.get("/admin/users/<int:user_id>")
@login_required
def user_page(user_id: int):
    return _user_page(_user_or_404(user_id))


@admin_pages.post("/admin/users/<int:user_id>")
@login_required
def change(user_id: int):
    user = _user_or_404(user_id)
    action = request.form.get("action", "save")
    try:
        if action == "save":
            change_user(
                db(),
                current_user,
                user,
                display_name=request.form.get("display_name", ""),
                role=request.form.get("role", ""),
                school_id=_school_id(),
            )
            message = gettext("已保存")
        elif action in ("disable", "enable"):
            set_user_active(db(), current_user, user, action == "enable")
            message = gettext("已停用，该账号的登录已全部结束") if action == "disable" else gettext("已重新启用")
        elif action == "reset_password":
            reset_password(db(), current_user, user)
            db().commit()
            return _link_page(user, gettext("已重设密码，该账号的登录已全部结束"))
        else:
            raise AccountError("action", N_("未知的操作"))
    except AccountError as problem:
        db().rollback()
        return _user_page(_user_or_404(user_id), {problem.field: [problem.reason]}, 400)
    db().commit()
    flash(message)
    return redirect(url_for("admin_pages.user_page", user_id=user_id), code=303)


def _set_password_page(user, errors: dict, status: int):
    response = current_app.make_response(
        (render_template("admin_set_password.html", user=user, errors=errors, min_length=MIN_PASSWORD_LENGTH), status)
    )
    # The token is in the address: keep it out of caches and of the Referer of anything the page loads.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@admin_pages.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    """Open to anyone holding a good link: the link is the proof, as a mailed one would be."""
    secret = current_app.config["SECRET_KEY"]
    try:
        user = user_for_link(db(), secret, token)
    except AccountError as problem:
        return _set_password_page(None, {problem.field: [problem.reason]}, 410)
    errors = {}
    if request.method == "POST":
        password = request.form.get("password", "")
        try:
            if password != request.form.get("password_again", ""):
                raise AccountError("password_again", N_("两次输入的密码不一致"))
            use_set_password_link(db(), secret, token, password)
        except AccountError as problem:
            db().rollback()
            errors = {problem.field: [problem.reason]}
        else:
            db().commit()
            flash(gettext("密码已设置，请用新密码登录"))
            return redirect(url_for("auth.login"), code=303)
    return _set_password_page(user, errors, 400 if errors else 200)
