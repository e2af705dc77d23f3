"""The merge that finds withdrawals: listing and index in their own sort orders, any folder name."""

from __future__ import annotations

import random

import pytest

from catalog.indexing.listing_order import KeyOrder, ListingOutOfOrder, key_order
from indexer.withdrawal_merge import WithdrawalMerge

VALID = "ab0-"  # few letters, so ids often extend one another (a, a-b, a-b0, a0 …)
# Folder names a listing may hold that are no valid id: below "/", non-ASCII, beyond the BMP.
ODD = VALID + " .!é中\uffff😀"


def _ids(rng: random.Random, alphabet: str, count: int, first: str = "ab0") -> set[str]:
    return {rng.choice(first) + "".join(rng.choices(alphabet, k=rng.randint(0, 5))) for _ in range(count)}


def _s3_order(ids) -> list[str]:
    """ListObjectsV2: whole keys in UTF-8 byte order, so a folder sorts as ``id/``."""
    return sorted(ids, key=lambda rid: (rid + "/").encode())


def _directory_order(ids) -> list[str]:
    """A store that walks directories (SeaweedFS): names in UTF-8 byte order."""
    return sorted(ids, key=lambda rid: rid.encode())


def _index_order(ids) -> list[str]:
    """Elasticsearch's keyword sort: UTF-8 bytes."""
    return sorted(ids, key=lambda rid: rid.encode())


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("listing_order", [_s3_order, _directory_order])
def test_the_merge_finds_the_unlisted_and_hands_each_listed_resource_its_fingerprint_once(seed, listing_order):
    rng = random.Random(seed)
    indexed = _ids(rng, VALID, 300)
    listed = {rid for rid in indexed if rng.random() < 0.7} | _ids(rng, ODD, 200, first="ab0 é😀")
    merge = WithdrawalMerge((f"cq:{rid}", rid, f"fp-{rid}") for rid in _index_order(indexed))
    matched = []
    for rid in listing_order(listed):
        matched += merge.listed(rid)
    matched += merge.end_of_listing()
    assert sorted(rid for rid, _ in matched) == sorted(listed)
    assert all(entry == ((f"cq:{rid}", rid, f"fp-{rid}") if rid in indexed else None) for rid, entry in matched)
    assert sorted(merge.finish()) == sorted((f"cq:{rid}", rid) for rid in indexed - listed)
    assert merge.held == len(indexed)


def test_ids_in_id_order_come_out_in_key_order_and_key_order_stays():
    ids = ["a", "a-", "a--b", "a-b", "a-b-c", "a-b0", "a0", "b", "b-a"]
    expected = ["a--b", "a-", "a-b-c", "a-b", "a-b0", "a", "a0", "b-a", "b"]
    assert list(key_order(ids)) == _s3_order(ids) == expected
    assert list(key_order(_s3_order(ids))) == _s3_order(ids)


def test_key_order_holds_back_no_more_than_a_chain_of_prefixes():
    order, most = KeyOrder(), 0
    for n in range(20000):
        order.push(f"les-{n:05d}")
        order.push(f"les-{n:05d}-a")
        most = max(most, len(order._held))
    assert most <= 2


def test_a_listing_in_neither_order_is_refused_before_anything_is_withdrawn():
    listings = (["b", "a"], ["a", "b", "a"], ["a", "a-b", "a-c", "a-b"], ["a", "a"], ["a-b", "a", "a-b"])
    for listing in listings:
        merge = WithdrawalMerge([("cq:a", "a"), ("cq:c", "c")])
        with pytest.raises(ListingOutOfOrder, match="sorted neither by key nor by name"):
            for rid in listing:  # a folder listed twice, or a store with an order of its own
                merge.listed(rid)
            merge.finish()


def test_everything_indexed_is_unlisted_after_an_empty_listing_and_nothing_after_a_full_one():
    indexed = [(f"sc:{rid}", rid) for rid in _index_order(["a", "a-1", "b"])]
    assert sorted(WithdrawalMerge(indexed).finish()) == sorted(indexed)
    full = WithdrawalMerge(indexed)
    for rid in _s3_order(["a", "a-1", "b", "c"]):
        full.listed(rid)
    assert full.finish() == [] and full.held == 3
