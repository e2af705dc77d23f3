"""成渝教育资源共享目录 — the catalog's web application."""
from __future__ import annotations

from flask import Flask

from catalog.province_storage import ProvinceStorage
from catalog.search_engine import make_client
from catalog.settings import Settings


def create_app(config: dict | None = None) -> Flask:
    """Application factory: settings from the environment unless ``config['SETTINGS']`` is given."""
    app = Flask(__name__, template_folder="../templates")
    app.config.from_mapping(config or {})
    settings = app.config.get("SETTINGS") or Settings.from_environ(need_secret_key=True)
    app.config["SETTINGS"] = settings
    app.config["SECRET_KEY"] = settings.secret_key
    app.extensions["catalog.es"] = make_client(settings)
    app.extensions["catalog.storages"] = {p.code: ProvinceStorage(p) for p in settings.provinces}

    from catalog.api import api
    from catalog.health import health

    app.register_blueprint(health)
    app.register_blueprint(api)
    return app
