"""The Elasticsearch client, built from settings."""

from __future__ import annotations

from elasticsearch import Elasticsearch

from catalog.settings import Settings


def make_client(settings: Settings, **overrides) -> Elasticsearch:
    """A client for the configured node or nodes (``CATALOG_ES_URL`` may list several, separated by
    commas); ``overrides`` go to the constructor (e.g. retries)."""
    hosts = es_hosts(settings.es_url)
    options = {
        "basic_auth": (settings.es_username, settings.es_password),
        "request_timeout": settings.es_timeout,
        # A refused connection, a timeout or a 429/502/503/504 is tried again on the next node;
        # with several nodes, every other node gets one try.
        "retry_on_timeout": True,
        "max_retries": max(2, len(hosts) - 1),
        # A failed node is left out for 1 s, doubling per failure up to 30 s, then tried again.
        "dead_node_backoff_factor": 1.0,
        "max_dead_node_backoff": 30.0,
        # No sniffing: nodes publish addresses (container names, private IPs) this process may not
        # reach, so the configured list is the pool, as written.
        "sniff_on_start": False,
        "sniff_before_requests": False,
        "sniff_on_node_failure": False,
    }
    options.update(overrides)
    return Elasticsearch(hosts, **options)


def es_hosts(url: str) -> list[str]:
    """``http://es1:9200,http://es2:9200`` → each node's URL."""
    return [host.strip() for host in url.split(",") if host.strip()]
