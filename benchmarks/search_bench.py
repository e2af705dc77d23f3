"""``search``: ``/api/v1/search`` through gunicorn against the raw query it sends.

gunicorn (``gunicorn -c gunicorn.conf.py``, bound to ``CATALOG_BIND``, default 127.0.0.1:8090,
with the bench stack's environment) serves the Flask app; the same judged queries
(``benchmarks/relevance_judgments.py``) are timed end to end over HTTP (urllib) and as the
body ``build_search(SearchRequest(q))`` sent straight to Elasticsearch with ``es.search``,
interleaved in the same rounds after a warm-up round. Wall time is measured in this process.
The corpus defaults to the judged one (count 2400, seed 7); ``--count``/``--seed`` pick another.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from elasticsearch import Elasticsearch

from benchmarks.arguments import add_corpus_arguments, positive_int
from benchmarks.indexed_corpus import ensure_indexed
from benchmarks.relevance_judgments import JUDGMENTS
from benchmarks.report import BenchResult, Row
from catalog.search.query_builder import SearchRequest, build_search
from catalog.search.service import request_kwargs
from catalog.settings import Settings

NAME = "search"
HELP = "p50/p95 latency of /api/v1/search via gunicorn against the raw Elasticsearch query"
DEFAULT_BIND = "127.0.0.1:8090"
ROOT = Path(__file__).resolve().parent.parent


def add_arguments(parser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument("--rounds", type=positive_int, default=20, help="timed rounds over every query (default 20)")
    parser.add_argument(
        "--bind",
        default=os.environ.get("CATALOG_BIND", DEFAULT_BIND),
        help=f"where gunicorn listens (default {DEFAULT_BIND})",
    )


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` in 0..1)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


class Gunicorn:
    """``gunicorn -c gunicorn.conf.py`` as a child, started and stopped by this benchmark."""

    def __init__(self, bind: str, environment: dict[str, str] | None = None):
        self.bind = bind
        self.environment = environment or {}
        self.base = f"http://{bind}"
        self.log = tempfile.TemporaryFile()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        command = [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"]
        env = {**os.environ, **self.environment, "CATALOG_BIND": self.bind}
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited {self.process.returncode}:\n{self._tail()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer /healthz on {self.bind} within 60 s:\n{self._tail()}")

    def _tail(self) -> str:
        self.log.seek(0)
        return "\n".join(self.log.read().decode(errors="replace").splitlines()[-20:])

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def search(self, query: str) -> float:
        """Seconds for one ``GET /api/v1/search?q=…`` read to the end; the hit count is checked."""
        url = f"{self.base}/api/v1/search?" + urllib.parse.urlencode({"q": query})
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read()
        seconds = time.perf_counter() - started
        json.loads(body)["total"]
        return seconds


def search_body(query: str) -> dict:
    """The ``_search`` body that ``GET /api/v1/search?q=<query>`` sends to Elasticsearch."""
    return build_search(SearchRequest(q=query))


def raw_search(es: Elasticsearch, alias: str, body: dict) -> float:
    started = time.perf_counter()
    es.search(index=alias, **request_kwargs(body))
    return time.perf_counter() - started


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    queries = list(JUDGMENTS)
    result = BenchResult(
        NAME,
        {"count": args.count, "seed": args.seed, "queries": len(queries), "rounds": args.rounds, "bind": args.bind},
    )
    result.samples["corpus"] = ensure_indexed(settings, es, args.count, args.seed)
    bodies = {q: search_body(q) for q in queries}
    timings = {"catalog": {q: [] for q in queries}, "raw": {q: [] for q in queries}}
    print(f"starting gunicorn on {args.bind}", file=sys.stderr)
    with Gunicorn(args.bind) as server:
        for round_number in range(args.rounds + 1):  # round 0 is the warm-up
            if round_number == 0:
                print("warm-up round", file=sys.stderr)
            for query in queries:
                catalog_s = server.search(query)
                raw_s = raw_search(es, settings.index_alias, bodies[query])
                if round_number:
                    timings["catalog"][query].append(catalog_s * 1000)
                    timings["raw"][query].append(raw_s * 1000)
    result.samples["ms"] = timings
    every = {name: [t for values in per.values() for t in values] for name, per in timings.items()}
    result.samples["requests"] = {name: len(values) for name, values in every.items()}
    result.rows = [
        Row("search p50", "ms", percentile(every["catalog"], 0.50), percentile(every["raw"], 0.50)),
        Row("search p95", "ms", percentile(every["catalog"], 0.95), percentile(every["raw"], 0.95)),
        Row("search mean", "ms", statistics.fmean(every["catalog"]), statistics.fmean(every["raw"])),
        Row("search max", "ms", max(every["catalog"]), max(every["raw"])),
    ]
    return result
