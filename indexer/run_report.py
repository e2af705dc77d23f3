"""What one indexer run did, per province: counts, rejects, file problems, unmapped values."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime


def one_line(exc: BaseException, limit: int = 400) -> str:
    """An exception as one line a log reader can take in (an engine error's text can run to pages)."""
    text = " ".join(str(exc).split()) or "no details"
    text = f"{type(exc).__name__}: {text}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def now_iso() -> str:
    # Milliseconds: two runs finishing in one second must still sort (latest_runs).
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class ProvinceReport:
    province: str
    status: str = "running"  # ok | failed
    error: str | None = None
    listed: int = 0  # folders holding a resource.json
    indexed: int = 0  # documents written (new or changed)
    unchanged: int = 0
    deleted: int = 0
    rejected: list[dict] = field(default_factory=list)  # {"key", "reasons"}
    file_problems: list[dict] = field(default_factory=list)  # {"key", "reason"}
    write_errors: list[dict] = field(default_factory=list)  # {"id", "reason"}
    unmapped: Counter = field(default_factory=Counter)
    # documents written, by how each was made: copied (from the serving index), rebuilt (from what the
    # serving document kept, without storage), loaded (from storage)
    made: Counter = field(default_factory=Counter)
    shards: list[int] = field(default_factory=list)  # the province shards this report covers
    # shards this run left to another indexer that held them: {"shard", "holder"}
    held_elsewhere: list[dict] = field(default_factory=list)
    started_at: str = field(default_factory=now_iso)
    finished_at: str | None = None

    def reject(self, key: str, reasons: list[str]) -> None:
        self.rejected.append({"key": key, "reasons": reasons})

    def finish(self, error: str | None = None) -> None:
        self.status = "failed" if error else "ok"
        self.error = error
        self.finished_at = now_iso()

    def absorb(self, part: ProvinceReport) -> None:
        """Add the report of one part of this province (some of its shards, done by one worker)."""
        for name in ("listed", "indexed", "unchanged", "deleted"):
            setattr(self, name, getattr(self, name) + getattr(part, name))
        for name in ("shards", "rejected", "file_problems", "write_errors", "held_elsewhere"):
            getattr(self, name).extend(getattr(part, name))
        self.unmapped.update(part.unmapped)
        self.made.update(part.made)
        self.started_at = min(self.started_at, part.started_at)
        if part.status == "failed":
            self.error = "; ".join(filter(None, [self.error, part.error]))

    def as_dict(self) -> dict:
        data = asdict(self)
        data["unmapped"] = dict(self.unmapped.most_common())
        data["made"] = dict(self.made)
        return data


@dataclass
class RunReport:
    kind: str  # sync | rebuild
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    started_at: str = field(default_factory=now_iso)
    provinces: list[ProvinceReport] = field(default_factory=list)
    error: str | None = None  # a failure of the run as a whole (e.g. a rebuild that was rolled back)
    catch_up_seconds: float | None = None  # a rebuild's catch-up with storage, before and after the swap
    record_kept_in: str | None = None  # the local file holding the record while the engine is down

    def fail_unfinished(self, error: str, codes=()) -> None:
        """Provinces (of ``codes`` too) a failure of the whole run stopped midway or before they
        began are failed with it, so each has a record."""
        for code in codes:
            if not any(report.province == code for report in self.provinces):
                self.province(code)
        for report in self.provinces:
            if report.status == "running":
                report.finish(error)

    def province(self, code: str) -> ProvinceReport:
        report = ProvinceReport(code)
        self.provinces.append(report)
        return report

    @property
    def ok(self) -> bool:
        return self.error is None and all(p.status == "ok" for p in self.provinces)

    def summary_lines(self) -> list[str]:
        lines = []
        for p in self.provinces:
            line = (
                f"{p.province}: {p.status} listed={p.listed} indexed={p.indexed} unchanged={p.unchanged} "
                f"deleted={p.deleted} rejected={len(p.rejected)} file_problems={len(p.file_problems)} "
                f"unmapped={sum(p.unmapped.values())}"
            )
            if self.kind == "rebuild":  # how much of the serving index it could reuse
                line += (
                    f" copied={p.made['copied']} rebuilt_from_index={p.made['rebuilt']}"
                    f" loaded_from_storage={p.made['loaded']}"
                )
            if p.held_elsewhere:
                line += f" left_to_another_indexer={len(p.held_elsewhere)}_shards"
            lines.append(line + (f" error={p.error}" if p.error else ""))
        if self.catch_up_seconds is not None:
            lines.append(f"caught up with storage changes made during the rebuild in {self.catch_up_seconds:.2f} s")
        if self.error:
            lines.append(f"run failed: {self.error}")
        if self.record_kept_in:
            lines.append(
                f"the run record could not be saved in Elasticsearch; it waits in {self.record_kept_in} "
                f"and the next run saves it"
            )
        return lines
