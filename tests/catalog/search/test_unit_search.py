"""A query that names a curriculum unit, on the real node: the unit's lessons come first, all of them."""

from __future__ import annotations

import pytest
from conftest import lesson

from catalog.search.query_builder import SearchRequest
from catalog.search.service import search


def maths(resource_id: str, title: str, unit: str, summary: str) -> dict:
    return lesson(
        resource_id,
        title,
        subjects=["数学"],
        stages=["初中"],
        grades=["九年级"],
        keywords=[],
        summary=summary,
        lesson={"edition": "人教版", "volume": "九年级上册", "unit": unit, "format": "教学设计"},
    )


@pytest.fixture
def corpus(catalog):
    catalog.put("cq", maths("pf-1", "配方法", "第二十一章 一元二次方程", "把方程化成完全平方的形式再开平方。"))
    catalog.put("sc", maths("yy-1", "九年级数学：一元二次方程", "第二十一章 一元二次方程", "认识方程的一般形式。"))
    catalog.put(
        "cq",
        maths(
            "hs-1",
            "二次函数与一元二次方程",
            "第二十二章 二次函数",
            "用二次函数的图象看一元二次方程的根，一元二次方程与抛物线。",
        ),
    )
    catalog.put("sc", maths("hs-2", "二次函数的图象和性质", "第二十二章 二次函数", "画抛物线。"))
    catalog.sync()
    return catalog


def found(catalog, q: str) -> list[str]:
    return [hit.doc_id for hit in search(catalog.es, catalog.alias, SearchRequest(q=q)).hits]


@pytest.mark.parametrize("q", ["一元二次方程", "第二十一章 一元二次方程", "第二十一章一元二次方程"])
def test_the_units_lessons_come_before_lessons_that_only_share_its_words(corpus, q):
    hits = found(corpus, q)
    assert set(hits[:2]) == {"cq:pf-1", "sc:yy-1"}
    assert "cq:hs-2" not in hits


def test_a_kind_word_beside_the_unit_still_ranks_the_unit_first(corpus):
    assert set(found(corpus, "一元二次方程 教案")[:2]) == {"cq:pf-1", "sc:yy-1"}


def test_a_unit_named_among_other_words_lifts_its_lessons(corpus):
    assert found(corpus, "人教版 一元二次方程")[0] in {"cq:pf-1", "sc:yy-1"}
