"""gunicorn settings for the catalog; every value can be overridden by GUNICORN_* style flags."""

import os

bind = os.environ.get("CATALOG_BIND", "127.0.0.1:8000")
# Two cores: two sync workers with a few threads each keep one slow search from blocking the rest.
workers = int(os.environ.get("CATALOG_WORKERS", "2"))
threads = int(os.environ.get("CATALOG_THREADS", "4"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 10
accesslog = "-"
wsgi_app = "catalog.web.wsgi:app"


def post_worker_init(worker):
    # Before the worker takes requests: otherwise each worker's first search waits for jieba's
    # dictionary (the load benchmark's first seconds showed a p99 of several seconds).
    from catalog.indexing.segmentation import load_dictionary

    load_dictionary()


# Prometheus (CATALOG_METRICS_PORT): each worker writes its numbers to files in one directory, made
# empty here before any worker starts; the master serves their sum on the metrics port.
if os.environ.get("CATALOG_METRICS_PORT"):
    import glob
    import tempfile

    _metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="catalog-metrics-")
    os.makedirs(_metrics_dir, exist_ok=True)
    for _stale in glob.glob(os.path.join(_metrics_dir, "*.db")):  # a previous master's counts would be added in
        os.remove(_stale)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def when_ready(server):
    if os.environ.get("CATALOG_METRICS_PORT"):
        from catalog.settings import Settings
        from catalog.web.metrics_server import start_listener

        start_listener(Settings.from_environ())


def child_exit(server, worker):
    if os.environ.get("CATALOG_METRICS_PORT"):
        from prometheus_client import multiprocess

        # A dead worker's gauges go; its counters and histograms stay in the sum.
        multiprocess.mark_process_dead(worker.pid)
