"""Fixtures shared by the whole suite: settings, real clients and control of the local stack.

Stack fixtures need the services that ``scripts/test`` starts; without them they fail (never skip),
so a missing engine cannot pass as green.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from catalog.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    try:
        return Settings.from_environ()
    except SettingsError as exc:
        pytest.fail(f"the local test stack is not configured ({exc}); run the suite with scripts/test")


@pytest.fixture(scope="session")
def es(settings):
    from catalog.search_engine import make_client

    return make_client(settings)


@pytest.fixture(scope="session")
def storages(settings):
    from catalog.province_storage import ProvinceStorage

    return {p.code: ProvinceStorage(p) for p in settings.provinces}


@pytest.fixture
def unique_name():
    """A short unique lowercase name for indices, aliases and key prefixes made by one test."""
    return f"t{uuid.uuid4().hex[:10]}"


class StackControl:
    """Stops and starts the local services through the same scripts a developer uses."""

    def _run(self, *args: str) -> None:
        subprocess.run([str(ROOT / "scripts" / args[0]), *args[1:]], check=True, env=os.environ.copy(),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)

    def stop_province(self, code: str) -> None:
        self._run("s3", "stop", code)

    def start_province(self, code: str) -> None:
        self._run("s3", "start", code)

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
    from catalog import create_app

    def build(**changes):
        app_settings = dataclasses.replace(settings, secret_key="test-secret", **changes)
        app = create_app({"SETTINGS": app_settings, "TESTING": True})
        return app

    return build
