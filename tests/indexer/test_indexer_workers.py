"""Indexer workers on the real stack: processes split the provinces into shards under leases."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import lesson

from catalog.stores.database import make_engine, make_sessions
from indexer.leases import ShardLeases
from indexer.sharding import shard_of

SHARDS = 4  # the test stack's CATALOG_INDEXER_SHARDS default


def _fill(catalog, count: int, title: str = "课") -> None:
    with ThreadPoolExecutor(8) as pool:
        list(
            pool.map(
                lambda args: catalog.put(*args),
                [(code, lesson(f"les-{n:04d}", f"{code} {title} {n}")) for code in ("cq", "sc") for n in range(count)],
            )
        )


def _sources(catalog) -> dict[str, dict]:
    hits = catalog.es.search(index=catalog.alias, size=1000, sort=["_doc"])["hits"]["hits"]
    # indexed_at differs between two runs; everything a teacher sees must not.
    return {hit["_id"]: {k: v for k, v in hit["_source"].items() if k != "sync"} for hit in hits}


def test_two_worker_processes_build_the_same_index_as_one(catalog):
    _fill(catalog, 60)
    single = catalog.rebuild(workers=1)
    by_one = _sources(catalog)

    double = catalog.rebuild(workers=2)

    assert single.ok and double.ok, double.summary_lines()
    assert _sources(catalog) == by_one and len(by_one) == 120
    for report in double.provinces:
        assert (report.listed, report.indexed, sorted(report.shards)) == (60, 60, list(range(SHARDS)))


def test_a_sync_with_workers_finds_new_changed_and_withdrawn_resources(catalog):
    _fill(catalog, 30)
    catalog.sync()
    for code in ("cq", "sc"):
        catalog.put(code, lesson("les-0001", f"{code} 改过的课"))
        catalog.withdraw(code, "les-0002")
        catalog.put(code, lesson("les-new", f"{code} 新课"))

    run = catalog.sync(workers=3)

    assert run.ok, run.summary_lines()
    assert [(p.indexed, p.deleted, p.unchanged, p.listed) for p in run.provinces] == [(2, 1, 28, 30)] * 2
    for code in ("cq", "sc"):
        ids = catalog.ids(province=code)
        assert f"{code}:les-new" in ids and f"{code}:les-0002" not in ids and len(ids) == 30
        assert catalog.document(f"{code}:les-0001")["title"] == f"{code} 改过的课"


def test_a_shard_a_working_indexer_holds_is_left_to_it_said_so_and_caught_up_later(catalog):
    ids = [f"les-{n:04d}" for n in range(40)]
    _fill(catalog, 40)
    catalog.sync()
    held = shard_of("les-0003", SHARDS)
    in_held = next(rid for rid in ids if shard_of(rid, SHARDS) == held and rid != "les-0003")
    elsewhere = next(rid for rid in ids if shard_of(rid, SHARDS) != held)
    catalog.withdraw("cq", "les-0003")
    catalog.put("cq", lesson(in_held, "另一个索引器负责的改动"))
    catalog.withdraw("cq", elsewhere)
    engine = make_engine(catalog.settings.database_url)
    # Another indexer, alive: it renews its lease every second.
    other = ShardLeases(
        make_sessions(engine), catalog.alias, "elsewhere", holder="other-host:4242:elsewhere", seconds=3
    )
    try:
        assert other.claim("cq", [held], limit=1) == [held]
        with other.renewing():
            run = catalog.sync(lease_wait=4)  # waits for the shard, which stays held

        cq = run.provinces[0]
        assert not run.ok and cq.held_elsewhere == [{"shard": held, "holder": "other-host:4242:elsewhere"}]
        assert cq.status == "failed" and "another indexer (other-host:4242:elsewhere) still holds them" in cq.error
        assert "left_to_another_indexer=1_shards" in run.summary_lines()[0]
        cq_ids = catalog.ids(province="cq")
        assert "cq:les-0003" in cq_ids and f"cq:{elsewhere}" not in cq_ids  # only its own shards were written
        assert catalog.document(f"cq:{in_held}")["title"] != "另一个索引器负责的改动"

        other.release("cq", [held])
        catch_up = catalog.sync()
    finally:
        engine.dispose()
    assert catch_up.ok and catch_up.provinces[0].held_elsewhere == []
    assert "cq:les-0003" not in catalog.ids(province="cq")
    assert catalog.document(f"cq:{in_held}")["title"] == "另一个索引器负责的改动"


def _sync_in_a_process(settings, start, results) -> None:
    from catalog.stores.elasticsearch_client import make_client
    from indexer.commands import run_sync

    start.wait()
    run = run_sync(make_client(settings), settings, workers=2)
    results.put([(p.province, p.indexed, p.status) for p in run.provinces])


def test_two_indexers_started_together_write_each_changed_resource_once(catalog):
    _fill(catalog, 80)
    catalog.sync()
    _fill(catalog, 80, title="第二版")  # every resource changed
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    instances = [context.Process(target=_sync_in_a_process, args=(catalog.settings, start, results)) for _ in range(2)]
    for instance in instances:
        instance.start()
    start.set()
    reports = [results.get(timeout=240) for _ in instances]
    for instance in instances:
        instance.join(timeout=60)

    assert all(status == "ok" for report in reports for _, _, status in report), reports
    # Without the leases both would load and write all 160; with them each change is written once.
    assert sum(indexed for report in reports for _, indexed, _ in report) == 160, reports
    catalog.refresh()
    titles = {rid: doc["title"] for rid, doc in _sources(catalog).items()}
    assert len(titles) == 160 and all("第二版" in title for title in titles.values())


@pytest.mark.parametrize("workers", [0, -1])
def test_the_cli_refuses_a_worker_count_below_one(workers, capsys):
    from indexer.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["sync", "--workers", str(workers)])
    assert exited.value.code == 2 and "must be 1 or more" in capsys.readouterr().err
