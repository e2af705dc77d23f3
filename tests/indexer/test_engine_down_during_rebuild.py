"""Elasticsearch going away in the middle of a rebuild (issue 16), for this indexer only: it talks
to the engine through a TCP proxy the test cuts, so the shared node keeps serving everyone else.

The rebuild must end with a one-line reason and a non-zero exit, no traceback, and a run record
(kept in a local file while the engine is down); the next run of any kind, a sync here, saves
that record, drops the half-built index and forgets its lease rows.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import lesson
from sqlalchemy import select

from catalog.indexing.index_definition import is_concrete_index_of
from catalog.stores.database import make_engine, make_sessions
from catalog.stores.elasticsearch_client import make_client
from catalog.stores.models import IndexerLease
from indexer.commands import run_sync
from indexer.run_report_store import runs_index
from tests.indexer.fault_proxies import CuttableProxy, GatedS3Proxy, reads_of
from tests.indexer.test_mass_withdrawal_brake import provinces_toml

pytestmark = [pytest.mark.stack, pytest.mark.faults]


def concrete_indices(catalog) -> set[str]:
    return {
        name for name in catalog.es.indices.get(index=f"{catalog.alias}-*") if is_concrete_index_of(catalog.alias, name)
    }


def lease_targets(catalog) -> set[str]:
    engine = make_engine(catalog.settings.database_url)
    try:
        with make_sessions(engine)() as session:
            return set(
                session.scalars(select(IndexerLease.target).where(IndexerLease.target.like(f"{catalog.alias}-%")))
            )
    finally:
        engine.dispose()


def test_a_rebuild_that_loses_the_engine_says_why_and_the_next_sync_clears_what_it_left(catalog, tmp_path):
    for rid in ("les-a", "les-b", "les-c"):
        catalog.put("cq", lesson(rid, f"重庆 {rid}"))
    for rid in ("les-s1", "les-s2"):
        catalog.put("sc", lesson(rid, f"四川 {rid}"))
    assert catalog.sync().ok
    serving = set(catalog.es.indices.get_alias(name=catalog.alias))
    before = catalog.ids()

    with (
        CuttableProxy(catalog.settings.es_url) as engine_proxy,
        GatedS3Proxy(catalog.settings.province("sc").endpoint_url) as storage_proxy,
    ):
        gate = storage_proxy.gate(reads_of("les-s1/resource.json"))  # Chongqing is loaded by then
        via = dataclasses.replace(
            catalog.settings,
            es_url=engine_proxy.url,
            provinces=tuple(
                dataclasses.replace(p, endpoint_url=storage_proxy.url) if p.code == "sc" else p
                for p in catalog.settings.provinces
            ),
        )
        provinces = tmp_path / "provinces.toml"
        provinces.write_text(provinces_toml(via), encoding="utf-8")
        env = {
            **os.environ,
            "CATALOG_PROVINCES_FILE": str(provinces),
            "CATALOG_INDEX_ALIAS": catalog.alias,
            "CATALOG_ES_URL": engine_proxy.url,
        }
        finished = {}
        # --from-storage: a rebuild that copied the unchanged serving documents would never read les-s1.
        command = [str(Path(sys.executable).with_name("catalog-indexer")), "rebuild", "--from-storage"]
        rebuilding = threading.Thread(
            target=lambda: finished.update(
                result=subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
            )
        )
        rebuilding.start()
        try:
            gate.wait_until_reached()
            (half_built,) = concrete_indices(catalog) - serving
            engine_proxy.cut()
        finally:
            gate.release()
            rebuilding.join(timeout=300)
        result = finished["result"]

        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
        failure = [line for line in result.stdout.splitlines() if line.startswith("run failed: ")]
        assert len(failure) == 1 and "Elasticsearch failed: ConnectionError" in failure[0], result.stdout
        assert any(line.startswith("cq: failed") for line in result.stdout.splitlines())
        from indexer.run_report_store import kept_runs_dir

        (kept,) = kept_runs_dir(catalog.alias).glob("*.json")
        record = dict(json.loads(kept.read_text(encoding="utf-8")))
        assert {(doc["province"], doc["status"]) for doc in record.values()} == {("cq", "failed"), ("sc", "failed")}
        # Nothing changed for teachers: the old index still serves, complete.
        assert set(catalog.es.indices.get_alias(name=catalog.alias)) == serving and catalog.ids() == before
        assert half_built in concrete_indices(catalog)  # the engine was gone: it could not be dropped

        engine_proxy.restore()
        after = run_sync(make_client(via), via)

    assert after.ok, after.summary_lines()
    assert concrete_indices(catalog) == serving  # the half-built index is gone
    assert half_built not in lease_targets(catalog)
    assert not kept.exists()
    for doc_id in record:  # the failed rebuild's record reached the runs index
        saved = catalog.es.get(index=runs_index(catalog.alias), id=doc_id)["_source"]
        assert saved["kind"] == "rebuild" and saved["status"] == "failed" and "ConnectionError" in saved["run_error"]
