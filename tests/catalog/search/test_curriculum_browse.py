"""The curriculum tree: built from nested aggregations, ordered as teachers expect."""

from __future__ import annotations

from conftest import lesson

from catalog.search.curriculum_browse import browse, browse_body, tree_from_aggregations


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
