"""The wheel is what the image runs: built and installed as the Dockerfile does, it serves its pages,
static files and translations from outside the source tree, with templates/ where
``CATALOG_TEMPLATES_DIR`` says.

No stack: builds the wheel with pip (its build requirements come from PyPI or pip's cache), installs
it into a temporary folder and starts the installed app under gunicorn on a free loopback port.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What the Dockerfile's first stage has in /src, besides what .dockerignore keeps out.
SOURCE_PARTS = ("catalog", "indexer", "sample_corpus", "templates", "setup.cfg", "pyproject.toml", "README.md")
LEAFLET = "catalog/web/static/vendor/leaflet/leaflet.js"
PROVINCES = """[[province]]
code = "cq"
name = "重庆市"
endpoint_url = "http://127.0.0.1:9"
region = "us-east-1"
bucket = "cq-resources"
"""


def dockerfile_template_dir() -> str:
    """The folder the image copies templates/ into and names in CATALOG_TEMPLATES_DIR (they must agree)."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = re.search(r"^COPY templates/? (\S+?)/?$", text, flags=re.M)
    named = re.search(r"CATALOG_TEMPLATES_DIR=(\S+)", text)
    assert copied and named, "the Dockerfile copies templates/ and sets CATALOG_TEMPLATES_DIR"
    assert copied.group(1) == named.group(1), "CATALOG_TEMPLATES_DIR names the folder templates/ is copied to"
    return named.group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The wheel built from a copy of the tree (the checkout stays untouched), installed with --target."""
    assert (ROOT / LEAFLET).is_file(), "Leaflet is not vendored: run python scripts/lib/vendor_assets.py"
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for part in SOURCE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / part, source / part)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    wheel = next((work / "dist").glob("*.whl"))
    site = work / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-compile", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    # The image's /app: the templates and gunicorn.conf.py, no catalog/ to import by accident.
    app_dir = work / "app"
    shutil.copytree(ROOT / "templates", app_dir / "templates")
    shutil.copy2(ROOT / "gunicorn.conf.py", app_dir / "gunicorn.conf.py")
    (work / "provinces.toml").write_text(PROVINCES, encoding="utf-8")
    return {"wheel": wheel, "site": site, "app": app_dir, "work": work}


def environment(built, **extra: str) -> dict[str, str]:
    """Only what the image's environment would hold: none of this machine's CATALOG_* settings."""
    keep = {name: value for name, value in os.environ.items() if not name.startswith(("CATALOG_", "PYTHON"))}
    return {
        **keep,
        "PYTHONPATH": str(built["site"]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "CATALOG_ES_USERNAME": "catalog-web",
        "CATALOG_ES_PASSWORD": "not-used",
        "CATALOG_ES_URL": "http://127.0.0.1:9",
        "CATALOG_SECRET_KEY": "wheel-test-secret",
        "CATALOG_PROVINCES_FILE": str(built["work"] / "provinces.toml"),
        "CATALOG_S3_CQ_ACCESS_KEY": "a",
        "CATALOG_S3_CQ_SECRET_KEY": "s",
        "CATALOG_DATABASE_URL": f"sqlite:///{built['work'] / 'catalog.db'}",
        **extra,
    }


def test_the_wheel_carries_static_files_translations_and_migrations_and_no_development_data(built):
    names = set(zipfile.ZipFile(built["wheel"]).namelist())
    # Every served file, vendored Leaflet included; not vendor_assets.py's own ".version" markers.
    static = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "catalog/web/static").rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    assert {"catalog/web/static/js/map.js", "catalog/web/static/css/site.css", LEAFLET} <= names
    assert static <= names, f"static files missing from the wheel: {sorted(static - names)}"
    assert "catalog/web/translations/en/LC_MESSAGES/messages.mo" in names
    migrations = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "catalog/stores/migrations").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert migrations and migrations <= names, f"migrations missing: {sorted(migrations - names)}"
    assert not [name for name in names if name.startswith(("sample_corpus/", "templates/", "tests/"))]


def test_the_installed_app_serves_pages_and_static_files_from_outside_the_source_tree(built):
    template_dir = dockerfile_template_dir()  # /app/templates in the image; here the same layout in a temp folder
    assert Path(template_dir).name == "templates"
    env = environment(
        built,
        CATALOG_TEMPLATES_DIR=str(built["app"] / "templates"),
        CATALOG_WORKERS="1",
        CATALOG_THREADS="2",
        CATALOG_BIND=f"127.0.0.1:{free_port()}",
    )
    migrate = (
        "import catalog, os; from catalog.stores.migrate import upgrade_database; "
        "assert catalog.__file__.startswith(os.environ['PYTHONPATH']), catalog.__file__; "
        "upgrade_database(os.environ['CATALOG_DATABASE_URL'])"
    )
    subprocess.run(
        [sys.executable, "-c", migrate], cwd=built["app"], env=env, check=True, capture_output=True, timeout=60
    )
    # As the image's CMD: gunicorn -c gunicorn.conf.py, run from the folder that holds it.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=built["app"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://{env['CATALOG_BIND']}"
    try:
        wait_for(f"{base}/healthz", server)
        status, body = get(f"{base}/static/js/map.js")
        assert status == 200 and body == (ROOT / "catalog/web/static/js/map.js").read_bytes()
        assert get(f"{base}/static/vendor/leaflet/leaflet.js")[0] == 200
        status, body = get(f"{base}/login")
        assert status == 200 and '<html lang="zh-CN">' in body.decode() and "登录" in body.decode()
        status, body = get(f"{base}/login", cookie="lang=en")
        assert status == 200 and "Sign in" in body.decode()  # the English catalog came with the wheel
        status, body = get(f"{base}/no-such-page")
        assert status == 404 and "没有找到这个页面或资源" in body.decode()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode(errors="replace")[-2000:]


def test_the_installed_app_without_its_templates_refuses_to_start_and_names_the_setting(built):
    result = subprocess.run(
        [sys.executable, "-c", "from catalog.web import create_app; create_app()"],
        cwd=built["work"],
        env=environment(built),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CATALOG_TEMPLATES_DIR is not set" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, cookie: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError("gunicorn stopped: " + server.stderr.read().decode(errors="replace")[-2000:])
        try:
            if get(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")
