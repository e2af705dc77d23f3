"""A school in the browser: bulk upload from the downloaded Excel template with a preview, and a
withdrawal confirmed then restored."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from catalog.uploads.manifest_template import COLUMNS
from tests.browser.browser_fixtures import screenshots, serious_violations
from tests.browser.test_upload_and_review import signed_in, teacher_finds, upload_in_browser
from tests.catalog.uploads.test_manifest_template import dropdown_values
from tests.curation_fixtures import pdf_bytes

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def fill_in(template: bytes, rows: list[dict]) -> bytes:
    book = load_workbook(io.BytesIO(template))
    for number, row in enumerate(rows, start=2):
        for column, value in row.items():
            book["manifest"].cell(row=number, column=COLUMNS.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_bulk_upload_from_the_excel_template_with_a_preview(served_catalog, browser):
    context, page = signed_in(browser, served_catalog, "school")
    page.goto(served_catalog.url("/school/upload"))
    assert serious_violations(page) == []
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Excel 模板（带下拉选项）").click()
    template = downloading.value.path().read_bytes()
    assert "四年级" in dropdown_values(load_workbook(io.BytesIO(template)), "grades")
    lesson = {"type": "lesson", "subjects": "数学", "stages": "小学", "license": "CC-BY-4.0"}
    manifest = fill_in(
        template,
        [
            {**lesson, "title": "小数的意义（批量）", "grades": "四年级", "edition": "人教版", "files": "小数.pdf"},
            {**lesson, "title": "十三年级的课", "grades": "十三年级", "files": "十三.pdf"},
        ],
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("小数.pdf", pdf_bytes("小数的意义"))
        zipped.writestr("十三.pdf", pdf_bytes("十三年级"))
    page.locator("#field-archive").set_input_files(
        files=[{"name": "课件.zip", "mimeType": "application/zip", "buffer": archive.getvalue()}]
    )
    page.locator("#field-manifest").set_input_files(
        files=[{"name": "清单.xlsx", "mimeType": "application/octet-stream", "buffer": manifest}]
    )
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url(re.compile(r"/school/bulk$"))
    expect(page.get_by_role("heading", name="批量上传预览")).to_be_visible()
    expect(page.locator("tr[data-row='2']")).to_contain_text("可以上传")
    expect(page.locator("tr[data-row='3']")).to_contain_text("年级 (grades): 「十三年级」不是可选的年级")
    assert serious_violations(page) == []
    screenshots(page, "bulk-preview")
    page.get_by_role("button", name="确认上传这 1 个资源").click()
    expect(page.get_by_role("heading", name="批量上传结果")).to_be_visible()
    expect(page.locator("main")).to_contain_text("创建了 1 个资源，1 行有问题。")
    expect(page.locator("tr", has_text="十三年级的课")).to_contain_text("未保存")
    screenshots(page, "bulk-result")
    page.goto(served_catalog.url("/school/resources"))
    expect(page.locator("tr", has_text="小数的意义（批量）")).to_contain_text("待审核")
    assert page.locator("tr", has_text="十三年级的课").count() == 0
    context.close()


def test_withdraw_asks_first_keeps_the_title_and_can_be_restored(served_catalog, browser):
    title = "圆的周长（撤回后恢复）"
    school_context, school = signed_in(browser, served_catalog, "school")
    upload_in_browser(school, served_catalog, title)
    curator_context, curator = signed_in(browser, served_catalog, "curator")
    curator.get_by_role("link", name=title).click()
    with curator.expect_navigation():
        curator.get_by_role("button", name="通过").click()
    curator_context.close()
    assert teacher_finds(served_catalog, browser, title)

    school.reload()
    school.locator("tr", has_text=title).get_by_role("link", name="撤回", exact=True).click()
    expect(school.get_by_role("heading", name=f"撤回“{title}”？")).to_be_visible()
    school.get_by_role("button", name="确认撤回").click()
    row = school.locator("tr", has_text=title)
    expect(row).to_contain_text("已撤回")
    expect(row).to_contain_text("前可恢复")
    assert not teacher_finds(served_catalog, browser, title)
    screenshots(school, "withdrawn-row")

    row.get_by_role("link", name="恢复", exact=True).click()
    expect(school.get_by_role("heading", name=f"恢复“{title}”？")).to_be_visible()
    expect(school.locator("main")).to_contain_text("不需要重新审核")
    assert serious_violations(school) == []
    screenshots(school, "restore-confirm")
    school.get_by_role("button", name="确认恢复").click()
    expect(school.locator(".flash")).to_contain_text("已恢复")
    expect(school.locator("tr", has_text=title)).to_contain_text("已发布")
    assert teacher_finds(served_catalog, browser, title)
    school_context.close()
