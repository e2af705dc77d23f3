"""Reading a teacher's words before the query is built: pure, no engine."""

from __future__ import annotations

import json

import pytest

from catalog.indexing.segmentation import normalise_text, segment
from catalog.search.query_builder import SearchRequest, build_search
from catalog.search.query_understanding import BOOST, ENGLISH, FREE, REQUIRED, understand
from catalog.search.relaxed_query import build_relaxed_search


def readings(q: str) -> list[tuple[str, tuple, str]]:
    """(typed, facts, role) of every segment that is not plain free text."""
    return [
        (s.typed, s.facts, s.role)
        for t in understand(q).tokens
        for s in t.segments
        if s.role != FREE or s.text != s.typed
    ]


def chips(q: str) -> list[tuple[str, str, str]]:
    return [(c.facet, c.shown, c.remove_q) for c in understand(q).chips]


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("勾股定理的證明", "勾股定理的证明"),
        ("認識分數", "认识分数"),
        ("長方體和正方體的體積", "长方体和正方体的体积"),
        ("重慶紅巖革命紀念館", "重庆红岩革命纪念馆"),
    ],
)
def test_traditional_titles_fold_to_the_simplified_ones_in_index_and_query_text(traditional, simplified):
    assert normalise_text(traditional) == simplified
    assert segment(traditional) == segment(simplified)
    assert understand(traditional).text == simplified


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("分数的初步认识（一）几分之一", "分数的初步认识(一)几分之一"),
        ("乾隆", "乾隆"),
        ("着重", "着重"),
        ("FenShu sx 123", "fenshu sx 123"),
        ("ＡＢＣ", "abc"),
    ],
)
def test_simplified_and_other_text_is_left_as_it_is(text, normal):
    assert normalise_text(text) == normal


@pytest.mark.parametrize(
    ("q", "facts"),
    [
        ("四川 红色文化", [("province", "sc")]),
        ("四川省研学", [("province", "sc"), ("type", "study_tour")]),
        ("川 熊猫", [("province", "sc")]),
        ("川渝 研学", [("province", "sc"), ("province", "cq"), ("type", "study_tour")]),
        ("重庆 科技馆", [("province", "cq")]),
        ("成都 博物馆", [("city", "成都市")]),
        ("阿坝州 自然", [("city", "阿坝藏族羌族自治州")]),
        ("渝中 红色", [("district", "渝中区")]),
        ("石柱 研学", [("district", "石柱土家族自治县"), ("type", "study_tour")]),
        ("分数 课件", [("format", "课件")]),
        ("勾股定理教案", [("format", "教学设计")]),
        ("熊猫 基地", [("type", "practice_base")]),
    ],
)
def test_place_and_kind_words_become_lifts_not_requirements(q, facts):
    lifted = [fact for _, found, role in readings(q) if role == BOOST for fact in found]
    assert lifted == facts
    assert understand(q).boosts == facts


@pytest.mark.parametrize("q", ["苏东坡", "川剧", "蜀绣", "四川大学", "武侯祠"])
def test_a_place_inside_a_longer_word_is_not_read_as_the_place(q):
    assert readings(q) == []


@pytest.mark.parametrize(
    ("q", "facts"),
    [
        ("初二", (("grade", "八年级"),)),
        ("初中二年级", (("grade", "八年级"),)),
        ("小学数学", (("subject", "数学"), ("stage", "小学"))),
        ("思品", (("subject", "道德与法治"),)),
        ("部编版", (("edition", "统编版"),)),
        ("初二上册", (("volume", "八年级上册"),)),
        ("红色旅游", (("theme", "红色文化"),)),
        ("科普基地", (("category", "科普教育基地"),)),
    ],
)
def test_everyday_spellings_are_read_as_the_vocabularys_values_and_stay_required(q, facts):
    assert readings(q) == [(q, facts, REQUIRED)]


@pytest.mark.parametrize(
    ("q", "text", "facts", "role"),
    [
        ("physics", "物理", (("subject", "物理"),), REQUIRED),
        ("Math", "数学", (("subject", "数学"),), REQUIRED),
        ("fractions", "分数", (), FREE),
        ("lesson plans", "教学设计", (("format", "教学设计"),), BOOST),
        ("grade 8", "八年级", (("grade", "八年级"),), REQUIRED),
        ("Pythagorean theorem", "勾股定理", (), FREE),
    ],
)
def test_english_words_are_read_as_the_chinese_the_records_use(q, text, facts, role):
    (token,) = understand(q).tokens
    (segment_,) = token.segments
    assert (segment_.typed, segment_.text, segment_.facts, segment_.role) == (q.lower(), text, facts, role)


def test_pinyin_and_unknown_english_stay_as_typed():
    assert readings("fenshu sx gougudingli") == []
    assert understand("fenshu").text == "fenshu"


def test_chips_say_what_was_understood_and_link_to_the_query_without_it():
    assert chips("四川 红色文化") == [("province", "四川省", "红色文化")]
    assert chips("四川红色文化研学") == [("province", "四川省", "红色文化研学"), ("type", "研学线路", "四川红色文化")]
    assert chips('初二 物理 "浮力" -视频') == [("grade", "八年级", '物理 "浮力" -视频')]
    assert chips("小学数学") == [("subject", "数学", "小学"), ("stage", "小学", "数学")]
    assert chips("fractions 课件") == [(ENGLISH, "fractions → 分数", "课件"), ("format", "课件", "fractions")]
    # A word typed as the value itself was not reinterpreted: nothing to show.
    assert chips("数学 三年级") == []


def test_a_query_of_places_and_kinds_requires_one_of_them_or_the_words():
    body = json.dumps(build_search(SearchRequest(q="四川 研学"))["query"], ensure_ascii=False)
    assert '"province": "sc"' in body and '"type": "study_tour"' in body
    assert '"query": "四川"' in body  # still found as typed, e.g. in a title


def test_understood_words_never_lose_what_the_typed_token_found():
    # 三年级上册 is a volume value as typed; reading it must keep that alternative.
    body = json.dumps(build_search(SearchRequest(q="人教版 三年级上册"))["query"], ensure_ascii=False)
    assert '"lesson.volume": "三年级上册"' in body and '"query": "三年级上册"' in body


def test_the_relaxed_query_asks_for_overlap_and_leaves_out_what_was_shown():
    body = build_relaxed_search(SearchRequest(q="勾股定里 -视频"), ["cq:a"], 10)
    text = json.dumps(body, ensure_ascii=False)
    assert '"minimum_should_match": "2<-25%"' in text and '"query": "勾股定里"' in text
    assert '"values": ["cq:a"]' in text and '"query": "视频"' in text
    assert build_relaxed_search(SearchRequest(q="   "), [], 10) is None
    pinyin = json.dumps(build_relaxed_search(SearchRequest(q="dingli"), [], 10))
    assert '"*dingli*"' in pinyin and '"fuzzy"' in pinyin


def test_an_english_topic_with_an_apostrophe_is_read():
    assert understand("Ohm's law").text == "欧姆定律"


def test_a_themes_word_may_be_found_as_any_word_or_value_of_its_group():
    from catalog.search.query_builder import SearchRequest, build_search

    (token,) = understand("党史教育").tokens
    (segment,) = token.segments
    assert segment.role == "thematic" and "红色教育" in segment.also
    assert segment.facts == (("theme", "红色文化"), ("category", "爱国主义教育基地"))
    body = str(build_search(SearchRequest(q="党史教育")))
    assert "红色教育" in body and "爱国主义教育基地" in body
    assert understand("党史教育").chips == ()  # it widens the search; there is nothing to remove


def test_a_named_city_lifts_where_resources_are_and_older_documents_by_region_and_places():
    from catalog.search.query_builder import place_filter

    lift = place_filter("city", "绵阳市")
    (at, before_sites) = lift["bool"]["should"]
    assert at == {"term": {"sites": "绵阳市"}}
    assert before_sites["bool"]["must_not"] == {"exists": {"field": "sites"}}
    (region, going) = before_sites["bool"]["should"]
    assert region == {"term": {"region.city": "绵阳市"}}
    assert "绵阳市" in going["terms"]["places"] and "涪城区" in going["terms"]["places"]
    assert place_filter("province", "sc") == {"term": {"province": "sc"}}
