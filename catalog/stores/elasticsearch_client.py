"""The Elasticsearch client, built from settings."""

from __future__ import annotations

from elasticsearch import Elasticsearch

from catalog.settings import Settings


def make_client(settings: Settings, **overrides) -> Elasticsearch:
    """A client for the configured node or nodes (``CATALOG_ES_URL`` may list several, separated by
    commas); ``overrides`` go to the constructor (e.g. retries)."""
    options = {
        "basic_auth": (settings.es_username, settings.es_password),
        "request_timeout": settings.es_timeout,
        "retry_on_timeout": True,
        "max_retries": 2,
    }
    options.update(overrides)
    return Elasticsearch(es_hosts(settings.es_url), **options)


def es_hosts(url: str) -> list[str]:
    """``http://es1:9200,http://es2:9200`` → each node's URL."""
    return [host.strip() for host in url.split(",") if host.strip()]
