import copy

import pytest

from catalog.resources import vocabularies as v
from catalog.resources.vocabulary_mapping import (
    Classification,
    normalise_choice,
    normalise_classification,
    normalise_resource,
)


def test_vocabularies_match_the_spec():
    assert v.SUBJECTS == (
        "语文",
        "数学",
        "英语",
        "物理",
        "化学",
        "生物",
        "历史",
        "地理",
        "道德与法治",
        "思想政治",
        "科学",
        "信息技术",
        "音乐",
        "美术",
        "体育与健康",
        "劳动",
        "综合实践活动",
        "心理健康",
        "书法",
        "日语",
        "俄语",
    )
    assert v.STAGES == ("学前", "小学", "初中", "高中", "中职")
    assert len(v.GRADES) == 12
    assert v.STAGE_OF_GRADE["六年级"] == "小学"
    assert v.STAGE_OF_GRADE["七年级"] == "初中"
    assert v.STAGE_OF_GRADE["高三"] == "高中"


def test_every_synonym_points_at_a_vocabulary_entry():
    tables = [
        (v.SUBJECT_SYNONYMS, v.SUBJECTS),
        (v.STAGE_SYNONYMS, v.STAGES),
        (v.GRADE_SYNONYMS, v.GRADES),
        (v.EDITION_SYNONYMS, v.EDITIONS),
        (v.LESSON_FORMAT_SYNONYMS, v.LESSON_FORMATS),
        (v.TOUR_THEME_SYNONYMS, v.TOUR_THEMES),
        (v.BASE_CATEGORY_SYNONYMS, v.BASE_CATEGORIES),
    ]
    for synonyms, vocabulary in tables:
        assert set(synonyms.values()) <= set(vocabulary)
    for below, upper, default in v.CONTEXT_SUBJECTS.values():
        assert {below, upper} <= set(v.SUBJECTS) and default in (None, *v.SUBJECTS)


@pytest.mark.parametrize(
    "spelling, subject",
    [
        ("思品", "道德与法治"),
        ("品德与社会", "道德与法治"),
        ("品德与生活", "道德与法治"),
        ("道德与法制", "道德与法治"),
        ("思想品德", "道德与法治"),
        ("体育", "体育与健康"),
        ("信息科技", "信息技术"),
        ("综合实践", "综合实践活动"),
        ("心理", "心理健康"),
        ("Maths", "数学"),
        ("ＭＡＴＨ", "数学"),
        (" 数学 ", "数学"),
        ("数学(人教版)", "数学"),
        ("数学（人教版）", "数学"),
        ("数学 （ 人教版 ）", "数学"),
    ],
)
def test_subject_spellings(spelling, subject):
    result = normalise_classification([spelling], [], [])
    assert result.subjects == (subject,)
    assert result.unmapped == ()


@pytest.mark.parametrize(
    "value, subject, stage",
    [
        ("小学数学", "数学", "小学"),
        ("初中物理", "物理", "初中"),
        ("高中政治", "思想政治", "高中"),
        ("初中政治", "道德与法治", "初中"),
        ("高中思想品德", "思想政治", "高中"),
        ("中职语文", "语文", "中职"),
    ],
)
def test_combined_subject_and_stage(value, subject, stage):
    result = normalise_classification([value], [], [])
    assert (result.subjects, result.stages, result.unmapped) == ((subject,), (stage,), ())


def test_politics_takes_its_subject_from_the_resources_stages():
    assert normalise_classification(["政治"], ["高中"], []).subjects == ("思想政治",)
    assert normalise_classification(["政治"], [], ["初二"]).subjects == ("道德与法治",)
    assert normalise_classification(["政治"], ["初中", "高中"], []).subjects == ("道德与法治", "思想政治")


def test_politics_without_any_stage_is_reported_not_guessed():
    result = normalise_classification(["政治"], [], [])
    assert result.subjects == ()
    assert result.unmapped == ("subjects: 政治",)


@pytest.mark.parametrize(
    "spelling, stage",
    [
        ("幼儿园", "学前"),
        ("学前教育", "学前"),
        ("中等职业", "中职"),
        ("初级中学", "初中"),
        ("高级中学", "高中"),
        ("小学", "小学"),
    ],
)
def test_stage_spellings(spelling, stage):
    assert normalise_classification([], [spelling], []) == Classification(stages=(stage,))


@pytest.mark.parametrize(
    "spelling, grade, stage",
    [
        ("初一", "七年级", "初中"),
        ("初二", "八年级", "初中"),
        ("初三", "九年级", "初中"),
        ("1年级", "一年级", "小学"),
        ("一年级", "一年级", "小学"),
        ("小学一年级", "一年级", "小学"),
        ("１年级", "一年级", "小学"),
        ("初中一年级", "七年级", "初中"),
        ("高1", "高一", "高中"),
        ("高１", "高一", "高中"),
        ("高一", "高一", "高中"),
        ("高中二年级", "高二", "高中"),
    ],
)
def test_grade_spellings_imply_their_stage(spelling, grade, stage):
    assert normalise_classification([], [], [spelling]) == Classification(grades=(grade,), stages=(stage,))


def test_results_are_deduplicated_in_vocabulary_order():
    result = normalise_classification(["物理", "初中数学", "数学"], ["高中", "初中"], ["初二", "八年级", "七年级"])
    assert result.subjects == ("数学", "物理")
    assert result.stages == ("初中", "高中")
    assert result.grades == ("七年级", "八年级")


def test_values_in_the_wrong_list_still_map():
    result = normalise_classification(["初二"], ["数学"], [])
    assert (result.subjects, result.stages, result.grades) == (("数学",), ("初中",), ("八年级",))


def test_several_values_in_one_string_are_split():
    assert normalise_classification(["数学、物理，化学"], [], []).subjects == ("数学", "物理", "化学")


@pytest.mark.parametrize(
    "spelling, edition",
    [
        ("数学(人教版)", "人教版"),
        ("语文（部编版）", "统编版"),
        ("语文【统编版】", "统编版"),
        ("英语(外研版)", "外研版"),
        ("数学(人民教育出版社)", "人教版"),
        ("数学（西师版）", "西师大版"),
    ],
)
def test_bracketed_edition_is_read_as_an_edition(spelling, edition):
    assert normalise_classification([spelling], [], []).editions == (edition,)


def test_unmapped_values_name_their_field():
    result = normalise_classification(["奥数", "数学"], ["大学"], ["小学七年级"])
    assert result.subjects == ("数学",)
    assert result.unmapped == ("subjects: 奥数", "stages: 大学", "grades: 小学七年级")
    assert result.unmapped_values == ("奥数", "大学", "小学七年级")


def test_an_unknown_bracketed_qualifier_is_reported_but_the_subject_maps():
    result = normalise_classification(["数学(必修一)"], [], [])
    assert result.subjects == ("数学",)
    assert result.unmapped == ("subjects: 必修一",)


@pytest.mark.parametrize(
    "field, value, canonical",
    [
        ("lesson.format", "课件PPT", "课件"),
        ("lesson.format", "微课", "微课视频"),
        ("lesson.format", "教案", "教学设计"),
        ("lesson.format", " 课件 ", "课件"),
        ("study_tour.theme", "红色教育", "红色文化"),
        ("study_tour.theme", "非遗", "非遗传承"),
        ("practice_base.categories", "科普基地", "科普教育基地"),
        ("practice_base.categories", "研学实践教育基地", "研学实践教育基地"),
    ],
)
def test_choice_spellings(field, value, canonical):
    assert normalise_choice(field, value) == canonical


def test_unknown_choice_is_none_and_explicit_tables_are_used():
    assert normalise_choice("lesson.format", "动画") is None
    assert normalise_choice("x", "b", vocabulary=("A",), synonyms={"b": "A"}) == "A"


def lesson(**overrides):
    resource = {
        "schema": "edu-resource/1",
        "id": "x",
        "type": "lesson",
        "title": "t",
        "keywords": ["分数"],
        "subjects": ["小学数学(人教版)", "奥数"],
        "grades": ["三年级"],
        "lesson": {"format": "课件PPT"},
    }
    resource.update(overrides)
    return resource


def test_normalise_resource_maps_fields_and_fills_the_edition():
    resource = lesson()
    out, unmapped = normalise_resource(resource)
    assert out["subjects"] == ["数学"]
    assert out["stages"] == ["小学"]
    assert out["grades"] == ["三年级"]
    assert out["lesson"] == {"format": "课件", "edition": "人教版"}
    assert out["keywords"] == ["分数", "奥数"]
    assert unmapped == ["subjects: 奥数"]


def test_normalise_resource_does_not_mutate_its_input():
    resource = lesson()
    before = copy.deepcopy(resource)
    normalise_resource(resource)
    assert resource == before


def test_an_existing_edition_wins_and_is_made_canonical():
    out, _ = normalise_resource(lesson(lesson={"edition": "部编版"}, subjects=["语文(人教版)"]))
    assert out["lesson"]["edition"] == "统编版"
    assert "人教版" in out["keywords"]


def test_unmapped_choices_move_to_keywords():
    resource = {
        "type": "study_tour",
        "study_tour": {"theme": "美食之旅"},
        "practice_base": {"categories": ["科普基地", "网红打卡地"]},
    }
    out, unmapped = normalise_resource(resource)
    assert "theme" not in out["study_tour"]
    assert out["practice_base"]["categories"] == ["科普教育基地"]
    assert out["keywords"] == ["美食之旅", "网红打卡地"]
    assert unmapped == ["study_tour.theme: 美食之旅", "practice_base.categories: 网红打卡地"]
