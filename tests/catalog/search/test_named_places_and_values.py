"""On the real node: a place word lifts what is there (a tour: where it goes, not where its organiser
sits), a theme word lifts the value it names in so many words, and a spelling of a title outranks the
same spelling among keywords."""

from __future__ import annotations

import copy

import pytest
from conftest import example, lesson

from catalog.search.query_builder import SearchRequest
from catalog.search.service import search


def tour(resource_id: str, title: str, organiser: tuple[str, str], stop: tuple[str, str, dict], theme: str) -> dict:
    resource = copy.deepcopy(example("study_tour"))
    resource.update(
        id=resource_id,
        title=title,
        summary="一日研学。",
        keywords=[],
        files=[],
        region={"city": organiser[0], "district": organiser[1]},
    )
    name, district, location = stop
    resource["study_tour"].update(
        theme=theme, destinations=[{"name": name, "district": district, "location": location}]
    )
    return resource


def base(resource_id: str, title: str, categories: list[str], activities: list[str]) -> dict:
    resource = copy.deepcopy(example("practice_base"))
    summary = f"{categories[0]}。开展{'、'.join(activities)}等实践活动。"  # as bases describe themselves
    resource.update(id=resource_id, title=title, summary=summary, keywords=[], files=[])
    resource["practice_base"].update(categories=categories, activities=activities)
    return resource


@pytest.fixture
def corpus(catalog):
    jianchuan = ("建川博物馆聚落", "大邑县", {"lat": 30.58, "lon": 103.52})
    catalog.put(
        "sc",
        tour(
            "yx-ld",
            "红色记忆：泸定桥一日研学",
            ("成都市", "青羊区"),
            ("泸定桥", "泸定县", {"lat": 29.91, "lon": 102.23}),
            "红色文化",
        ),
    )
    catalog.put("sc", tour("yx-jc", "红色记忆：建川聚落一日研学", ("绵阳市", "涪城区"), jianchuan, "红色文化"))
    catalog.put(
        "sc", base("jd-sxd", "三星堆博物馆", ["爱国主义教育基地"], ["青铜神树观察", "模拟考古发掘", "古蜀文字猜想"])
    )
    catalog.put("sc", lesson("les-zh", "诸侯纷争与变法运动", keywords=["三星堆", "青铜器"], summary="春秋战国。"))
    catalog.put("cq", base("jd-cs", "永川茶山竹海", ["劳动教育实践基地"], ["采茶制茶体验", "竹林生态观察"]))
    catalog.put(
        "sc",
        tour(
            "yx-ld2",
            "劳动创造美：明月村一日研学",
            ("成都市", "蒲江县"),
            ("明月村", "蒲江县", {"lat": 30.2, "lon": 103.5}),
            "劳动实践",
        ),
    )
    catalog.sync()
    return catalog


def found(catalog, q: str) -> list[str]:
    return [hit.doc_id for hit in search(catalog.es, catalog.alias, SearchRequest(q=q)).hits]


def test_a_city_with_a_theme_lifts_tours_going_there_not_tours_organised_there(corpus):
    assert found(corpus, "成都 红色文化")[:2] == ["sc:yx-jc", "sc:yx-ld"]


def test_pinyin_of_a_title_outranks_the_same_pinyin_among_keywords(corpus):
    assert found(corpus, "sanxingdui") == ["sc:jd-sxd", "sc:les-zh"]


def test_a_theme_word_lifts_the_value_it_names_above_title_mentions(corpus):
    # 劳动教育 names the category 劳动教育实践基地; the tour's theme 劳动实践 is only kin, its title says 劳动.
    assert found(corpus, "劳动教育")[:2] == ["cq:jd-cs", "sc:yx-ld2"]
