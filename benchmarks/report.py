"""A benchmark's figures: rows of (metric, catalog, raw, ratio), printed as a table and kept as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS_DIR = Path("bench-results")


def ratio(catalog: float | None, raw: float | None) -> float | None:
    """catalog / raw, or None when there is no baseline to compare with."""
    if catalog is None or not raw:
        return None
    return catalog / raw


@dataclass(frozen=True)
class Row:
    """One measured figure; ``raw`` is the baseline (None when there is none)."""

    metric: str
    unit: str
    catalog: float
    raw: float | None = None

    @property
    def ratio(self) -> float | None:
        return ratio(self.catalog, self.raw)

    def as_dict(self) -> dict:
        return {"metric": self.metric, "unit": self.unit, "catalog": self.catalog, "raw": self.raw, "ratio": self.ratio}


@dataclass
class BenchResult:
    """What one benchmark run measured: the table's rows plus every sample and its settings.

    ``notes`` are printed under the table (errors, a skipped benchmark); ``parts`` are the
    results of a run of several benchmarks (``all``), each printed as its own table.
    """

    benchmark: str
    parameters: dict
    rows: list[Row] = field(default_factory=list)
    samples: dict = field(default_factory=dict)
    environment: dict = field(default_factory=dict)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    notes: list[str] = field(default_factory=list)
    parts: list[BenchResult] = field(default_factory=list)

    @property
    def stamp(self) -> str:
        return f"{self.started_at:%Y%m%dT%H%M%SZ}"

    def as_dict(self) -> dict:
        data = {
            "benchmark": self.benchmark,
            "stamp": self.stamp,
            "parameters": self.parameters,
            "environment": self.environment,
            "rows": [row.as_dict() for row in self.rows],
            "samples": self.samples,
        }
        if self.notes:
            data["notes"] = self.notes
        if self.parts:
            data["parts"] = [part.as_dict() for part in self.parts]
        return data


def _figure(value: float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):  # a count (errors, queries) reads as a count
        return f"{value:,}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def format_table(result: BenchResult) -> str:
    """A plain-text table: metric (unit), catalog, raw, ratio (catalog / raw); then the notes.

    A result made of parts is each part's table in turn.
    """
    if result.parts:
        return "\n\n".join(format_table(part) for part in result.parts)
    header = ("metric", "catalog", "raw", "ratio")
    lines = [
        (
            f"{row.metric} ({row.unit})",
            _figure(row.catalog),
            _figure(row.raw),
            "—" if row.ratio is None else f"{row.ratio:.2f}×",
        )
        for row in result.rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(4)]

    def render(cells) -> str:
        first, *rest = cells
        return "  ".join([first.ljust(widths[0]), *(c.rjust(w) for c, w in zip(rest, widths[1:]))]).rstrip()

    title = f"{result.benchmark} — " + ", ".join(f"{k}={v}" for k, v in result.parameters.items())
    rule = "  ".join("-" * w for w in widths)
    table = [render(header), rule, *(render(line) for line in lines)] if lines else []
    return "\n".join([title, *table, *(f"note: {note}" for note in result.notes)])


def write_json(result: BenchResult, directory: Path = RESULTS_DIR) -> Path:
    """Write ``<directory>/<benchmark>-<UTC stamp>.json`` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{result.benchmark}-{result.stamp}.json"
    path.write_text(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
