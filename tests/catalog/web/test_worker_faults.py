"""A gunicorn worker killed while schools upload: every upload that was accepted (201) is stored,
decided and indexed; the others failed visibly. The app runs under gunicorn, as deployed."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from catalog.stores.models import ResourceDecision
from tests.curation_fixtures import PASSWORD, lesson_metadata, pdf_bytes

pytestmark = [pytest.mark.stack, pytest.mark.faults]
ROOT = Path(__file__).resolve().parents[3]
UPLOADS = 24


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def provinces_toml(provinces) -> str:
    return "\n".join(
        f'[[province]]\ncode = "{p.code}"\nname = "{p.name}"\nendpoint_url = "{p.endpoint_url}"\n'
        f'region = "{p.region}"\nbucket = "{p.bucket}"\nprefix = "{p.prefix}"\n' for p in provinces)


@pytest.fixture
def served_by_gunicorn(site, tmp_path):
    settings = site.catalog.settings
    (tmp_path / "provinces.toml").write_text(provinces_toml(settings.provinces), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "CATALOG_BIND": f"127.0.0.1:{port}", "CATALOG_WORKERS": "2", "CATALOG_THREADS": "4",
           "CATALOG_INDEX_ALIAS": settings.index_alias, "CATALOG_DATABASE_URL": settings.database_url,
           "CATALOG_PROVINCES_FILE": str(tmp_path / "provinces.toml"), "CATALOG_SECRET_KEY": "worker-faults",
           "CATALOG_SECURE_COOKIES": "false"}
    master = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # workers import jieba and the rest first: slow on a busy machine
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/healthz", timeout=5).ok and len(workers_of(master)) == 2:
                break
        except requests.RequestException:
            pass
        time.sleep(0.2)
    try:
        yield base, master
    finally:
        master.terminate()
        master.wait(timeout=30)


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    token = session.get(base + "/api/v1/session", timeout=10).json()["csrf_token"]
    session.post(base + "/login", data={"email": "school@example.cn", "password": PASSWORD, "csrf_token": token},
                 timeout=10, allow_redirects=False).raise_for_status()
    session.headers["X-CSRFToken"] = session.get(base + "/api/v1/session", timeout=10).json()["csrf_token"]
    return session


def workers_of(master: subprocess.Popen) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def test_a_killed_worker_loses_no_accepted_upload(site, served_by_gunicorn):
    base, master = served_by_gunicorn
    session = signed_in(base)
    body = pdf_bytes("课件")
    outcomes: list[tuple[int, object]] = []
    lock = threading.Lock()

    def upload(number: int) -> None:
        try:
            response = session.post(base + "/api/v1/uploads", timeout=60, files={"files": ("课件.pdf", body)},
                                    data={"metadata": json.dumps(lesson_metadata(f"工作进程测试 {number}"),
                                                                 ensure_ascii=False)})
            result = (response.status_code, response.json() if response.status_code == 201 else response.text)
        except requests.RequestException as exc:
            result = (0, exc)
        with lock:
            outcomes.append((number, result))

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(UPLOADS)]
    for thread in threads[:UPLOADS // 2]:
        thread.start()
    time.sleep(0.3)
    victims = workers_of(master)
    assert len(victims) == 2
    os.kill(victims[0], signal.SIGKILL)  # mid-flight: some requests die with it
    for thread in threads[UPLOADS // 2:]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    accepted = [result[1] for _, result in outcomes if result[0] == 201]
    refused = [result for _, result in outcomes if result[0] not in (0, 201)]
    assert len(outcomes) == UPLOADS and not refused
    assert len(accepted) >= UPLOADS // 2  # the respawned worker and the other one kept serving
    for upload_result in accepted:
        resource_id = upload_result["resource_id"]
        assert site.staged_names("cq", resource_id, 1) == {"课件.pdf"}, resource_id
        with site.sessions() as db:
            assert db.get(ResourceDecision, ("cq", resource_id)).review_state == "pending"
        assert site.waiting("cq", resource_id) == 1
    assert len(workers_of(master)) == 2  # gunicorn replaced the killed worker
