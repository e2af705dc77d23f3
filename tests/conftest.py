"""Fixtures shared by the whole suite: settings, real clients and control of the local stack.

Stack fixtures need the services that ``scripts/test`` starts; without them they fail (never skip),
so a missing engine cannot pass as green.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from catalog.indexing.segmentation import segment
from catalog.settings import Settings, SettingsError
from catalog.stores.province_storage import ProvinceStorage

ROOT = Path(__file__).resolve().parent.parent
# The browser fixtures (chromium, the served sample catalog) live beside the browser tests.
pytest_plugins = ["tests.browser.browser_fixtures", "tests.curation_fixtures", "tests.security.live_site"]


# Fixtures that need the local stack (scripts/test starts it) or the browser. A test that uses one,
# directly or through another fixture, is marked ``stack``: ``pytest -m "not stack"`` is then the
# fast lane of pure tests, with no services and no CATALOG_* environment.
STACK_FIXTURES = frozenset(
    {
        "settings",
        "es",
        "storages",
        "stack_control",
        "app_factory",
        "catalog",
        "site",
        "live_site",
        "served_catalog",
        "browser",
        "page",
    }
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = getattr(item, "fixturenames", ())
        if STACK_FIXTURES.intersection(used):
            item.add_marker(pytest.mark.stack)
        if "fresh_database_url" in used:  # scripts/test runs these a second time against PostgreSQL
            item.add_marker(pytest.mark.database)


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty catalog database for one test: a SQLite file, or, when CATALOG_TEST_POSTGRES_URL is set
    (scripts/test's second pass), a new PostgreSQL database on that server, dropped afterwards."""
    server = os.environ.get("CATALOG_TEST_POSTGRES_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'catalog.db'}"
        return
    from sqlalchemy import create_engine, text

    name = f"t{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def settings() -> Settings:
    try:
        return Settings.from_environ()
    except SettingsError as exc:
        pytest.fail(f"the local test stack is not configured ({exc}); run the suite with scripts/test")


@pytest.fixture(scope="session")
def es(settings):
    from catalog.stores.elasticsearch_client import make_client

    return make_client(settings)


@pytest.fixture(scope="session")
def storages(settings):
    from catalog.stores.province_storage import ProvinceStorage

    return {p.code: ProvinceStorage(p) for p in settings.provinces}


@pytest.fixture
def unique_name():
    """A short unique lowercase name for indices, aliases and key prefixes made by one test."""
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def minimal_environ(tmp_path) -> dict[str, str]:
    """The fewest variables ``Settings.from_environ`` accepts (one province), for tests of one more setting."""
    provinces = tmp_path / "provinces.toml"
    provinces.write_text(
        '[[province]]\ncode="cq"\nname="重庆市"\nendpoint_url="http://x"\nbucket="b"\n', encoding="utf-8"
    )
    return {
        "CATALOG_ES_USERNAME": "u",
        "CATALOG_ES_PASSWORD": "p",
        "CATALOG_PROVINCES_FILE": str(provinces),
        "CATALOG_S3_CQ_ACCESS_KEY": "a",
        "CATALOG_S3_CQ_SECRET_KEY": "s",
    }


class StackControl:
    """Stops and starts the local services through the same scripts a developer uses."""

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(ROOT / "scripts" / args[0]), *args[1:]],
            check=True,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=300,
        )

    def stop_province(self, code: str) -> None:
        self._run("s3", "stop", code)

    def start_province(self, code: str) -> None:
        self._run("s3", "start", code)

    def kill_elasticsearch(self) -> None:
        """SIGKILL the node, as a crash would: no flush, no goodbye."""
        import signal
        import time

        pidfile = Path(os.environ["CATALOG_STACK_DIR"]) / "elasticsearch" / "elasticsearch.pid"
        pid = int(pidfile.read_text().strip())
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)

    def start_elasticsearch(self) -> None:
        self._run("elasticsearch", "start")

    @contextlib.contextmanager
    def province_stopped(self, code: str):
        self.stop_province(code)
        try:
            yield
        finally:
            self.start_province(code)


@pytest.fixture(scope="session")
def stack_control() -> StackControl:
    return StackControl()


@pytest.fixture
def app_factory(settings):
    """Build the app with the real services, optionally with other settings (e.g. an alias)."""
    from catalog.web import create_app

    def build(**changes):
        app_settings = dataclasses.replace(settings, secret_key="test-secret", **changes)
        app = create_app({"SETTINGS": app_settings, "TESTING": True})
        return app

    return build


# --- an isolated catalog per test: its own alias and key prefix in both provinces' buckets ---

EXAMPLES = ROOT / "tests" / "fixtures" / "spec_examples"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def lesson(resource_id: str, title: str, **changes) -> dict:
    resource = copy.deepcopy(example("lesson"))
    resource.update(id=resource_id, title=title, files=[], **changes)
    return resource


class CatalogUnderTest:
    def __init__(self, settings, es):
        self.settings = settings
        self.es = es
        self.storages = {p.code: ProvinceStorage(p) for p in settings.provinces}

    @property
    def alias(self) -> str:
        return self.settings.index_alias

    def put(self, province: str, resource: dict | bytes, *, folder: str | None = None, files: dict | None = None):
        """Write files first and resource.json last, as publishers must."""
        storage = self.storages[province]
        folder = folder or resource["id"]
        for name, body in (files or {}).items():
            storage.put_bytes(storage.key_for(folder, name), body)
        body = resource if isinstance(resource, bytes) else json.dumps(resource, ensure_ascii=False).encode()
        storage.put_bytes(storage.key_for(folder, "resource.json"), body, "application/json")

    def withdraw(self, province: str, resource_id: str) -> None:
        storage = self.storages[province]
        storage.delete(storage.key_for(resource_id, "resource.json"))

    def sync(self, **options):
        from indexer.commands import run_sync

        run = run_sync(self.es, self.settings, **options)
        self.refresh()
        return run

    def rebuild(self, **options):
        from indexer.commands import run_rebuild

        run = run_rebuild(self.es, self.settings, **options)
        self.refresh()
        return run

    def refresh(self) -> None:
        if self.es.indices.exists_alias(name=self.alias):
            self.es.indices.refresh(index=self.alias)

    def ids(self, **query) -> set[str]:
        body = {"bool": {"filter": [{"term": {k: v}} for k, v in query.items()]}}
        hits = self.es.search(index=self.alias, query=body, size=1000, source=False)["hits"]["hits"]
        return {hit["_id"] for hit in hits}

    def document(self, doc_id: str) -> dict:
        return self.es.get(index=self.alias, id=doc_id)["_source"]

    def search_ids(self, field: str, text: str) -> set[str]:
        """Match ``text`` on a segmented field, segmented as the search service does."""
        query = {"match": {field: {"query": segment(text), "operator": "and"}}}
        hits = self.es.search(index=self.alias, query=query, size=100, source=False)["hits"]["hits"]
        return {hit["_id"] for hit in hits}


@pytest.fixture
def catalog(settings, es, unique_name):
    provinces = tuple(dataclasses.replace(p, prefix=f"{unique_name}/{p.prefix}") for p in settings.provinces)
    under_test = CatalogUnderTest(dataclasses.replace(settings, index_alias=unique_name, provinces=provinces), es)
    yield under_test
    for index in es.indices.get(index=f"{unique_name}-*"):  # the node refuses wildcard deletes
        es.indices.delete(index=index)
    for storage in under_test.storages.values():
        for stored in storage.list_objects():
            storage.delete(stored.key)
