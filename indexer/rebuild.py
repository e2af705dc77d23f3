"""Full rebuild: a new concrete index filled from the listings, checked, then one alias swap."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import Elasticsearch

from catalog.indexing.curation_overlay import Overlay
from catalog.indexing.index_definition import concrete_index_name, index_body, is_concrete_index_of
from catalog.indexing.resource_folders import ListingOutOfOrder
from catalog.indexing.resource_loader import ResourceLoader
from catalog.stores.province_storage import ListingCutShort, ProvinceStorage
from indexer.folder_indexing import index_folders
from indexer.parallel import DEFAULT_THREADS
from indexer.progress import Progress
from indexer.run_report import ProvinceReport, RunReport
from indexer.sharding import ShardSet
from indexer.sync import confirmed_withdrawals, folders_of, indexed_ids

log = logging.getLogger(__name__)


OLD_INDEX_GRACE_SECONDS = 2
STORAGE_FAILURES = (BotoCoreError, ClientError, ListingCutShort, ListingOutOfOrder)


class RebuildFailed(RuntimeError):
    """The new index was not complete; it was dropped and the old one keeps serving."""


def alias_targets(es: Elasticsearch, alias: str) -> list[str]:
    if not es.indices.exists_alias(name=alias):
        return []
    return sorted(es.indices.get_alias(name=alias))


def drop_orphans(es: Elasticsearch, alias: str, keep: set[str]) -> list[str]:
    """Delete concrete indices of ``alias`` left behind by an interrupted rebuild."""
    orphans = [name for name in es.indices.get(index=f"{alias}-*", expand_wildcards="open,closed")
               if is_concrete_index_of(alias, name) and name not in keep]
    for name in orphans:
        log.warning("dropping orphan index %s", name)
        es.indices.delete(index=name)
    return orphans


def load_province(es: Elasticsearch, index: str, storage: ProvinceStorage, report: ProvinceReport, *,
                  overlays: Mapping[str, Overlay] | None = None, threads: int = DEFAULT_THREADS,
                  shard_set: ShardSet | None = None, check=lambda: None) -> None:
    """Load every resource of the province (of ``shard_set``, else all) into a new ``index``.

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

        index_folders(es, index, ResourceLoader(storage, overlays=overlays), counted(folders), report, progress,
                      threads=threads)
    except STORAGE_FAILURES as exc:
        report.finish(f"{type(exc).__name__}: {exc}")
        raise
    finally:
        progress.close()
    report.finish()


def _confirm_dropped(es: Elasticsearch, alias: str, new: str, storages: Mapping[str, ProvinceStorage],
                     run: RunReport) -> None:
    """Resources the serving index has and the new one lacks must really be withdrawn (or now
    rejected, or failed to write and reported): a listing that ended early but looked complete
    must not drop them from search."""
    for report in run.provinces:
        storage = storages[report.province]
        prefix = storage.province.prefix
        rejected = {reject["key"][len(prefix):].split("/", 1)[0] for reject in report.rejected}
        kept = {doc_id for doc_id, _ in indexed_ids(es, new, report.province)}
        kept.update(error["id"] for error in report.write_errors)  # reported already, as failed writes
        dropped = [(doc_id, resource_id) for doc_id, resource_id in indexed_ids(es, alias, report.province)
                   if doc_id not in kept and resource_id not in rejected]
        try:
            confirmed_withdrawals(storage, dropped)
        except ListingCutShort as exc:
            report.finish(f"{type(exc).__name__}: {exc}")
            raise RebuildFailed(f"province {report.province}: {exc}") from exc


def rebuild(es: Elasticsearch, alias: str, run: RunReport, fill: Callable[[str], None], *,
            storages: Mapping[str, ProvinceStorage] | None = None, shards: int = 1, replicas: int = 0) -> str:
    """Rebuild the whole index; return the new concrete index name.

    ``fill(new_index)`` loads every province into the new index and adds their reports to
    ``run``. Any province that could not be loaded completely fails the rebuild: a partial
    index never replaces a complete one. With ``storages``, a resource the old index has and
    the new one lacks is checked in its storage before the swap.
    """
    old = alias_targets(es, alias)
    drop_orphans(es, alias, keep=set(old))
    new = concrete_index_name(alias)
    es.indices.create(index=new, **index_body(shards=shards, for_bulk_load=True))
    try:
        fill(new)
        failed = [report for report in run.provinces if report.status != "ok"]
        if failed:
            raise RebuildFailed("; ".join(f"province {report.province} could not be loaded: {report.error}"
                                          for report in failed))
        es.indices.put_settings(index=new, settings={"refresh_interval": "1s", "number_of_replicas": replicas})
        es.indices.refresh(index=new)
        _reconcile(es, new, run)
        if old and storages:
            _confirm_dropped(es, alias, new, storages, run)
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": new, "alias": alias}})
        es.indices.update_aliases(actions=actions)
    except BaseException as exc:
        run.error = str(exc)
        es.options(ignore_status=404).indices.delete(index=new)
        raise
    # A search that resolved the alias just before the swap may still be reading the old index.
    time.sleep(OLD_INDEX_GRACE_SECONDS if old else 0)
    for name in old:
        es.options(ignore_status=404).indices.delete(index=name)
    return new


def _reconcile(es: Elasticsearch, index: str, run: RunReport) -> None:
    """Every listed resource is indexed, rejected or gone; the index holds exactly the indexed ones."""
    for report in run.provinces:
        accounted = report.indexed + len(report.rejected) + len(report.write_errors) + report.deleted
        if accounted != report.listed:
            raise RebuildFailed(f"province {report.province}: listed {report.listed} resources, accounted for {accounted}")
    expected = sum(report.indexed for report in run.provinces)
    counted = es.count(index=index)["count"]
    if counted != expected:
        raise RebuildFailed(f"new index holds {counted} documents, {expected} were written")
