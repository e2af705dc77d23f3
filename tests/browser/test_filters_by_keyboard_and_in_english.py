"""The filters by keyboard (skip link, focus kept on the ticked box) and the vocabularies in English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import SCREENSHOTS, screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]

ACTIVE = """() => {
  const e = document.activeElement;
  return {id: e.id, tag: e.tagName, name: e.name || "", value: e.value || "", checked: !!e.checked, text: e.innerText || ""};
}"""
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Facets whose every value is a vocabulary value, a code or a listed place.
TRANSLATED_FACETS = (
    "type",
    "province",
    "city",
    "district",
    "stage",
    "grade",
    "subject",
    "edition",
    "format",
    "theme",
    "category",
    "license",
    "free",
)


def test_the_skip_link_reaches_the_filters_within_three_tabs(served_catalog, page):
    page.goto(served_catalog.url("/search"))
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE)["text"] == "跳到筛选":
            break
    else:
        pytest.fail("three Tab presses did not reach the skip link to the filters")
    expect(page.locator("a.skip-link", has_text="跳到筛选")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "search-skip-to-filters-desktop.png"))
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE)["id"] == "facets"
    page.keyboard.press("Tab")
    focused = page.evaluate(ACTIVE)
    assert (focused["tag"], focused["name"]) == ("INPUT", "type"), "the next Tab is the first filter's first box"


def test_ticking_a_filter_by_keyboard_keeps_focus_on_that_box_after_the_reload(served_catalog, page):
    page.goto(served_catalog.url("/search"))
    box = page.locator("fieldset[data-facet=stage] input[type=checkbox]").first
    value = box.get_attribute("value")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"[?&]stage="))
    page.wait_for_load_state("load")
    expect(page.locator(f"fieldset[data-facet=stage] input[value='{value}']")).to_be_checked()
    focused = page.evaluate(ACTIVE)
    assert (focused["name"], focused["value"], focused["checked"]) == ("stage", value, True)
    page.screenshot(path=str(SCREENSHOTS / "search-focus-kept-on-ticked-box-desktop.png"))
    assert page.evaluate("window.scrollY") > 0 or page.evaluate(
        "document.activeElement.getBoundingClientRect().bottom <= window.innerHeight"
    ), "the ticked box is in view"

    page.keyboard.press("Space")  # unticking it by keyboard keeps the focus there too
    page.wait_for_url(lambda url: "stage=" not in url)
    page.wait_for_load_state("load")
    focused = page.evaluate(ACTIVE)
    assert (focused["name"], focused["value"], focused["checked"]) == ("stage", value, False)


def test_the_english_interface_shows_the_vocabularies_in_english(served_catalog, page):
    page.goto(served_catalog.url("/language/en?next=/search"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("a.skip-link", has_text="Skip to filters")).to_have_count(1)
    for facet in TRANSLATED_FACETS:
        labels = page.locator(f"fieldset[data-facet={facet}] label").all_inner_texts()
        assert [label for label in labels if CHINESE.search(label)] == [], facet
    stages = page.locator("fieldset[data-facet=stage] label").all_inner_texts()
    assert any(label.startswith("Primary school") for label in stages), stages
    assert page.locator("fieldset[data-facet=district] label").count() > 0

    tags = page.locator(".hit-meta .tag").all_inner_texts()
    assert tags and [tag for tag in tags if CHINESE.search(tag)] == [], "stage, grade and subject on the result rows"
    assert serious_violations(page) == []
    screenshots(page, "search-english-vocabularies")

    page.locator("fieldset[data-facet=district] input").first.check()
    page.wait_for_url(re.compile(r"[?&]district="))
    chip = page.locator(".chips li").first.inner_text()
    assert chip.startswith("District: ") and not CHINESE.search(chip), chip

    page.locator(".hit-title a").first.click()
    facts = page.locator("dl.facts").inner_text()
    for term in ("Stage", "Grade", "Subject"):
        line = re.search(rf"^{term}\n(.+)$", facts, re.MULTILINE)
        if line:
            assert not CHINESE.search(line[1]), line[1]
    byline = page.locator(".byline").inner_text()
    assert re.search(r"(District|County|City)\b", byline), byline
    screenshots(page, "resource-english-vocabularies")

    page.goto(served_catalog.url("/"))
    tree = page.locator("ul.tree summary").all_inner_texts()
    assert tree and [node for node in tree if CHINESE.search(node)] == [], "stages in the curriculum tree"


def test_the_english_upload_form_shows_english_choices_sends_the_chinese_values_and_refuses_in_english(
    served_catalog, browser
):
    from tests.browser.test_upload_and_review import signed_in

    context, page = signed_in(browser, served_catalog, "school")
    try:
        page.goto(served_catalog.url("/language/en?next=/school/upload"))
        page.locator("#field-title").fill("A lesson whose file is not what its name says")
        page.locator("#field-stages").get_by_label("Primary school").check()
        page.locator("#field-subjects").get_by_label("Mathematics").check()
        page.locator("#field-edition").select_option(label="People's Education Press (PEP)")
        assert page.locator("#field-edition").input_value() == "人教版", "the record keeps the Chinese value"
        page.locator("#field-files").set_input_files(
            files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"just a few lines of text\n"}]
        )
        page.locator("form.stacked-form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        errors = page.locator(".field-error").all_inner_texts()
        assert any("the name ends in .pdf but the content is a plain text" in e for e in errors), errors
        assert [e for e in errors if CHINESE.search(e)] == [], errors
        expect(page.locator("#field-stages").get_by_label("Primary school")).to_be_checked()
        assert serious_violations(page) == []
        screenshots(page, "upload-refused-in-english")
    finally:
        context.close()
