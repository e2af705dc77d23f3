"""In the browser: a teacher saves two resources into a list, moves one up, shares the list, and someone
signed out opens the link read-only; axe-clean at desktop and phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_fixtures import ACCOUNT_PASSWORD, screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]
TEACHER = "teacher@browser.test"


@pytest.fixture(scope="module")
def teacher(served_catalog):
    from catalog.accounts import create_user
    from catalog.stores.database import make_engine, make_sessions, transaction

    engine = make_engine(served_catalog.settings.database_url)
    with transaction(make_sessions(engine)) as session:
        create_user(session, email=TEACHER, display_name="浏览器测试教师", password=ACCOUNT_PASSWORD, role="teacher")
    engine.dispose()
    return TEACHER


def test_a_teacher_saves_reorders_and_shares_a_list_opened_signed_out(served_catalog, teacher, page, browser):
    page.goto(served_catalog.url("/login"))
    page.get_by_label("邮箱").fill(teacher)
    page.get_by_label("密码").fill(ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="我的收藏").click()
    page.get_by_label("新清单名称").fill("三年级二班")
    page.get_by_role("button", name="新建清单").click()
    expect(page.get_by_role("heading", name=re.compile("三年级二班"))).to_be_visible()

    page.goto(served_catalog.url("/search?type=lesson"))
    titles = page.locator(".hit-title").all_inner_texts()[:2]
    for title in titles:
        hit = page.locator(".hit", has=page.locator(".hit-title", has_text=title)).first
        hit.get_by_role("button", name=f"收藏“{title}”").click()
        expect(page.locator(".flash")).to_contain_text("已收藏到“三年级二班”")
        assert "/search" in page.url  # back on the results, without JavaScript's help
    assert serious_violations(page) == []  # the results with a save form on every hit
    for path in screenshots(page, "collections-save-buttons"):
        assert path.stat().st_size > 10_000

    page.get_by_role("link", name="我的收藏").click()
    items = page.locator(".collection-item a")
    expect(items).to_have_text(titles)
    page.get_by_role("button", name=f"上移：{titles[1]}").click()
    expect(items).to_have_text([titles[1], titles[0]])
    page.get_by_role("button", name="用链接分享").click()
    link = page.get_by_label("分享链接（只读）").input_value()
    assert serious_violations(page) == []
    for path in screenshots(page, "collections"):
        assert path.stat().st_size > 10_000

    signed_out = browser.new_context(locale="zh-CN")
    try:
        other = signed_out.new_page()
        other.goto(link)
        expect(other.locator(".collection-item a")).to_have_text([titles[1], titles[0]])
        expect(other.get_by_role("button", name=re.compile("上移|移除"))).to_have_count(0)
        assert serious_violations(other) == []
        for path in screenshots(other, "collections-shared"):
            assert path.stat().st_size > 10_000
    finally:
        signed_out.close()
