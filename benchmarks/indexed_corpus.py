"""A sample corpus both in the bench buckets and behind the bench alias."""

from __future__ import annotations

import sys

from elasticsearch import Elasticsearch

from benchmarks.corpus import ensure_corpus, forget_corpus
from benchmarks.index_bench import IndexerFailed, run_indexer
from catalog.settings import Settings


def ensure_indexed(settings: Settings, es: Elasticsearch, count: int, seed: int) -> dict:
    """``generate_corpus(count, seed)`` in the buckets and in the alias (a ``catalog-indexer
    sync`` when the corpus was just written or the alias is missing)."""
    corpus = ensure_corpus(settings, es, count, seed)
    if corpus["written"] or not es.indices.exists_alias(name=settings.index_alias):
        print("catalog-indexer sync", file=sys.stderr)
        try:
            corpus["sync_s"] = run_indexer("sync").seconds
        except IndexerFailed:
            # Otherwise the next run would find the markers, trust the alias and measure stale data.
            forget_corpus(settings)
            raise
    es.indices.refresh(index=settings.index_alias)
    corpus["indexed"] = es.count(index=settings.index_alias)["count"]
    return corpus
