"""A feed's HTML or SVG file is never shown from the storage's address: it comes as bytes to save,
whatever media type the feed claims and whatever ``?view=`` asks for."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from conftest import lesson

pytestmark = pytest.mark.stack

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
FILES = {
    "x.html": ("text/html", b"<!doctype html><script>document.title = document.cookie</script>"),
    "y.svg": ("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "z.png": ("image/png", PNG),
}


@pytest.fixture
def feed_with_scripts(live_site):
    resource = lesson("les-inline", "带网页文件的课例")
    resource["files"] = [
        {"name": name, "role": "attachment", "media_type": media_type} for name, (media_type, _) in FILES.items()
    ]
    live_site.catalog.put("cq", resource, files={name: body for name, (_, body) in FILES.items()})
    live_site.catalog.sync()
    return live_site


def _signed(client, name: str, query: str = "") -> tuple[str, dict]:
    # requests.Session.get asks to follow redirects itself; the redirect is what is checked here.
    response = client.get(f"/resources/cq/les-inline/files/{name}{query}", allow_redirects=False)
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    return location, {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def test_html_and_svg_from_a_feed_are_only_ever_downloaded_as_bytes(feed_with_scripts):
    client = feed_with_scripts.client()
    page = client.get("/resources/cq/les-inline").text
    for name in ("x.html", "y.svg"):
        for query in ("?view=inline", ""):
            location, params = _signed(client, name, query)
            assert params["response-content-disposition"].startswith("attachment;"), (name, query)
            assert params["response-content-type"] == "application/octet-stream", (name, query)
        stored = requests.get(location, timeout=10)  # what the browser gets from the storage's address
        assert stored.status_code == 200 and stored.content == FILES[name][1]
        assert stored.headers["Content-Type"] == "application/octet-stream"
        assert stored.headers["Content-Disposition"].startswith("attachment;")
        assert f"files/{name}?view=inline" not in page  # no preview link is offered for it either
    # A picture is still shown, with the type the catalog chose.
    location, params = _signed(client, "z.png", "?view=inline")
    assert params["response-content-disposition"].startswith("inline;")
    stored = requests.get(location, timeout=10)
    assert stored.headers["Content-Type"] == "image/png" and stored.content == PNG
    assert "files/z.png?view=inline" in page
