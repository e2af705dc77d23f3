"""Run reports kept in Elasticsearch (index ``<alias>-runs``), where ``status``, ``rejects``
and curators read them. They describe runs, not resources, so they live beside the alias."""
from __future__ import annotations

from elasticsearch import Elasticsearch, NotFoundError

from indexer.run_report import RunReport

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
        "counts": {"properties": {name: {"type": "integer"} for name in
                                  ("listed", "indexed", "unchanged", "deleted", "rejected", "file_problems", "unmapped")}},
        "details": {"type": "object", "enabled": False},
    },
}


def runs_index(alias: str) -> str:
    return f"{alias}-runs"


def save_run(es: Elasticsearch, alias: str, run: RunReport) -> None:
    index = runs_index(alias)
    if not es.indices.exists(index=index):
        es.indices.create(index=index, mappings=RUNS_MAPPING, settings={"number_of_shards": 1, "number_of_replicas": 0})
    for province in run.provinces:
        data = province.as_dict()
        es.index(index=index, id=f"{run.run_id}:{province.province}", refresh=True, document={
            "run_id": run.run_id, "kind": run.kind, "province": province.province, "status": province.status,
            "error": province.error, "run_error": run.error,
            "started_at": province.started_at, "finished_at": province.finished_at,
            "counts": {"listed": province.listed, "indexed": province.indexed, "unchanged": province.unchanged,
                       "deleted": province.deleted, "rejected": len(province.rejected),
                       "file_problems": len(province.file_problems), "unmapped": sum(province.unmapped.values())},
            "details": {k: data[k] for k in ("rejected", "file_problems", "write_errors", "unmapped", "held_elsewhere")},
        })


def latest_runs(es: Elasticsearch, alias: str) -> dict[str, dict]:
    """The newest run record of each province, by province code."""
    try:
        response = es.search(index=runs_index(alias), size=0, aggs={"by_province": {
            "terms": {"field": "province", "size": 100},
            "aggs": {"latest": {"top_hits": {"size": 1, "sort": [{"finished_at": "desc"}]}}},
        }})
    except NotFoundError:
        return {}
    return {bucket["key"]: bucket["latest"]["hits"]["hits"][0]["_source"]
            for bucket in response["aggregations"]["by_province"]["buckets"]}
