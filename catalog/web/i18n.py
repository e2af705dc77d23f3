"""The pages' languages: Simplified Chinese by default, English on request (a cookie).

Message ids in the templates are the Chinese text itself; ``translations/en`` holds English.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from flask import Blueprint, redirect, request
from flask_babel import Babel, get_locale


class Language(NamedTuple):
    code: str  # in URLs and the cookie
    locale: str  # Babel's name: formats dates and numbers, picks the catalog
    html_lang: str
    name: str  # shown in its own language


LANGUAGES = (
    Language("zh", "zh_Hans_CN", "zh-CN", "中文"),
    Language("en", "en", "en", "English"),
)
DEFAULT_LANGUAGE = LANGUAGES[0]
LANGUAGE_COOKIE = "lang"
_BY_CODE = {language.code: language for language in LANGUAGES}

language_switch = Blueprint("language", __name__)


def chosen_language() -> Language:
    return _BY_CODE.get(request.cookies.get(LANGUAGE_COOKIE, ""), DEFAULT_LANGUAGE)


def request_language() -> Language:
    """The language chosen on the site (the cookie) first; without one, the API follows the request's
    Accept-Language when it names one of the languages (another system's client), pages stay Chinese."""
    if request.path.startswith("/api/") and LANGUAGE_COOKIE not in request.cookies and request.accept_languages:
        best = request.accept_languages.best_match([language.html_lang for language in LANGUAGES] + ["zh", "en"])
        if best:
            return _BY_CODE[best.split("-")[0]]
    return chosen_language()


def current_language() -> Language:
    locale = str(get_locale())
    return next((language for language in LANGUAGES if language.locale == locale), DEFAULT_LANGUAGE)


def local_path(target: str | None) -> str:
    """``target`` when it is a path on this site, else the home page (no open redirect)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@language_switch.get("/language/<code>")
def switch_language(code: str):
    """Remember the language for a year and go back to the page the teacher was on."""
    response = redirect(local_path(request.args.get("next")), code=303)
    if code in _BY_CODE:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def init_i18n(app) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE.locale)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Shanghai")
    Babel(app, locale_selector=lambda: request_language().locale)
    app.register_blueprint(language_switch)
    app.jinja_env.globals.update(current_language=current_language, languages=LANGUAGES)
