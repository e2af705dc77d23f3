"""What views reach through the running app: its Elasticsearch client, alias and storages."""
from __future__ import annotations

from flask import current_app


def app_client():
    """The Elasticsearch client ``create_app`` built once."""
    return current_app.extensions["catalog.es"]


def app_alias() -> str:
    """The alias the app reads."""
    return current_app.config["SETTINGS"].index_alias


def app_storages() -> dict:
    """Each province's storage by code."""
    return current_app.extensions["catalog.storages"]
