"""The search box completes from inside a title: a word typed from the middle offers the whole title."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from catalog.indexing.segmentation import normalise_text, word_starts
from tests.browser.browser_fixtures import screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def title_with_a_word_inside(served) -> tuple[str, str]:
    """A published base's title and the text from a word inside it (熊猫… when the corpus has a panda base)."""
    hits = served.es.search(
        index=served.settings.index_alias,
        query={"bool": {"filter": [{"term": {"type": "practice_base"}}, {"term": {"review_state": "published"}}]}},
        sort=[{"resource_id": "asc"}],
        size=200,
    )["hits"]["hits"]
    titles = sorted((hit["_source"]["title"] for hit in hits), key=lambda title: "熊猫" not in title)
    for title in titles:
        text = normalise_text(title)
        inside = [start for start in word_starts(text) if start >= 2 and len(text) - start >= 2]
        if inside and title == text:
            return title, text[inside[0] : inside[0] + 4]
    pytest.fail("the sample corpus has no practice base whose title has a word inside it")


def test_typing_a_word_from_inside_a_title_offers_that_title(served_catalog, page):
    title, typed = title_with_a_word_inside(served_catalog)
    assert not title.startswith(typed)
    page.goto(served_catalog.url("/"))
    box = page.get_by_role("combobox")
    box.press_sequentially(typed, delay=60)
    option = page.get_by_role("option").filter(has_text=re.compile("^" + re.escape(title)))
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    screenshots(page, "infix-suggestion")
    assert serious_violations(page) == []

    option.click()  # a title suggestion opens that resource
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
