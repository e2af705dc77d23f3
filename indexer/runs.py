"""The indexer's commands as functions: ``sync`` and ``rebuild`` over every configured province."""
from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import ApiError, Elasticsearch, TransportError
from sqlalchemy.exc import SQLAlchemyError

from catalog.curation_overlay import Overlay, load_overlays
from catalog.database import make_engine, make_sessions
from catalog.province_storage import ListingCutShort, ProvinceStorage
from catalog.settings import Settings
from indexer.folders import ListingOutOfOrder
from indexer.parallel import DEFAULT_WORKERS
from indexer.rebuild import RebuildFailed, alias_targets, rebuild
from indexer.run_report import RunReport
from indexer.run_store import save_run
from indexer.sync import sync_province

log = logging.getLogger(__name__)

# Storage and engine failures that stop one province's sync but not the others'.
PROVINCE_FAILURES = (BotoCoreError, ClientError, ListingCutShort, ListingOutOfOrder, ApiError, TransportError)


def load_decisions(settings: Settings) -> dict[str, dict[str, Overlay]]:
    """Every province's review states, tags and featured flags from the catalog's database."""
    engine = make_engine(settings.database_url)
    try:
        with make_sessions(engine)() as session:
            return {province.code: load_overlays(session, province.code) for province in settings.provinces}
    finally:
        engine.dispose()


def _without_decisions(es: Elasticsearch, settings: Settings, run: RunReport, exc: Exception) -> RunReport:
    # Without the decisions, uploads awaiting review would be indexed as published: write nothing.
    run.error = f"the catalog database cannot be read, nothing was indexed: {type(exc).__name__}: {exc}"
    log.error("run stopped", extra={"fields": {"error": run.error}})
    save_run(es, settings.index_alias, run)
    return run


def run_sync(es: Elasticsearch, settings: Settings, *, provinces: list[str] | None = None, workers: int = DEFAULT_WORKERS) -> RunReport:
    """Sync each province in turn; one whose storage fails is reported and skipped, none of its
    documents deleted. Without an index yet, this is a rebuild."""
    if not alias_targets(es, settings.index_alias):
        log.info("alias %s does not exist yet: building it", settings.index_alias)
        return run_rebuild(es, settings, workers=workers)
    run = RunReport("sync")
    try:
        overlays = load_decisions(settings)
    except SQLAlchemyError as exc:
        return _without_decisions(es, settings, run, exc)
    for province in settings.provinces:
        if provinces and province.code not in provinces:
            continue
        report = run.province(province.code)
        try:
            sync_province(es, settings.index_alias, ProvinceStorage(province), report,
                          overlays=overlays.get(province.code), workers=workers)
        except PROVINCE_FAILURES as exc:
            log.error("province skipped", extra={"fields": {"province": province.code, "error": str(exc)}})
            report.finish(f"{type(exc).__name__}: {exc}")
            continue
        report.finish()
    save_run(es, settings.index_alias, run)
    return run


def run_rebuild(es: Elasticsearch, settings: Settings, *, workers: int = DEFAULT_WORKERS) -> RunReport:
    run = RunReport("rebuild")
    storages = [ProvinceStorage(p) for p in settings.provinces]
    try:
        overlays = load_decisions(settings)
    except SQLAlchemyError as exc:
        return _without_decisions(es, settings, run, exc)
    try:
        rebuild(es, settings.index_alias, storages, run, overlays=overlays, shards=settings.index_shards,
                replicas=settings.index_replicas, workers=workers)
    except RebuildFailed as exc:
        log.error("rebuild failed; the previous index keeps serving", extra={"fields": {"error": str(exc)}})
    save_run(es, settings.index_alias, run)
    return run
