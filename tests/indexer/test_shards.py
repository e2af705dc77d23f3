"""Province shards: stable, even, and claimed a sensible number at a time (pure logic)."""

from __future__ import annotations

from collections import Counter

from indexer.sharding import ShardSet, shard_of, shards_per_claim


def test_a_resource_is_in_the_same_shard_in_every_process_and_on_every_host():
    # crc32 of the id, not Python's salted hash(): these values hold anywhere.
    assert [shard_of(rid, 4) for rid in ("les-2024-000001", "yx-2023-000415", "a")] == [1, 1, 3]


def test_ids_with_shared_prefixes_spread_evenly_over_the_shards():
    ids = [f"les-2024-{n:06d}" for n in range(6000)] + [f"yx-2023-{n:06d}" for n in range(2000)]
    counts = Counter(shard_of(rid, 4) for rid in ids)
    assert set(counts) == {0, 1, 2, 3}
    assert max(counts.values()) < 1.1 * min(counts.values())


def test_a_shard_set_holds_exactly_its_shards():
    ids = [f"les-{n}" for n in range(200)]
    halves = [ShardSet("cq", frozenset({0, 2}), 4), ShardSet("cq", frozenset({1, 3}), 4)]
    first, second = ({rid for rid in ids if half.holds(rid)} for half in halves)
    assert first and second and not first & second and first | second == set(ids)
    assert ShardSet.whole("cq", 4).holds("les-1") and ShardSet.whole("cq", 4).is_whole
    assert halves[0].label() == "cq shards 0,2 of 4" and ShardSet.whole("sc").label() == "sc"


def test_each_worker_takes_a_fair_share_and_one_worker_lists_a_province_once():
    assert shards_per_claim(4, provinces=2, workers=1) == 4  # all of a province at once
    assert shards_per_claim(4, provinces=2, workers=2) == 4  # a province each
    assert shards_per_claim(4, provinces=2, workers=4) == 2
    assert shards_per_claim(4, provinces=2, workers=16) == 1
    assert shards_per_claim(4, provinces=1, workers=3) == 2
