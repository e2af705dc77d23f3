"""Keys that compare titles and unit names: script, case, spacing and punctuation do not count."""

from __future__ import annotations

import pytest
from conftest import lesson

from catalog.indexing.comparison_keys import compact_key, unit_keys, unit_name
from catalog.indexing.document_builder import build_document


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("《勾股定理》课件", "勾股定理 课件"),
        ("勾股定理的證明", "勾股定理的证明"),
        ("Unit 1 Hello!", "unit 1 hello"),
        ("认识分数（一）", "认识分数一"),
        ("ＡＢＣ数学", "abc数学"),
    ],
)
def test_spellings_a_teacher_reads_as_the_same_title_share_a_key(one, other):
    assert compact_key(one) == compact_key(other)


def test_different_titles_keep_different_keys():
    assert compact_key("分数的初步认识 课件") != compact_key("分数的初步认识 教案")
    assert compact_key("9加几") != compact_key("8加几")


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("第二十一章 一元二次方程", "一元二次方程"),
        ("第八单元 分数的初步认识", "分数的初步认识"),
        ("第三单元 1～5的认识和加减法", "1～5的认识和加减法"),
        ("第2课 我的家", "我的家"),
        ("Unit 4 We love animals", "We love animals"),
        ("识字（一）", "识字（一）"),
        ("第四单元", "第四单元"),
    ],
)
def test_a_units_name_is_what_follows_its_number(unit, name):
    assert unit_name(unit) == name


def test_a_unit_is_named_by_itself_or_its_name_part():
    assert unit_keys("第二十一章 一元二次方程") == ["第二十一章一元二次方程", "一元二次方程"]
    assert unit_keys("") == []


def test_the_collapse_key_joins_one_title_of_one_kind_across_publishers_and_keeps_formats_apart():
    def key(resource_id, title, fmt, publisher):
        resource = lesson(resource_id, title, publisher={"name": publisher, "kind": "school"})
        resource["lesson"] = {**resource["lesson"], "format": fmt}
        return build_document("cq", resource, [], fingerprint="f", json_key="k", unmapped=[])[1]["title_type_key"]

    assert key("a", "《浮力》", "课件", "甲校") == key("b", "浮力", "课件", "乙校")
    assert key("a", "浮力", "课件", "甲校") != key("b", "浮力", "教学设计", "甲校")
    assert key("a", "《》", "课件", "甲校") != key("b", "《》", "课件", "甲校")
