"""Incremental sync: each province's listing against what the index holds (design.md rules 1-6)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping

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
from indexer.previous_documents import batches
from indexer.progress import Progress
from indexer.run_report import ProvinceReport
from indexer.sharding import ShardSet
from indexer.withdrawal_brake import WithdrawalBrake
from indexer.withdrawal_merge import WithdrawalMerge

LOOKUP_BATCH = 500
LOOKUPS_AHEAD = 2  # batches listed while the first of them is looked up
# A sync asks for the next page of indexed ids only when its listing gets there, and loads the
# changed resources of up to a page in between: the point in time must outlive that.
MERGE_KEEP_ALIVE = "1h"


def indexed_ids(
    es: Elasticsearch, alias: str, province: str, page_size: int = 2000, *, keep_alive: str = "5m"
) -> Iterator[tuple[str, str]]:
    """Every (document id, resource id) of the province, sorted by resource id, page by page under a
    point in time (``keep_alive``: the longest a reader may take between two pages)."""
    pit = es.open_point_in_time(index=alias, keep_alive=keep_alive)["id"]
    after = None
    try:
        while True:
            extra = {"search_after": after} if after else {}
            response = es.search(
                pit={"id": pit, "keep_alive": keep_alive},
                size=page_size,
                track_total_hits=False,
                source=False,
                query={"term": {"province": province}},
                sort=[{"resource_id": "asc"}],
                **extra,
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
    es: Elasticsearch,
    alias: str,
    province: str,
    folders: Iterable[ResourceFolder],
    report: ProvinceReport,
    listed: Callable[[str], None],
    fingerprint_of=ResourceFolder.fingerprint,
) -> Iterator[tuple[ResourceFolder, str | None]]:
    """Folders that are new or changed, each with its id if it was indexed before.

    Looks up a batch of folders' fingerprints at a time, in a thread while the next batch is listed
    (a no-change sync then takes about as long as the listing); hands every listed resource's id
    to ``listed``, in listing order, so withdrawals can be found by a merge with the index.
    """

    def look_up(batch: list[ResourceFolder]) -> tuple[list[tuple[ResourceFolder, str]], dict[str, str]]:
        resources = [(folder, document_id(province, folder.resource_id)) for folder in batch if folder.resource_json]
        if not resources:
            return [], {}
        found = es.mget(index=alias, ids=[doc_id for _, doc_id in resources], source_includes=["sync.fingerprint"])
        fingerprints = {
            doc["_id"]: doc["_source"].get("sync", {}).get("fingerprint", "")
            for doc in found["docs"]
            if doc.get("found")
        }
        return resources, fingerprints

    # One look-up in flight beside the listing; a listing that fails still has the batches before it used.
    looked_up = bounded_map(look_up, batches(folders, LOOKUP_BATCH), threads=1, window=LOOKUPS_AHEAD)
    for resources, fingerprints in looked_up:
        for folder, doc_id in resources:
            listed(folder.resource_id)
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


# S3 keeps LastModified to the second, and the storage's clock may be a little off ours.
CLOCK_MARGIN_SECONDS = 1.0


def confirmed_withdrawals(
    storage: ProvinceStorage,
    unlisted: list[tuple[str, str]],
    *,
    threads: int = DEFAULT_THREADS,
    listed_since: float | None = None,
) -> tuple[list[str], list[str]]:
    """``(document ids, resource ids)``: of the ``unlisted`` resources, those whose resource.json is
    really gone, and those stored since the listing began (``listed_since``, seconds since the epoch).

    A listing can end early and still look complete (a last page without the remaining keys,
    a failover to an empty replica): a resource missing from it is deleted only once a HEAD of
    its resource.json says 404. One stored before the listing began means the listing was short,
    and raises; one stored after it is an addition the listing could not see.
    """

    def stored_at(item: tuple[str, str]) -> float | None:
        try:
            head = storage.head(storage.key_for(item[1], RESOURCE_JSON))
        except ClientError as exc:
            if is_not_found(exc):
                return None
            raise
        return head["LastModified"].timestamp()

    gone, added, stored = [], [], []
    for (doc_id, resource_id), at in zip(unlisted, bounded_map(stored_at, unlisted, threads=threads)):
        if at is None:
            gone.append(doc_id)
        elif listed_since is not None and at >= listed_since - CLOCK_MARGIN_SECONDS:
            added.append(resource_id)
        else:
            stored.append(resource_id)
    if stored:
        raise ListingCutShort(
            f"{storage.province.code}: the listing left out {len(stored)} resources whose "
            f"resource.json is still stored (e.g. {', '.join(sorted(stored)[:3])}); "
            f"nothing was withdrawn"
        )
    return gone, added


def province_count(es: Elasticsearch, index: str, province: str) -> int:
    return es.count(index=index, query={"term": {"province": province}})["count"]


def sync_province(
    es: Elasticsearch,
    alias: str,
    storage: ProvinceStorage,
    report: ProvinceReport,
    *,
    overlays: Mapping[str, Overlay] | None = None,
    threads: int = DEFAULT_THREADS,
    shard_set: ShardSet | None = None,
    check=lambda: None,
    brake: WithdrawalBrake | None = None,
) -> None:
    """Bring the province's documents (those of ``shard_set``, else all) in step with its storage;
    raises if the listing fails, or (``MassWithdrawalHeld``) if ``brake`` holds the withdrawals back."""
    province = storage.province
    shard_set = shard_set or ShardSet.whole(province.code)
    listed_since = time.time()
    # The index as it was when the listing began (a point in time), merged with the listing as it
    # goes: no set of every listed id. What this run or an approval indexes meanwhile is not in it.
    indexed = indexed_ids(es, alias, province.code, keep_alive=MERGE_KEEP_ALIVE)
    merge = WithdrawalMerge((doc_id, rid) for doc_id, rid in indexed if shard_set.holds(rid))
    progress = Progress(f"sync {shard_set.label()}")
    try:
        loader = ResourceLoader(storage, overlays=overlays)
        folders = folders_of(storage, shard_set, check)
        pending = changed_folders(es, alias, province.code, folders, report, merge.listed, loader.fingerprint)
        index_folders(es, alias, loader, pending, report, progress, threads=threads)
        check()
        # Only now is the listing known to be complete: rule 3, a cut-short listing deletes nothing.
        unlisted = merge.finish()
    finally:
        progress.close()
        indexed.close()  # lets go of the point in time, also when the listing failed
    if brake and unlisted:
        total = merge.held if shard_set.is_whole else province_count(es, alias, province.code)
        brake.check(province.code, len(unlisted), merge.held, total)
    # A resource indexed meanwhile (an approval indexes at once) and stored after the listing began
    # is neither withdrawn nor a sign of a short listing: it stays.
    withdrawn, _ = confirmed_withdrawals(storage, unlisted, threads=threads, listed_since=listed_since)

    def counted(action_type, doc_id):
        report.deleted += 1

    report.write_errors.extend(
        write_actions(
            es, ({"_op_type": "delete", "_index": alias, "_id": doc_id} for doc_id in withdrawn), on_written=counted
        )
    )
