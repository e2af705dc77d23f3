"""A curator sorts and filters the queue by plain links and reviews a practice base and a study tour field by field."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import screenshots, serious_violations
from tests.browser.test_upload_and_review import signed_in
from tests.catalog.curation.review_metadata import base_metadata, tour_metadata
from tests.curation_fixtures import pdf_bytes

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def upload_through_the_api(page, served, metadata: dict) -> str:
    """The school's own signed-in browser sends a complete upload, as the API's clients do."""
    csrf = page.request.get(served.url("/api/v1/session")).json()["csrf_token"]
    response = page.request.post(
        served.url("/api/v1/uploads"),
        headers={"X-CSRFToken": csrf},
        multipart={
            "metadata": json.dumps(metadata, ensure_ascii=False),
            "files": {"name": "介绍.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(metadata["title"])},
        },
    )
    assert response.status == 201, response.text()
    return response.json()["resource_id"]


def test_a_curator_filters_the_queue_and_reviews_every_field(served_catalog, browser):
    base, tour = base_metadata("观音桥科技实践基地（审核页）"), tour_metadata("红岩精神研学（审核页）")
    base["practice_base"]["location"] = {"lat": 29.5752, "lon": 106.5318}
    school_context, school = signed_in(browser, served_catalog, "school")
    upload_through_the_api(school, served_catalog, base)
    upload_through_the_api(school, served_catalog, tour)
    school_context.close()

    context, curator = signed_in(browser, served_catalog, "curator")
    curator.goto(served_catalog.url("/curation/queue"))
    filters = curator.get_by_role("navigation", name="筛选审核队列")
    expect(filters.locator("[data-facet=type]")).to_contain_text("实践基地")
    curator.get_by_role("navigation", name="排序").get_by_role("link", name="标题", exact=True).click()
    expect(curator).to_have_url(served_catalog.url("/curation/queue?sort=title"))
    bases = int(
        filters.locator("[data-facet=type] a", has_text="实践基地").locator("xpath=..").locator(".count").inner_text()
    )
    filters.locator("[data-facet=type]").get_by_role("link", name="实践基地").click()
    expect(curator).to_have_url(served_catalog.url("/curation/queue?sort=title&type=practice_base"))
    # Other tests of the session upload too: every hit is a base, as many as the count said, ours among them.
    expect(curator.locator("ol.hits .hit")).to_have_count(bases)
    expect(curator.locator("ol.hits .badge-practice_base")).to_have_count(bases)
    expect(curator.get_by_role("heading", level=1)).to_contain_text(f"{bases} 个待审核")
    titles = curator.locator("ol.hits .hit-title").all_inner_texts()
    assert base["title"] in titles and titles == sorted(titles)
    assert serious_violations(curator) == []
    screenshots(curator, "review-queue")

    curator.get_by_role("link", name=base["title"]).click()
    curator.wait_for_load_state("networkidle")
    fields = curator.locator("section.version-fields")
    expect(fields.locator("[data-field='practice_base.address']")).to_contain_text(base["practice_base"]["address"])
    expect(fields.locator("[data-field='practice_base.location']")).to_contain_text("北纬 29.5752，东经 106.5318")
    expect(fields.locator("[data-field='practice_base.booking']")).to_contain_text("028-8888 0000")
    expect(fields.locator(".map .leaflet-marker-icon")).to_have_count(1)
    expect(curator.locator("tr[data-file='介绍.pdf']").get_by_role("link", name="预览")).to_be_visible()
    expect(curator.get_by_role("button", name="通过并发布第 1 版")).to_be_visible()
    assert serious_violations(curator) == []
    screenshots(curator, "review-practice-base")

    curator.goto(served_catalog.url("/curation/queue?type=study_tour"))
    curator.get_by_role("link", name=tour["title"]).click()
    curator.wait_for_load_state("networkidle")
    expect(curator.locator("[data-field='study_tour.safety_notes']")).to_contain_text("全程佩戴胸卡")
    expect(curator.locator("[data-field='study_tour.destinations']")).to_contain_text("2. 渣滓洞")
    expect(curator.locator("section.version-fields .map .leaflet-marker-icon")).to_have_count(2)
    assert serious_violations(curator) == []
    screenshots(curator, "review-study-tour")
    context.close()
