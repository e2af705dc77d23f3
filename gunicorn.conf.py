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
