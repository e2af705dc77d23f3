"""``scripts/bench all --smoke`` on a tiny corpus, exactly as a deployer would run it at scale:
its own stack, every benchmark, every ratio printed, no failed request."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]


def test_every_benchmark_runs_and_reports_its_ratios():
    results = ROOT / "bench-results"
    before = set(results.glob("all-*.json"))
    # Without the test stack's settings: scripts/bench sets up its own.
    env = {name: value for name, value in os.environ.items() if not name.startswith("CATALOG_")}
    finished = subprocess.run(
        [str(ROOT / "scripts" / "bench"), "all", "--count", "60", "--index-workers", "2", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    (written,) = set(results.glob("all-*.json")) - before
    report = json.loads(written.read_text(encoding="utf-8"))
    parts = {part["benchmark"]: part for part in report["parts"]}
    assert list(parts) == ["index", "search", "relevance", "load"]
    rows = {(name, row["metric"], row["unit"]): row for name, part in parts.items() for row in part["rows"]}
    for key in [
        ("index", "cold rebuild (--from-storage), 2 workers", "docs/s"),
        ("index", "warm rebuild (nothing changed), 2 workers", "docs/s"),
        ("index", "format-changed rebuild, 2 workers", "docs/s"),
        ("index", "no-change sync vs listing", "s"),
        ("index", "no-change sync vs the catalog's own listing", "s"),
        ("search", "search p50", "ms"),
        ("search", "search p95", "ms"),
        ("load", "throughput, 2xx responses", "req/s"),
        ("load", "latency p99", "ms"),
    ]:
        assert rows[key]["catalog"] > 0 and rows[key]["raw"] > 0 and rows[key]["ratio"] > 0, key
    assert rows[("index", "peak RSS, sync", "MiB")]["catalog"] > 0
    cpu_ms = {
        kind: rows[("index", f"indexer CPU, {kind} rebuild with 2, per resource", "ms")]["catalog"]
        for kind in ("cold", "warm")
    }
    assert cpu_ms["cold"] > cpu_ms["warm"] > 0  # reading and extracting every file costs more than copying
    for errors in (("load", "non-2xx responses", "responses"), ("load", "socket errors", "errors")):
        assert (rows[errors]["catalog"], rows[errors]["raw"]) == (0, 0)
    assert parts["relevance"]["parameters"] == {"skipped": True}
    assert "warm rebuild (nothing changed), 2 workers (docs/s)" in finished.stdout  # the table a deployer reads
