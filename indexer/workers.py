"""Indexer workers: each claims province shards (a lease each) and syncs or loads them.

``--workers 1`` runs in the indexer's own process; more start that many processes (Python
spends a resource's time under the GIL, so threads alone cannot use a second core). Several
indexer instances may run at once: a shard held by one is waited for by the others, and taken
once it is released or expires (at once when its holder was a process on this host that is
gone); one still held after a lease's lifetime is left to its holder, and the run says so and fails.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from elasticsearch import ApiError, Elasticsearch, TransportError
from sqlalchemy.exc import SQLAlchemyError

from catalog.indexing.curation_overlay import Overlay
from catalog.settings import Settings
from catalog.stores.database import make_engine, make_sessions
from catalog.stores.elasticsearch_client import make_client
from catalog.stores.province_storage import ProvinceStorage
from indexer.heap_limits import limit_heap_growth
from indexer.leases import LEASE_SECONDS, LeaseLost, ShardLeases
from indexer.log_format import configure_logging
from indexer.rebuild import STORAGE_FAILURES, load_province
from indexer.run_report import ProvinceReport, RunReport, one_line
from indexer.sharding import ShardSet, shards_per_claim
from indexer.sync import sync_province
from indexer.withdrawal_brake import MassWithdrawalHeld, WithdrawalBrake

log = logging.getLogger(__name__)

Overlays = Mapping[str, Mapping[str, Overlay]]
# Storage and engine failures that stop one province's sync but not the others'.
PROVINCE_FAILURES = STORAGE_FAILURES + (ApiError, TransportError)
LEASE_POLL_SECONDS = 1.0


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
    brake: WithdrawalBrake = WithdrawalBrake()
    # How long to wait for shards another indexer holds: long enough for a killed one's to expire.
    lease_wait: float = LEASE_SECONDS + 5
    # A rebuild's serving alias, whose documents are copied or rebuilt rather than read from storage.
    reuse_from: str | None = None

    @classmethod
    def make(
        cls,
        settings: Settings,
        run: RunReport,
        target: str,
        *,
        provinces=None,
        workers: int,
        threads: int,
        brake: WithdrawalBrake | None = None,
        lease_wait: float | None = None,
    ) -> ShardPlan:
        codes = tuple(p.code for p in settings.provinces if not provinces or p.code in provinces)
        return cls(
            run.kind,
            target,
            run.run_id,
            codes,
            settings.indexer_shards,
            shards_per_claim(settings.indexer_shards, len(codes), workers),
            threads,
            brake or WithdrawalBrake(settings.indexer_max_withdrawal_percent),
            LEASE_SECONDS + 5 if lease_wait is None else lease_wait,
        )


def _do_part(
    es: Elasticsearch, plan: ShardPlan, storage: ProvinceStorage, shard_set: ShardSet, overlays, leases: ShardLeases
) -> ProvinceReport:
    report = ProvinceReport(shard_set.province, shards=sorted(shard_set.shards))
    options = dict(overlays=overlays, threads=plan.threads, shard_set=shard_set, check=leases.check)
    if plan.kind == "rebuild":
        try:
            load_province(es, plan.target, storage, report, reuse_from=plan.reuse_from, **options)
        except STORAGE_FAILURES + (LeaseLost,) as exc:
            report.finish(f"{type(exc).__name__}: {exc}")
        return report
    try:
        sync_province(es, plan.target, storage, report, brake=plan.brake, **options)
    except PROVINCE_FAILURES + (LeaseLost, MassWithdrawalHeld) as exc:
        log.error("province skipped", extra={"fields": {"province": shard_set.label(), "error": str(exc)}})
        report.finish(f"{type(exc).__name__}: {exc}")
        return report
    report.finish()
    return report


def _claims(leases: ShardLeases, plan: ShardPlan, code: str) -> Iterator[list[int]]:
    """Shards of ``code`` to work on, a claim at a time: free ones; those of a dead process on this
    host at once; those another indexer holds once it releases them or lets them expire, waiting
    up to ``plan.lease_wait`` seconds for them."""
    deadline = None
    while True:
        claimed = leases.claim(code, range(plan.shard_count), plan.per_claim)
        if not claimed:
            holders = leases.holders(code)
            if not holders:
                return
            claimed = leases.take_from_dead(code, holders, plan.per_claim)
        if claimed:
            yield claimed
            continue
        deadline = deadline or time.monotonic() + plan.lease_wait
        if time.monotonic() >= deadline:
            return
        log.info(
            "waiting for shards another indexer holds",
            extra={"fields": {"province": code, "holders": sorted(set(holders.values()))}},
        )
        time.sleep(LEASE_POLL_SECONDS)


def _left_to_others(code: str, holders: dict[int, str]) -> ProvinceReport:
    """The shards another indexer still holds: not synced by this run, which must say so."""
    left = ProvinceReport(code, held_elsewhere=[{"shard": s, "holder": h} for s, h in sorted(holders.items())])
    left.finish(
        f"shards {','.join(map(str, sorted(holders)))} were not synced: another indexer "
        f"({', '.join(sorted(set(holders.values())))}) still holds them; run again once it has finished"
    )
    log.error("shards left to another indexer", extra={"fields": {"province": code, "error": left.error}})
    return left


def work(
    settings: Settings, plan: ShardPlan, number: int, overlays: Overlays, es: Elasticsearch | None = None
) -> list[ProvinceReport]:
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
                for claimed in _claims(leases, plan, code):
                    try:
                        part = _do_part(
                            es,
                            plan,
                            storage,
                            ShardSet(code, frozenset(claimed), plan.shard_count),
                            overlays.get(code),
                            leases,
                        )
                    finally:
                        leases.release(code, claimed)
                    parts.append(part)
                    if part.status == "failed":
                        break  # its storage failed: the other shards would fail the same way
                elsewhere = leases.holders(code)
                if elsewhere:
                    parts.append(_left_to_others(code, elsewhere))
    finally:
        engine.dispose()
    return parts


def _work_in_child(settings: Settings, plan: ShardPlan, number: int, overlays: Overlays) -> list[ProvinceReport]:
    configure_logging()
    limit_heap_growth()
    try:
        return work(settings, plan, number, overlays)
    except PROVINCE_FAILURES + (SQLAlchemyError,) as exc:  # an outage, not a bug: one line says it
        log.error("worker failed", extra={"fields": {"worker": number, "error": one_line(exc)}})
        raise WorkerFailed(f"worker {number}: {one_line(exc)}") from None
    except BaseException as exc:
        log.exception("worker failed", extra={"fields": {"worker": number}})
        raise WorkerFailed(f"worker {number}: {type(exc).__name__}: {exc}") from None


def run_shards(
    settings: Settings, plan: ShardPlan, workers: int, overlays: Overlays, es: Elasticsearch
) -> list[ProvinceReport]:
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
