"""A file whose reading passes the time budget: the run goes on, the file is marked cut short (logged with
its key) and read again on the next run instead of its partial text being reused as final."""

from __future__ import annotations

import io
import logging

import pytest
from conftest import lesson

from catalog.indexing.index_definition import index_body
from catalog.indexing.resource_folders import group_folders
from catalog.indexing.resource_loader import RETRY_FINGERPRINT, ResourceLoader
from indexer.folder_indexing import index_folders
from indexer.progress import Progress
from indexer.run_report import ProvinceReport
from tests.catalog.indexing.slow_pdf import PAGE_END, slow_pdf

pytestmark = pytest.mark.stack


def run(es, index, storage, previous_id, *, time_budget_s):
    """One pass of the indexer over the province's only folder, as sync and rebuild run it."""
    (folder,) = group_folders(storage.list_objects(), storage.province.prefix)
    report = ProvinceReport(storage.province.code)
    loader = ResourceLoader(storage, time_budget_s=time_budget_s)
    index_folders(es, index, loader, [(folder, previous_id)], report, Progress("test", stream=io.StringIO()))
    es.indices.refresh(index=index)
    return report


def test_a_file_cut_short_by_time_is_marked_and_read_again_on_the_next_run(catalog, es, caplog):
    files = [{"name": "慢.pdf", "role": "main"}, {"name": "说明.txt", "role": "attachment"}]
    catalog.put(
        "cq",
        {**lesson("les-slow", "读得慢的课件"), "files": files},
        files={"慢.pdf": slow_pdf(), "说明.txt": "研学说明".encode()},
    )
    storage = catalog.storages["cq"]
    index = f"{catalog.alias}-00000000000000000001"
    es.options(request_timeout=60).indices.create(index=index, **index_body())

    with caplog.at_level(logging.WARNING, logger="indexer.folder_indexing"):
        first = run(es, index, storage, None, time_budget_s=0.2)
    assert first.rejected == [] and first.indexed == 1  # the run went on: the resource and its other file are indexed
    document = es.get(index=index, id="cq:les-slow")["_source"]
    slow, other = document["files"]
    assert slow["text_timed_out"] is True and slow["text_truncated"] is True and slow["text"] == ""
    assert other["text"] == "研学说明" and "text_timed_out" not in other
    assert document["sync"]["fingerprint"] == RETRY_FINGERPRINT  # so the next sync loads it again
    slow_key = storage.key_for("les-slow", "慢.pdf")
    assert first.file_problems == [
        {"key": slow_key, "reason": "text cut short after 0.2 s; read again on the next run"}
    ]
    assert any(getattr(r, "fields", {}).get("key") == slow_key for r in caplog.records)

    second = run(es, index, storage, "cq:les-slow", time_budget_s=60)
    assert second.file_problems == []
    slow = es.get(index=index, id="cq:les-slow")["_source"]["files"][0]
    assert slow["text"] == PAGE_END and "text_timed_out" not in slow
