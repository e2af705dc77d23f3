"""Shard leases in a real (SQLite) catalog database: one holder per shard, expiry, renewal."""

from __future__ import annotations

import multiprocessing

import pytest

from catalog.stores.database import make_engine, make_sessions
from catalog.stores.migrate import upgrade_database
from indexer.leases import LeaseLost, ShardLeases, forget_target


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def database_url(fresh_database_url):
    url = fresh_database_url
    upgrade_database(url)
    return url


@pytest.fixture
def sessions(database_url):
    engine = make_engine(database_url)
    yield make_sessions(engine)
    engine.dispose()


def test_a_shard_held_by_one_indexer_is_not_given_to_another(sessions):
    clock = Clock()
    first = ShardLeases(sessions, "resources", "run1", holder="host-a:1:run1", clock=clock)
    second = ShardLeases(sessions, "resources", "run2", holder="host-b:2:run2", clock=clock)
    assert first.claim("cq", range(4), limit=2) == [0, 1]
    assert second.claim("cq", range(4), limit=4) == [2, 3]
    assert second.claim("cq", range(4), limit=4) == []
    assert second.holders("cq") == {0: "host-a:1:run1", 1: "host-a:1:run1"}
    # Another target (a rebuild's new index) and another province are separate shards.
    assert ShardLeases(sessions, "resources-new", "run2", clock=clock).claim("cq", range(4), 4) == [0, 1, 2, 3]
    assert second.claim("sc", range(4), limit=1) == [0]


def test_a_shard_one_run_finished_is_not_taken_again_by_its_workers_but_by_the_next_run(sessions):
    first = ShardLeases(sessions, "resources", "run1")
    sibling = ShardLeases(sessions, "resources", "run1", holder="other-process:run1")
    assert first.claim("cq", range(2), limit=2) == [0, 1]
    first.release("cq", [1])
    assert first.held == {("cq", 0)}
    assert sibling.claim("cq", range(2), limit=2) == [] and first.claim("cq", range(2), limit=2) == []
    assert ShardLeases(sessions, "resources", "run2").claim("cq", range(2), limit=2) == [1]


def test_a_holder_that_stops_renewing_loses_the_shard_and_notices(sessions):
    clock = Clock()
    stalled = ShardLeases(sessions, "resources", "stalled", seconds=60, clock=clock)
    other = ShardLeases(sessions, "resources", "other", seconds=60, clock=clock)
    assert stalled.claim("cq", [0], limit=1) == [0]
    clock.now += 59
    assert other.claim("cq", [0], limit=1) == []
    clock.now += 2  # expired: the stalled holder never renewed
    assert other.claim("cq", [0], limit=1) == [0]
    stalled.renew()
    with pytest.raises(LeaseLost, match="lost a shard lease of resources"):
        stalled.check()
    other.renew()
    other.check()  # the new holder keeps it


def test_renewal_keeps_a_working_holder_s_shard(sessions):
    clock = Clock()
    working = ShardLeases(sessions, "resources", "working", seconds=60, clock=clock)
    other = ShardLeases(sessions, "resources", "other", seconds=60, clock=clock)
    working.claim("cq", [0], limit=1)
    for _ in range(5):
        clock.now += 40
        working.renew()
        assert other.claim("cq", [0], limit=1) == []
    working.check()


def test_forgetting_a_finished_rebuild_s_target_drops_its_rows(sessions):
    leases = ShardLeases(sessions, "resources-20261129", "a")
    leases.claim("cq", range(4), limit=4)
    forget_target(sessions, "resources-20261129")
    assert ShardLeases(sessions, "resources-20261129", "b").claim("cq", range(4), limit=4) == [0, 1, 2, 3]


def _claim_all(database_url: str, holder: str, start, results) -> None:
    engine = make_engine(database_url)
    leases = ShardLeases(make_sessions(engine), "resources", holder)  # one run each
    start.wait()
    results.put((holder, leases.claim("cq", range(16), limit=16)))
    engine.dispose()


def test_processes_claiming_at_the_same_moment_never_share_a_shard(database_url):
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    processes = [context.Process(target=_claim_all, args=(database_url, f"p{n}", start, results)) for n in range(4)]
    for process in processes:
        process.start()
    start.set()
    claimed = dict(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    every = [shard for shards in claimed.values() for shard in shards]
    assert sorted(every) == list(range(16)), claimed  # each shard exactly once


def test_renewing_while_shards_are_released_loses_nothing(sessions):
    """The renewal thread runs while the worker releases finished shards (seen at 100,000
    resources: a renewal of a just-released shard called the lease lost and failed the run)."""
    import threading

    leases = ShardLeases(sessions, "resources", "run1")
    done = threading.Event()

    def renew_all_the_time():
        while not done.is_set():
            leases.renew()

    renewer = threading.Thread(target=renew_all_the_time)
    renewer.start()
    try:
        for round_number in range(40):
            province = f"p{round_number}"
            claimed = leases.claim(province, range(4), limit=4)
            leases.release(province, claimed)
    finally:
        done.set()
        renewer.join()
    leases.check()
    assert not leases.lost and leases.held == set()
