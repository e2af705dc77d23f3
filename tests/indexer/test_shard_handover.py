"""Two indexers at once: a shard this run finished and another indexer then took up is not left undone.

Deterministic form of the race two indexers started together ran into: the other indexer (a
second run) syncs again the shards this run already finished, and this run, finding them held
when it looked for work left, reported them "left to another indexer" and failed.
"""

from __future__ import annotations

import threading
import time

import pytest
from conftest import lesson
from sqlalchemy import select

from catalog.stores.database import make_engine, make_sessions, transaction
from catalog.stores.models import IndexerLease
from indexer.leases import ShardLeases
from indexer.sharding import shard_of

pytestmark = pytest.mark.stack

SHARDS = 4  # the test stack's CATALOG_INDEXER_SHARDS default


def _finished_runs(sessions, alias: str) -> dict[int, str | None]:
    """cq's shards nobody holds, each with the run that finished it last."""
    with transaction(sessions) as session:
        rows = session.execute(
            select(IndexerLease.shard, IndexerLease.holder, IndexerLease.finished_run).where(
                IndexerLease.target == alias, IndexerLease.province == "cq"
            )
        ).all()
    return {shard: finished for shard, holder, finished in rows if holder is None}


def _wait_until(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the run never got there"
        time.sleep(0.05)


def test_a_shard_this_run_finished_and_another_indexer_took_up_is_no_failure(catalog):
    ids = [f"les-{n:04d}" for n in range(40)]
    for rid in ids:
        catalog.put("cq", lesson(rid, f"课 {rid}"))
    catalog.sync()
    waited_for = shard_of("les-0000", SHARDS)
    taken_up = next(s for s in range(SHARDS) if s != waited_for and any(shard_of(r, SHARDS) == s for r in ids))
    for rid in ids:
        catalog.put("cq", lesson(rid, f"第二版 {rid}"))  # every resource changed
    engine = make_engine(catalog.settings.database_url)
    sessions = make_sessions(engine)
    before = _finished_runs(sessions, catalog.alias)
    # The other indexer: alive (it renews every second) and slow; it holds one shard from the start.
    other = ShardLeases(sessions, catalog.alias, "elsewhere", holder="other-host:4242:elsewhere", seconds=3)
    outcome = {}
    try:
        assert other.claim("cq", [waited_for], limit=1) == [waited_for]
        with other.renewing():
            syncing = threading.Thread(target=lambda: outcome.update(run=catalog.sync(lease_wait=8)))
            syncing.start()
            # This run finishes its free shards and waits for the held one ...
            _wait_until(
                lambda: _finished_runs(sessions, catalog.alias).get(taken_up) not in (None, before.get(taken_up))
            )
            # ... while the other indexer takes up a shard this run has finished (to sync it again for
            # its own run) and hands over the one this run waits for, then stays at work on its shard.
            assert other.claim("cq", [taken_up], limit=1) == [taken_up]
            other.release("cq", [waited_for])
            syncing.join(timeout=120)
            assert not syncing.is_alive()
            other.release("cq", [taken_up])
    finally:
        engine.dispose()

    run = outcome["run"]
    cq = run.provinces[0]
    assert run.ok and cq.status == "ok", run.summary_lines()
    assert cq.held_elsewhere == [] and (cq.listed, cq.indexed) == (40, 40)
    assert all(catalog.document(f"cq:{rid}")["title"] == f"第二版 {rid}" for rid in ids)
