"""Elasticsearch killed in the middle of a sync and of a rebuild: the next run converges, with no
resource missing or duplicated and the alias on one complete index."""

from __future__ import annotations

import threading
import time

import pytest

from sample_corpus.generator import generate_corpus
from sample_corpus.writer import write_corpus

pytestmark = [pytest.mark.stack, pytest.mark.faults]
CORPUS = 300


def run_in_background(work):
    outcome = {}

    def target():
        try:
            outcome["run"] = work()
        except Exception as exc:  # the engine vanished under it: what a crash looks like
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, outcome


def indexing_totals(catalog) -> dict[str, int]:
    """Indexing operations per concrete index: counted as they happen, refresh or not (a rebuild
    loads with refresh off, so its documents are not searchable until the end)."""
    stats = catalog.es.indices.stats(index=f"{catalog.alias}-2*", metric="indexing")["indices"]
    return {name: data["primaries"]["indexing"]["index_total"] for name, data in stats.items()}


def kill_when_indexed(catalog, stack_control, at_least: int, since: dict[str, int]) -> None:
    """Kill the node once some index of the catalog took ``at_least`` more writes than ``since``."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            grown = [total - since.get(name, 0) for name, total in indexing_totals(catalog).items()]
        except Exception:
            grown = []
        if grown and max(grown) >= at_least:
            break
        time.sleep(0.02)
    stack_control.kill_elasticsearch()


def crash_during(catalog, stack_control, work, *, after_writes: int) -> dict:
    """Run ``work`` and SIGKILL the node once it has made ``after_writes`` writes; restart it."""
    before = indexing_totals(catalog)
    try:
        thread, outcome = run_in_background(work)
        kill_when_indexed(catalog, stack_control, after_writes, since=before)
        thread.join(timeout=120)
    finally:
        stack_control.start_elasticsearch()
    return outcome


def concrete_indices(catalog) -> set[str]:
    return {name for name in catalog.es.indices.get(index=f"{catalog.alias}-2*")}


@pytest.fixture
def loaded_storage(catalog):
    write_corpus(generate_corpus(CORPUS, seed=11), catalog.storages, workers=4, total=CORPUS)
    return catalog


def test_a_sync_killed_midway_converges_on_the_next_sync(loaded_storage, stack_control):
    catalog = loaded_storage
    catalog.rebuild()  # the truth: every valid resource, from scratch
    expected = catalog.ids()
    for doc_id in list(expected)[:150]:  # half of them must be written again by the sync
        catalog.es.delete(index=catalog.alias, id=doc_id)
    catalog.refresh()

    outcome = crash_during(catalog, stack_control, catalog.sync, after_writes=10)
    assert "error" in outcome or not outcome["run"].ok  # the crash was noticed, not silently passed

    run = catalog.sync()
    assert run.ok
    assert catalog.ids() == expected
    assert catalog.es.count(index=catalog.alias)["count"] == len(expected)  # no duplicates
    assert len(catalog.es.indices.get_alias(name=catalog.alias)) == 1


def test_a_rebuild_killed_midway_leaves_the_old_index_and_the_next_rebuild_completes(loaded_storage, stack_control):
    catalog = loaded_storage
    catalog.rebuild()
    expected = catalog.ids()
    serving = set(catalog.es.indices.get_alias(name=catalog.alias))

    crash_during(catalog, stack_control, catalog.rebuild, after_writes=50)

    assert set(catalog.es.indices.get_alias(name=catalog.alias)) == serving  # the old index still serves
    assert catalog.ids() == expected

    run = catalog.rebuild()
    assert run.ok
    assert catalog.ids() == expected
    assert catalog.es.count(index=catalog.alias)["count"] == len(expected)
    assert len(concrete_indices(catalog)) == 1  # the half-built index was dropped
