"""The home page: featuring a resource adds a 精品 list beside the newest, never replaces it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.stack


def section(page: str, kind: str) -> str:
    match = re.search(rf'<section class="showcase showcase-{kind}".*?</section>', page, re.S)
    return match.group(0) if match else ""


def test_featuring_one_resource_keeps_the_newest_list(site):
    from conftest import lesson

    site.catalog.put("cq", lesson("les-old-star", "鸡兔同笼问题", published_at="2021-03-01T09:00:00+08:00"))
    site.catalog.put("cq", lesson("les-fresh", "圆的面积", published_at="2026-11-20T09:00:00+08:00"))
    site.catalog.sync()
    teacher = site.app.test_client()
    page = teacher.get("/").get_data(as_text=True)
    assert section(page, "featured") == "" and "圆的面积" in section(page, "newest")

    assert site.decide(site.client("curator"), "cq", "les-old-star", "feature").status_code == 200
    page = teacher.get("/").get_data(as_text=True)
    assert "精品资源" in page and "鸡兔同笼问题" in section(page, "featured")
    newest = section(page, "newest")
    assert "最新资源" in newest and "圆的面积" in newest
