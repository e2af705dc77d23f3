"""The Prometheus listener on ``CATALOG_METRICS_ADDRESS:CATALOG_METRICS_PORT``, apart from the site's port.

One process serves it: the app itself when it runs alone, the gunicorn master (``when_ready``) when
gunicorn runs workers; the master adds up what each worker wrote to ``PROMETHEUS_MULTIPROC_DIR``.
"""

from __future__ import annotations

import os
import threading

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.multiprocess import MultiProcessCollector

from catalog.settings import Settings, SettingsError
from catalog.web.indexer_run_metrics import IndexerRunsCollector

_serving: set[tuple[str, int]] = set()
_lock = threading.Lock()


def multiprocess() -> bool:
    """True under gunicorn with metrics on: the workers write files, the master serves them."""
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


class _Registered:
    """Hands another registry's metrics to the served one (this process's own, when it runs alone)."""

    def __init__(self, registry: CollectorRegistry):
        self.registry = registry

    def collect(self):
        return self.registry.collect()


def exposition_registry(settings: Settings) -> CollectorRegistry:
    """What a scrape answers: the requests and engine calls of every worker, and the indexer's runs."""
    registry = CollectorRegistry()
    if multiprocess():
        MultiProcessCollector(registry)
    else:
        from catalog.web.metrics import REGISTRY

        registry.register(_Registered(REGISTRY))
    registry.register(IndexerRunsCollector(settings))
    return registry


def start_listener(settings: Settings) -> None:
    """Serve ``/metrics`` (any path, in fact) on the metrics port, once per process."""
    where = (settings.metrics_address, settings.metrics_port)
    with _lock:
        if where in _serving:
            return
        try:
            start_http_server(settings.metrics_port, settings.metrics_address, registry=exposition_registry(settings))
        except OSError as exc:
            raise SettingsError(
                f"CATALOG_METRICS_PORT: cannot listen on {settings.metrics_address}:{settings.metrics_port} ({exc.strerror})"
            ) from exc
        _serving.add(where)


def serve_metrics(settings: Settings) -> None:
    """Called by each app: a gunicorn worker leaves the serving to its master."""
    if not multiprocess():
        start_listener(settings)
