"""Load resource folders in parallel and write them to one index; shared by sync and rebuild."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from elasticsearch import Elasticsearch

from catalog.indexing.index_definition import document_id
from catalog.indexing.resource_folders import ResourceFolder
from catalog.indexing.resource_loader import LoadedResource, RejectedResource, ResourceLoader, VanishedResource
from indexer.bulk_writer import write_actions
from indexer.parallel import DEFAULT_THREADS, bounded_map
from indexer.prefetch import prefetched
from indexer.previous_documents import MGET_BATCH, STORAGE_FAILURES, with_previous
from indexer.progress import Progress
from indexer.rebuild_reuse import COPIED, LOADED, files_by_name, remember_report, reuse_or_load
from indexer.run_report import ProvinceReport

log = logging.getLogger(__name__)

__all__ = ["STORAGE_FAILURES", "index_folders"]

# Folders looked up ahead of loading: two ``mget`` batches. Each carries its whole serving document
# (about 24 KiB parsed), so 500 ahead held 12 MiB more for no speed (scripts/bench index, warm).
LOOKED_UP_AHEAD = 2 * MGET_BATCH


def as_json(es: Elasticsearch, document: dict) -> bytes:
    """A document as the bulk body carries it, by the client's own serializer. Serialised as soon as
    it is made: the bytes take less than half the memory of the parsed document, and a bulk request
    keeps its documents until it is answered."""
    return es.transport.serializers.dumps(document, mimetype="application/json")


def _load(loader: ResourceLoader, folder: ResourceFolder, previous: dict | None):
    return LOADED, loader.load(folder, files_by_name(previous))


def index_folders(
    es: Elasticsearch,
    index: str,
    loader: ResourceLoader,
    pending: Iterable[tuple[ResourceFolder, str | None]],
    report: ProvinceReport,
    progress: Progress,
    *,
    threads: int = DEFAULT_THREADS,
    reuse_from: str | None = None,
) -> None:
    """Load each ``(folder, previously indexed doc id or None)`` and write the results to ``index``.

    The previous documents are fetched a batch at a time, and each unchanged file's text reused.
    With ``reuse_from`` (a rebuild: the serving alias), each folder's serving document is copied
    or rebuilt when it can be (``rebuild_reuse``). A rejected resource that was indexed before keeps
    its old document (nothing stored is lost); a folder whose resource.json vanished meanwhile is
    deleted like a withdrawal. When the storage fails midway, what was loaded before is written,
    then the failure is raised.
    """
    province = loader.storage.province.code
    if reuse_from:
        looked_up = with_previous(es, reuse_from, pending, lambda item: document_id(province, item[0].resource_id))
        make = partial(reuse_or_load, loader)
    else:
        looked_up = with_previous(es, index, pending, lambda item: item[1], source_includes=["files"])
        make = partial(_load, loader)

    # Listing and lookups run ahead in their own thread while the bulk requests wait on the engine.
    looked_up = prefetched(looked_up, ahead=LOOKED_UP_AHEAD)

    def load(item):
        (folder, previous_id), previous = item
        return (previous_id, *make(folder, previous))

    failures: list[Exception] = []
    made_by: dict[str, str] = {}  # documents on their way to the index: how each was made

    def actions():
        try:
            yield from loaded_actions()
        except STORAGE_FAILURES as exc:  # end the stream here so streaming_bulk sends what it holds
            failures.append(exc)

    def loaded_actions():
        for previous_id, how, result in bounded_map(load, looked_up, threads=threads):
            progress.update()
            if isinstance(result, LoadedResource):
                report.unmapped.update(result.unmapped)
                for key, reason in result.file_problems:
                    report.file_problems.append({"key": key, "reason": reason})
                    log.warning("file problem", extra={"fields": {"province": province, "key": key, "reason": reason}})
                if how != COPIED:
                    remember_report(result)
                made_by[result.doc_id] = how
                yield {
                    "_op_type": "index",
                    "_index": index,
                    "_id": result.doc_id,
                    "_source": as_json(es, result.document),
                }
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
            report.made[made_by.pop(doc_id, LOADED)] += 1

    report.write_errors.extend(write_actions(es, actions(), on_written=written))
    if failures:
        raise failures[0]
