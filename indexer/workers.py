"""Indexer workers: each claims province shards (a lease each) and syncs or loads them.

``--workers 1`` runs in the indexer's own process; more start that many processes (Python
spends a resource's time under the GIL, so threads alone cannot use a second core). Several
indexer instances may run at once: a shard held by one is left to it by the others.
"""
from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from elasticsearch import ApiError, Elasticsearch, TransportError

from catalog.indexing.curation_overlay import Overlay
from catalog.settings import Settings
from catalog.stores.database import make_engine, make_sessions
from catalog.stores.elasticsearch_client import make_client
from catalog.stores.province_storage import ProvinceStorage
from indexer.leases import LeaseLost, ShardLeases
from indexer.log_format import configure_logging
from indexer.rebuild import STORAGE_FAILURES, load_province
from indexer.run_report import ProvinceReport, RunReport
from indexer.sharding import ShardSet, shards_per_claim
from indexer.sync import sync_province

log = logging.getLogger(__name__)

Overlays = Mapping[str, Mapping[str, Overlay]]
# Storage and engine failures that stop one province's sync but not the others'.
PROVINCE_FAILURES = STORAGE_FAILURES + (ApiError, TransportError)


class WorkerFailed(RuntimeError):
    """A worker process stopped with an error (its own exception may not survive pickling)."""


@dataclass(frozen=True)
class ShardPlan:
    kind: str  # sync | rebuild
    target: str  # the alias a sync writes through, or the new concrete index a rebuild fills
    run_id: str
    provinces: tuple[str, ...]
    shard_count: int
    per_claim: int
    threads: int

    @classmethod
    def make(cls, settings: Settings, run: RunReport, target: str, *, provinces=None, workers: int,
             threads: int) -> ShardPlan:
        codes = tuple(p.code for p in settings.provinces if not provinces or p.code in provinces)
        return cls(run.kind, target, run.run_id, codes, settings.indexer_shards,
                   shards_per_claim(settings.indexer_shards, len(codes), workers), threads)


def _do_part(es: Elasticsearch, plan: ShardPlan, storage: ProvinceStorage, shard_set: ShardSet,
             overlays, leases: ShardLeases) -> ProvinceReport:
    report = ProvinceReport(shard_set.province, shards=sorted(shard_set.shards))
    options = dict(overlays=overlays, threads=plan.threads, shard_set=shard_set, check=leases.check)
    if plan.kind == "rebuild":
        try:
            load_province(es, plan.target, storage, report, **options)
        except STORAGE_FAILURES + (LeaseLost,) as exc:
            report.finish(f"{type(exc).__name__}: {exc}")
        return report
    try:
        sync_province(es, plan.target, storage, report, **options)
    except PROVINCE_FAILURES + (LeaseLost,) as exc:
        log.error("province skipped", extra={"fields": {"province": shard_set.label(), "error": str(exc)}})
        report.finish(f"{type(exc).__name__}: {exc}")
        return report
    report.finish()
    return report


def work(settings: Settings, plan: ShardPlan, number: int, overlays: Overlays,
         es: Elasticsearch | None = None) -> list[ProvinceReport]:
    """Worker ``number``: claim shards province by province until none is left; a report per part."""
    es = es or make_client(settings, request_timeout=max(settings.es_timeout, 60))
    engine = make_engine(settings.database_url)
    parts: list[ProvinceReport] = []
    try:
        leases = ShardLeases(make_sessions(engine), plan.target, plan.run_id)
        # Workers start on different provinces, so two workers on two provinces list each once.
        start = number % len(plan.provinces) if plan.provinces else 0
        with leases.renewing():
            for code in plan.provinces[start:] + plan.provinces[:start]:
                storage = ProvinceStorage(settings.province(code))
                while claimed := leases.claim(code, range(plan.shard_count), plan.per_claim):
                    try:
                        part = _do_part(es, plan, storage, ShardSet(code, frozenset(claimed), plan.shard_count),
                                        overlays.get(code), leases)
                    finally:
                        leases.release(code, claimed)
                    parts.append(part)
                    if part.status == "failed":
                        break  # its storage failed: the other shards would fail the same way
                elsewhere = leases.holders(code)
                if elsewhere:
                    left = ProvinceReport(code, held_elsewhere=[{"shard": s, "holder": h} for s, h in sorted(elsewhere.items())])
                    left.finish()
                    parts.append(left)
    finally:
        engine.dispose()
    return parts


def _work_in_child(settings: Settings, plan: ShardPlan, number: int, overlays: Overlays) -> list[ProvinceReport]:
    configure_logging()
    try:
        return work(settings, plan, number, overlays)
    except BaseException as exc:
        log.exception("worker failed", extra={"fields": {"worker": number}})
        raise WorkerFailed(f"worker {number}: {type(exc).__name__}: {exc}") from None


def run_shards(settings: Settings, plan: ShardPlan, workers: int, overlays: Overlays,
               es: Elasticsearch) -> list[ProvinceReport]:
    """Every part report of the plan's work, done by ``workers`` workers."""
    if workers <= 1:
        return work(settings, plan, 0, overlays, es)
    # spawn, not fork: the parent holds client connections and threads that must not be copied.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_work_in_child, settings, plan, number, overlays) for number in range(workers)]
        return [part for future in futures for part in future.result()]


def add_parts(run: RunReport, plan: ShardPlan, parts: list[ProvinceReport]) -> None:
    """One report per province in ``run``, summing its parts."""
    for code in plan.provinces:
        mine = [part for part in parts if part.province == code]
        if not mine:
            continue
        report = run.province(code)
        for part in mine:
            report.absorb(part)
        report.finish(report.error)
