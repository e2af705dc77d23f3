"""Run reports kept in Elasticsearch (index ``<alias>-runs``), where ``status``, ``rejects``
and curators read them. They describe runs, not resources, so they live beside the alias.
A run that finds the engine down keeps its record in a local file; the next run saves it."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from indexer.run_report import RunReport, one_line

log = logging.getLogger(__name__)

# The engine answered with an error or could not be reached.
ENGINE_FAILURES = (ApiError, TransportError)

RUNS_MAPPING = {
    "dynamic": "strict",
    "properties": {
        "run_id": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "province": {"type": "keyword"},
        "status": {"type": "keyword"},
        "error": {"type": "text", "index": False},
        "run_error": {"type": "text", "index": False},
        "started_at": {"type": "date"},
        "finished_at": {"type": "date"},
        "counts": {
            "properties": {
                name: {"type": "integer"}
                for name in ("listed", "indexed", "unchanged", "deleted", "rejected", "file_problems", "unmapped")
            }
        },
        "details": {"type": "object", "enabled": False},
    },
}


def runs_index(alias: str) -> str:
    return f"{alias}-runs"


def run_documents(run: RunReport) -> list[tuple[str, dict]]:
    """The run's record: one ``(id, document)`` per province."""
    documents = []
    for province in run.provinces:
        data = province.as_dict()
        details = {
            k: data[k] for k in ("rejected", "file_problems", "write_errors", "unmapped", "made", "held_elsewhere")
        }
        if run.catch_up_seconds is not None:
            details["catch_up_seconds"] = run.catch_up_seconds
        documents.append(
            (
                f"{run.run_id}:{province.province}",
                {
                    "run_id": run.run_id,
                    "kind": run.kind,
                    "province": province.province,
                    "status": province.status,
                    "error": province.error,
                    "run_error": run.error,
                    "started_at": province.started_at,
                    "finished_at": province.finished_at,
                    "counts": {
                        "listed": province.listed,
                        "indexed": province.indexed,
                        "unchanged": province.unchanged,
                        "deleted": province.deleted,
                        "rejected": len(province.rejected),
                        "file_problems": len(province.file_problems),
                        "unmapped": sum(province.unmapped.values()),
                    },
                    "details": details,
                },
            )
        )
    return documents


def _index(es: Elasticsearch, alias: str, documents: list[tuple[str, dict]]) -> None:
    index = runs_index(alias)
    if not es.indices.exists(index=index):
        es.indices.create(index=index, mappings=RUNS_MAPPING, settings={"number_of_shards": 1, "number_of_replicas": 0})
    for doc_id, document in documents:
        es.index(index=index, id=doc_id, refresh=True, document=document)


def save_run(es: Elasticsearch, alias: str, run: RunReport) -> None:
    _index(es, alias, run_documents(run))


def kept_runs_dir(alias: str) -> Path:
    """Where a run's record waits while the engine is down: this host's temporary folder, per user."""
    return Path(tempfile.gettempdir()) / f"catalog-indexer-{os.getuid()}" / alias


def save_run_or_keep(es: Elasticsearch, alias: str, run: RunReport) -> Path | None:
    """Save the run's record; if the engine cannot take it, keep it in a local file the next run
    saves, and return that file."""
    documents = run_documents(run)
    try:
        _index(es, alias, documents)
        return None
    except ENGINE_FAILURES as exc:
        folder = kept_runs_dir(alias)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{run.run_id}.json"
        path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
        log.error(
            "the run record could not be saved; kept until the next run",
            extra={"fields": {"file": str(path), "error": one_line(exc)}},
        )
        return path


def save_kept_runs(es: Elasticsearch, alias: str) -> int:
    """Save the records of earlier runs that found the engine down; how many runs."""
    saved = 0
    for path in sorted(kept_runs_dir(alias).glob("*.json")):
        try:
            documents = [tuple(item) for item in json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError) as exc:
            log.error(
                "a kept run record cannot be read; left as it is",
                extra={"fields": {"file": str(path), "error": one_line(exc)}},
            )
            continue
        _index(es, alias, documents)
        path.unlink()
        saved += 1
    if saved:
        try:
            kept_runs_dir(alias).rmdir()
        except OSError:  # another record still waits there
            pass
    return saved


def latest_runs(es: Elasticsearch, alias: str) -> dict[str, dict]:
    """The newest run record of each province, by province code."""
    try:
        response = es.search(
            index=runs_index(alias),
            size=0,
            aggs={
                "by_province": {
                    "terms": {"field": "province", "size": 100},
                    "aggs": {"latest": {"top_hits": {"size": 1, "sort": [{"finished_at": "desc"}]}}},
                }
            },
        )
    except NotFoundError:
        return {}
    return {
        bucket["key"]: bucket["latest"]["hits"]["hits"][0]["_source"]
        for bucket in response["aggregations"]["by_province"]["buckets"]
    }
