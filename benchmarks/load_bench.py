"""``load``: throughput of ``/api/v1/search`` under load against raw Elasticsearch.

gunicorn serves the Flask app as in ``search`` (``gunicorn -c gunicorn.conf.py`` on ``--bind``),
with ``--workers`` (default 2 × cores + 1, gunicorn's usual figure) and ``--threads`` per
gthread worker. wrk, in a process of its own, keeps ``--connections`` connections busy for
``--seconds``, cycling through the 48 judged queries of ``benchmarks/relevance_judgments.py``:
first ``GET /api/v1/search?q=…`` on gunicorn, then ``POST /<alias>/_search`` on Elasticsearch
with the exact body the API sends for each query (``search_bench.search_body``). Each target
gets ``--warmup`` seconds of the same load first, not counted.

Rows: 2xx responses per second, wrk's latency p50 and p99, non-2xx responses and socket errors
(connect, read, write, timeout); the error rows are always printed, so a run with errors shows.
On one machine wrk, gunicorn and Elasticsearch share the cores: the ratio is the figure to read.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import urllib.parse

from elasticsearch import Elasticsearch

from benchmarks.arguments import add_corpus_arguments, positive_int
from benchmarks.indexed_corpus import ensure_indexed
from benchmarks.relevance_judgments import JUDGMENTS
from benchmarks.report import BenchResult, Row
from benchmarks.search_bench import DEFAULT_BIND, Gunicorn, search_body
from benchmarks.wrk import WRK, WrkRequest, WrkSummary, run_wrk
from catalog.settings import Settings
from catalog.stores.elasticsearch_client import es_hosts

NAME = "load"
HELP = "QPS and p50/p99 of /api/v1/search under wrk load against the same queries on raw Elasticsearch"
CORES = len(os.sched_getaffinity(0))
DEFAULT_WORKERS = 2 * CORES + 1
# gthread with gunicorn.conf.py's 4 threads: with 1 thread, a worker holds one kept-alive
# connection and the connections beyond the workers wait (measured on 2 cores, 8 connections:
# 5 × 1 gave 0.43× raw, 5 × 4 0.71×, 2 × 4 0.69×, 3 × 2 0.58×).
DEFAULT_THREADS = 4


def add_arguments(parser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument("--seconds", type=positive_int, default=20, help="timed seconds per target (default 20)")
    parser.add_argument("--connections", type=positive_int, default=8, help="connections wrk keeps busy (default 8)")
    # Long enough for every worker to have served a query: each builds jieba's dictionary then.
    parser.add_argument("--warmup", type=int, default=10, help="untimed seconds of load before each (default 10)")
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=DEFAULT_WORKERS,
        help=f"gunicorn workers (default 2 × {CORES} cores + 1 = {DEFAULT_WORKERS})",
    )
    parser.add_argument(
        "--threads",
        type=positive_int,
        default=DEFAULT_THREADS,
        help=f"threads per gthread worker (default {DEFAULT_THREADS})",
    )
    parser.add_argument(
        "--bind",
        default=os.environ.get("CATALOG_BIND", DEFAULT_BIND),
        help=f"where gunicorn listens (default {DEFAULT_BIND})",
    )


def catalog_requests(queries: list[str]) -> list[WrkRequest]:
    return [WrkRequest("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": q})) for q in queries]


def raw_requests(queries: list[str], alias: str, username: str, password: str) -> list[WrkRequest]:
    """The API's own ``_search`` bodies, POSTed as the app's Elasticsearch user."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    headers = {"Content-Type": "application/json", "Authorization": f"Basic {token}"}
    return [
        WrkRequest(
            "POST", f"/{urllib.parse.quote(alias)}/_search", headers, json.dumps(search_body(q), ensure_ascii=False)
        )
        for q in queries
    ]


def load_rows(catalog: WrkSummary, raw: WrkSummary) -> list[Row]:
    """The table: throughput and latency with ratios, then both error counts."""
    return [
        Row("throughput, 2xx responses", "req/s", catalog.ok_per_second, raw.ok_per_second),
        Row("latency p50", "ms", catalog.latency_ms("p50"), raw.latency_ms("p50")),
        Row("latency p99", "ms", catalog.latency_ms("p99"), raw.latency_ms("p99")),
        Row("non-2xx responses", "responses", catalog.non_2xx, raw.non_2xx),
        Row("socket errors", "errors", catalog.socket_errors, raw.socket_errors),
    ]


def error_notes(summaries: dict[str, WrkSummary]) -> list[str]:
    """One line per target that had errors: a table of fast failures must not read as a result."""
    return [
        f"{name}: {s.non_2xx} non-2xx responses and {s.socket_errors} socket errors "
        f"({', '.join(f'{k} {v}' for k, v in s.errors.items() if v)}) in {s.requests} requests"
        for name, s in summaries.items()
        if s.non_2xx or s.socket_errors
    ]


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    if not WRK.exists():
        raise SystemExit(f"load: {WRK} is missing (Debian's package wrk; scripts/bench installs it)")
    queries = list(JUDGMENTS)
    result = BenchResult(
        NAME,
        {
            "count": args.count,
            "seed": args.seed,
            "queries": len(queries),
            "seconds": args.seconds,
            "connections": args.connections,
            "workers": args.workers,
            "threads": args.threads,
        },
    )
    result.samples["corpus"] = ensure_indexed(settings, es, args.count, args.seed)
    targets = {
        "catalog": (f"http://{args.bind}", catalog_requests(queries)),
        "raw": (
            es_hosts(settings.es_url)[0],
            raw_requests(queries, settings.index_alias, settings.es_username, settings.es_password),
        ),
    }
    summaries: dict[str, WrkSummary] = {}
    print(f"starting gunicorn on {args.bind}: {args.workers} workers × {args.threads} threads", file=sys.stderr)
    with Gunicorn(args.bind, {"CATALOG_WORKERS": str(args.workers), "CATALOG_THREADS": str(args.threads)}):
        for name, (base_url, requests) in targets.items():
            if args.warmup:
                print(f"{name}: {args.warmup} s warm-up", file=sys.stderr)
                result.samples[f"{name}_warmup"] = run_wrk(base_url, requests, args.warmup, args.connections).as_dict()
            print(f"{name}: {args.seconds} s with {args.connections} connections", file=sys.stderr)
            summaries[name] = run_wrk(base_url, requests, args.seconds, args.connections)
    result.samples.update({name: summary.as_dict() for name, summary in summaries.items()})
    result.rows = load_rows(summaries["catalog"], summaries["raw"])
    result.notes = error_notes(summaries)
    return result
