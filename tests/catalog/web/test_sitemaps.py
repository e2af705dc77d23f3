"""robots.txt, the sitemap index and the provinces' sitemaps over HTTP on the real stack."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from conftest import example, lesson

pytestmark = pytest.mark.stack

SCHEMAS = Path(__file__).resolve().parents[2] / "fixtures" / "schemas" / "sitemaps"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://localhost"


@pytest.fixture
def site(catalog, app_factory, es):
    for number in range(1, 5):
        catalog.put("cq", lesson(f"les-{number}", f"第{number}课", updated_at=f"2025-04-0{number}T10:00:00+08:00"))
    catalog.put("sc", example("practice_base"))
    catalog.sync()
    # A resource waiting for review: the index holds it, teachers (and crawlers) must not see it.
    es.update(index=catalog.alias, id="cq:les-4", doc={"review_state": "pending"}, refresh=True)
    app = app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces)
    app.config["SITEMAP_URLS_PER_PAGE"] = 2  # three published lessons: two pages for Chongqing
    return app.test_client()


def valid_xml(response, schema: str) -> ET.Element:
    assert response.status_code == 200 and response.mimetype == "application/xml"
    body = response.get_data()
    xmlschema.XMLSchema(SCHEMAS / schema).validate(body)
    return ET.fromstring(body)


def entries(root: ET.Element, tag: str) -> list[tuple[str, str | None]]:
    return [
        (e.findtext("s:loc", namespaces=NS), e.findtext("s:lastmod", namespaces=NS)) for e in root.iterfind(tag, NS)
    ]


def test_the_index_lists_each_provinces_pages_with_the_latest_change(site):
    listed = entries(valid_xml(site.get("/sitemap.xml"), "siteindex.xsd"), "s:sitemap")
    assert listed == [
        (f"{SITE}/sitemap-cq.xml", "2025-04-03T02:00:00.000Z"),  # les-3's update; les-4 is not published
        (f"{SITE}/sitemap-cq.xml?page=2", "2025-04-03T02:00:00.000Z"),
        (f"{SITE}/sitemap-sc.xml", "2023-06-01T00:00:00.000Z"),
    ]


def test_the_provinces_sitemaps_list_every_published_resource_once_with_its_last_change(site):
    urls = []
    for path in ("/sitemap-cq.xml", "/sitemap-cq.xml?page=2", "/sitemap-sc.xml"):
        page = entries(valid_xml(site.get(path), "sitemap.xsd"), "s:url")
        assert 1 <= len(page) <= 2
        urls += page
    assert urls == [
        (f"{SITE}/resources/cq/les-1", "2025-04-01T10:00:00+08:00"),
        (f"{SITE}/resources/cq/les-2", "2025-04-02T10:00:00+08:00"),
        (f"{SITE}/resources/cq/les-3", "2025-04-03T10:00:00+08:00"),
        (f"{SITE}/resources/sc/jd-cqkjg", "2023-06-01T08:00:00+08:00"),  # no updated_at: published_at
    ]
    assert site.get("/resources/cq/les-1").status_code == 200


@pytest.mark.parametrize(
    "path", ["/sitemap-cq.xml?page=3", "/sitemap-cq.xml?page=0", "/sitemap-cq.xml?page=x", "/sitemap-zz.xml"]
)
def test_pages_past_the_end_and_unknown_provinces_are_not_found(site, path):
    assert site.get(path).status_code == 404


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_sign_in_areas_and_writes(site):
    response = site.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    for path in ("/school", "/curation", "/api/v1/uploads", "/api/v1/curation"):
        assert f"Disallow: {path}" in lines
    assert not any(line.startswith("Disallow: /resources") or line == "Disallow: /" for line in lines)
