"""A rebuild while schools add, change and withdraw resources and syncs run (issue 16): after a
rebuild that succeeds, the serving index equals storage as of the rebuild's end; a withdrawal is
never brought back and an addition never fails it.

Sichuan is read through a proxy that holds the rebuild's first read of a Sichuan resource: by
then Chongqing is loaded into the new index, and the test changes storage while the rebuild waits.
"""

from __future__ import annotations

import threading

import pytest
from conftest import lesson

from tests.indexer.fault_proxies import GatedS3Proxy, reads_of
from tests.indexer.test_listing_cut_short import through

pytestmark = [pytest.mark.stack, pytest.mark.faults]

CQ = ("les-a", "les-b", "les-c")
SC = ("les-s1", "les-s2")


@pytest.fixture
def serving(catalog):
    for rid in CQ:
        catalog.put("cq", lesson(rid, f"重庆 {rid}"))
    for rid in SC:
        catalog.put("sc", lesson(rid, f"四川 {rid}"))
    first = catalog.sync()
    assert first.ok, first.summary_lines()
    return catalog


class PausedRebuild:
    """A rebuild in a thread, held at its first request ``method`` of a Sichuan resource's ``gate_on``."""

    def __init__(
        self, catalog, proxy: GatedS3Proxy, gate_on: str = "les-s1/resource.json", method: str = "GET", **options
    ):
        self.catalog = catalog
        # From storage: a rebuild copying the unchanged serving documents would never read ``gate_on``.
        self.options = {"from_storage": True, **options}
        self.gate = proxy.gate(reads_of(gate_on, method=method))
        self.via_proxy = through(catalog, "sc", proxy.url)
        self.old_index = set(catalog.es.indices.get_alias(name=catalog.alias))
        self.outcome: dict = {}
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            self.outcome["run"] = self.via_proxy.rebuild(**self.options)
        except Exception as exc:  # noqa: BLE001 - reported by finish()
            self.outcome["error"] = exc

    def __enter__(self):
        self.thread.start()
        self.gate.wait_until_reached()
        return self

    def __exit__(self, *exc_info):
        self.gate.release()
        self.thread.join(timeout=300)

    def finish(self):
        self.__exit__()
        assert "error" not in self.outcome, self.outcome.get("error")
        self.catalog.refresh()
        return self.outcome["run"]

    def still_running(self) -> bool:
        return (
            self.thread.is_alive() and set(self.catalog.es.indices.get_alias(name=self.catalog.alias)) == self.old_index
        )


def test_a_resource_withdrawn_during_a_rebuild_is_not_brought_back(serving, settings):
    catalog = serving
    with GatedS3Proxy(settings.province("sc").endpoint_url) as proxy, PausedRebuild(catalog, proxy) as rebuild:
        catalog.withdraw("cq", "les-b")  # already loaded into the new index
        during = catalog.sync()  # takes it out of the serving index
        assert during.ok, during.summary_lines()
        assert "cq:les-b" not in catalog.ids() and rebuild.still_running()
        run = rebuild.finish()

    assert run.ok, run.summary_lines()
    assert set(catalog.es.indices.get_alias(name=catalog.alias)) != rebuild.old_index  # it did swap
    assert catalog.ids() == {"cq:les-a", "cq:les-c", "sc:les-s1", "sc:les-s2"}
    assert any(line.startswith("caught up with storage") for line in run.summary_lines())


def test_resources_added_and_changed_during_a_rebuild_are_in_the_index_it_swaps_in(serving, settings):
    catalog = serving
    with GatedS3Proxy(settings.province("sc").endpoint_url) as proxy, PausedRebuild(catalog, proxy) as rebuild:
        catalog.put("cq", lesson("les-new", "重庆 新来的课"))
        catalog.put("cq", lesson("les-a", "重庆 改过的标题"))
        during = catalog.sync()  # the serving index has them: the rebuild must not call its listing short
        assert during.ok and catalog.document("cq:les-new")
        assert rebuild.still_running()
        run = rebuild.finish()

    assert run.ok, run.summary_lines()
    assert set(catalog.es.indices.get_alias(name=catalog.alias)) != rebuild.old_index
    assert catalog.ids() == {"cq:les-a", "cq:les-b", "cq:les-c", "cq:les-new", "sc:les-s1", "sc:les-s2"}
    assert catalog.document("cq:les-a")["title"] == "重庆 改过的标题"


def test_a_resource_added_after_the_catch_up_listing_is_added_not_taken_for_a_short_listing(serving, settings):
    """The narrowest window: a resource stored and synced into the serving index after the catch-up
    listed Sichuan. Its resource.json is newer than the rebuild, so it is an addition and is loaded."""
    catalog = serving
    with GatedS3Proxy(settings.province("sc").endpoint_url) as proxy:
        # The catch-up finds les-s1 gone from the listing and asks storage about it: hold that question.
        after_listing = proxy.gate(reads_of("les-s1/resource.json", method="HEAD"))
        # One reader thread: les-s1 is read and loaded before the read of les-s2 is held.
        with PausedRebuild(catalog, proxy, gate_on="les-s2/resource.json", threads=1) as rebuild:
            catalog.withdraw("sc", "les-s1")
            rebuild.gate.release()
            after_listing.wait_until_reached()
            catalog.put("sc", lesson("les-late", "四川 最后一刻"))
            during = catalog.sync()
            assert during.ok and "sc:les-late" in catalog.ids() and rebuild.still_running()
            after_listing.release()
            run = rebuild.finish()

    assert run.ok, run.summary_lines()
    assert catalog.ids() == {"cq:les-a", "cq:les-b", "cq:les-c", "sc:les-s2", "sc:les-late"}
