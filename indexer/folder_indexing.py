"""Load resource folders in parallel and write them to one index; shared by sync and rebuild."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import Elasticsearch

from catalog.indexing.resource_folders import ListingOutOfOrder, ResourceFolder
from catalog.indexing.resource_loader import LoadedResource, RejectedResource, ResourceLoader, VanishedResource
from catalog.stores.province_storage import ListingCutShort
from indexer.bulk_writer import write_actions
from indexer.parallel import DEFAULT_THREADS, bounded_map
from indexer.progress import Progress
from indexer.run_report import ProvinceReport

log = logging.getLogger(__name__)

# Failures of a province's storage: its run stops, and nothing of it is deleted.
STORAGE_FAILURES = (BotoCoreError, ClientError, ListingCutShort, ListingOutOfOrder)


def index_folders(
    es: Elasticsearch,
    index: str,
    loader: ResourceLoader,
    pending: Iterable[tuple[ResourceFolder, str | None]],
    report: ProvinceReport,
    progress: Progress,
    *,
    threads: int = DEFAULT_THREADS,
) -> None:
    """Load each ``(folder, previously indexed doc id or None)`` and write the results to ``index``.

    A rejected resource that was indexed before keeps its old document (nothing stored is lost);
    a folder whose resource.json vanished meanwhile is deleted like a withdrawal. When the storage
    fails midway, what was loaded before is written, then the failure is raised.
    """
    province = loader.storage.province.code

    def load(item):
        folder, previous_id = item
        previous_files = None
        if previous_id:
            found = es.options(ignore_status=404).get(index=index, id=previous_id, source_includes=["files"])
            if found.get("found"):
                previous_files = {f["name"]: f for f in found["_source"].get("files", [])}
        return previous_id, loader.load(folder, previous_files)

    failures: list[Exception] = []

    def actions():
        try:
            yield from loaded_actions()
        except STORAGE_FAILURES as exc:  # end the stream here so streaming_bulk sends what it holds
            failures.append(exc)

    def loaded_actions():
        for previous_id, result in bounded_map(load, pending, threads=threads):
            progress.update()
            if isinstance(result, LoadedResource):
                report.unmapped.update(result.unmapped)
                for key, reason in result.file_problems:
                    report.file_problems.append({"key": key, "reason": reason})
                    log.warning("file problem", extra={"fields": {"province": province, "key": key, "reason": reason}})
                yield {"_op_type": "index", "_index": index, "_id": result.doc_id, "_source": result.document}
            elif isinstance(result, RejectedResource):
                report.reject(result.key, result.reasons)
                log.warning(
                    "rejected", extra={"fields": {"province": province, "key": result.key, "reasons": result.reasons}}
                )
            elif isinstance(result, VanishedResource):
                if previous_id:
                    yield {"_op_type": "delete", "_index": index, "_id": previous_id}
                else:  # withdrawn between the listing and the read: nothing to delete, but accounted for
                    report.deleted += 1

    def written(action_type: str, doc_id: str) -> None:
        if action_type == "delete":
            report.deleted += 1
        else:
            report.indexed += 1

    report.write_errors.extend(write_actions(es, actions(), on_written=written))
    if failures:
        raise failures[0]
