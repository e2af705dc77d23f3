"""Incremental sync: each province's listing against what the index holds (design.md rules 1-6)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping

from botocore.exceptions import ClientError
from elasticsearch import Elasticsearch

from catalog.indexing.curation_overlay import Overlay
from catalog.indexing.index_definition import document_id
from catalog.indexing.resource_folders import ResourceFolder, group_folders
from catalog.indexing.resource_loader import ResourceLoader
from catalog.stores.point_in_time import hit_pages
from catalog.stores.province_storage import RESOURCE_JSON, ListingCutShort, ProvinceStorage, is_not_found
from indexer.bulk_writer import write_actions
from indexer.folder_indexing import index_folders
from indexer.parallel import DEFAULT_THREADS, bounded_map
from indexer.prefetch import prefetched
from indexer.previous_documents import STORAGE_FAILURES
from indexer.progress import Progress
from indexer.run_report import ProvinceReport
from indexer.sharding import ShardSet
from indexer.withdrawal_brake import WithdrawalBrake
from indexer.withdrawal_merge import WithdrawalMerge

# A sync asks for the next page of indexed ids only when its listing gets there, and loads the
# changed resources of up to a page in between: the point in time must outlive that.
MERGE_KEEP_ALIVE = "1h"
FINGERPRINT = "sync.fingerprint"
INDEXED_AHEAD = 2  # pages of indexed ids


def indexed_id_pages(
    es: Elasticsearch,
    alias: str,
    province: str,
    page_size: int = 2000,
    *,
    keep_alive: str = "5m",
) -> Iterator[list[tuple[str, str, str]]]:
    """Every (document id, resource id, fingerprint) of the province, sorted by resource id, a page
    at a time under a point in time (``keep_alive``: the longest a reader may take between two pages).

    Only doc values are read: the id is the province's and the resource id's (``document_id``), so
    no stored field is fetched. Fetching ``_id`` from the stored fields took the engine a second of
    CPU per 50,000 documents, on the cores the listing shares.
    """
    pages = hit_pages(
        es,
        alias,
        keep_alive=keep_alive,
        page_size=page_size,
        stored_fields=["_none_"],
        query={"term": {"province": province}},
        sort=[{"resource_id": "asc"}],
        docvalue_fields=[FINGERPRINT],
    )
    try:
        for hits in pages:
            yield [_indexed(province, hit) for hit in hits]
    finally:
        pages.close()


def _indexed(province: str, hit: dict) -> tuple[str, str, str]:
    resource_id = hit["sort"][0]
    return document_id(province, resource_id), resource_id, hit.get("fields", {}).get(FINGERPRINT, [""])[0]


def indexed_ids(es: Elasticsearch, alias: str, province: str, **options) -> Iterator[tuple[str, str, str]]:
    """``indexed_id_pages`` one entry at a time."""
    pages = indexed_id_pages(es, alias, province, **options)
    try:
        for page in pages:
            yield from page
    finally:
        pages.close()


def changed_folders(
    folders: Iterable[ResourceFolder],
    merge: WithdrawalMerge,
    report: ProvinceReport,
    fingerprint_of=ResourceFolder.fingerprint,
) -> Iterator[tuple[ResourceFolder, str | None]]:
    """Folders that are new or changed, each with its document id if it was indexed before.

    ``merge`` runs over the index's ``(document id, resource id, fingerprint)`` in id order: each
    listed folder meets its indexed fingerprint there, so a no-change sync reads the index once,
    beside the listing, instead of looking every resource up; and the merge learns which indexed
    resources the listing lacks.
    """
    waiting: dict[str, ResourceFolder] = {}  # listed, not matched yet: a chain of prefixes at most

    def judged(matches) -> Iterator[tuple[ResourceFolder, str | None]]:
        for resource_id, indexed in matches:
            folder = waiting.pop(resource_id)
            report.listed += 1
            if indexed is None:
                yield folder, None
            elif indexed[2] == fingerprint_of(folder):
                report.unchanged += 1
            else:
                yield folder, indexed[0]

    listing = iter(folders)
    while True:
        try:
            folder = next(listing)
        except StopIteration:
            break
        except STORAGE_FAILURES:  # what was listed before the failure is still loaded and written
            yield from judged(merge.end_of_listing())
            raise
        if folder.resource_json is not None:
            waiting[folder.resource_id] = folder
            yield from judged(merge.listed(folder.resource_id))
    yield from judged(merge.end_of_listing())


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
    # A search sees only what was refreshed: what another run or an approval wrote a moment ago is
    # made visible first, or it would look unchanged-from-before and be loaded again.
    es.indices.refresh(index=alias)
    # Read in a thread of its own, a page ahead: the engine's answers overlap the listing.
    # Pages, not entries, cross between the threads: a hand-over an entry woke the reader 100,000 times.
    indexed = prefetched(indexed_id_pages(es, alias, province.code, keep_alive=MERGE_KEEP_ALIVE), ahead=INDEXED_AHEAD)
    merge = WithdrawalMerge(entry for page in indexed for entry in page if shard_set.holds(entry[1]))
    progress = Progress(f"sync {shard_set.label()}")
    try:
        loader = ResourceLoader(storage, overlays=overlays)
        folders = folders_of(storage, shard_set, check)
        pending = changed_folders(folders, merge, report, loader.fingerprint)
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
