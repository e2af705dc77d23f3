"""JSON nobody could mean — nested past any depth, or a forged page token — is a 400 naming the
field, never a 500 or a search engine that seems down."""

from __future__ import annotations

import base64
import json
import logging

import pytest

pytestmark = pytest.mark.stack

DEEP = 200_000


def _token(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def test_upload_metadata_nested_without_end_is_refused_naming_metadata(live_site, caplog):
    school = live_site.client("school")
    response = school.write(
        "POST", "/api/v1/uploads", data={"metadata": "[" * DEEP}, files=[("files", ("课件.pdf", b"%PDF-1.4\n"))]
    )
    assert response.status_code == 400, response.text
    assert "嵌套" in " ".join(response.json()["error"]["fields"]["metadata"])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_curation_body_nested_without_end_is_refused_naming_the_body(live_site, caplog):
    curator = live_site.client("curator")
    body = '{"action": "approve", "version": 0, "tags": ' + "[" * DEEP + "]" * DEEP + "}"
    response = curator.write(
        "POST", "/api/v1/curation/cq/les-anything", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert "嵌套" in " ".join(response.json()["error"]["fields"]["body"])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "token",
    [
        _token('["x"]'),  # one value where the sort has three
        _token('["a", "b", "c"]'),  # a word where the score goes
        _token("[" * 5000 + "]" * 5000),  # nested past any depth
    ],
    ids=["count", "types", "deep"],
)
def test_a_forged_page_token_is_refused_naming_after(live_site, caplog, token):
    response = live_site.client().get("/api/v1/search", params={"after": token}, allow_redirects=False)
    assert response.status_code == 400, response.text
    assert "after" in response.json()["error"]["fields"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_forged_page_token_on_the_search_page_is_named_there(live_site, caplog):
    response = live_site.client().get(
        "/search", params={"after": _token("[" * 5000 + "]" * 5000)}, allow_redirects=False
    )
    assert response.status_code == 400
    assert "翻页" in response.text and "(after)" in response.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_real_page_token_still_pages(live_site):
    from conftest import lesson

    for number in range(3):
        live_site.catalog.put("cq", lesson(f"les-page-{number}", f"分数练习 {number}"))
    live_site.catalog.sync()
    client = live_site.client()
    first = client.get("/api/v1/search", params={"q": "分数", "size": 2, "near": "29.56,106.55"}).json()
    second = client.get(
        "/api/v1/search", params={"q": "分数", "size": 2, "near": "29.56,106.55", "after": first["next_page"]}
    )
    assert second.status_code == 200, second.text
    seen = [hit["id"] for hit in first["hits"] + second.json()["hits"]]
    assert len(seen) == len(set(seen)) == 3
    # A token keeps to the search that gave it: without the place it no longer fits.
    other = client.get("/api/v1/search", params={"q": "分数", "size": 2, "after": first["next_page"]})
    assert other.status_code == 400 and "after" in other.json()["error"]["fields"]
    assert json.loads(base64.urlsafe_b64decode(first["next_page"]))[1] == "Infinity"  # lessons without a place
