"""What the search understood is shown and can be taken back; a query that finds too little shows 相关结果."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def a_published_lesson_title(served) -> str:
    hits = served.es.search(
        index=served.settings.index_alias,
        query={"bool": {"filter": [{"term": {"type": "lesson"}}, {"term": {"review_state": "published"}}]}},
        sort=[{"resource_id": "asc"}],
        size=50,
    )["hits"]["hits"]
    titles = [hit["_source"]["title"] for hit in hits if len(hit["_source"]["title"]) >= 4]
    assert titles, "the browser corpus has published lessons"
    return titles[0]


def test_a_province_named_in_the_query_shows_as_a_chip_that_takes_it_back(served_catalog, page):
    page.goto(served_catalog.url("/search?q=四川 数学"))
    chip = page.locator(".chips.understood .chip", has_text="四川")
    expect(chip).to_be_visible()
    screenshots(page, "understood-chip")
    assert serious_violations(page) == []
    chip.click()
    expect(page.locator(".chips.understood .chip", has_text="四川")).to_have_count(0)
    expect(page.get_by_role("searchbox").or_(page.get_by_role("combobox")).first).to_have_value("数学")


def test_a_query_that_finds_nothing_shows_what_is_near_under_its_own_heading(served_catalog, page):
    title = a_published_lesson_title(served_catalog)
    # The title's words and one the corpus never uses: nothing holds them all, much holds most.
    page.goto(served_catalog.url(f"/search?q={title} 鲲鹏扶摇"))
    related = page.locator("section.related-results")
    expect(related.get_by_role("heading", name="相关结果")).to_be_visible()
    expect(related).to_contain_text(title)
    screenshots(page, "related-results")
    assert serious_violations(page) == []
