"""A school uploads in the browser, a curator reviews it, and only then teachers find it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import ACCOUNT_PASSWORD, ACCOUNTS, WIDTHS, screenshots, serious_violations
from tests.curation_fixtures import pdf_bytes

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def signed_in(browser, served, role: str):
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(served.url("/login"))
    page.get_by_label("邮箱").fill(ACCOUNTS[role])
    page.get_by_label("密码").fill(ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/(school|curation)/"))
    return context, page


def upload_in_browser(page, served, title: str) -> None:
    page.goto(served.url("/school/upload"))
    page.get_by_label("标题").fill(title)
    page.locator("#field-subjects").get_by_label("数学").check()
    page.locator("#field-stages").get_by_label("小学").check()
    page.locator("#field-grades").get_by_label("四年级").check()
    page.get_by_label("教材版本").select_option("人教版")
    page.locator("#field-format").select_option("教学设计")
    page.locator("#field-files").set_input_files(
        files=[{"name": "教学设计.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(title)}]
    )
    page.get_by_role("button", name="上传并提交审核").click()
    page.wait_for_url(re.compile(r"/school/resources$"))


def teacher_finds(served, browser, title: str) -> bool:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(served.url("/search?q=" + title))
    hits = page.locator("ol.hits").first  # the results themselves, not 相关结果 below them
    found = title in hits.inner_text() if hits.count() else False
    context.close()
    return found


def test_upload_then_review_end_to_end(served_catalog, browser):
    title = "植树问题（浏览器上传）"
    school_context, school = signed_in(browser, served_catalog, "school")
    upload_in_browser(school, served_catalog, title)
    row = school.locator("tr", has_text=title)
    expect(row).to_contain_text("待审核")
    assert not teacher_finds(served_catalog, browser, title)

    curator_context, curator = signed_in(browser, served_catalog, "curator")
    expect(curator.get_by_role("link", name=title)).to_be_visible()
    curator.get_by_role("link", name=title).click()
    curator.wait_for_load_state("networkidle")  # the PDF preview's viewer loads first
    assert serious_violations(curator) == []
    screenshots(curator, "review")
    with curator.expect_navigation():
        curator.get_by_role("button", name="通过").click()
    expect(curator.locator(".flash")).to_contain_text("已通过")
    assert teacher_finds(served_catalog, browser, title)

    school.reload()
    expect(school.locator("tr", has_text=title)).to_contain_text("已发布")
    school_context.close()
    curator_context.close()


def test_a_returned_upload_shows_the_school_the_reason(served_catalog, browser):
    title = "鸡兔同笼（需要补充）"
    school_context, school = signed_in(browser, served_catalog, "school")
    upload_in_browser(school, served_catalog, title)
    assert serious_violations(school) == []

    curator_context, curator = signed_in(browser, served_catalog, "curator")
    curator.get_by_role("link", name=title).click()
    curator.wait_for_load_state("networkidle")  # the PDF preview's viewer loads first
    curator.get_by_label("退回原因（学校会看到）").fill("请补充课后练习的答案")
    with curator.expect_navigation():
        curator.get_by_role("button", name="退回").click()
    expect(curator.locator(".flash")).to_contain_text("已退回")

    school.reload()
    row = school.locator("tr", has_text=title)
    expect(row).to_contain_text("已退回")
    expect(row).to_contain_text("请补充课后练习的答案")
    screenshots(school, "school-resources")
    school_context.close()
    curator_context.close()


def test_a_bad_file_is_refused_in_the_form_with_its_reason(served_catalog, browser):
    context, page = signed_in(browser, served_catalog, "school")
    page.goto(served_catalog.url("/school/upload"))
    page.get_by_label("标题").fill("伪装成 PDF 的程序")
    page.locator("#field-files").set_input_files(
        files=[{"name": "课件.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"\x00" * 64}]
    )
    page.get_by_role("button", name="上传并提交审核").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Windows 可执行程序")
    expect(page.get_by_label("标题")).to_have_value("伪装成 PDF 的程序")  # what was typed is kept
    assert serious_violations(page) == []
    screenshots(page, "upload-refused")
    context.close()


def test_a_large_file_goes_from_the_browser_straight_to_storage(served_catalog, browser):
    import os

    title = "圆的认识（课堂实录）"
    big = pdf_bytes(title) + b"%" + os.urandom(3 * 1024 * 1024)  # above the 1 MB the served app sets
    context, page = signed_in(browser, served_catalog, "school")
    page.goto(served_catalog.url("/school/upload"))
    page.get_by_label("标题").fill(title)
    page.locator("#field-files").set_input_files(
        files=[
            {"name": "课堂实录.pdf", "mimeType": "application/pdf", "buffer": big},
            {"name": "教学设计.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("教学设计")},
        ]
    )
    storage_requests = []
    page.on("request", lambda request: storage_requests.append(request.url) if request.method == "PUT" else None)
    page.get_by_role("button", name="上传并提交审核").click()
    page.wait_for_url(re.compile(r"/school/resources$"))
    expect(page.locator("tr", has_text=title)).to_contain_text("待审核")
    storage = served_catalog.storages["cq"]
    assert storage_requests and all(url.startswith(storage.province.endpoint_url) for url in storage_requests)
    resource_id = page.locator("tr", has_text=title).get_attribute("data-resource").split(":", 1)[1]
    assert storage.get_bytes(storage.staged_key(resource_id, 1, "课堂实录.pdf")) == big  # staged for review
    context.close()


def test_an_edit_waits_as_a_version_with_its_differences_while_teachers_keep_the_approved_one(served_catalog, browser):
    title, revised = "认识钟表（第一版）", "认识钟表（修订版）"
    school_context, school = signed_in(browser, served_catalog, "school")
    upload_in_browser(school, served_catalog, title)
    curator_context, curator = signed_in(browser, served_catalog, "curator")
    curator.get_by_role("link", name=title).click()
    with curator.expect_navigation():
        curator.get_by_role("button", name="通过并发布第 1 版").click()

    school.get_by_role("row", name=title).get_by_role("link", name="修改").click()
    school.get_by_label("标题").fill(revised)
    school.locator("#field-files").set_input_files(
        files=[{"name": "教学设计.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(revised)}]
    )
    school.get_by_role("button", name="提交新版本").click()
    school.wait_for_url(re.compile(r"/school/resources$"))
    expect(school.locator(".flash")).to_contain_text("第 2 版")
    assert teacher_finds(served_catalog, browser, title) and not teacher_finds(served_catalog, browser, revised)

    curator.goto(served_catalog.url("/curation/queue"))
    curator.get_by_role("link", name=revised).click()
    curator.wait_for_load_state("networkidle")
    expect(curator.locator("tr[data-field=title]")).to_contain_text(revised)
    expect(curator.locator("tr[data-file='教学设计.pdf']")).to_contain_text("替换")
    assert serious_violations(curator) == []
    screenshots(curator, "review-version")
    with curator.expect_navigation():
        curator.get_by_role("button", name="通过并发布第 2 版").click()
    assert teacher_finds(served_catalog, browser, revised)
    school_context.close()
    curator_context.close()


def test_a_practice_base_is_uploaded_with_its_place_picked_from_the_district_list(served_catalog, browser):
    title = "渝北区青少年劳动教育实践基地（浏览器上传）"
    context, page = signed_in(browser, served_catalog, "school")
    page.goto(served_catalog.url("/school/upload"))
    page.get_by_label("资源类型").select_option("practice_base")
    expect(page.get_by_label("教材版本")).to_be_hidden()  # a lesson's fields are not a base's
    expect(page.get_by_label("地址")).to_be_visible()
    page.get_by_label("标题").fill(title)
    page.locator("#field-categories").get_by_label("劳动教育实践基地").check()
    page.get_by_label("地址").fill("重庆市渝北区双龙大道 1 号")
    page.locator("#field-place").select_option("重庆市渝北区")
    expect(page.locator(".location-map .leaflet-marker-icon")).to_be_visible()  # the pin, draggable from the seat
    latitude = page.locator("#field-lat").input_value()
    assert latitude.startswith("29.")
    page.get_by_label("开放时间").fill("周一至周五 9:00-16:00")
    page.locator("#field-files").set_input_files(
        files=[{"name": "基地介绍.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(title)}]
    )
    assert serious_violations(page) == []
    screenshots(page, "upload-practice-base")
    page.get_by_role("button", name="上传并提交审核").click()
    page.wait_for_url(re.compile(r"/school/resources$"))
    row = page.locator("tr", has_text=title)
    expect(row).to_contain_text("待审核")
    resource_id = row.get_attribute("data-resource").split(":", 1)[1]
    page.goto(served_catalog.url(f"/school/resources/cq/{resource_id}/versions"))
    version = page.locator("section.version")
    expect(version).to_contain_text("重庆市渝北区双龙大道 1 号")
    expect(version).to_contain_text("劳动教育实践基地")
    expect(version).to_contain_text(latitude)
    context.close()


def test_a_study_tour_needs_its_stops_and_a_theme_before_it_is_sent(served_catalog, browser):
    context, page = signed_in(browser, served_catalog, "school")
    page.goto(served_catalog.url("/school/upload"))
    page.get_by_label("资源类型").select_option("study_tour")
    page.get_by_label("标题").fill("只有标题的研学")
    page.locator("#field-files").set_input_files(
        files=[{"name": "行程.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("行程")}]
    )
    page.get_by_role("button", name="上传并提交审核").click()
    # The browser stops it at the first required field the tour lacks; nothing is sent.
    assert page.url.endswith("/school/upload")
    assert page.locator("#field-theme").evaluate("select => select.validity.valueMissing")
    page.locator("#field-theme").select_option("红色文化")
    page.get_by_label("天数").fill("1")
    page.locator("input[name=destination_name]").first.fill("红岩革命纪念馆")
    page.locator("#destination-place-0").select_option("重庆市渝中区")
    page.get_by_role("button", name="再加一站").click()
    page.locator("input[name=destination_name]").nth(3).fill("渣滓洞")
    page.locator("#field-months").get_by_label("4月").check()
    screenshots(page, "upload-study-tour")
    page.get_by_role("button", name="上传并提交审核").click()
    page.wait_for_url(re.compile(r"/school/resources$"))
    expect(page.locator("tr", has_text="只有标题的研学")).to_contain_text("待审核")
    context.close()
