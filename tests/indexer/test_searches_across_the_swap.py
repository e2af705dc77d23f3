"""Teachers search while a rebuild swaps indices: no search fails or comes back short because the
old index was dropped under it, and a point in time opened on the old index reads on to its end."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import lesson
from elasticsearch import ApiError

pytestmark = [pytest.mark.stack]

IDS = [f"les-{n}" for n in range(12)]


def test_searches_running_through_three_swaps_all_answer_in_full(catalog):
    for rid in IDS:
        catalog.put("cq", lesson(rid, f"重庆 {rid}"))
    assert catalog.sync().ok
    catalog.refresh()
    done, answers, failures = threading.Event(), [], []

    def search_until_done():
        while not done.is_set():
            try:
                answers.append(catalog.es.search(index=catalog.alias, size=0, track_total_hits=True)["hits"]["total"])
            except ApiError as exc:
                failures.append(exc)

    searchers = [threading.Thread(target=search_until_done, daemon=True) for _ in range(3)]
    for searcher in searchers:
        searcher.start()
    try:
        for _ in range(3):
            swapped_from = set(catalog.es.indices.get_alias(name=catalog.alias))
            run = catalog.rebuild()
            assert run.ok, run.summary_lines()
            assert set(catalog.es.indices.get_alias(name=catalog.alias)) != swapped_from
            assert not catalog.es.indices.exists(index=",".join(swapped_from), allow_no_indices=False)
    finally:
        done.set()
        for searcher in searchers:
            searcher.join(timeout=30)
    assert failures == []
    assert len(answers) > 30 and all(total["value"] == len(IDS) for total in answers)


def test_a_point_in_time_opened_before_the_swap_reads_to_its_end(catalog):
    for rid in IDS:
        catalog.put("sc", lesson(rid, f"四川 {rid}"))
    assert catalog.sync().ok
    catalog.refresh()
    pit = catalog.es.open_point_in_time(index=catalog.alias, keep_alive="1m")["id"]
    try:
        first = catalog.es.search(pit={"id": pit, "keep_alive": "1m"}, size=5, sort=["_shard_doc"])
        old = set(catalog.es.indices.get_alias(name=catalog.alias))
        rebuilt = threading.Thread(target=catalog.rebuild, daemon=True)
        rebuilt.start()
        deadline = time.monotonic() + 120
        while set(catalog.es.indices.get_alias(name=catalog.alias)) == old and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # past the drop's shortest wait: only the open point in time keeps the old index
        assert set(catalog.es.indices.get_alias(name=catalog.alias)) != old and rebuilt.is_alive()
        seen = [hit["_id"] for hit in first["hits"]["hits"]]
        after = first["hits"]["hits"][-1]["sort"]
        while True:
            page = catalog.es.search(
                pit={"id": pit, "keep_alive": "1m"}, size=5, sort=["_shard_doc"], search_after=after
            )
            if not page["hits"]["hits"]:
                break
            seen += [hit["_id"] for hit in page["hits"]["hits"]]
            after = page["hits"]["hits"][-1]["sort"]
        assert sorted(seen) == sorted(f"sc:{rid}" for rid in IDS)
    finally:
        catalog.es.options(ignore_status=404).close_point_in_time(id=pit)
    rebuilt.join(timeout=120)
    assert not rebuilt.is_alive()
