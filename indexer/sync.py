"""Incremental sync: each province's listing against what the index holds (design.md rules 1-6)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from botocore.exceptions import ClientError
from elasticsearch import Elasticsearch

from catalog.indexing.curation_overlay import Overlay
from catalog.indexing.index_definition import document_id
from catalog.indexing.resource_folders import ResourceFolder, group_folders
from catalog.indexing.resource_loader import ResourceLoader
from catalog.stores.province_storage import RESOURCE_JSON, ListingCutShort, ProvinceStorage, is_not_found
from indexer.bulk_writer import write_actions
from indexer.folder_indexing import index_folders
from indexer.parallel import DEFAULT_THREADS, bounded_map
from indexer.progress import Progress
from indexer.run_report import ProvinceReport
from indexer.sharding import ShardSet

LOOKUP_BATCH = 500


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def indexed_ids(es: Elasticsearch, alias: str, province: str, page_size: int = 2000) -> Iterator[tuple[str, str]]:
    """Every (document id, resource id) of the province, page by page under a point in time."""
    pit = es.open_point_in_time(index=alias, keep_alive="5m")["id"]
    after = None
    try:
        while True:
            extra = {"search_after": after} if after else {}
            response = es.search(
                pit={"id": pit, "keep_alive": "5m"}, size=page_size, track_total_hits=False, source=False,
                query={"term": {"province": province}}, sort=[{"resource_id": "asc"}], **extra,
            )
            pit = response.get("pit_id", pit)
            hits = response["hits"]["hits"]
            yield from ((hit["_id"], hit["sort"][0]) for hit in hits)
            if len(hits) < page_size:
                return
            after = hits[-1]["sort"]
    finally:
        es.options(ignore_status=404).close_point_in_time(id=pit)


def changed_folders(
    es: Elasticsearch, alias: str, province: str, folders: Iterable[ResourceFolder],
    report: ProvinceReport, listed_ids: set[str], fingerprint_of=ResourceFolder.fingerprint,
) -> Iterator[tuple[ResourceFolder, str | None]]:
    """Folders that are new or changed, each with its id if it was indexed before.

    Looks up a batch of folders' fingerprints at a time; records every listed resource's
    id in ``listed_ids`` so withdrawals can be found once the listing has completed.
    """
    for batch in _batches(folders, LOOKUP_BATCH):
        resources = [(folder, document_id(province, folder.resource_id)) for folder in batch if folder.resource_json]
        if not resources:
            continue
        found = es.mget(index=alias, ids=[doc_id for _, doc_id in resources], source_includes=["sync.fingerprint"])
        fingerprints = {doc["_id"]: doc["_source"].get("sync", {}).get("fingerprint", "")
                        for doc in found["docs"] if doc.get("found")}
        for folder, doc_id in resources:
            listed_ids.add(doc_id)
            report.listed += 1
            if fingerprints.get(doc_id) == fingerprint_of(folder):
                report.unchanged += 1
                continue
            yield folder, doc_id if doc_id in fingerprints else None


def folders_of(storage: ProvinceStorage, shard_set: ShardSet, check=lambda: None) -> Iterator[ResourceFolder]:
    """The province's listing grouped into folders, only those of ``shard_set``; ``check`` runs
    before each one and may raise to stop the walk (a lost lease)."""
    for folder in group_folders(storage.list_objects(), storage.province.prefix):
        check()
        if shard_set.holds(folder.resource_id):
            yield folder


def confirmed_withdrawals(storage: ProvinceStorage, unlisted: list[tuple[str, str]], *,
                          threads: int = DEFAULT_THREADS) -> list[str]:
    """The document ids of ``unlisted`` resources whose resource.json is really gone.

    A listing can end early and still look complete (a last page without the remaining keys,
    a failover to an empty replica): a resource missing from it is deleted only once a HEAD of
    its resource.json says 404. One still stored means the listing was short, and raises.
    """
    def still_stored(item: tuple[str, str]) -> bool:
        try:
            storage.head(storage.key_for(item[1], RESOURCE_JSON))
        except ClientError as exc:
            if is_not_found(exc):
                return False
            raise
        return True

    stored = [item[1] for item, present in zip(unlisted, bounded_map(still_stored, unlisted, threads=threads))
              if present]
    if stored:
        raise ListingCutShort(f"{storage.province.code}: the listing left out {len(stored)} resources whose "
                              f"resource.json is still stored (e.g. {', '.join(sorted(stored)[:3])}); "
                              f"nothing was withdrawn")
    return [doc_id for doc_id, _ in unlisted]


def sync_province(es: Elasticsearch, alias: str, storage: ProvinceStorage, report: ProvinceReport, *,
                  overlays: Mapping[str, Overlay] | None = None, threads: int = DEFAULT_THREADS,
                  shard_set: ShardSet | None = None, check=lambda: None) -> None:
    """Bring the province's documents (those of ``shard_set``, else all) in step with its storage;
    raises if the listing fails."""
    province = storage.province
    shard_set = shard_set or ShardSet.whole(province.code)
    listed_ids: set[str] = set()
    progress = Progress(f"sync {shard_set.label()}")
    try:
        loader = ResourceLoader(storage, overlays=overlays)
        folders = folders_of(storage, shard_set, check)
        pending = changed_folders(es, alias, province.code, folders, report, listed_ids, loader.fingerprint)
        index_folders(es, alias, loader, pending, report, progress, threads=threads)
    finally:
        progress.close()
    check()
    # Only now is the listing known to be complete: rule 3, a cut-short listing deletes nothing.
    unlisted = [(doc_id, resource_id) for doc_id, resource_id in indexed_ids(es, alias, province.code)
                if doc_id not in listed_ids and shard_set.holds(resource_id)]
    withdrawn = confirmed_withdrawals(storage, unlisted, threads=threads)

    def counted(action_type, doc_id):
        report.deleted += 1

    report.write_errors.extend(write_actions(
        es, ({"_op_type": "delete", "_index": alias, "_id": doc_id} for doc_id in withdrawn), on_written=counted))
