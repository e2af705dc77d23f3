"""The ``site`` of ``tests/curation_fixtures.py`` served by a real gunicorn master and its workers,
as deployed (``gunicorn.conf.py``), for tests that watch a worker process itself."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.curation_fixtures import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def provinces_toml(provinces) -> str:
    return "\n".join(
        f'[[province]]\ncode = "{p.code}"\nname = "{p.name}"\nendpoint_url = "{p.endpoint_url}"\n'
        f'region = "{p.region}"\nbucket = "{p.bucket}"\nprefix = "{p.prefix}"\n'
        for p in provinces
    )


def workers_of(master: subprocess.Popen) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def peak_rss_bytes(pid: int) -> int:
    """The process's high-water mark of resident memory (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmHWM for process {pid}")


def reset_peak_rss(pid: int) -> int:
    """Lower the process's high-water mark to what it holds now (Linux ≥ 4.0) and return that.

    Start-up (jieba's dictionary) leaves the mark far above what a worker then holds, and growth
    measured from such a mark would hide everything below it."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    return peak_rss_bytes(pid)


@contextlib.contextmanager
def served_by_gunicorn(site, folder: Path, *, workers: int = 1, environment: dict | None = None):
    """``(root URL, master process)`` while gunicorn serves ``site`` with ``workers`` workers."""
    settings = site.catalog.settings
    (folder / "provinces.toml").write_text(provinces_toml(settings.provinces), encoding="utf-8")
    port = free_port()
    env = {
        **os.environ,
        "CATALOG_BIND": f"127.0.0.1:{port}",
        "CATALOG_WORKERS": str(workers),
        "CATALOG_THREADS": "4",
        "CATALOG_INDEX_ALIAS": settings.index_alias,
        "CATALOG_DATABASE_URL": settings.database_url,
        "CATALOG_PROVINCES_FILE": str(folder / "provinces.toml"),
        "CATALOG_SECRET_KEY": "gunicorn-site",
        "CATALOG_SECURE_COOKIES": "false",
        **(environment or {}),
    }
    master = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # workers import jieba and the rest first: slow on a busy machine
        while True:
            try:
                if requests.get(root + "/healthz", timeout=5).ok and len(workers_of(master)) == workers:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("gunicorn did not start serving within 60 s")
            time.sleep(0.2)
        yield root, master
    finally:
        master.terminate()
        master.wait(timeout=30)


def signed_in(root: str, email: str) -> requests.Session:
    """A session signed in as ``email`` whose writes carry the CSRF header."""
    session = requests.Session()
    token = session.get(root + "/api/v1/session", timeout=10).json()["csrf_token"]
    response = session.post(
        root + "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 303, response.text
    session.headers["X-CSRFToken"] = session.get(root + "/api/v1/session", timeout=10).json()["csrf_token"]
    return session
