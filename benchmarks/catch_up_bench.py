"""``catch-up``: how long a rebuild's catch-up with storage takes at a corpus size, without the rebuild.

A full rebuild at 100,000 resources takes most of an hour here, and the catch-up is a small part
of it. So the new index is made the quick way: one document per valid resource of the listing,
with the fingerprint a rebuild would give it (``ResourceLoader.fingerprint``, the catalog's
decisions included); its body is a copy of one of a few documents the real loader built, under
the resource's own ids. The deliberately invalid resources (``bad-…``) stay out, as a rebuild
leaves them, so the catch-up reads them again as it would. Then storage changes as it might
during a rebuild (``--changes`` each of added, changed and withdrawn resources, over both
provinces), and the real ``catch_up`` is timed against that index, then the pass after the swap
(``catch_up_after_swap``, nothing changed since), against a bare ListObjectsV2 walk of both
buckets. Storage is put back as it was afterwards (same bytes, so the same ETags) and the index
is deleted.
"""

from __future__ import annotations

import copy
import json
import logging
import random
import sys
import time
from dataclasses import dataclass, field

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from benchmarks.arguments import add_corpus_arguments, positive_int
from benchmarks.corpus import ensure_corpus, forget_corpus
from benchmarks.index_bench import CHUNK_SIZE, MAX_CHUNK_BYTES, listing_walk
from benchmarks.report import BenchResult, Row
from catalog.indexing.index_definition import document_id, index_body
from catalog.indexing.resource_folders import ResourceFolder, group_folders
from catalog.indexing.resource_loader import LoadedResource, ResourceLoader
from catalog.settings import Settings
from catalog.stores.province_storage import RESOURCE_JSON, ProvinceStorage, s3_client
from indexer.catch_up import catch_up, catch_up_after_swap
from indexer.commands import load_decisions
from indexer.run_report import RunReport
from indexer.withdrawal_brake import WithdrawalBrake

NAME = "catch-up"
HELP = "a rebuild's catch-up with storage (and the pass after the swap) at a corpus size"
INDEX = "bench-catch-up"  # not behind the bench alias: the other benchmarks never see it
TEMPLATES = 20  # documents the real loader builds per province; the rest copy their bodies
ADDED_PREFIX = "catchup-added-"


def add_arguments(parser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument(
        "--changes",
        type=positive_int,
        default=20,
        help="resources added, and as many changed and withdrawn, while the rebuild runs (default 20 each)",
    )


@dataclass
class StorageChanges:
    """What the benchmark did to storage, so it can be put back."""

    added: list[tuple[ProvinceStorage, str]] = field(default_factory=list)
    rewritten: list[tuple[ProvinceStorage, str, bytes]] = field(default_factory=list)  # key, original bytes

    def undo(self) -> None:
        for storage, resource_id in self.added:
            for stored in list(storage.list_objects(folder=resource_id)):
                storage.delete(stored.key)
        for storage, key, original in self.rewritten:
            storage.put_bytes(key, original, "application/json")


def _valid_folders(storage: ProvinceStorage) -> list[ResourceFolder]:
    folders = group_folders(storage.list_objects(), storage.province.prefix)
    return [f for f in folders if f.resource_json is not None and not f.resource_id.startswith("bad-")]


def _documents(storage: ProvinceStorage, folders: list[ResourceFolder], overlays: dict):
    """``(_id, _source)`` for each folder: built by the loader for the first few, copied for the rest."""
    loader = ResourceLoader(storage, overlays=overlays)
    built = {}
    for folder in folders[:TEMPLATES]:
        loaded = loader.load(folder)
        if isinstance(loaded, LoadedResource):
            built[folder.resource_id] = loaded.document
    templates = list(built.values())
    for number, folder in enumerate(folders):
        body = built.get(folder.resource_id)
        if body is None:
            body = copy.copy(templates[number % len(templates)])
            body.update(
                resource_id=folder.resource_id, sync={**body["sync"], "fingerprint": loader.fingerprint(folder)}
            )
        yield document_id(storage.province.code, folder.resource_id), body


def build_index(es: Elasticsearch, settings: Settings, folders: dict, overlays: dict) -> int:
    """The new index a rebuild would leave before its catch-up; returns its document count."""
    es.options(ignore_status=404).indices.delete(index=INDEX)
    es.indices.create(index=INDEX, **index_body(shards=settings.index_shards, for_bulk_load=True))
    storages = {p.code: ProvinceStorage(p) for p in settings.provinces}
    actions = (
        {"_index": INDEX, "_id": doc_id, "_source": source}
        for code, listed in folders.items()
        for doc_id, source in _documents(storages[code], listed, overlays.get(code, {}))
    )
    for ok, item in streaming_bulk(es, actions, chunk_size=CHUNK_SIZE, max_chunk_bytes=MAX_CHUNK_BYTES):
        if not ok:
            raise RuntimeError(f"bulk write failed: {item}")
    es.indices.put_settings(index=INDEX, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=INDEX)
    return es.count(index=INDEX)["count"]


def change_storage(settings: Settings, folders: dict, count: int, seed: int) -> StorageChanges:
    """``count`` resources added (copies of others, files included), ``count`` changed (a new title)
    and ``count`` withdrawn (resource.json deleted), spread over the provinces."""
    rng = random.Random(seed)
    changes = StorageChanges()
    storages = {p.code: ProvinceStorage(p) for p in settings.provinces}
    codes = sorted(folders)
    for number in range(count * 3):
        code = codes[number % len(codes)]
        storage, listed = storages[code], folders[code]
        folder = listed.pop(rng.randrange(len(listed)))  # never the same resource twice
        key = storage.key_for(folder.resource_id, RESOURCE_JSON)
        original = storage.get_bytes(key)
        kind = ("added", "changed", "withdrawn")[number // count]
        if kind == "withdrawn":
            changes.rewritten.append((storage, key, original))
            storage.delete(key)
            continue
        resource = json.loads(original)
        if kind == "changed":
            changes.rewritten.append((storage, key, original))
            resource["title"] += " (修订)"
            storage.put_bytes(key, json.dumps(resource, ensure_ascii=False).encode(), "application/json")
            continue
        new_id = f"{ADDED_PREFIX}{number:04d}"
        changes.added.append((storage, new_id))
        for name in sorted(folder.objects):
            if name != RESOURCE_JSON:
                storage.copy(storage.key_for(folder.resource_id, name), storage.key_for(new_id, name))
        resource["id"] = new_id
        body = json.dumps(resource, ensure_ascii=False).encode()
        storage.put_bytes(storage.key_for(new_id, RESOURCE_JSON), body, "application/json")
    return changes


def _counts(run: RunReport) -> dict:
    """What the pass wrote, per province (a catch-up adds only its writes and rejects to a report)."""
    return {
        p.province: {"indexed": p.indexed, "deleted": p.deleted, "rejected": len(p.rejected)} for p in run.provinces
    }


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    result = BenchResult(NAME, {"count": args.count, "seed": args.seed, "changes": args.changes})
    logging.getLogger("indexer").setLevel(logging.ERROR)  # each reject read again would be a line
    result.samples["corpus"] = ensure_corpus(settings, es, args.count, args.seed)
    storages = {p.code: ProvinceStorage(p) for p in settings.provinces}
    overlays = load_decisions(settings)
    print("listing both provinces and building the new index", file=sys.stderr)
    started = time.perf_counter()
    folders = {code: _valid_folders(storage) for code, storage in storages.items()}
    result.samples["index_documents"] = build_index(es, settings, folders, overlays)
    result.samples["index_build_s"] = time.perf_counter() - started

    changes = StorageChanges()
    try:
        changes = change_storage(settings, folders, args.changes, args.seed)
        rebuild = RunReport("rebuild")
        for code in storages:
            rebuild.province(code).finish()
        print(f"catch_up after {args.changes} added, changed and withdrawn", file=sys.stderr)
        started = time.perf_counter()
        catch_up(es, INDEX, storages, rebuild, overlays)
        result.samples["catch_up_s"] = time.perf_counter() - started
        result.samples["catch_up_counts"] = _counts(rebuild)
        print("catch_up_after_swap (nothing changed since)", file=sys.stderr)
        after = RunReport("rebuild")
        for code in storages:
            after.province(code).finish()
        started = time.perf_counter()
        catch_up_after_swap(es, INDEX, storages, after, lambda: load_decisions(settings), brake=WithdrawalBrake())
        result.samples["after_swap_s"] = time.perf_counter() - started
        result.samples["after_swap_counts"] = _counts(after)
        if not (rebuild.ok and after.ok):
            raise RuntimeError(f"the catch-up failed: {rebuild.summary_lines() + after.summary_lines()}")
    finally:
        try:
            changes.undo()
        except Exception:
            forget_corpus(settings)  # the next benchmark writes the corpus again rather than trust it
            raise
        es.options(ignore_status=404).indices.delete(index=INDEX)

    clients = [(s3_client(p), p.bucket, p.prefix) for p in settings.provinces]
    listing_s, objects = listing_walk(clients)
    result.samples.update(listing_s=listing_s, listed_objects=objects)
    changed = f"{args.changes} added, {args.changes} changed, {args.changes} withdrawn"
    result.rows = [
        Row(f"catch-up before the swap ({changed}) vs listing", "s", result.samples["catch_up_s"], listing_s),
        Row("pass after the swap (nothing changed) vs listing", "s", result.samples["after_swap_s"], listing_s),
    ]
    return result
