"""The indexer's commands as functions: ``sync`` and ``rebuild`` over every configured province."""
from __future__ import annotations

import logging

from elasticsearch import ApiError, Elasticsearch
from sqlalchemy.exc import SQLAlchemyError

from catalog.indexing.curation_overlay import Overlay, load_overlays
from catalog.indexing.index_definition import MAPPINGS
from catalog.settings import Settings
from catalog.stores.database import make_engine, make_sessions
from catalog.stores.province_storage import ProvinceStorage
from indexer.leases import forget_target
from indexer.parallel import DEFAULT_THREADS
from indexer.rebuild import RebuildFailed, alias_targets, rebuild
from indexer.run_report import RunReport
from indexer.run_report_store import save_run
from indexer.workers import ShardPlan, add_parts, run_shards

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
        log.error("the serving index's mapping differs from the definition; run a rebuild",
                  extra={"fields": {"alias": alias, "error": str(exc)}})


def _without_database(es: Elasticsearch, settings: Settings, run: RunReport, exc: Exception) -> RunReport:
    # Without the decisions, uploads awaiting review would be indexed as published; without the
    # leases, two indexers could write one shard: write nothing.
    run.error = f"the catalog database cannot be read, nothing was indexed: {type(exc).__name__}: {exc}"
    log.error("run stopped", extra={"fields": {"error": run.error}})
    save_run(es, settings.index_alias, run)
    return run


def run_sync(es: Elasticsearch, settings: Settings, *, provinces: list[str] | None = None, workers: int = 1,
             threads: int = DEFAULT_THREADS) -> RunReport:
    """Sync each province (or its shards); one whose storage fails is reported and skipped, none of
    its documents deleted. Without an index yet, this is a rebuild."""
    if not alias_targets(es, settings.index_alias):
        log.info("alias %s does not exist yet: building it", settings.index_alias)
        return run_rebuild(es, settings, workers=workers, threads=threads)
    add_new_fields(es, settings.index_alias)
    run = RunReport("sync")
    plan = ShardPlan.make(settings, run, settings.index_alias, provinces=provinces, workers=workers, threads=threads)
    try:
        parts = run_shards(settings, plan, workers, load_decisions(settings), es)
    except SQLAlchemyError as exc:
        return _without_database(es, settings, run, exc)
    add_parts(run, plan, parts)
    save_run(es, settings.index_alias, run)
    return run


def run_rebuild(es: Elasticsearch, settings: Settings, *, workers: int = 1, threads: int = DEFAULT_THREADS) -> RunReport:
    run = RunReport("rebuild")
    try:
        overlays = load_decisions(settings)
    except SQLAlchemyError as exc:
        return _without_database(es, settings, run, exc)

    def fill(index: str) -> None:
        plan = ShardPlan.make(settings, run, index, workers=workers, threads=threads)
        engine = make_engine(settings.database_url)
        try:
            add_parts(run, plan, run_shards(settings, plan, workers, overlays, es))
        finally:
            forget_target(make_sessions(engine), index)
            engine.dispose()
        everything = set(range(plan.shard_count))
        for code in plan.provinces:
            report = next((r for r in run.provinces if r.province == code), None) or run.province(code)
            missing = everything - set(report.shards)
            if missing and report.status != "failed":  # a province no worker reached is "running"
                report.finish(f"shards {sorted(missing)} were not loaded")

    try:
        rebuild(es, settings.index_alias, run, fill, storages={p.code: ProvinceStorage(p) for p in settings.provinces},
                shards=settings.index_shards, replicas=settings.index_replicas)
    except RebuildFailed as exc:
        log.error("rebuild failed; the previous index keeps serving", extra={"fields": {"error": str(exc)}})
    save_run(es, settings.index_alias, run)
    return run
