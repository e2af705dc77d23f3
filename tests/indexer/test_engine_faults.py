"""Elasticsearch killed in the middle of a sync and of a rebuild: the next run converges, with no
resource missing or duplicated and the alias on one complete index."""
from __future__ import annotations

import threading
import time

import pytest

from indexer.sample_corpus.generator import generate_corpus
from indexer.sample_corpus.writer import write_corpus

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


def kill_when_indexed(catalog, stack_control, at_least: int, *, ignore: frozenset = frozenset()) -> None:
    """Kill the node once an index of the catalog (other than ``ignore``) holds ``at_least`` documents."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            counts = [catalog.es.count(index=name)["count"] for name in concrete_indices(catalog) - ignore]
        except Exception:
            counts = []
        if counts and max(counts) >= at_least:
            break
        time.sleep(0.05)
    stack_control.kill_elasticsearch()


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

    try:
        thread, outcome = run_in_background(catalog.sync)
        kill_when_indexed(catalog, stack_control, len(expected) - 145)
        thread.join(timeout=120)
    finally:
        stack_control.start_elasticsearch()
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

    try:
        thread, outcome = run_in_background(catalog.rebuild)
        kill_when_indexed(catalog, stack_control, 50, ignore=frozenset(serving))
        thread.join(timeout=120)
    finally:
        stack_control.start_elasticsearch()

    assert set(catalog.es.indices.get_alias(name=catalog.alias)) == serving  # the old index still serves
    assert catalog.ids() == expected

    run = catalog.rebuild()
    assert run.ok
    assert catalog.ids() == expected
    assert catalog.es.count(index=catalog.alias)["count"] == len(expected)
    assert len(concrete_indices(catalog)) == 1  # the half-built index was dropped
