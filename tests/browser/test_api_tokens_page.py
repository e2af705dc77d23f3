"""In the browser: a school makes an API token, sees its secret once, a script uses it (last use shown),
and the school revokes it; the page is axe-clean."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.browser_fixtures import ACCOUNT_PASSWORD, ACCOUNTS, screenshots, serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]


def test_a_school_creates_a_token_sees_it_once_and_revokes_it(served_catalog, page):
    page.goto(served_catalog.url("/login"))
    page.get_by_label("邮箱").fill(ACCOUNTS["school"])
    page.get_by_label("密码").fill(ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="API 令牌").click()
    page.get_by_label("名称（例如用它的系统）").fill("江北区资源平台")
    page.get_by_label(re.compile("上传资源")).check()
    page.get_by_role("button", name="创建令牌").click()

    token = page.get_by_label("令牌", exact=True).input_value()
    assert re.fullmatch(r"cdcq_[0-9a-f]{12}_[A-Za-z0-9_-]{43}", token)
    row = page.locator("tr", has_text="江北区资源平台")
    expect(row.locator(".last-used")).to_have_text("从未使用")
    assert serious_violations(page) == []
    for path in screenshots(page, "api-tokens"):
        assert path.stat().st_size > 10_000

    session = requests.get(
        served_catalog.url("/api/v1/session"), headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert session.status_code == 200 and session.json()["user"]["email"] == ACCOUNTS["school"]

    page.get_by_role("link", name="API 令牌").click()  # the page again: the secret is gone for good
    assert token not in page.content()
    expect(row.locator(".last-used")).to_have_text(re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"))
    row.get_by_role("button", name="撤销令牌“江北区资源平台”").click()
    expect(row.locator(".token-state")).to_have_text("已撤销")
    refused = requests.get(
        served_catalog.url("/api/v1/session"), headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "token_revoked"
