"""Prometheus metrics: off unless ``CATALOG_METRICS_PORT`` is set, then served on that port only, counting
requests by endpoint, 5xx answers, engine calls and the indexer's recorded runs, summed over gunicorn workers."""

from __future__ import annotations

import dataclasses
import socket
import time
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from catalog.settings import Settings, SettingsError
from catalog.web.indexer_run_metrics import IndexerRunsCollector
from catalog.web.metrics import REGISTRY
from catalog.web.metrics_server import start_listener
from indexer.run_report import RunReport
from indexer.run_report_store import runs_index, save_run
from tests.conftest import lesson
from tests.security import gunicorn_site


def scrape(port: int) -> dict[tuple[str, tuple], float]:
    """Every sample on the metrics port: ``(name, sorted labels) -> value``."""
    text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_are_off_by_default(app_factory):
    app = app_factory()
    assert app.config["SETTINGS"].metrics_port is None
    healthz = {"endpoint": "health.healthz", "method": "GET"}
    measured = REGISTRY.get_sample_value("catalog_request_duration_seconds_count", healthz)
    assert app.test_client().get("/metrics").status_code == 404
    assert app.test_client().get("/healthz").status_code == 200
    assert REGISTRY.get_sample_value("catalog_request_duration_seconds_count", healthz) == measured  # nor measured


def test_the_metrics_port_counts_requests_by_endpoint_and_server_errors(catalog, app_factory):
    catalog.put("cq", lesson("fenshu-1", "分数的初步认识"))
    catalog.sync()
    port = gunicorn_site.free_port()
    app = app_factory(metrics_port=port, index_alias=catalog.alias, provinces=catalog.settings.provinces)
    no_index = app_factory(metrics_port=port, index_alias=f"{catalog.alias}-none")  # the engine says 404: a 503 here
    before = scrape(port)

    assert app.test_client().get("/search?q=分数").status_code == 200
    assert no_index.test_client().get("/search?q=分数").status_code == 503
    assert app.test_client().get("/metrics").status_code == 404  # never on the site's own port

    after = scrape(port)
    count = "catalog_request_duration_seconds_count"
    assert (
        value(after, count, endpoint="pages.search_page", method="GET")
        - value(before, count, endpoint="pages.search_page", method="GET")
        == 2
    )
    assert value(after, count, endpoint="unmatched", method="GET") > value(
        before, count, endpoint="unmatched", method="GET"
    )
    errors = "catalog_http_server_errors_total"
    assert (
        value(after, errors, endpoint="pages.search_page", status="503")
        - value(before, errors, endpoint="pages.search_page", status="503")
        == 1
    )
    assert value(after, errors, endpoint="pages.search_page", status="200") == 0
    engine = "catalog_engine_duration_seconds_count"
    assert value(after, engine, operation="search") > value(before, engine, operation="search")
    assert not any("/search" in str(labels) for _, labels in after)  # endpoints, never raw paths


def test_the_indexer_runs_are_read_from_their_records(settings, es, unique_name):
    run = RunReport("sync")
    province = run.province("cq")
    province.indexed, province.deleted = 12, 1
    province.started_at, province.finished_at, province.status = (
        "2026-12-02T01:00:00.000+00:00",
        "2026-12-02T01:00:42.500+00:00",
        "ok",
    )
    failed = run.province("sc")
    failed.finish("storage unreachable")
    save_run(es, unique_name, run)
    try:
        collector = IndexerRunsCollector(dataclasses.replace(settings, index_alias=unique_name))
        samples = {
            (s.name, tuple(sorted(s.labels.items()))): s.value for family in collector.collect() for s in family.samples
        }
    finally:
        es.indices.delete(index=runs_index(unique_name))
    assert value(samples, "catalog_indexer_runs_readable") == 1
    assert value(samples, "catalog_indexer_runs", kind="sync", status="ok") == 1
    assert value(samples, "catalog_indexer_runs", kind="sync", status="failed") == 1
    assert value(samples, "catalog_indexer_last_run_duration_seconds", kind="sync", province="cq") == 42.5
    assert value(samples, "catalog_indexer_last_run_documents", kind="sync", province="cq", outcome="indexed") == 12
    assert value(samples, "catalog_indexer_last_run_failed", kind="sync", province="sc") == 1


def test_no_run_recorded_yet_and_an_engine_down_are_told_apart(settings, unique_name):
    nothing_yet = IndexerRunsCollector(dataclasses.replace(settings, index_alias=unique_name))
    engine_down = IndexerRunsCollector(
        dataclasses.replace(settings, index_alias=unique_name, es_url="http://127.0.0.1:1")
    )
    assert [s.value for f in nothing_yet.collect() for s in f.samples if s.name == "catalog_indexer_runs_readable"] == [
        1
    ]
    assert [s.value for f in engine_down.collect() for s in f.samples if s.name == "catalog_indexer_runs_readable"] == [
        0
    ]


def test_the_gunicorn_master_sums_what_two_workers_counted(site, tmp_path):
    port = gunicorn_site.free_port()
    files = tmp_path / "prometheus"
    environment = {"CATALOG_METRICS_PORT": str(port), "PROMETHEUS_MULTIPROC_DIR": str(files)}
    with gunicorn_site.served_by_gunicorn(site, tmp_path, workers=2, environment=environment) as (root, master):
        workers = set(gunicorn_site.workers_of(master))
        assert requests.get(root + "/metrics", timeout=10).status_code == 404  # the public port has none
        sent, deadline = 0, time.monotonic() + 60
        # A worker writes its own file once it has measured a request: send until both have.
        while len(writers(files) & workers) < 2 or sent < 4:
            assert time.monotonic() < deadline, f"one worker took every request: {writers(files)} of {workers}"
            with requests.Session() as fresh:  # a new connection each time: the workers race to accept it
                assert fresh.get(root + "/api/v1/session", timeout=10).status_code == 200
            sent += 1
        samples = scrape(port)
    count = value(samples, "catalog_request_duration_seconds_count", endpoint="api_writes.session_info", method="GET")
    assert count == sent


def writers(files: Path) -> set[int]:
    """The processes that have written a histogram file (``histogram_<pid>.db``)."""
    return {int(path.stem.rsplit("_", 1)[1]) for path in files.glob("histogram_*.db")}


@pytest.mark.parametrize("port", ["metrics", "0", "70000"])
def test_a_bad_metrics_port_is_named(minimal_environ, port):
    assert Settings.from_environ(minimal_environ).metrics_port is None
    assert Settings.from_environ({**minimal_environ, "CATALOG_METRICS_PORT": "9100"}).metrics_port == 9100
    with pytest.raises(SettingsError, match="CATALOG_METRICS_PORT must be"):
        Settings.from_environ({**minimal_environ, "CATALOG_METRICS_PORT": port})


def test_a_metrics_port_already_taken_is_named():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = Settings("http://127.0.0.1:1", "u", "p", 1, "resources", (), metrics_port=port)
        with pytest.raises(SettingsError, match=f"CATALOG_METRICS_PORT: cannot listen on 127.0.0.1:{port}"):
            start_listener(settings)
