"""成渝教育资源共享目录 — the catalog's web application: create_app, auth, health, i18n, headers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from catalog.settings import Settings, SettingsError
from catalog.stores.database import make_engine, make_sessions
from catalog.stores.elasticsearch_client import make_client
from catalog.stores.province_storage import ProvinceStorage

# templates/ is at the top of the repository, beside catalog/, not inside the package: an installed
# package (the image) is told where it is; static/ and translations/ travel inside the package.
SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def templates_folder(settings: Settings) -> Path:
    """``CATALOG_TEMPLATES_DIR``, else the source checkout's templates/; refused at start-up when it holds none."""
    folder = Path(settings.templates_dir) if settings.templates_dir else SOURCE_TEMPLATES
    if (folder / "base.html").is_file():
        return folder
    if settings.templates_dir:
        raise SettingsError(f"CATALOG_TEMPLATES_DIR={folder} holds no templates (no base.html)")
    raise SettingsError(
        f"CATALOG_TEMPLATES_DIR is not set and {folder} holds no templates: set it to the project's templates/ folder"
    )


def create_app(config: dict | None = None) -> Flask:
    """Application factory: settings from the environment unless ``config['SETTINGS']`` is given."""
    settings = (config or {}).get("SETTINGS") or Settings.from_environ(need_secret_key=True)
    app = Flask(__name__, template_folder=str(templates_folder(settings)))
    app.config.from_mapping(config or {})
    app.config["SETTINGS"] = settings
    app.config["SECRET_KEY"] = settings.secret_key
    app.extensions["catalog.es"] = make_client(settings)
    app.extensions["catalog.storages"] = {p.code: ProvinceStorage(p) for p in settings.provinces}
    app.extensions["catalog.sessions"] = make_sessions(make_engine(settings.database_url))
    app.config.setdefault("MAX_CONTENT_LENGTH", (settings.upload_max_file_mb * 4 + 16) * 1024 * 1024)

    from catalog.web.api.reads import api
    from catalog.web.api.writes import api_writes
    from catalog.web.auth import init_auth
    from catalog.web.errors import register_errors
    from catalog.web.health import health
    from catalog.web.i18n import init_i18n
    from catalog.web.metrics import init_metrics
    from catalog.web.oai import oai
    from catalog.web.page_format import init_page_format
    from catalog.web.pages.admin_pages import admin_pages
    from catalog.web.pages.collection_pages import collection_pages
    from catalog.web.pages.curation_pages import curation_pages
    from catalog.web.pages.resource_pages import resource_pages
    from catalog.web.pages.school_pages import school_pages
    from catalog.web.pages.teacher_pages import pages
    from catalog.web.pages.token_pages import token_pages
    from catalog.web.request_services import close_db
    from catalog.web.security_headers import init_security_headers
    from catalog.web.sitemaps import sitemaps

    init_metrics(app, settings)  # first: its clock starts before the other hooks run
    init_i18n(app)
    init_page_format(app)
    app.jinja_env.globals["map_tiles"] = {"url": settings.map_tile_url, "attribution": settings.map_attribution}
    register_errors(app)
    init_security_headers(app, settings)
    init_auth(app, settings)
    app.teardown_appcontext(close_db)
    for blueprint in (health, api, api_writes, pages, resource_pages, school_pages, curation_pages, admin_pages):
        app.register_blueprint(blueprint)
    app.register_blueprint(collection_pages)
    app.register_blueprint(token_pages)
    app.register_blueprint(sitemaps)
    app.register_blueprint(oai)
    return app
