"""A three-node cluster loses a node (SIGKILL) in the middle of a sync while teachers search: every
search still answers in full, the sync converges with nothing lost, and the node, restarted, rejoins
and the cluster returns to green. Runs only against the cluster ``scripts/test --cluster`` starts."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import threading
import time

import pytest
from conftest import ROOT

from catalog.stores.elasticsearch_client import make_client
from sample_corpus.generator import generate_corpus
from sample_corpus.writer import write_corpus

CLUSTER_URLS = os.environ.get("CATALOG_TEST_CLUSTER_URLS", "")
pytestmark = [
    pytest.mark.cluster,
    pytest.mark.faults,
    pytest.mark.skipif(not CLUSTER_URLS, reason="needs the 3-node cluster: scripts/test --cluster"),
]

CORPUS = 300
QUERIES = ("", "分数", "研学", "重庆 历史", "实践基地")


def cluster_script(*args: str) -> float:
    """Run ``scripts/elasticsearch`` on the cluster (the environment names it); returns its seconds."""
    started = time.monotonic()
    subprocess.run([str(ROOT / "scripts" / "elasticsearch"), *args], check=True, env=os.environ.copy(), timeout=400)
    return time.monotonic() - started


class SearchLoad:
    """Teachers searching through the app, one request after another, until stopped; every answer
    counted, and a 200 whose total fell below ``floor`` (a partial answer) counted as wrong too."""

    def __init__(self, app, floor: int):
        self.client = app.test_client()
        self.floor = floor
        self.answers = 0
        self.errors: list[int] = []
        self.short_totals: list[int] = []
        self.slowest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        turn = 0
        while not self._stop.is_set():
            q = QUERIES[turn % len(QUERIES)]
            started = time.monotonic()
            response = self.client.get("/api/v1/search", query_string={"q": q, "size": 5})
            self.slowest = max(self.slowest, time.monotonic() - started)
            self.answers += 1
            if response.status_code != 200:
                self.errors.append(response.status_code)
            elif q == "" and response.get_json()["total"] < self.floor:
                self.short_totals.append(response.get_json()["total"])
            turn += 1

    def __enter__(self) -> SearchLoad:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def master_node(es) -> int:
    """The elected master's number (node-N): the hardest one to lose."""
    name = es.cat.master(format="json")[0]["node"]
    return int(name.rsplit("-", 1)[1])


def writes_so_far(catalog) -> int:
    stats = catalog.es.indices.stats(index=catalog.alias, metric="indexing")["_all"]
    return stats["primaries"]["indexing"]["index_total"]


def kill_after_writes(catalog, node: int, at_least: int, since: int) -> float:
    """SIGKILL node-N once the sync has written ``at_least`` documents; returns when it was killed."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if writes_so_far(catalog) - since >= at_least:
                break
        except Exception:
            pass
        time.sleep(0.05)
    cluster_script("kill-node", str(node))
    return time.monotonic()


def wait_for_green(es, nodes: int) -> None:
    health = es.cluster.health(wait_for_status="green", wait_for_nodes=str(nodes), timeout="300s")
    assert health["status"] == "green" and not health["timed_out"], health


@pytest.fixture
def cluster_catalog(catalog, settings):
    """The catalog fixture on the cluster: three primaries, one replica, the corpus in storage."""
    assert settings.es_url == CLUSTER_URLS, "the session's CATALOG_ES_URL must be the cluster's"
    catalog.settings = dataclasses.replace(catalog.settings, index_shards=3, index_replicas=1)
    catalog.es = make_client(catalog.settings, request_timeout=60)  # as catalog-indexer builds it
    write_corpus(generate_corpus(CORPUS, seed=11), catalog.storages, workers=4, total=CORPUS)
    return catalog


def test_losing_a_node_during_a_sync_and_searches_loses_no_answer_and_no_document(cluster_catalog, app_factory):
    catalog = cluster_catalog
    nodes = len(CLUSTER_URLS.split(","))
    load_index(catalog)
    wait_for_green(catalog.es, nodes)
    expected = catalog.ids()
    assert len(expected) > CORPUS * 0.8  # the corpus has a few broken resources on purpose
    for doc_id in sorted(expected)[:150]:  # work for the sync: it must write these again
        catalog.es.delete(index=catalog.alias, id=doc_id)
    catalog.refresh()
    victim = master_node(catalog.es)

    app = app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces)
    floor = app.test_client().get("/api/v1/search", query_string={"size": 1}).get_json()["total"]
    assert floor >= len(expected) - 150 - 10  # what a teacher sees before the loss; it only grows from here
    outcome: dict = {}
    with SearchLoad(app, floor) as load:
        time.sleep(2)  # searches before the loss, so the count covers both sides of it
        since = writes_so_far(catalog)
        sync = threading.Thread(target=lambda: outcome.update(run=_sync_or_error(catalog)), daemon=True)
        sync.start()
        killed_at = kill_after_writes(catalog, victim, at_least=10, since=since)
        sync.join(timeout=600)
        reruns = 0
        while not _converged(catalog, expected) and reruns < 3:  # a sync that failed with the node is run again
            _sync_or_error(catalog)
            reruns += 1
        converged_after = time.monotonic() - killed_at
        time.sleep(2)  # and after it
    assert _converged(catalog, expected), "the sync did not bring back every document"
    assert catalog.es.count(index=catalog.alias)["count"] == len(expected)  # and no duplicates

    restart = time.monotonic()
    joined_after = cluster_script("start-node", str(victim))
    wait_for_green(catalog.es, nodes)
    green_after = time.monotonic() - restart
    names = {row["name"] for row in catalog.es.cat.nodes(format="json")}
    assert f"node-{victim}" in names

    print(
        f"\ncluster fault test: node-{victim} (the master) SIGKILLed during a sync of 150 of {len(expected)} "
        f"documents; searches {load.answers}, errors {len(load.errors)} {load.errors}, "
        f"partial answers {len(load.short_totals)}, slowest {load.slowest:.1f} s; first sync "
        f"{_outcome(outcome.get('run'))}, reruns {reruns}, index equal to "
        f"storage {converged_after:.1f} s after the kill; restarted node joined in {joined_after:.1f} s, "
        f"cluster green {green_after:.1f} s after the restart"
    )
    assert load.errors == [], f"{len(load.errors)} of {load.answers} searches failed during the loss"
    assert load.short_totals == [], f"searches answered with part of the index: {load.short_totals[:5]}"
    assert load.answers > 10


def load_index(catalog) -> None:
    """The starting point, before any fault: a rebuild, tried again if the shared S3 endpoints hiccup."""
    for _ in range(3):
        run = catalog.rebuild()
        if run.ok:
            return
    pytest.fail("\n".join(run.summary_lines()))


def _outcome(run) -> str:
    """How the sync the node died under ended: ok, or why not."""
    if isinstance(run, Exception):
        return f"raised {run!r:.300}"
    return "ok" if run.ok else "failed (" + " / ".join(run.summary_lines())[:600] + ")"


def _sync_or_error(catalog):
    try:
        return catalog.sync()
    except Exception as exc:  # the node vanished under it
        return exc


def _converged(catalog, expected: set[str]) -> bool:
    try:
        catalog.refresh()
        return catalog.ids() == expected
    except Exception:
        return False
