"""An admin registers a school and invites a user in the browser; the user sets a password and signs in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import WIDTHS, screenshots, serious_violations
from tests.browser.test_upload_and_review import signed_in

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def violations_at_both_widths(page) -> list[dict]:
    found = []
    for size in WIDTHS.values():
        page.set_viewport_size(size)
        found += serious_violations(page)
    page.set_viewport_size(WIDTHS["desktop"])
    return found


def test_an_admin_registers_a_school_and_invites_a_user_who_then_signs_in(served_catalog, browser):
    context, admin = signed_in(browser, served_catalog, "admin")
    admin.get_by_role("link", name="账号与学校").click()
    admin.get_by_role("link", name="学校管理").click()
    admin.get_by_label("学校名称").fill("重庆市北碚区浏览器新建小学")
    admin.get_by_label("所在区县").select_option("重庆市北碚区")
    with admin.expect_navigation():
        admin.get_by_role("button", name="登记").click()
    expect(admin.locator(".flash")).to_contain_text("已登记学校")
    expect(admin.locator("tr", has_text="重庆市北碚区浏览器新建小学")).to_contain_text("北碚区")
    assert violations_at_both_widths(admin) == []
    screenshots(admin, "admin-schools")

    admin.goto(served_catalog.url("/admin/users"))
    admin.get_by_label("邮箱").fill("new.school@browser.test")
    admin.get_by_label("姓名").fill("北碚新学校")
    admin.get_by_label("角色").select_option("school")
    admin.get_by_label("所属学校（仅学校账号）").select_option(label="重庆 · 重庆市北碚区浏览器新建小学")
    with admin.expect_navigation():
        admin.get_by_role("button", name="创建账号").click()
    link = admin.get_by_label("设置密码的链接").input_value()
    assert re.search(r"/set-password/[\w.-]+$", link), link
    assert violations_at_both_widths(admin) == []
    screenshots(admin, "admin-invite-link")

    newcomer_context = browser.new_context(viewport=WIDTHS["desktop"], locale="zh-CN")
    newcomer = newcomer_context.new_page()
    newcomer.goto(link)
    newcomer.get_by_label("新密码").fill("short")
    newcomer.get_by_label("再输入一次").fill("short")
    newcomer.get_by_role("button", name="设置密码").click()
    expect(newcomer.get_by_role("alert")).to_contain_text("密码至少需要 10 个字符")
    assert violations_at_both_widths(newcomer) == []
    screenshots(newcomer, "admin-set-password-refused")
    newcomer.get_by_label("新密码").fill("beibei-school-2026")
    newcomer.get_by_label("再输入一次").fill("beibei-school-2026")
    with newcomer.expect_navigation():
        newcomer.get_by_role("button", name="设置密码").click()
    expect(newcomer.locator(".flash")).to_contain_text("密码已设置")
    newcomer.get_by_label("邮箱").fill("new.school@browser.test")
    newcomer.get_by_label("密码").fill("beibei-school-2026")
    newcomer.get_by_role("button", name="登录").click()
    newcomer.wait_for_url(re.compile(r"/school/resources$"))
    expect(newcomer.get_by_role("button", name="退出 北碚新学校")).to_be_visible()

    newcomer.goto(link)  # used once: no second password from the same link
    expect(newcomer.get_by_role("alert")).to_contain_text("链接已失效")

    admin.goto(served_catalog.url("/admin/users"))
    admin.get_by_role("link", name="北碚新学校").click()
    assert violations_at_both_widths(admin) == []
    screenshots(admin, "admin-user")
    admin.goto(served_catalog.url("/curation/audit"))
    expect(admin.locator("tr", has_text="邀请用户")).to_contain_text("new.school@browser.test")
    newcomer_context.close()
    context.close()
