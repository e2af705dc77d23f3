"""What views reach through the running app: its Elasticsearch client, alias, storages and database."""

from __future__ import annotations

from flask import current_app, g

from catalog.curation.service import CurationService
from catalog.uploads.large_uploads import LargeUploads
from catalog.uploads.service import UploadService


def app_client():
    """The Elasticsearch client ``create_app`` built once."""
    return current_app.extensions["catalog.es"]


def app_alias() -> str:
    """The alias the app reads."""
    return current_app.config["SETTINGS"].index_alias


def app_storages() -> dict:
    """Each province's storage by code."""
    return current_app.extensions["catalog.storages"]


def db():
    """This request's database session (closed when the request ends)."""
    if "db" not in g:
        g.db = current_app.extensions["catalog.sessions"]()
    return g.db


def close_db(_exception=None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def app_sessions():
    """The session factory, for services that run their own transactions."""
    return current_app.extensions["catalog.sessions"]


def upload_service():
    settings = current_app.config["SETTINGS"]
    return UploadService(
        app_client(),
        app_alias(),
        app_storages(),
        app_sessions(),
        max_file_bytes=settings.upload_max_file_mb * 1024 * 1024,
    )


def curation_service():
    return CurationService(app_client(), app_alias(), app_sessions(), app_storages())


def large_uploads():
    return LargeUploads(app_storages(), app_sessions())
