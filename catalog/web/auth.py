"""Signing in and out: Flask-Login sessions, CSRF on every form, and a limit on failed logins."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Blueprint, Request, redirect, render_template, request, session, url_for
from flask_babel import gettext, lazy_gettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from werkzeug.formparser import FormDataParser
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from catalog.accounts import authenticate, end_sessions
from catalog.messages import N_
from catalog.stores.models import User
from catalog.web.api.token_auth import init_token_auth, limit_tokens
from catalog.web.i18n import local_path
from catalog.web.request_services import db

# Ten wrong passwords from one address within 15 minutes, then 429 until the window passes.
FAILED_LOGIN_LIMIT = "10 per 15 minutes"
# A session, and every CSRF token issued in it, lasts this long after its last request.
SESSION_LIFETIME = timedelta(hours=8)
SESSION_ID = re.compile(r"^(\d{1,18}):(\d{1,18})$")  # User.get_id: "<user id>:<session generation>"
HOME_BY_ROLE = {
    "school": "school_pages.my_resources",
    "curator": "curation_pages.review_queue",
    "admin": "curation_pages.review_queue",
}

auth = Blueprint("auth", __name__)


class NamedPartsFormParser(FormDataParser):
    """Drops form parts without a readable name: werkzeug keys them ``None``, and Flask-WTF's search
    for the CSRF token (``key.endswith(...)``) would fail with a 500 on such a request."""

    def parse(self, *args, **kwargs):
        stream, form, files = super().parse(*args, **kwargs)
        named = [(key, value) for key, value in form.items(multi=True) if isinstance(key, str)]
        named_files = [(key, value) for key, value in files.items(multi=True) if isinstance(key, str)]
        return stream, self.cls(named), self.cls(named_files)


class CatalogRequest(Request):
    form_data_parser_class = NamedPartsFormParser


class LoginForm(FlaskForm):
    email = StringField(lazy_gettext("邮箱"), validators=[DataRequired(lazy_gettext("请填写邮箱")), Length(max=254)])
    password = PasswordField(
        lazy_gettext("密码"), validators=[DataRequired(lazy_gettext("请填写密码")), Length(max=200)]
    )


@auth.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db(), form.email.data, form.password.data)
        if user is not None:
            session.permanent = True  # expires with SESSION_LIFETIME, not only when the browser closes
            login_user(user)
            target = request.args.get("next") or url_for(HOME_BY_ROLE.get(user.role, "pages.home"))
            return redirect(local_path(target), code=303)
        form.password.errors.append(gettext("邮箱或密码不正确"))
        return render_template("login.html", form=form), 401
    return render_template("login.html", form=form), 400 if form.errors else 200


@auth.post("/logout")
@login_required
def logout():
    # Signed cookies cannot be revoked one by one: a copy of this one would still be valid, so every
    # session of this user ends (signing out on one device signs out on all).
    end_sessions(current_user)
    db().commit()
    logout_user()
    session.clear()  # and a new CSRF secret for the next visitor of this browser
    return redirect(url_for("pages.home"), code=303)


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _load_user(session_id: str) -> User | None:
    """The user a session belongs to, if it is active and the session began in its current generation."""
    match = SESSION_ID.match(session_id)
    if match is None:
        return None
    user = db().get(User, int(match[1]))
    if user is None or not user.active or int(match[2]) != (user.session_generation or 0):
        return None
    return user


def init_auth(app, settings) -> None:
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        WTF_CSRF_TIME_LIMIT=int(SESSION_LIFETIME.total_seconds()),  # a token lives as long as a session
    )
    app.request_class = CatalogRequest  # before CSRFProtect reads any form
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.login_message = "请先登录"
    manager.user_loader(_load_user)
    init_token_auth(app, CSRFProtect(app))  # Bearer requests: before the CSRF check and the limiter
    app.register_blueprint(auth)
    # One limiter per app, so each app (and each test) counts its own failures.
    limiter = Limiter(get_remote_address, app=app, storage_uri=settings.ratelimit_storage_url, key_prefix="catalog")
    failed = {
        "methods": ["POST"],
        "deduct_when": lambda response: response.status_code == 401,
        "error_message": N_("尝试次数过多，请 15 分钟后再试"),
    }
    view = limiter.limit(FAILED_LOGIN_LIMIT, **failed)(app.view_functions["auth.login"])
    # Per account too, so guesses spread over many addresses still stop.
    view = limiter.limit(FAILED_LOGIN_LIMIT, key_func=_account_key, **failed)(view)
    app.view_functions["auth.login"] = view
    app.jinja_env.globals["current_user"] = current_user
    app.extensions["catalog.limiter"] = limiter
    limit_tokens(app, limiter, settings)
