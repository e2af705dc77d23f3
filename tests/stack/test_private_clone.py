"""A clone in a directory only root may enter (a 0700 home) still starts its Elasticsearch node."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.stack

SERVICE_USER = os.environ.get("CATALOG_SERVICE_USER", "catalog-svc")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dev_env(name: str) -> str:
    for line in (ROOT / "scripts" / "dev.env").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise KeyError(name)


def service_user_can_enter(path: Path) -> bool:
    return subprocess.run(["runuser", "-u", SERVICE_USER, "--", "test", "-x", str(path)]).returncode == 0


def cached_distributions() -> list[Path]:
    cache = Path(os.environ.get("CATALOG_CACHE_DIR", ROOT / ".cache"))
    found = sorted(cache.glob("elasticsearch/elasticsearch-*/bin/elasticsearch"))
    assert found, f"no unpacked Elasticsearch under {cache}; scripts/test fetches it before the tests run"
    return [binary.parent.parent for binary in found]


@pytest.fixture
def private_clone():
    """This checkout cloned into a fresh 0700 directory, with the scripts as they are on disk."""
    if os.geteuid() != 0:
        pytest.skip("only root runs the node as another user, which is what a 0700 home locks out")
    subprocess.run(["id", "-u", SERVICE_USER], check=True, stdout=subprocess.DEVNULL)  # scripts/test made it
    home = Path(tempfile.mkdtemp(prefix="private-home-"))
    clone = home / "catalog"
    try:
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=60)
        shutil.copytree(
            ROOT / "scripts", clone / "scripts", dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
        )
        # The distribution as a fresh clone would have fetched it: inside the private tree.
        for distribution in cached_distributions():
            shutil.copytree(distribution, clone / ".cache" / "elasticsearch" / distribution.name, symlinks=True)
        assert not service_user_can_enter(clone), "the clone must be out of the service user's reach"
        yield clone
    finally:
        shutil.rmtree(home, ignore_errors=True)


def node_environment(clone: Path, http_port: int) -> dict[str, str]:
    environ = {name: value for name, value in os.environ.items() if not name.startswith("CATALOG_ES_")}
    environ.update(
        CATALOG_STACK_DIR=str(clone / ".stack" / "private"),
        CATALOG_CACHE_DIR=str(clone / ".cache"),
        CATALOG_ES_URL=f"http://127.0.0.1:{http_port}",
        CATALOG_ES_TRANSPORT_PORT=str(free_port()),
        CATALOG_ES_HEAP="512m",
    )
    return environ


def run_script(clone: Path, environ: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(clone / "scripts" / "elasticsearch"), *args],
        env=environ,
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=180,
    )


def remove_state(state: Path) -> None:
    """The node's state outside the clone, once it has stopped; only if the scripts wrote it for this clone."""
    if state.is_symlink():
        owner = state.resolve().parent
        if (owner / "stack-dir").read_text(encoding="utf-8").strip() == str(state.parent.resolve()):
            shutil.rmtree(owner)


def test_a_clone_in_a_0700_home_starts_and_stops_its_node(private_clone):
    http_port = free_port()
    environ = node_environment(private_clone, http_port)
    state = private_clone / ".stack" / "private" / "elasticsearch"
    try:
        started = run_script(private_clone, environ, "start")
        assert started.returncode == 0, f"scripts/elasticsearch start failed:\n{started.stderr[-3000:]}"

        token = base64.b64encode(f"elastic:{dev_env('CATALOG_ES_PASSWORD')}".encode()).decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{http_port}/_cluster/health", headers={"Authorization": f"Basic {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["cluster_name"] == "catalog-local"
        # The pid file stays where the scripts and tests/conftest.py look for it.
        pid = int((state / "elasticsearch.pid").read_text().strip())
        assert Path(f"/proc/{pid}").stat().st_uid == int(subprocess.check_output(["id", "-u", SERVICE_USER]))

        stopped = run_script(private_clone, environ, "stop")
        assert stopped.returncode == 0, stopped.stderr
        assert not Path(f"/proc/{pid}").exists(), "the node outlived scripts/elasticsearch stop"
        assert run_script(private_clone, environ, "status").returncode == 1
    finally:
        run_script(private_clone, environ, "stop")
        remove_state(state)
