"""The indexer's commands as functions: ``sync`` and ``rebuild`` over every configured province.

Every run ends with a record and a one-line reason for a failure: an engine that went away
midway is reported like a province that failed, and the record waits in a local file until
the engine is back (``run_report_store.save_run_or_keep``).
"""

from __future__ import annotations

import dataclasses
import logging

from elasticsearch import ApiError, Elasticsearch
from sqlalchemy.exc import SQLAlchemyError

from catalog.indexing.curation_overlay import Overlay, load_overlays
from catalog.indexing.index_definition import MAPPINGS, concrete_index_name
from catalog.settings import Settings
from catalog.stores.database import make_engine, make_sessions
from catalog.stores.province_storage import ProvinceStorage
from indexer.leases import marked_as_building
from indexer.leftovers import alias_targets, clear_leftovers
from indexer.parallel import DEFAULT_THREADS
from indexer.rebuild import STORAGE_FAILURES, RebuildFailed, rebuild
from indexer.run_report import RunReport, one_line
from indexer.run_report_store import ENGINE_FAILURES, save_kept_runs, save_run_or_keep
from indexer.withdrawal_brake import WithdrawalBrake
from indexer.workers import ShardPlan, WorkerFailed, add_parts, run_shards

log = logging.getLogger(__name__)


def load_decisions(settings: Settings) -> dict[str, dict[str, Overlay]]:
    """Every province's review states, tags and featured flags from the catalog's database."""
    engine = make_engine(settings.database_url)
    try:
        with make_sessions(engine)() as session:
            return {province.code: load_overlays(session, province.code) for province in settings.provinces}
    finally:
        engine.dispose()


def add_new_fields(es: Elasticsearch, alias: str) -> None:
    """Fields the index definition gained reach the serving index at once (a mapping only grows;
    a change to an existing field needs a rebuild, and says so)."""
    try:
        es.indices.put_mapping(index=alias, properties=MAPPINGS["properties"])
    except ApiError as exc:
        log.error(
            "the serving index's mapping differs from the definition; run a rebuild",
            extra={"fields": {"alias": alias, "error": str(exc)}},
        )


def _tidy_up(es: Elasticsearch, settings: Settings) -> None:
    """Before any run: records of runs that found the engine down, and what interrupted rebuilds left."""
    kept = save_kept_runs(es, settings.index_alias)
    if kept:
        log.info("saved the records of earlier runs that found the engine down", extra={"fields": {"runs": kept}})
    engine = make_engine(settings.database_url)
    try:
        clear_leftovers(es, settings.index_alias, make_sessions(engine))
    finally:
        engine.dispose()


def _finish(es: Elasticsearch, settings: Settings, run: RunReport, codes=()) -> RunReport:
    if run.error:
        run.fail_unfinished(f"run failed: {run.error}", codes)
        log.error("run failed", extra={"fields": {"kind": run.kind, "error": run.error}})
    kept = save_run_or_keep(es, settings.index_alias, run)
    if kept:
        run.record_kept_in = str(kept)
    return run


def _stopped(run: RunReport, exc: Exception) -> None:
    if isinstance(exc, SQLAlchemyError):
        # Without the decisions, uploads awaiting review would be indexed as published; without the
        # leases, two indexers could write one shard: write nothing.
        run.error = f"the catalog database cannot be read, nothing more was indexed: {one_line(exc)}"
    elif isinstance(exc, ENGINE_FAILURES):
        run.error = f"Elasticsearch failed: {one_line(exc)}"
    else:
        run.error = one_line(exc)


def _codes(settings: Settings, provinces: list[str] | None = None) -> list[str]:
    return [p.code for p in settings.provinces if not provinces or p.code in provinces]


def run_sync(
    es: Elasticsearch,
    settings: Settings,
    *,
    provinces: list[str] | None = None,
    workers: int = 1,
    threads: int = DEFAULT_THREADS,
    allow_mass_withdrawal: bool = False,
    lease_wait: float | None = None,
) -> RunReport:
    """Sync each province (or its shards); one whose storage fails is reported and skipped, none of
    its documents deleted. Without an index yet, this is a rebuild."""
    run = RunReport("sync")
    try:
        _tidy_up(es, settings)
        if not alias_targets(es, settings.index_alias):
            log.info("alias %s does not exist yet: building it", settings.index_alias)
            return run_rebuild(
                es, settings, workers=workers, threads=threads, allow_mass_withdrawal=allow_mass_withdrawal
            )
        add_new_fields(es, settings.index_alias)
        brake = WithdrawalBrake(settings.indexer_max_withdrawal_percent, allowed=allow_mass_withdrawal)
        plan = ShardPlan.make(
            settings,
            run,
            settings.index_alias,
            provinces=provinces,
            workers=workers,
            threads=threads,
            brake=brake,
            lease_wait=lease_wait,
        )
        add_parts(run, plan, run_shards(settings, plan, workers, load_decisions(settings), es))
    except (SQLAlchemyError, WorkerFailed) + ENGINE_FAILURES as exc:
        _stopped(run, exc)
    return _finish(es, settings, run, _codes(settings, provinces))


def run_rebuild(
    es: Elasticsearch,
    settings: Settings,
    *,
    workers: int = 1,
    threads: int = DEFAULT_THREADS,
    allow_mass_withdrawal: bool = False,
    from_storage: bool = False,
) -> RunReport:
    """A new index from every province, caught up and checked, then one alias swap; on any
    failure the new index is dropped and the old one keeps serving. What the serving index
    already holds is reused unless ``from_storage`` (see ``rebuild_reuse``)."""
    run = RunReport("rebuild")
    engine = make_engine(settings.database_url)
    sessions = make_sessions(engine)
    try:
        _tidy_up(es, settings)
        overlays = load_decisions(settings)
        serving = alias_targets(es, settings.index_alias)
        reuse_from = settings.index_alias if serving and not from_storage else None

        def fill(index: str) -> None:
            plan = ShardPlan.make(settings, run, index, workers=workers, threads=threads)
            plan = dataclasses.replace(plan, reuse_from=reuse_from)
            add_parts(
                run, plan, run_shards(settings, plan, workers, overlays, es)
            )  # lease rows: see marked_as_building
            everything = set(range(plan.shard_count))
            for code in plan.provinces:
                report = next((r for r in run.provinces if r.province == code), None) or run.province(code)
                missing = everything - set(report.shards)
                if missing and report.status != "failed":  # a province no worker reached is "running"
                    report.finish(f"shards {sorted(missing)} were not loaded")

        new = concrete_index_name(settings.index_alias)
        with marked_as_building(sessions, new, run.run_id):
            rebuild(
                es,
                settings.index_alias,
                run,
                fill,
                new=new,
                storages={p.code: ProvinceStorage(p) for p in settings.provinces},
                decisions=lambda: load_decisions(settings),
                threads=threads,
                brake=WithdrawalBrake(settings.indexer_max_withdrawal_percent, allowed=allow_mass_withdrawal),
                shards=settings.index_shards,
                replicas=settings.index_replicas,
            )
    except RebuildFailed as exc:
        log.error("rebuild failed; the previous index keeps serving", extra={"fields": {"error": str(exc)}})
    except (SQLAlchemyError, WorkerFailed) + ENGINE_FAILURES + STORAGE_FAILURES as exc:
        _stopped(run, exc)
    finally:
        engine.dispose()
    return _finish(es, settings, run, _codes(settings))
