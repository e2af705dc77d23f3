"""A served resource page carries its schema.org JSON-LD, and no resource text can break out of it."""

from __future__ import annotations

import json
import re

import pytest
from conftest import example, lesson

pytestmark = pytest.mark.stack

BREAKOUT = '分数</script><script>alert("x")</script><!--'
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def site(catalog, app_factory):
    files = [{"name": "课件.pdf", "role": "main", "media_type": "application/pdf", "size": 5}]
    catalog.put(
        "cq", {**lesson("les-ld", BREAKOUT, summary="a </script> b"), "files": files}, files={"课件.pdf": b"%PDF-"}
    )
    catalog.put("cq", example("practice_base"))
    catalog.sync()
    return app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()


def json_ld(response) -> dict:
    assert response.status_code == 200
    blocks = LD_JSON.findall(response.get_data(as_text=True))
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_a_lesson_page_says_what_it_is_and_text_that_closes_the_script_stays_inside(site):
    response = site.get("/resources/cq/les-ld")
    data = json_ld(response)
    assert data["@type"] == "LearningResource"
    assert data["name"] == BREAKOUT and data["description"] == "a </script> b"
    assert "<script>alert" not in response.get_data(as_text=True)
    [encoded] = data["encoding"]
    assert encoded["contentUrl"] == "http://localhost/resources/cq/les-ld/files/%E8%AF%BE%E4%BB%B6.pdf"
    assert site.get(encoded["contentUrl"]).status_code == 302  # the catalog's own file URL, signed on request
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]  # no 'unsafe-inline' needed


def test_a_practice_base_page_is_a_place_with_coordinates(site):
    data = json_ld(site.get("/resources/cq/jd-cqkjg"))
    assert data["@type"] == "Place" and data["name"] == "重庆科技馆"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 29.5725, "longitude": 106.5793}
