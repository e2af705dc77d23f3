"""Full rebuild: a new concrete index filled from the listings, checked, then one alias swap."""
from __future__ import annotations

import logging
import time
from collections.abc import Mapping

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import Elasticsearch

from catalog.curation_overlay import Overlay
from catalog.index_definition import concrete_index_name, index_body, is_concrete_index_of
from catalog.province_storage import ListingCutShort, ProvinceStorage
from indexer.folders import ListingOutOfOrder, group_folders
from indexer.loading import index_folders
from indexer.parallel import DEFAULT_WORKERS
from indexer.progress import Progress
from indexer.resource_loader import ResourceLoader
from indexer.run_report import RunReport

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


def rebuild(es: Elasticsearch, alias: str, storages: list[ProvinceStorage], run: RunReport, *,
            overlays: Mapping[str, Mapping[str, Overlay]] | None = None, shards: int = 1, replicas: int = 0,
            workers: int = DEFAULT_WORKERS) -> str:
    """Rebuild the whole index from every province; return the new concrete index name.

    Any province that cannot be listed completely fails the rebuild: a partial index never
    replaces a complete one.
    """
    old = alias_targets(es, alias)
    drop_orphans(es, alias, keep=set(old))
    new = concrete_index_name(alias)
    es.indices.create(index=new, **index_body(shards=shards, for_bulk_load=True))
    try:
        for storage in storages:
            report = run.province(storage.province.code)
            progress = Progress(f"rebuild {storage.province.code}")
            try:
                folders = group_folders(storage.list_objects(), storage.province.prefix)
                pending = ((folder, None) for folder in folders if folder.resource_json is not None)

                def counted(items, report=report):
                    for item in items:
                        report.listed += 1
                        yield item

                loader = ResourceLoader(storage, overlays=(overlays or {}).get(storage.province.code))
                index_folders(es, new, loader, counted(pending), report, progress, workers=workers)
            except STORAGE_FAILURES as exc:
                report.finish(f"{type(exc).__name__}: {exc}")
                raise RebuildFailed(f"province {storage.province.code} could not be loaded: {exc}") from exc
            finally:
                progress.close()
            report.finish()
        es.indices.put_settings(index=new, settings={"refresh_interval": "1s", "number_of_replicas": replicas})
        es.indices.refresh(index=new)
        _reconcile(es, new, run)
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
