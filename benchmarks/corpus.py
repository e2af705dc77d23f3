"""The sample corpus in the benchmark buckets: written once per (count, seed), then reused.

The bench keeps one stack and one corpus at a time: writing another corpus also drops the bench
alias's indices, which hold the corpus the buckets are losing. Otherwise the next rebuild or sync
would find nearly every indexed resource gone from storage and rightly stop at the indexer's
mass-withdrawal brake; passing ``--allow-mass-withdrawal`` to the measured runs instead would
measure a run no deployer makes, and a stack per corpus would keep gigabytes per size tried.
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError
from elasticsearch import Elasticsearch

from benchmarks.corpus_generation import generate_in_child
from catalog.indexing.index_definition import is_concrete_index_of
from catalog.settings import Settings
from catalog.stores.province_storage import RESOURCE_JSON, ProvinceStorage
from sample_corpus.writer import write_corpus

# At the bucket root, outside any resource folder: the indexer never reads it as a resource.
MARKER_KEY = ".bench-corpus.json"
DELETE_BATCH = 1000  # DeleteObjects' limit
PUT_THREADS = 8  # 16 measured no faster: the two S3 servers are the limit then


def _marker(storage: ProvinceStorage) -> dict | None:
    try:
        return json.loads(storage.get_bytes(MARKER_KEY))
    except ClientError:
        return None


def _resource_count(storage: ProvinceStorage) -> int:
    return sum(1 for stored in storage.list_objects() if stored.key.endswith("/" + RESOURCE_JSON))


def _empty(storage: ProvinceStorage) -> None:
    """Delete every object under the province's prefix (another corpus must not linger)."""
    keys = [stored.key for stored in storage.list_objects()]

    def delete(start: int) -> None:
        storage.client.delete_objects(
            Bucket=storage.province.bucket,
            Delete={"Objects": [{"Key": key} for key in keys[start : start + DELETE_BATCH]], "Quiet": True},
        )

    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="corpus-delete") as pool:
        list(pool.map(delete, range(0, len(keys), DELETE_BATCH)))


def forget_corpus(settings: Settings) -> None:
    """Delete the markers, so the next ``ensure_corpus`` writes the corpus again."""
    for province in settings.provinces:
        ProvinceStorage(province).delete(MARKER_KEY)


def drop_indexed_corpus(settings: Settings, es: Elasticsearch) -> list[str]:
    """Drop every concrete index of the bench alias (serving or left over); return their names."""
    alias = settings.index_alias
    found = es.indices.get(index=f"{alias}-*", expand_wildcards="open,closed", ignore_unavailable=True)
    dropped = sorted(name for name in found if is_concrete_index_of(alias, name))
    for name in dropped:
        es.options(ignore_status=404).indices.delete(index=name)
    return dropped


def ensure_corpus(settings: Settings, es: Elasticsearch, count: int, seed: int) -> dict:
    """Make the buckets hold exactly ``generate_corpus(count, seed)``; say whether it was written.

    A marker names the corpus a bucket holds (written last, like resource.json); with a
    matching marker only the resource.json keys are counted, nothing is read. Before another
    corpus is written the index of the old one is dropped (first, so a write cut short never
    leaves an index of a corpus the buckets no longer hold).
    """
    storages = {p.code: ProvinceStorage(p) for p in settings.provinces}
    wanted = {"count": count, "seed": seed}
    if (
        all(_marker(s) == wanted for s in storages.values())
        and sum(_resource_count(s) for s in storages.values()) == count
    ):
        return {"written": False, "seconds": 0.0}
    print(f"writing the sample corpus ({count} resources, seed {seed}) into the bench buckets", file=sys.stderr)
    started = time.perf_counter()
    dropped = drop_indexed_corpus(settings, es)
    if dropped:
        print(f"dropped the index of the previous corpus: {', '.join(dropped)}", file=sys.stderr)
    for storage in storages.values():
        storage.delete(MARKER_KEY)
        _empty(storage)
    write_corpus(generate_in_child(count, seed), storages, workers=PUT_THREADS, total=count)
    for storage in storages.values():
        storage.put_bytes(MARKER_KEY, json.dumps(wanted).encode(), "application/json")
    seconds = time.perf_counter() - started
    print(f"wrote {count} resources in {seconds:.0f} s ({count / seconds:.0f}/s)", file=sys.stderr)
    return {"written": True, "seconds": seconds}
