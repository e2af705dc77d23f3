"""Province shards: how one province's resources are split between indexer workers.

A resource belongs to shard ``crc32(resource id) % shard count``. Ids share their leading
characters (``les-…``, ``yx-…``), so ranges of key prefixes would split a province unevenly;
a checksum of the id spreads it evenly and is the same in every process and on every host.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass


def shard_of(resource_id: str, shard_count: int) -> int:
    return zlib.crc32(resource_id.encode()) % shard_count


@dataclass(frozen=True)
class ShardSet:
    """Some shards of one province, the part of it one worker loads and writes."""

    province: str
    shards: frozenset[int]
    shard_count: int

    @classmethod
    def whole(cls, province: str, shard_count: int = 1) -> ShardSet:
        return cls(province, frozenset(range(shard_count)), shard_count)

    @property
    def is_whole(self) -> bool:
        return len(self.shards) == self.shard_count

    def holds(self, resource_id: str) -> bool:
        return self.is_whole or shard_of(resource_id, self.shard_count) in self.shards

    def label(self) -> str:
        if self.is_whole:
            return self.province
        return f"{self.province} shards {','.join(map(str, sorted(self.shards)))} of {self.shard_count}"


def shards_per_claim(shard_count: int, provinces: int, workers: int) -> int:
    """How many shards of one province a worker takes at a time: the work spread evenly over
    the workers, and no more listings of a province than there are workers on it (each claim
    lists the province once)."""
    return max(1, min(shard_count, math.ceil(shard_count * provinces / max(workers, 1))))
