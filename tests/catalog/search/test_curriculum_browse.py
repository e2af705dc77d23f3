"""The curriculum tree: built from nested aggregations, ordered as teachers expect."""

from __future__ import annotations

from conftest import lesson

from catalog.resources.curriculum_order import chinese_number, unit_key, volume_key
from catalog.search.curriculum_browse import LEVELS, browse, browse_body, tree_from_aggregations


def test_tree_orders_stages_and_subjects_by_the_vocabulary():
    aggregations = {
        "stage": {
            "buckets": [
                {"key": "高中", "doc_count": 1, "subject": {"buckets": []}},
                {
                    "key": "小学",
                    "doc_count": 3,
                    "subject": {
                        "buckets": [
                            {"key": "英语", "doc_count": 1, "edition": {"buckets": []}},
                            {"key": "数学", "doc_count": 2, "edition": {"buckets": []}},
                        ]
                    },
                },
            ]
        }
    }
    tree = tree_from_aggregations(aggregations)
    assert [node["value"] for node in tree] == ["小学", "高中"]
    assert [node["value"] for node in tree[0]["children"]] == ["数学", "英语"]


def test_only_published_lessons_are_counted_for_teachers():
    filters = browse_body()["query"]["bool"]["filter"]
    assert {"term": {"review_state": "published"}} in filters and {"term": {"type": "lesson"}} in filters


def test_browse_counts_lessons_down_to_the_unit(catalog):
    unit = {"edition": "人教版", "volume": "三年级上册", "unit": "第八单元 分数的初步认识", "format": "课件"}
    catalog.put("cq", lesson("f1", "几分之一", lesson=unit))
    catalog.put("sc", lesson("f2", "几分之几", lesson=unit))
    catalog.put("sc", lesson("w1", "长方形和正方形", lesson={**unit, "unit": "第七单元 长方形和正方形"}))
    catalog.sync()

    (stage,) = browse(catalog.es, catalog.alias)
    assert (stage["value"], stage["count"]) == ("小学", 3)
    (subject,) = stage["children"]
    (edition,) = subject["children"]
    (volume,) = edition["children"]
    units = {node["value"]: node["count"] for node in volume["children"]}
    assert (subject["value"], edition["value"], volume["value"]) == ("数学", "人教版", "三年级上册")
    assert units == {"第八单元 分数的初步认识": 2, "第七单元 长方形和正方形": 1}


def test_units_and_volumes_follow_the_book_not_the_string_order():
    units = [
        "第一单元 时、分、秒",
        "第七单元 长方形和正方形",
        "第九单元 数学广角",
        "第五单元 倍的认识",
        "第八单元 分数",
    ]
    chapters = ["第二十一章 一元二次方程", "第二章 整式", "第十章 数据", "第3章 物态变化", "Unit 10", "Unit 2"]
    volumes = ["八年级下册", "七年级上册", "八年级上册", "一年级上册", "九年级全一册", "高一"]

    def node(level, value):
        return {"key": value, "doc_count": 1, **({} if level == "unit" else {"unit": {"buckets": []}})}

    aggregations = {"volume": {"buckets": [node("volume", "三年级上册")]}}
    aggregations["volume"]["buckets"][0]["unit"]["buckets"] = [node("unit", u) for u in units]
    (volume,) = tree_from_aggregations(aggregations, levels=LEVELS[3:])
    assert [n["value"][:4] for n in volume["children"]] == ["第一单元", "第五单元", "第七单元", "第八单元", "第九单元"]

    assert sorted(chapters, key=unit_key) == [
        "Unit 2", "第二章 整式", "第3章 物态变化", "Unit 10", "第十章 数据", "第二十一章 一元二次方程"
    ]  # fmt: skip
    assert sorted(volumes, key=volume_key) == [
        "一年级上册",
        "七年级上册",
        "八年级上册",
        "八年级下册",
        "九年级全一册",
        "高一",
    ]


def test_chinese_numerals_read_as_numbers():
    cases = {"一": 1, "十": 10, "十二": 12, "二十": 20, "二十一": 21, "一百零五": 105, "两": 2, "12": 12}
    assert {text: chinese_number(text) for text in cases} == cases
    assert chinese_number("单元") is None and chinese_number("") is None
