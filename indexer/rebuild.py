"""Full rebuild: a new concrete index filled from the listings, checked, then one alias swap."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from elasticsearch import ApiError, Elasticsearch, TransportError

from catalog.indexing.curation_overlay import Overlay
from catalog.indexing.index_definition import concrete_index_name, index_body
from catalog.indexing.resource_loader import ResourceLoader
from catalog.stores.province_storage import ProvinceStorage
from indexer.catch_up import RebuildFailed, catch_up, catch_up_after_swap, confirm_dropped
from indexer.folder_indexing import STORAGE_FAILURES, index_folders
from indexer.leftovers import alias_targets
from indexer.old_index import drop_old_indices, reads_in_flight
from indexer.parallel import DEFAULT_THREADS
from indexer.progress import Progress
from indexer.run_report import ProvinceReport, RunReport, one_line
from indexer.sharding import ShardSet
from indexer.sync import folders_of
from indexer.withdrawal_brake import WithdrawalBrake

log = logging.getLogger(__name__)

__all__ = ["STORAGE_FAILURES", "RebuildFailed", "alias_targets", "load_province", "rebuild"]

Overlays = Mapping[str, Mapping[str, Overlay]]


def load_province(
    es: Elasticsearch,
    index: str,
    storage: ProvinceStorage,
    report: ProvinceReport,
    *,
    overlays: Mapping[str, Overlay] | None = None,
    threads: int = DEFAULT_THREADS,
    shard_set: ShardSet | None = None,
    check=lambda: None,
    reuse_from: str | None = None,
) -> None:
    """Load every resource of the province (of ``shard_set``, else all) into a new ``index``; with
    ``reuse_from`` (the serving alias), what its documents already hold is not read again from storage.

    A storage failure finishes ``report`` as failed and raises: the rebuild must not go on.
    """
    shard_set = shard_set or ShardSet.whole(storage.province.code)
    progress = Progress(f"rebuild {shard_set.label()}")
    try:
        folders = folders_of(storage, shard_set, check)

        def counted(items):
            for folder in items:
                if folder.resource_json is not None:
                    report.listed += 1
                    yield folder, None

        loader = ResourceLoader(storage, overlays=overlays)
        index_folders(es, index, loader, counted(folders), report, progress, threads=threads, reuse_from=reuse_from)
    except STORAGE_FAILURES as exc:
        report.finish(f"{type(exc).__name__}: {exc}")
        raise
    finally:
        progress.close()
    report.finish()


def _drop_new_index(es: Elasticsearch, new: str) -> None:
    try:
        es.options(ignore_status=404).indices.delete(index=new)
    except (ApiError, TransportError) as exc:  # the engine is down: the next run drops it
        log.error("could not drop the new index %s: %s", new, exc)


def rebuild(
    es: Elasticsearch,
    alias: str,
    run: RunReport,
    fill: Callable[[str], None],
    *,
    new: str | None = None,
    storages: Mapping[str, ProvinceStorage] | None = None,
    decisions: Callable[[], Overlays] = dict,
    brake: WithdrawalBrake | None = None,
    threads: int = DEFAULT_THREADS,
    shards: int = 1,
    replicas: int = 0,
) -> str:
    """Rebuild the whole index into ``new`` (a fresh name by default); return its name.

    ``fill(new_index)`` loads every province into the new index and adds their reports to
    ``run``. Any province that could not be loaded completely fails the rebuild: a partial
    index never replaces a complete one. With ``storages``, the new index then catches up with
    what changed while it loaded (``decisions()`` gives the catalog's decisions as they are
    now), and each resource the old index has and the new one lacks is checked in its storage
    and against ``brake`` before the swap; once the new index serves, one more pass syncs it with
    what was stored or decided after the catch-up's listing.
    """
    started = time.time()
    old = alias_targets(es, alias)
    new = new or concrete_index_name(alias)
    es.indices.create(index=new, **index_body(shards=shards, for_bulk_load=True))
    try:
        fill(new)
        failed = [report for report in run.provinces if report.status != "ok"]
        if failed:
            raise RebuildFailed(
                "; ".join(f"province {report.province} could not be loaded: {report.error}" for report in failed)
            )
        es.indices.put_settings(index=new, settings={"refresh_interval": "1s", "number_of_replicas": replicas})
        es.indices.refresh(index=new)
        _reconcile(es, new, run)
        if storages:
            overlays = decisions()
            seconds = catch_up(es, new, storages, run, overlays, threads=threads)
            log.info("rebuild caught up with storage", extra={"fields": {"seconds": seconds, "index": new}})
            if old:
                confirm_dropped(
                    es,
                    alias,
                    new,
                    storages,
                    run,
                    brake=brake or WithdrawalBrake(),
                    loaded_since=started,
                    overlays=overlays,
                )
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": new, "alias": alias}})
        es.indices.update_aliases(actions=actions)
    except BaseException as exc:
        run.error = run.error or one_line(exc)
        _drop_new_index(es, new)
        raise
    swapped_at = time.monotonic()
    in_flight = reads_in_flight(es) if old else None
    if storages:  # what was stored or decided between the catch-up's listing and the swap
        seconds = catch_up_after_swap(
            es, new, storages, run, decisions, brake=brake or WithdrawalBrake(), threads=threads
        )
        log.info("rebuild caught up after the swap", extra={"fields": {"seconds": seconds, "index": new}})
    drop_old_indices(es, old, in_flight, swapped_at=swapped_at)
    return new


def _reconcile(es: Elasticsearch, index: str, run: RunReport) -> None:
    """Every listed resource is indexed, rejected or gone; the index holds exactly the indexed ones."""
    for report in run.provinces:
        accounted = report.indexed + len(report.rejected) + len(report.write_errors) + report.deleted
        if accounted != report.listed:
            raise RebuildFailed(
                f"province {report.province}: listed {report.listed} resources, accounted for {accounted}"
            )
    expected = sum(report.indexed for report in run.provinces)
    counted = es.count(index=index)["count"]
    if counted != expected:
        raise RebuildFailed(f"new index holds {counted} documents, {expected} were written")
