"""A teacher's collections through the pages: save, reorder, share read-only by link, withdrawn items kept."""

from __future__ import annotations

import re

import pytest
from conftest import lesson

from catalog.collections import service
from catalog.collections.service import MAX_NAME
from catalog.field_problem import FieldProblem


def _form(client, path: str, **data):
    return client.post(path, data={"csrf_token": client.csrf, **data})


def _save(client, resource_id: str, collection: str = "", back: str = "/search?q=x"):
    return _form(client, "/collections/save", province="cq", resource_id=resource_id, collection=collection, next=back)


def _order(client) -> list[str]:
    page = client.get("/collections").get_data(as_text=True)
    return re.findall(r'<a href="/resources/cq/[^"]+">([^<]+)</a>', page)


def _published(site, *titles):
    for number, title in enumerate(titles, 1):
        site.catalog.put("cq", lesson(f"col-{number}", title))
    site.catalog.sync()


def test_a_teacher_saves_reorders_and_shares_a_list_that_others_read_but_cannot_change(site):
    _published(site, "分数的初步认识", "植树问题", "鸡兔同笼")
    teacher = site.client("teacher")
    assert _form(teacher, "/collections", name="三年级二班").status_code == 303
    page = teacher.get("/resources/cq/col-1").get_data(as_text=True)
    assert "收藏" in page and "三年级二班" in page  # the save button offers the list
    (list_id,) = set(re.findall(r'<option value="(\d+)">三年级二班</option>', page))  # related hits offer it too
    for rid in ("col-1", "col-2", "col-3"):
        saved = _save(teacher, rid, list_id)
        assert saved.status_code == 303 and saved.headers["Location"] == "/search?q=x"  # back where it was
    _save(teacher, "col-1", list_id)  # twice: still once
    assert _order(teacher) == ["分数的初步认识", "植树问题", "鸡兔同笼"]

    item_ids = re.findall(r'id="item-(\d+)"', teacher.get("/collections").get_data(as_text=True))
    assert _form(teacher, f"/collections/{list_id}/items/{item_ids[2]}/up").status_code == 303
    assert _order(teacher) == ["分数的初步认识", "鸡兔同笼", "植树问题"]
    _form(teacher, f"/collections/{list_id}/items/{item_ids[0]}/up")  # the first cannot go higher
    _form(teacher, f"/collections/{list_id}/items/{item_ids[0]}/down")
    assert _order(teacher) == ["鸡兔同笼", "分数的初步认识", "植树问题"]

    _form(teacher, f"/collections/{list_id}/share", shared="on")
    (link,) = re.findall(
        r'value="http://localhost(/collections/shared/[^"]+)"', teacher.get("/collections").get_data(as_text=True)
    )
    assert len(link.rsplit("/", 1)[1]) >= 32  # unguessable
    stranger = site.client()
    shared = stranger.get(link)
    assert shared.status_code == 200
    text = shared.get_data(as_text=True)
    assert text.index("鸡兔同笼") < text.index("分数的初步认识") < text.index("植树问题")
    assert "上移" not in text and "csrf_token" not in text.split("<main", 1)[1]  # read-only: no forms
    # Nobody else can change the list, signed in or not.
    assert _form(site.client("admin"), f"/collections/{list_id}/items/{item_ids[0]}/remove").status_code == 404
    assert _form(site.client("curator"), f"/collections/{list_id}/delete").status_code == 403
    assert _order(teacher) == ["鸡兔同笼", "分数的初步认识", "植树问题"]  # all refused: nothing changed
    assert _form(stranger, f"/collections/{list_id}/share", shared="off").status_code in (302, 401)

    _form(teacher, f"/collections/{list_id}/share", shared="off")
    assert stranger.get(link).status_code == 404


def test_a_withdrawn_resource_stays_in_the_list_as_withdrawn_with_its_saved_title(site):
    _published(site, "分数的初步认识", "植树问题")
    teacher = site.client("teacher")
    _save(teacher, "col-1")  # no list yet: into 我的收藏
    _save(teacher, "col-2")
    site.catalog.withdraw("cq", "col-1")
    site.catalog.sync()
    page = teacher.get("/collections")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "我的收藏" in text
    assert re.search(r'class="withdrawn-title">分数的初步认识</span> <span class="badge badge-withdrawn">已撤回', text)
    assert _order(teacher) == ["植树问题"]
    refused = _save(teacher, "col-1")  # cannot be saved again once gone
    assert refused.status_code == 303
    assert "这个资源不存在或已撤回" in teacher.get("/search?q=x").get_data(as_text=True)


def test_list_names_are_checked_and_the_error_names_the_field(site):
    teacher = site.client("teacher")
    for name, reason in (("  ", "请填写清单名称"), ("长" * (MAX_NAME + 1), "最多 40 个字")):
        refused = _form(teacher, "/collections", name=name)
        assert refused.status_code == 400
        assert "清单名称：" in refused.get_data(as_text=True) and reason in refused.get_data(as_text=True)
    _form(teacher, "/collections", name="第一单元")
    again = _form(teacher, "/collections", name=" 第一单元 ")
    assert again.status_code == 400 and "已有同名的清单" in again.get_data(as_text=True)


def test_only_signed_in_teachers_see_save_buttons_and_collections(site):
    _published(site, "分数的初步认识")
    assert "save-form" not in site.client().get("/resources/cq/col-1").get_data(as_text=True)
    assert "save-form" not in site.client("school").get("/resources/cq/col-1").get_data(as_text=True)
    assert site.client("school").get("/collections").status_code == 403
    assert site.client().get("/collections").status_code == 302  # to the sign-in page
    assert 'href="/collections"' in site.client("teacher").get("/").get_data(as_text=True)


def test_a_name_is_trimmed_and_its_inner_spaces_collapsed_and_an_empty_or_long_one_is_refused():
    assert service.valid_name("  三年级 \u3000 二班 ") == "三年级 二班"
    for bad in (None, "", " \t ", "长" * (MAX_NAME + 1)):
        with pytest.raises(FieldProblem) as refused:
            service.valid_name(bad)
        assert refused.value.field == "name"
