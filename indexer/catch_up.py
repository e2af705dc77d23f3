"""A rebuild's last steps before the swap: what storage did while the new index was loading.

Schools add, change and withdraw resources while a rebuild runs, and a sync meanwhile writes
only the serving index. So the new index is synced against a fresh listing (with the catalog's
decisions read again), then compared with the serving index: what the serving index has and
the new one lacks must be withdrawn (or rejected, or added since the listing), or the rebuild
fails; and the brake holds a rebuild that would drop too much of a province.

A change stored after that listing and before the swap (an approval indexes straight into the
serving index, a sync writes only there) would still miss the new index; so once it serves,
one more pass syncs it again (``catch_up_after_swap``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from elasticsearch import Elasticsearch

from catalog.indexing.curation_overlay import NO_DECISION, Overlay
from catalog.indexing.index_one import index_one
from catalog.indexing.resource_loader import LoadedResource
from catalog.stores.province_storage import ListingCutShort, ProvinceStorage
from indexer.parallel import DEFAULT_THREADS
from indexer.run_report import ProvinceReport, RunReport, one_line
from indexer.sync import confirmed_withdrawals, indexed_ids, sync_province
from indexer.withdrawal_brake import MassWithdrawalHeld, WithdrawalBrake
from indexer.withdrawal_merge import WithdrawalMerge

log = logging.getLogger(__name__)

Overlays = Mapping[str, Mapping[str, Overlay]]
T = TypeVar("T")


def each_province(work: Callable[[ProvinceReport], T], reports: list[ProvinceReport]) -> list[T]:
    """``work(report)`` for every province at once, a thread each (their storages are apart, and
    each catch-up is mostly waiting on its listing); the results in the provinces' order."""
    if not reports:
        return []
    with ThreadPoolExecutor(max_workers=len(reports), thread_name_prefix="catch-up") as pool:
        return list(pool.map(work, reports))


def _sync_part(report: ProvinceReport, **sync) -> tuple[ProvinceReport, Exception | None]:
    """The province synced into a report of its own, and what it failed with (its report then holds
    what it wrote before)."""
    part = ProvinceReport(report.province)
    try:
        sync_province(report=part, **sync)
    except Exception as exc:  # noqa: BLE001 — each caller reports it as its own step's failure
        return part, exc
    return part, None


class RebuildFailed(RuntimeError):
    """The new index was not complete; it was dropped and the old one keeps serving."""


def _absorb_catch_up(report: ProvinceReport, part: ProvinceReport) -> None:
    report.indexed += part.indexed
    report.made.update(part.made)
    report.deleted += part.deleted
    report.write_errors.extend(part.write_errors)
    for name in ("rejected", "file_problems"):  # a resource rejected by the load is read again here
        seen = {entry["key"] for entry in getattr(report, name)}
        getattr(report, name).extend(entry for entry in getattr(part, name) if entry["key"] not in seen)


def catch_up(
    es: Elasticsearch,
    index: str,
    storages: Mapping[str, ProvinceStorage],
    run: RunReport,
    overlays: Overlays,
    *,
    threads: int = DEFAULT_THREADS,
) -> float:
    """Sync the new ``index`` with a fresh listing of every province: resources added, changed
    or withdrawn since they were loaded, and decisions taken meanwhile. Returns the seconds taken."""
    started = time.monotonic()

    def sync_one(report: ProvinceReport) -> tuple[ProvinceReport, Exception | None]:
        province = report.province
        return _sync_part(
            report, es=es, alias=index, storage=storages[province], overlays=overlays.get(province), threads=threads
        )

    for report, (part, exc) in zip(run.provinces, each_province(sync_one, run.provinces)):
        if exc is not None:
            report.finish(f"catching up: {type(exc).__name__}: {exc}")
            raise RebuildFailed(f"province {report.province}: catching up: {type(exc).__name__}: {exc}") from exc
        _absorb_catch_up(report, part)
        log.info(
            "caught up",
            extra={
                "fields": {
                    "province": report.province,
                    "indexed": part.indexed,
                    "deleted": part.deleted,
                    "unchanged": part.unchanged,
                }
            },
        )
    es.indices.refresh(index=index)
    run.catch_up_seconds = round(time.monotonic() - started, 2)
    return run.catch_up_seconds


def catch_up_after_swap(
    es: Elasticsearch,
    index: str,
    storages: Mapping[str, ProvinceStorage],
    run: RunReport,
    decisions: Callable[[], Overlays],
    *,
    brake: WithdrawalBrake,
    threads: int = DEFAULT_THREADS,
) -> float:
    """Sync ``index``, serving now, with storage and the decisions as they are after the swap;
    returns the seconds taken. A province that cannot be synced fails the run; the index still serves.

    Whatever was written to the old index went there before the swap, so it was stored and decided
    before this pass lists storage and reads the decisions: nothing written there is lost. Changes
    after this point reach the new index by the alias, like any other.
    """
    started = time.monotonic()
    failed = []
    try:
        overlays = decisions()
    except Exception as exc:
        overlays = None
        failed = [f"reading the decisions: {one_line(exc)}"]

    def sync_one(report: ProvinceReport) -> tuple[ProvinceReport, Exception | None]:
        province = report.province
        return _sync_part(
            report,
            es=es,
            alias=index,
            storage=storages[province],
            overlays=overlays.get(province),
            threads=threads,
            brake=brake,
        )

    provinces = run.provinces if overlays is not None else []
    for report, (part, exc) in zip(provinces, each_province(sync_one, provinces)):
        _absorb_catch_up(report, part)  # what it wrote, also before failing
        if exc is not None:
            report.finish(f"catching up after the swap: {one_line(exc)}")
            failed.append(f"province {report.province}: {one_line(exc)}")
            continue
        log.info(
            "caught up after the swap",
            extra={"fields": {"province": report.province, "indexed": part.indexed, "deleted": part.deleted}},
        )
    if failed:
        run.error = run.error or (
            f"the new index serves, but catching up with storage after the swap failed ({'; '.join(failed)}); "
            f"the next sync finishes it"
        )
    seconds = round(time.monotonic() - started, 2)
    run.catch_up_seconds = round((run.catch_up_seconds or 0) + seconds, 2)
    return seconds


def confirm_dropped(
    es: Elasticsearch,
    alias: str,
    new: str,
    storages: Mapping[str, ProvinceStorage],
    run: RunReport,
    *,
    brake: WithdrawalBrake,
    loaded_since: float,
    overlays: Overlays,
) -> None:
    """Hold the rebuild back when it would drop too much of a province; check that each resource the
    serving index has and the new one lacks is withdrawn or rejected; add those stored since the
    rebuild began, which no listing could see."""
    for report in run.provinces:
        storage = storages[report.province]
        prefix = storage.province.prefix
        rejected = {reject["key"][len(prefix) :].split("/", 1)[0] for reject in report.rejected}
        failed_writes = {error["id"] for error in report.write_errors}  # reported already
        # Both indices in resource id order, merged: no set of every id of either.
        serving = WithdrawalMerge(indexed_ids(es, alias, report.province))
        for _, resource_id, _ in indexed_ids(es, new, report.province):
            serving.listed(resource_id)
        leaving = [(doc_id, resource_id) for doc_id, resource_id in serving.finish() if doc_id not in failed_writes]
        try:
            brake.check(report.province, len(leaving), serving.held)
            _, added = confirmed_withdrawals(
                storage, [item for item in leaving if item[1] not in rejected], listed_since=loaded_since
            )
        except (ListingCutShort, MassWithdrawalHeld) as exc:
            report.finish(f"{type(exc).__name__}: {exc}")
            raise RebuildFailed(f"province {report.province}: {exc}") from exc
        decisions = overlays.get(report.province, {})
        for resource_id in added:
            if isinstance(
                index_one(es, new, storage, resource_id, decisions.get(resource_id, NO_DECISION)), LoadedResource
            ):
                report.indexed += 1
