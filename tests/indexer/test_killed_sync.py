"""A sync killed while it holds shard leases, then run again (issue 16): the rerun must not exit 0
having done nothing. A dead process on this host gives its shards up at once; a holder elsewhere
that stopped renewing is waited for until its leases expire; either way the rerun syncs them."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import lesson
from sqlalchemy import select

from catalog.stores.database import make_engine, make_sessions
from catalog.stores.models import IndexerLease
from indexer.cli import _print_status
from indexer.leases import LEASE_SECONDS, ShardLeases
from indexer.run_report_store import latest_runs
from tests.indexer.fault_proxies import GatedS3Proxy, reads_of

pytestmark = [pytest.mark.stack, pytest.mark.faults]

COUNT = 30
SHARDS = 4


def _fill(catalog, title: str) -> None:
    with ThreadPoolExecutor(8) as pool:
        list(
            pool.map(
                lambda args: catalog.put(*args),
                [(code, lesson(f"les-{n:04d}", f"{code} {title} {n}")) for code in ("cq", "sc") for n in range(COUNT)],
            )
        )


def _sync_in_child(settings) -> None:
    from catalog.stores.elasticsearch_client import make_client
    from indexer.commands import run_sync

    run_sync(make_client(settings), settings)


def _holders(settings, target: str) -> set[str]:
    engine = make_engine(settings.database_url)
    try:
        with make_sessions(engine)() as session:
            return set(
                session.scalars(
                    select(IndexerLease.holder).where(
                        IndexerLease.target == target, IndexerLease.province == "cq", IndexerLease.holder.is_not(None)
                    )
                )
            )
    finally:
        engine.dispose()


def _assert_fully_synced(catalog, run, started: float, *, within: float) -> None:
    cq = next(report for report in run.provinces if report.province == "cq")
    assert run.ok, run.summary_lines()
    assert cq.held_elsewhere == [] and cq.listed == COUNT and cq.indexed == COUNT
    assert time.monotonic() - started < within
    titles = {catalog.document(f"cq:les-{n:04d}")["title"] for n in range(COUNT)}
    assert all("第二版" in title for title in titles), titles


def test_a_rerun_takes_the_shards_of_a_sync_killed_on_this_host_at_once(catalog, capsys):
    _fill(catalog, "第一版")
    assert catalog.sync().ok
    _fill(catalog, "第二版")  # work for the sync that will be killed
    with GatedS3Proxy(catalog.settings.province("cq").endpoint_url) as proxy:
        gate = proxy.gate(reads_of("les-0000/resource.json"))
        provinces = tuple(
            dataclasses.replace(p, endpoint_url=proxy.url) if p.code == "cq" else p for p in catalog.settings.provinces
        )
        child = multiprocessing.get_context("spawn").Process(
            target=_sync_in_child, args=(dataclasses.replace(catalog.settings, provinces=provinces),)
        )
        child.start()
        try:
            gate.wait_until_reached()  # the child holds Chongqing's shards and is reading
            assert any(f":{child.pid}:" in holder for holder in _holders(catalog.settings, catalog.alias))
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.join(timeout=30)
            gate.release()

    started = time.monotonic()
    run = catalog.sync()

    _assert_fully_synced(catalog, run, started, within=LEASE_SECONDS / 2)  # not after waiting for expiry
    _print_status(latest_runs(catalog.es, catalog.alias), as_json=False)
    cq_line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("cq:"))
    assert f"listed={COUNT}" in cq_line and "sync ok" in cq_line


def test_a_rerun_waits_for_the_leases_of_a_holder_elsewhere_that_stopped_and_then_syncs(catalog):
    _fill(catalog, "第一版")
    assert catalog.sync().ok
    _fill(catalog, "第二版")
    engine = make_engine(catalog.settings.database_url)
    try:  # an indexer on another host took Chongqing's shards with short leases, then died
        gone = ShardLeases(make_sessions(engine), catalog.alias, "gone", holder="other-host:4242:gone", seconds=4)
        assert gone.claim("cq", range(SHARDS), limit=SHARDS) == list(range(SHARDS))

        started = time.monotonic()
        run = catalog.sync()
    finally:
        engine.dispose()

    _assert_fully_synced(catalog, run, started, within=LEASE_SECONDS)
    assert time.monotonic() - started >= 3  # it waited for them
