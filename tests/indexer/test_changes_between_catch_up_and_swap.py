"""The last window of a rebuild (issue 16): changes stored after the catch-up listed storage and
before the swap, and reads of the old index that outlast the swap.

The rebuild is held at its check of a resource the serving index has and the new one lacks: by then
the catch-up has listed both provinces, and only the swap is left. The catch-up cannot see what the
test does there: a withdrawal a sync takes out of the serving index, an approval (stored, then
indexed at once into the serving index, as ``publication.index_live_folder`` does), an addition and
a withdrawal nobody has indexed yet.
"""

from __future__ import annotations

import threading
import time

import pytest
from conftest import lesson

from catalog.indexing.curation_overlay import NO_DECISION
from catalog.indexing.index_one import index_one
from tests.indexer.fault_proxies import GatedS3Proxy
from tests.indexer.test_rebuild_during_changes import PausedRebuild

pytestmark = [pytest.mark.stack, pytest.mark.faults]


@pytest.fixture
def serving(catalog):
    for rid in ("les-a", "les-b"):
        catalog.put("cq", lesson(rid, f"重庆 {rid}"))
    for rid in ("les-s1", "les-s2", "les-s3", "les-s4"):
        catalog.put("sc", lesson(rid, f"四川 {rid}"))
    first = catalog.sync()
    assert first.ok, first.summary_lines()
    # Gone from storage, still served: the rebuild asks storage about it (HEAD) after its catch-up.
    catalog.withdraw("sc", "les-s4")
    return catalog


def approve(catalog, province: str, resource: dict) -> None:
    """What an approval does to storage and the index: the live resource.json, then index_one."""
    catalog.put(province, resource)
    assert index_one(catalog.es, catalog.alias, catalog.storages[province], resource["id"], NO_DECISION)


def test_changes_stored_between_the_catch_up_and_the_swap_are_in_the_index_that_serves(serving, settings):
    catalog = serving
    with (
        GatedS3Proxy(settings.province("sc").endpoint_url) as proxy,
        PausedRebuild(catalog, proxy, gate_on="les-s4/resource.json", method="HEAD") as rebuild,
    ):
        catalog.withdraw("sc", "les-s1")
        during = catalog.sync()  # takes les-s1 (and les-s4) out of the serving index
        assert during.ok, during.summary_lines()
        approve(catalog, "sc", lesson("les-s2", "四川 批准的新版本"))
        approve(catalog, "sc", lesson("les-late", "四川 最后批准的课"))
        catalog.withdraw("cq", "les-b")  # stored only: no sync has seen it yet
        catalog.put("cq", lesson("les-c", "重庆 刚上传的课"))
        assert rebuild.still_running()
        run = rebuild.finish()

    assert run.ok, run.summary_lines()
    assert set(catalog.es.indices.get_alias(name=catalog.alias)) != rebuild.old_index  # it did swap
    assert catalog.ids() == {"cq:les-a", "cq:les-c", "sc:les-s2", "sc:les-s3", "sc:les-late"}
    assert catalog.document("sc:les-s2")["title"] == "四川 批准的新版本"
    assert not any(catalog.es.indices.exists(index=name) for name in rebuild.old_index)


def test_a_point_in_time_on_the_old_index_reads_to_its_end_across_the_swap(serving):
    """A sync pages through the serving index's ids under a point in time; a rebuild that swaps
    meanwhile drops the old index only once that reader is done."""
    catalog = serving
    (old_index,) = catalog.es.indices.get_alias(name=catalog.alias)
    pit = catalog.es.open_point_in_time(index=catalog.alias, keep_alive="2m")["id"]
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(run=catalog.rebuild()), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while set(catalog.es.indices.get_alias(name=catalog.alias)) == {old_index}:
            assert time.monotonic() < deadline and thread.is_alive(), "the rebuild never swapped"
            time.sleep(0.1)
        time.sleep(3)  # longer than any fixed grace after the swap

        page = catalog.es.search(pit={"id": pit, "keep_alive": "2m"}, size=100, source=False, sort=["_shard_doc"])
        assert {hit["_id"] for hit in page["hits"]["hits"]} == {
            "cq:les-a",
            "cq:les-b",
            "sc:les-s1",
            "sc:les-s2",
            "sc:les-s3",
            "sc:les-s4",
        }
    finally:
        catalog.es.options(ignore_status=404).close_point_in_time(id=pit)
        thread.join(timeout=120)

    assert outcome["run"].ok, outcome["run"].summary_lines()
    assert not catalog.es.indices.exists(index=old_index)


def test_a_pass_after_the_swap_that_fails_fails_the_run_and_the_next_sync_finishes_it(serving, settings):
    catalog = serving
    with (
        GatedS3Proxy(settings.province("sc").endpoint_url) as proxy,
        PausedRebuild(catalog, proxy, gate_on="les-s4/resource.json", method="HEAD") as rebuild,
    ):
        catalog.withdraw("sc", "les-s1")
        proxy.arm("status-503", from_page=1)  # Sichuan cannot be listed from now on
        run = rebuild.finish()

    assert not run.ok
    assert "after the swap" in run.error and "the next sync finishes it" in run.error
    assert [p.province for p in run.provinces if p.status == "failed"] == ["sc"]
    assert set(catalog.es.indices.get_alias(name=catalog.alias)) != rebuild.old_index  # the new index serves
    assert "sc:les-s1" in catalog.ids()
    after = catalog.sync()
    assert after.ok, after.summary_lines()
    assert catalog.ids() == {"cq:les-a", "cq:les-b", "sc:les-s2", "sc:les-s3"}
