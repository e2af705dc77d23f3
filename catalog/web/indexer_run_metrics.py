"""The indexer's runs as Prometheus gauges, read from their records at each scrape.

Indexer runs are separate, short processes that nothing scrapes; each leaves one record per province in
``<alias>-runs`` (``indexer/run_report_store.py``), which this reads with the app's own Elasticsearch user.
"""

from __future__ import annotations

import logging
from datetime import datetime

from elasticsearch import ApiError, NotFoundError, TransportError
from prometheus_client.core import GaugeMetricFamily

from catalog.settings import Settings
from catalog.stores.elasticsearch_client import make_client

log = logging.getLogger(__name__)

OUTCOMES = ("indexed", "unchanged", "deleted", "rejected")
SCRAPE_TIMEOUT_SECONDS = 5


def runs_index(alias: str) -> str:
    # The indexer's name for it (indexer/run_report_store.py); catalog does not import the indexer.
    return f"{alias}-runs"


def runs_query() -> dict:
    """Records by kind and status, and each (kind, province)'s latest finished record."""
    latest = {
        "top_hits": {
            "size": 1,
            "sort": [{"finished_at": "desc"}],
            "_source": ["started_at", "finished_at", "status", "counts"],
        }
    }
    return {
        "size": 0,
        "aggs": {
            "kinds": {
                "terms": {"field": "kind", "size": 10},
                "aggs": {
                    "statuses": {"terms": {"field": "status", "size": 10}},
                    "provinces": {
                        "terms": {"field": "province", "size": 100},
                        "aggs": {
                            "finished": {"filter": {"exists": {"field": "finished_at"}}, "aggs": {"latest": latest}}
                        },
                    },
                },
            }
        },
    }


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def run_gauges(aggregations: dict) -> list[GaugeMetricFamily]:
    """The gauges for one answer of ``runs_query``."""
    runs = GaugeMetricFamily(
        "catalog_indexer_runs",
        "Recorded indexer runs (one per province and run) by kind and status",
        labels=["kind", "status"],
    )
    duration = GaugeMetricFamily(
        "catalog_indexer_last_run_duration_seconds",
        "How long the latest finished run took",
        labels=["kind", "province"],
    )
    finished = GaugeMetricFamily(
        "catalog_indexer_last_run_finished_timestamp_seconds",
        "When the latest run finished (Unix time): alert when a sync is overdue",
        labels=["kind", "province"],
    )
    failed = GaugeMetricFamily(
        "catalog_indexer_last_run_failed", "1 when the latest finished run failed", labels=["kind", "province"]
    )
    documents = GaugeMetricFamily(
        "catalog_indexer_last_run_documents",
        "Documents of the latest finished run by outcome",
        labels=["kind", "province", "outcome"],
    )
    for kind in aggregations.get("kinds", {}).get("buckets", []):
        for status in kind["statuses"]["buckets"]:
            runs.add_metric([kind["key"], status["key"]], status["doc_count"])
        for province in kind["provinces"]["buckets"]:
            hits = province["finished"]["latest"]["hits"]["hits"]
            if not hits:
                continue
            record = hits[0]["_source"]
            labels = [kind["key"], province["key"]]
            duration.add_metric(labels, _seconds(record["finished_at"]) - _seconds(record["started_at"]))
            finished.add_metric(labels, _seconds(record["finished_at"]))
            failed.add_metric(labels, 1 if record.get("status") == "failed" else 0)
            for outcome in OUTCOMES:
                documents.add_metric([*labels, outcome], record.get("counts", {}).get(outcome, 0))
    return [runs, duration, finished, failed, documents]


class IndexerRunsCollector:
    """Reads the run records when Prometheus scrapes; ``catalog_indexer_runs_readable`` says whether it could."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._client = None

    def collect(self):
        readable = GaugeMetricFamily(
            "catalog_indexer_runs_readable", "1 when the run records could be read at this scrape"
        )
        try:
            gauges = run_gauges(self._aggregations())
        except (ApiError, TransportError) as exc:
            log.warning("indexer run records unreadable: %s", exc)
            readable.add_metric([], 0)
            yield readable
            return
        readable.add_metric([], 1)
        yield readable
        yield from gauges

    def _aggregations(self) -> dict:
        if self._client is None:
            self._client = make_client(self.settings)
        es = self._client.options(request_timeout=SCRAPE_TIMEOUT_SECONDS)
        try:
            response = es.search(index=runs_index(self.settings.index_alias), **runs_query())
        except NotFoundError:
            return {}  # no run has been recorded yet
        return response.body.get("aggregations", {})
