"""Browser tests: Debian's chromium, driven by Playwright, against the app served on the real stack.

One sample corpus is written to both provinces' storage under a fresh key prefix and synced into
its own alias once per session; the app serves it from a thread of this process.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import uuid
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from catalog.stores.province_storage import ProvinceStorage

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE = ROOT / ".cache" / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "screenshots"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CORPUS_SIZE = 160


@dataclasses.dataclass
class ServedCatalog:
    base_url: str
    settings: object
    es: object
    storages: dict[str, ProvinceStorage]

    def url(self, path: str) -> str:
        return self.base_url + path


ACCOUNTS = {"school": "school@browser.test", "curator": "curator@browser.test", "admin": "admin@browser.test"}
ACCOUNT_PASSWORD = "browser-test-password"


def _accounts(url: str) -> None:
    from catalog.accounts import create_school, create_user
    from catalog.stores.database import make_engine, make_sessions, transaction
    from catalog.stores.migrate import upgrade_database

    upgrade_database(url)
    engine = make_engine(url)
    with transaction(make_sessions(engine)) as session:
        school = create_school(session, name="重庆市浏览器测试小学", province="cq", city="重庆市", district="江北区")
        create_user(
            session,
            email=ACCOUNTS["school"],
            display_name="浏览器测试学校",
            password=ACCOUNT_PASSWORD,
            role="school",
            school_id=school.id,
        )
        create_user(
            session,
            email=ACCOUNTS["curator"],
            display_name="浏览器测试审核员",
            password=ACCOUNT_PASSWORD,
            role="curator",
        )
        create_user(
            session, email=ACCOUNTS["admin"], display_name="浏览器测试管理员", password=ACCOUNT_PASSWORD, role="admin"
        )
    engine.dispose()


@pytest.fixture(scope="session")
def served_catalog(settings, es, tmp_path_factory):
    from catalog.web import create_app
    from indexer.commands import run_sync
    from sample_corpus.generator import generate_corpus
    from sample_corpus.writer import write_corpus

    # Under the configured alias, so the web app's scoped Elasticsearch user (role on <alias>*) serves it.
    name = f"{settings.index_alias}-b{uuid.uuid4().hex[:10]}"
    provinces = tuple(dataclasses.replace(p, prefix=f"{name[-11:]}/{p.prefix}") for p in settings.provinces)
    database_url = f"sqlite:///{tmp_path_factory.mktemp('browser-db')}/catalog.db"
    _accounts(database_url)
    app_settings = dataclasses.replace(
        settings,
        index_alias=name,
        provinces=provinces,
        secret_key="browser-test",
        database_url=database_url,
        upload_direct_from_mb=1,
        es_username=os.environ["CATALOG_ES_WEB_USERNAME"],
        es_password=os.environ["CATALOG_ES_WEB_PASSWORD"],
    )
    storages = {p.code: ProvinceStorage(p) for p in provinces}
    write_corpus(generate_corpus(CORPUS_SIZE, seed=7), storages, workers=4, total=CORPUS_SIZE)
    run_sync(es, app_settings)
    es.indices.refresh(index=name)

    server = make_server("127.0.0.1", 0, create_app({"SETTINGS": app_settings}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedCatalog(f"http://127.0.0.1:{server.server_port}", app_settings, es, storages)
    finally:
        server.shutdown()
        for index in es.indices.get(index=f"{name}-*"):
            es.indices.delete(index=index)
        for storage in storages.values():
            for stored in storage.list_objects():
                storage.delete(stored.key)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; scripts/test installs Debian's chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    # Evaluated through the debugging protocol, not added as a <script>: the pages' CSP allows no
    # inline script, and must not be loosened for the tests.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def screenshots(page, name: str) -> list[Path]:
    """The page at desktop and phone widths, whole length, under the git-ignored screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)
    written = []
    original = page.viewport_size
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(150)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)
    page.set_viewport_size(original)
    return written
