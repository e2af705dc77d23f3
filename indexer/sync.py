"""Incremental sync: each province's listing against what the index holds (design.md rules 1-6)."""
from __future__ import annotations

import logging
from typing import Iterator, NamedTuple

from elasticsearch import Elasticsearch

from catalog.province_storage import ProvinceStorage
from indexer.bulk_writer import write_actions
from indexer.folders import ResourceFolder, group_folders
from indexer.loading import index_folders
from indexer.progress import Progress
from indexer.resource_loader import ResourceLoader
from indexer.run_report import ProvinceReport

log = logging.getLogger(__name__)


class IndexedResource(NamedTuple):
    folder_key: str
    doc_id: str
    fingerprint: str


def indexed_resources(es: Elasticsearch, alias: str, province: str, page_size: int = 1000) -> Iterator[IndexedResource]:
    """The province's documents in folder-key order, page by page under a point in time."""
    pit = es.open_point_in_time(index=alias, keep_alive="5m")["id"]
    after = None
    try:
        while True:
            extra = {"search_after": after} if after else {}
            response = es.search(
                pit={"id": pit, "keep_alive": "5m"}, size=page_size, track_total_hits=False,
                query={"term": {"province": province}}, sort=[{"folder_key": "asc"}],
                source_includes=["folder_key", "sync.fingerprint"], **extra,
            )
            pit = response.get("pit_id", pit)
            hits = response["hits"]["hits"]
            for hit in hits:
                source = hit["_source"]
                yield IndexedResource(source["folder_key"], hit["_id"], source.get("sync", {}).get("fingerprint", ""))
            if len(hits) < page_size:
                return
            after = hits[-1]["sort"]
    finally:
        es.options(ignore_status=404).close_point_in_time(id=pit)


def changed_folders(
    folders: Iterator[ResourceFolder], indexed: Iterator[IndexedResource], report: ProvinceReport, withdrawn: list[str]
) -> Iterator[tuple[ResourceFolder, str | None]]:
    """Merge the listing with the index (both in folder-key order).

    Yields folders that are new or changed with the id they had in the index; collects the ids of
    withdrawn resources in ``withdrawn`` (deleted only once the listing has completed).
    """
    current = next(indexed, None)
    for folder in folders:
        while current is not None and current.folder_key < folder.folder_key:
            withdrawn.append(current.doc_id)
            current = next(indexed, None)
        previous = None
        if current is not None and current.folder_key == folder.folder_key:
            previous, current = current, next(indexed, None)
        if folder.resource_json is None:  # withdrawn (or an upload in progress)
            if previous is not None:
                withdrawn.append(previous.doc_id)
            continue
        report.listed += 1
        if previous is not None and previous.fingerprint == folder.fingerprint():
            report.unchanged += 1
            continue
        yield folder, previous.doc_id if previous else None
    while current is not None:
        withdrawn.append(current.doc_id)
        current = next(indexed, None)


def sync_province(es: Elasticsearch, alias: str, storage: ProvinceStorage, report: ProvinceReport, *, workers: int = 8) -> None:
    """Bring the province's documents in step with its storage; raises if the listing fails."""
    province = storage.province
    withdrawn: list[str] = []
    progress = Progress(f"sync {province.code}")
    try:
        folders = group_folders(storage.list_objects(), province.prefix)
        pending = changed_folders(folders, indexed_resources(es, alias, province.code), report, withdrawn)
        index_folders(es, alias, ResourceLoader(storage), pending, report, progress, workers=workers)
    finally:
        progress.close()
    # Only now is the listing known to be complete: rule 3, a cut-short listing deletes nothing.
    if withdrawn:
        def counted(action_type, doc_id):
            report.deleted += 1
        report.write_errors.extend(write_actions(
            es, ({"_op_type": "delete", "_index": alias, "_id": doc_id} for doc_id in withdrawn), on_written=counted))
