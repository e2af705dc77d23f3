"""What the app measures for Prometheus: each request's time by Flask endpoint, 5xx answers, engine calls.

Only an app with ``CATALOG_METRICS_PORT`` set measures; the numbers are served on that port, never on
the site's own (``catalog.web.metrics_server``). Under gunicorn each worker writes its numbers to
``PROMETHEUS_MULTIPROC_DIR`` (``gunicorn.conf.py`` sets it) and the master adds them up.
"""

from __future__ import annotations

import time

from flask import Flask, g, request
from prometheus_client import CollectorRegistry, Counter, Histogram

from catalog.search.engine_timing import listen
from catalog.settings import Settings

REGISTRY = CollectorRegistry(auto_describe=True)
# From a cached page to a slow search under load; the p99 goal is well under a second.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "catalog_request_duration_seconds",
    "Time to answer a request, by Flask endpoint (not the path: one series per route)",
    ["endpoint", "method"],
    buckets=BUCKETS,
    registry=REGISTRY,
)
SERVER_ERRORS = Counter(
    "catalog_http_server_errors",
    "Answers with a 5xx status, by Flask endpoint and status",
    ["endpoint", "status"],
    registry=REGISTRY,
)
ENGINE_SECONDS = Histogram(
    "catalog_engine_duration_seconds",
    "Time the search service waited on Elasticsearch, by client call (search, get, count …)",
    ["operation"],
    buckets=BUCKETS,
    registry=REGISTRY,
)


def _engine_call_took(operation: str, seconds: float) -> None:
    ENGINE_SECONDS.labels(operation).observe(seconds)


def _endpoint() -> str:
    # An unknown path has no endpoint: one label for all of them, so a scan cannot add series.
    return request.endpoint or "unmatched"


def init_metrics(app: Flask, settings: Settings) -> None:
    """Measure this app's requests and engine calls, and serve them, when ``CATALOG_METRICS_PORT`` is set."""
    if settings.metrics_port is None:
        return
    from catalog.web.metrics_server import serve_metrics

    listen(_engine_call_took)

    @app.before_request
    def _start_clock():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _measure(response):
        started = g.pop("metrics_started", None)
        if started is not None:
            REQUEST_SECONDS.labels(_endpoint(), request.method).observe(time.perf_counter() - started)
        if response.status_code >= 500:
            SERVER_ERRORS.labels(_endpoint(), str(response.status_code)).inc()
        return response

    serve_metrics(settings)
