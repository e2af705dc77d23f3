"""``index``: the indexer against the floor of what it drives.

- three ``catalog-indexer rebuild --workers N`` (a subprocess, start-up included) in documents
  per second, for each N of ``--workers``: cold (``--from-storage``: every resource and file read),
  warm (nothing changed since the serving index was built: every document copied) and
  format-changed (the serving documents one format version older: rebuilt from what they kept),
  each against the same finished documents sent with plain ``streaming_bulk`` into a fresh index;
- a no-change ``catalog-indexer sync`` against a bare ListObjectsV2 walk of both buckets with
  boto3's paginator, and against the catalog's own walk (``ProvinceStorage.list_objects``, which
  reads the pages itself: the sync's listing alone), the three alternated ``--sync-repeat`` times
  (a single pair varies by about 15 % on a shared machine);
- the indexer's peak RSS in both runs: of its largest process (with workers, the parent and
  each worker are processes of their own, so the whole tree holds about N + 1 times that).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from benchmarks.arguments import add_corpus_arguments, positive_int
from benchmarks.corpus import ensure_corpus
from benchmarks.report import BenchResult, Row
from catalog.indexing.document_builder import FORMAT_VERSION
from catalog.indexing.index_definition import index_body
from catalog.settings import Settings
from catalog.stores.point_in_time import hit_pages
from catalog.stores.province_storage import ProvinceStorage, s3_client
from indexer.bulk_writer import CHUNK_SIZE, MAX_CHUNK_BYTES  # the indexer's own: only the pipeline differs
from indexer.run_report_store import latest_runs

NAME = "index"
HELP = "rebuild and no-change sync against raw bulk writes and a bare listing"
RAW_INDEX = "bench-raw-bulk"


def add_arguments(parser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument("--repeat", type=positive_int, default=1, help="measure R times, report medians (default 1)")
    parser.add_argument(
        "--sync-repeat",
        type=positive_int,
        default=3,
        help="per round, alternate a bare listing and a no-change sync S times, report medians (default 3)",
    )
    parser.add_argument(
        "--workers",
        type=worker_counts,
        default=(1, 2, 4),
        help="rebuild with each of these worker counts, e.g. 1,2,4 (the default)",
    )


def worker_counts(text: str) -> tuple[int, ...]:
    """``1,2,4`` → (1, 2, 4): the ``--workers`` values to rebuild with."""
    counts = tuple(positive_int(part) for part in text.split(",") if part.strip())
    if not counts:
        raise ValueError(text)
    return counts


class IndexerFailed(RuntimeError):
    """A ``catalog-indexer`` run exited non-zero."""


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    peak_rss_mib: float
    output: str
    # User and system CPU of the run's processes: the indexer, its workers and extraction children
    # (wait4 counts every descendant the run waited for). Steadier than wall time on a busy machine.
    cpu_seconds: float = 0.0


def run_indexer(*args: str) -> ChildRun:
    """Run ``catalog-indexer ARGS``; wall time from spawn to exit and the child's peak RSS."""
    command = [str(Path(sys.executable).with_name("catalog-indexer")), *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        # wait4 rather than child.wait(): it returns this child's own rusage.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output = out.read().decode(errors="replace")
        if child.returncode != 0:
            tail = "\n".join(err.read().decode(errors="replace").splitlines()[-20:])
            raise IndexerFailed(f"catalog-indexer {' '.join(args)} exited {child.returncode}:\n{output}{tail}")
    # ru_maxrss is KiB on Linux
    return ChildRun(seconds, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime)


def _hits(es: Elasticsearch, index: str, page_size: int, **search) -> Iterator[dict]:
    """Every hit of ``index`` in the engine's cheapest order."""
    for page in hit_pages(es, index, page_size=page_size, sort=["_shard_doc"], **search):
        yield from page


def read_documents(es: Elasticsearch, index: str) -> list[tuple[str, dict]]:
    """Every (_id, _source) of ``index``."""
    return [(hit["_id"], hit["_source"]) for hit in _hits(es, index, 1000)]


def raw_bulk_seconds(es: Elasticsearch, docs: list[tuple[str, dict]], mappings: dict | None = None) -> float:
    """Create a fresh index like a rebuild does (with ``mappings``, those of the index the documents
    came from), stream ``docs`` in, open it for search; seconds."""
    es.options(ignore_status=404).indices.delete(index=RAW_INDEX)
    body = index_body(for_bulk_load=True)
    body["mappings"] = mappings or body["mappings"]
    started = time.perf_counter()
    es.indices.create(index=RAW_INDEX, **body)
    actions = ({"_index": RAW_INDEX, "_id": doc_id, "_source": source} for doc_id, source in docs)
    for _ in streaming_bulk(es, actions, chunk_size=CHUNK_SIZE, max_chunk_bytes=MAX_CHUNK_BYTES):
        pass
    es.indices.put_settings(index=RAW_INDEX, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=RAW_INDEX)
    seconds = time.perf_counter() - started
    written = es.count(index=RAW_INDEX)["count"]
    es.indices.delete(index=RAW_INDEX)
    if written != len(docs):
        raise RuntimeError(f"raw bulk wrote {written} of {len(docs)} documents")
    return seconds


def listing_walk(clients: list[tuple], page_size: int = 1000) -> tuple[float, int]:
    """A bare ListObjectsV2 walk of every province's prefix with boto3's paginator: (seconds, objects)."""
    objects = 0
    started = time.perf_counter()
    for client, bucket, prefix in clients:
        pages = client.get_paginator("list_objects_v2").paginate(
            Bucket=bucket, Prefix=prefix, PaginationConfig={"PageSize": page_size}
        )
        objects += sum(len(page.get("Contents", [])) for page in pages)
    return time.perf_counter() - started, objects


def catalog_listing_walk(storages: list[ProvinceStorage]) -> tuple[float, int]:
    """The sync's own listing of every province, and nothing else: (seconds, objects)."""
    started = time.perf_counter()
    objects = sum(1 for storage in storages for _ in storage.list_objects())
    return time.perf_counter() - started, objects


def _run_counts(es: Elasticsearch, alias: str) -> dict:
    return {code: run["counts"] for code, run in sorted(latest_runs(es, alias).items())}


def _made(output: str) -> dict[str, int]:
    """How the rebuild made its documents, summed over provinces, from its summary lines."""
    made = {"copied": 0, "rebuilt_from_index": 0, "loaded_from_storage": 0}
    for word in output.split():
        name, _, value = word.partition("=")
        if name in made and value.isdigit():
            made[name] += int(value)
    return made


def age_serving_format(es: Elasticsearch, alias: str) -> int:
    """Make every serving document one format version older, as a release that bumped
    FORMAT_VERSION would find them; returns the documents changed.

    Honest because the rebuild runs its own code unchanged: it reads a stored ``sync.format`` that
    differs from the builder's, exactly as after a real bump (a bench-only switch in the builder
    would test a path production never takes). Partial-document updates, as the local node has
    no painless for ``_update_by_query``; untimed, and the deletions they leave are merged away
    first so the rebuild reads an index like a settled serving one.
    """
    older = {"sync": {"format": FORMAT_VERSION - 1}}
    actions = (
        {"_op_type": "update", "_index": index, "_id": doc_id, "doc": older}
        for doc_id, index in ((hit["_id"], hit["_index"]) for hit in _hits(es, alias, 5000, source=False))
    )
    changed = sum(1 for ok, _ in streaming_bulk(es, actions, chunk_size=CHUNK_SIZE) if ok)
    es.indices.refresh(index=alias)
    es.indices.forcemerge(index=alias, only_expunge_deletes=True)
    return changed


# Each rebuild kind: its label and the catalog-indexer arguments that run it.
REBUILDS = (
    ("cold", "cold rebuild (--from-storage)", ("--from-storage",)),
    ("warm", "warm rebuild (nothing changed)", ()),
    ("format", "format-changed rebuild", ()),
)


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    parameters = {"count": args.count, "seed": args.seed, "repeat": args.repeat, "sync_repeat": args.sync_repeat}
    result = BenchResult(NAME, {**parameters, "workers": list(args.workers)})
    result.samples["corpus"] = ensure_corpus(settings, es, args.count, args.seed)
    clients = [(s3_client(p), p.bucket, p.prefix) for p in settings.provinces]
    storages = [ProvinceStorage(p) for p in settings.provinces]
    rebuild_keys = [
        f"{kind}_{n}w_{what}" for n in args.workers for kind, _, _ in REBUILDS for what in ("s", "rss_mib", "cpu_s")
    ]
    samples = {
        key: [] for key in (*rebuild_keys, "raw_bulk_s", "sync_s", "sync_rss_mib", "listing_s", "catalog_listing_s")
    }
    docs: list[tuple[str, dict]] = []
    for round_number in range(1, args.repeat + 1):
        for workers in args.workers:
            for kind, label, extra in REBUILDS:
                if kind == "format":
                    result.samples["format_aged_documents"] = age_serving_format(es, settings.index_alias)
                print(f"round {round_number}/{args.repeat}: {label}, --workers {workers}", file=sys.stderr)
                rebuilt = run_indexer("rebuild", "--workers", str(workers), *extra)
                samples[f"{kind}_{workers}w_s"].append(rebuilt.seconds)
                samples[f"{kind}_{workers}w_rss_mib"].append(rebuilt.peak_rss_mib)
                samples[f"{kind}_{workers}w_cpu_s"].append(rebuilt.cpu_seconds)
                result.samples[f"{kind}_{workers}w_counts"] = _run_counts(es, settings.index_alias)
                result.samples[f"{kind}_{workers}w_made"] = _made(rebuilt.output)

        for _ in range(args.sync_repeat):
            seconds, objects = listing_walk(clients)
            samples["listing_s"].append(seconds)
            result.samples["listed_objects"] = objects
            samples["catalog_listing_s"].append(catalog_listing_walk(storages)[0])
            print(f"round {round_number}/{args.repeat}: catalog-indexer sync (nothing changed)", file=sys.stderr)
            synced = run_indexer("sync")
            samples["sync_s"].append(synced.seconds)
            samples["sync_rss_mib"].append(synced.peak_rss_mib)
            result.samples["sync_counts"] = _run_counts(es, settings.index_alias)

        if not docs:  # the documents are the same every round: read them back once, untimed
            docs = read_documents(es, settings.index_alias)
            # The rebuilds' own mapping: the checkout may have changed since this process imported it.
            (mappings,) = (found["mappings"] for found in es.indices.get_mapping(index=settings.index_alias).values())
        print(f"round {round_number}/{args.repeat}: raw streaming_bulk of {len(docs)} documents", file=sys.stderr)
        samples["raw_bulk_s"].append(raw_bulk_seconds(es, docs, mappings))

    result.samples.update(samples)
    indexed = len(docs)
    result.samples["indexed_documents"] = indexed
    result.samples["document_mib"] = _json_mib(docs)
    median = {key: statistics.median(values) for key, values in samples.items()}
    for workers in args.workers:  # a warm rebuild that did not copy everything measured something else
        made = result.samples[f"warm_{workers}w_made"]
        if made["copied"] < indexed:
            result.notes.append(
                f"warm rebuild with {workers} worker(s) copied {made['copied']} of {indexed} documents "
                f"(rebuilt {made['rebuilt_from_index']}, loaded {made['loaded_from_storage']}): the document "
                f"format or the decisions changed during the run"
            )
    result.rows = []
    for workers in args.workers:
        for kind, label, _ in REBUILDS:
            seconds = median[f"{kind}_{workers}w_s"]
            name = f"{label}, {workers} worker{'s' if workers > 1 else ''}"
            result.rows += [
                Row(name, "docs/s", indexed / seconds, indexed / median["raw_bulk_s"]),
                Row(name, "s", seconds, median["raw_bulk_s"]),
            ]
    result.rows += [
        Row("no-change sync vs listing", "s", median["sync_s"], median["listing_s"]),
        Row("no-change sync vs the catalog's own listing", "s", median["sync_s"], median["catalog_listing_s"]),
        *(
            Row(f"peak RSS, {kind} rebuild with {n}, largest process", "MiB", median[f"{kind}_{n}w_rss_mib"])
            for n in args.workers
            for kind, _, _ in REBUILDS
        ),
        Row("peak RSS, sync", "MiB", median["sync_rss_mib"]),
        *(
            Row(
                f"indexer CPU, {kind} rebuild with {n}, per resource",
                "ms",
                1000 * median[f"{kind}_{n}w_cpu_s"] / indexed,
            )
            for n in args.workers
            for kind, _, _ in REBUILDS
        ),
    ]
    return result


def _json_mib(docs: list[tuple[str, dict]]) -> float:
    return sum(len(json.dumps(source, ensure_ascii=False).encode()) for _, source in docs) / 2**20
