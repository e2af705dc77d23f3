"""The ``site`` of ``tests/curation_fixtures.py`` served over real HTTP from a thread of this process,
with ``requests`` sessions that sign in and carry their CSRF token, as a browser or a script would."""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass

import pytest
import requests
from werkzeug.serving import make_server

from tests.curation_fixtures import PASSWORD, lesson_metadata, pdf_bytes


class HttpClient(requests.Session):
    """A ``requests`` session against the served site; paths are relative to its root."""

    def __init__(self, root: str):
        super().__init__()
        self.root = root
        self.csrf = ""

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        return super().request(method, url if url.startswith("http") else self.root + url, *args, **kwargs)

    def get(self, url, **kwargs):
        kwargs.setdefault("allow_redirects", False)  # requests.Session.get would follow them
        return self.request("GET", url, **kwargs)

    def refresh_csrf(self) -> str:
        self.csrf = self.get("/api/v1/session").json()["csrf_token"]
        return self.csrf

    def write(self, method: str, path: str, **kwargs):
        """A JSON API write with the CSRF header."""
        headers = {"X-CSRFToken": self.csrf, **kwargs.pop("headers", {})}
        return self.request(method, path, headers=headers, **kwargs)


@dataclass
class LiveSite:
    site: object
    root: str

    @property
    def catalog(self):
        return self.site.catalog

    def client(self, who: str | None = None) -> HttpClient:
        client = HttpClient(self.root)
        client.refresh_csrf()
        if who is not None:
            response = client.post(
                "/login", data={"email": self.site.users[who].email, "password": PASSWORD, "csrf_token": client.csrf}
            )
            assert response.status_code == 303, response.text
            client.refresh_csrf()
        return client

    def upload(self, client: HttpClient, metadata: dict | None = None, files: dict | None = None):
        files = {"分数课件.pdf": pdf_bytes()} if files is None else files
        return client.write(
            "POST",
            "/api/v1/uploads",
            data={"metadata": json.dumps(metadata or lesson_metadata(), ensure_ascii=False)},
            files=[("files", (name, io.BytesIO(body))) for name, body in files.items()],
        )


@pytest.fixture
def live_site(site):
    server = make_server("127.0.0.1", 0, site.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveSite(site, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
