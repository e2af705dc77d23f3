"""The relevance rules grade resources by their content, and the frozen judgments are those rules' output."""

import json

import pytest

from benchmarks.relevance_freeze import judge_all, original_versions, versions
from benchmarks.relevance_judgments import JUDGMENTS
from benchmarks.relevance_judgments_kinds import CORPUS, KIND_JUDGMENTS, ORIGINAL_VERSIONS
from benchmarks.relevance_queries import KINDS, QUERIES
from benchmarks.relevance_rules import (
    grade,
    province,
    read_resource,
    rule,
    sample_resources,
    site,
    subject,
    theme,
    title,
    unit,
)


def lesson(resource_id="les-1", title_text="《欧姆定律》课件", unit_name="第十七章 欧姆定律", **fields):
    doc = {
        "schema": "edu-resource/1",
        "id": resource_id,
        "type": "lesson",
        "title": title_text,
        "subjects": ["物理"],
        "stages": ["初中"],
        "grades": ["九年级"],
        "keywords": ["欧姆定律", "电流"],
        "region": {"city": "重庆市", "district": "渝中区"},
        "lesson": {"edition": "人教版", "volume": "九年级全一册", "unit": unit_name, "format": "课件"},
    }
    doc.update(fields)
    return read_resource("cq", doc)


def tour(resource_id, destinations, tour_theme="红色文化"):
    doc = {
        "schema": "edu-resource/1",
        "id": resource_id,
        "type": "study_tour",
        "title": "红色记忆：研学",
        "region": {"city": "重庆市", "district": "沙坪坝区"},
        "study_tour": {"theme": tour_theme, "destinations": [{"name": name} for name in destinations]},
    }
    return read_resource("cq", doc)


def test_the_first_tier_a_resource_meets_gives_its_grade():
    ohm = rule((3, title("欧姆定律")), (2, unit("欧姆定律")))
    in_title = lesson("a")
    in_unit_only = lesson("b", title_text="《电阻的测量》学案")
    elsewhere = lesson("c", title_text="《磁生电》习题", unit_name="第二十章 电与磁")
    assert [ohm.grade_of(r) for r in (in_title, in_unit_only, elsewhere)] == [3, 2, 0]
    assert ohm.judge([elsewhere, in_unit_only, in_title]) == {"cq:a": 3, "cq:b": 2}


def test_rules_read_the_vocabularies_canonical_values_not_the_feeds_spelling():
    messy = lesson(grades=["初二"], subjects=["初中物理"])
    assert (subject("物理") & grade("八年级"))(messy)


def test_a_tour_is_where_its_destinations_are():
    crossing = tour("yx-1", ["红岩革命纪念馆", "朱德故里"])
    assert province("sc")(crossing) and province("cq")(crossing)
    assert site(city="南充市")(crossing) and not site(city="成都市")(crossing)
    assert site("朱德", province="sc")(crossing) and not site("朱德", province="cq")(crossing)


def test_a_base_has_the_themes_of_its_site():
    doc = {
        "schema": "edu-resource/1",
        "id": "jd-hongyan",
        "type": "practice_base",
        "title": "红岩革命纪念馆",
        "publisher": {"name": "红岩革命纪念馆", "kind": "museum"},
        "region": {"city": "重庆市", "district": "渝中区"},
        "practice_base": {"categories": ["爱国主义教育基地"], "activities": ["红岩精神讲解"]},
    }
    base = read_resource("cq", doc)
    assert theme("红色文化")(base) and not theme("自然生态")(base)


def test_a_rule_prints_as_its_words_and_refuses_a_grade_outside_1_to_3():
    assert str(rule((3, title("欧姆定律")), (2, unit("欧姆定律")))) == "title has 欧姆定律 (3); unit has 欧姆定律 (2)"
    with pytest.raises(ValueError, match="grade 4"):
        rule((4, title("x")))


def test_versions_group_judged_resources_by_title_and_type():
    same = [lesson("a", title_text="九年级物理：欧姆定律"), lesson("b", title_text="九年级物理： 欧姆定律")]
    other = lesson("c", title_text="《欧姆定律》课件")
    judged = {r.doc_id: 3 for r in [*same, other]}
    assert versions(judged, {r.doc_id: r for r in [*same, other]}) == [["cq:a", "cq:b"]]


def test_every_kind_has_five_queries_or_more_and_sixty_in_all_none_repeating_the_original_48():
    counts = {name: sum(1 for q in QUERIES if q.kind == name) for name in KINDS}
    assert min(counts.values()) >= 5, counts
    assert len(QUERIES) >= 60
    texts = [q.text for q in QUERIES]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & set(JUDGMENTS)


@pytest.fixture(scope="module")
def corpus_resources():
    return list(sample_resources(CORPUS["count"], CORPUS["seed"]))


def test_the_frozen_judgments_are_the_rules_over_the_sample_corpus(corpus_resources):
    # Regenerate with python -m benchmarks.relevance_freeze when a rule or the generator changes.
    assert json.loads(json.dumps(judge_all(QUERIES, corpus_resources))) == KIND_JUDGMENTS
    assert original_versions(corpus_resources) == ORIGINAL_VERSIONS
