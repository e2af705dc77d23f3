"""The benchmark table and JSON: ratios, formatting and the written file (no services)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

# benchmarks/ is not installed; setup.cfg's pytest pythonpath puts the repository root on sys.path.
from benchmarks.report import BenchResult, Row, format_table, ratio, write_json


def _result() -> BenchResult:
    return BenchResult(
        "index",
        {"count": 2400, "seed": 7, "repeat": 1},
        rows=[
            Row("rebuild", "docs/s", 40.0, 400.0),
            Row("no-change sync vs listing", "s", 3.0, 0.5),
            Row("peak RSS, rebuild", "MiB", 180.5),
        ],
        samples={"rebuild_s": [59.7]},
        environment={"elasticsearch": "9.x"},
        started_at=datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
    )


def test_ratio_is_catalog_over_raw():
    assert ratio(40.0, 400.0) == pytest.approx(0.1)
    assert ratio(3.0, 0.5) == pytest.approx(6.0)
    assert Row("rebuild", "docs/s", 50.0, 200.0).ratio == pytest.approx(0.25)


def test_ratio_is_absent_without_a_baseline():
    assert ratio(180.5, None) is None
    assert ratio(1.0, 0.0) is None
    assert Row("peak RSS", "MiB", 180.5).ratio is None


def test_table_shows_each_row_with_its_ratio():
    lines = format_table(_result()).splitlines()
    assert lines[0] == "index — count=2400, seed=7, repeat=1"
    assert lines[1].split() == ["metric", "catalog", "raw", "ratio"]
    assert lines[3].split() == ["rebuild", "(docs/s)", "40.00", "400", "0.10×"]
    assert lines[4].endswith("3.00  0.50  6.00×")
    assert lines[5].split()[-3:] == ["180", "—", "—"]  # whole numbers from 100 up
    # Right-aligned numbers: every data line is as wide as the header's columns allow.
    assert len({len(line) for line in lines[1:5]}) == 1


def test_json_is_written_under_the_stamp_with_every_figure(tmp_path):
    path = write_json(_result(), tmp_path / "bench-results")
    assert path == tmp_path / "bench-results" / "index-20250304T050607Z.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"benchmark", "stamp", "parameters", "environment", "rows", "samples"}
    assert data["stamp"] == "20250304T050607Z"
    assert data["rows"][0] == {
        "metric": "rebuild",
        "unit": "docs/s",
        "catalog": 40.0,
        "raw": 400.0,
        "ratio": pytest.approx(0.1),
    }
    assert data["rows"][2]["raw"] is None and data["rows"][2]["ratio"] is None
    assert data["samples"] == {"rebuild_s": [59.7]}
