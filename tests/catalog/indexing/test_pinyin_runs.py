"""Pinyin at syllable level: a run of syllables inside a title word is a term that reaches it."""

from __future__ import annotations

from catalog.indexing.pinyin_runs import MAX_RUN_SYLLABLES, runs, syllable_runs, syllables
from catalog.indexing.segmentation import pinyin_terms


def test_every_run_of_a_word_spelled_out_and_as_initials_is_a_term():
    terms = set(pinyin_terms("勾股定理的应用"))
    assert {"dingli", "gougu", "guding", "gudingli", "gougudingli"} <= terms
    assert {"dl", "gg", "gdl", "ggdl"} <= terms
    assert "xiongmao" in pinyin_terms("成都大熊猫繁育研究基地")


def test_runs_start_and_end_on_syllables_and_a_lone_syllable_is_no_run():
    terms = set(syllable_runs("勾股定理"))
    assert not {"ongg", "ingli", "li", "ding", "d"} & terms
    # A run across two words is not one: the words' pairs (gouguding li…) stay whole-word terms.
    assert "lide" not in pinyin_terms("勾股定理的应用")


def test_runs_are_bounded_per_word():
    word = "中华人民共和国成立纪念日"  # twelve syllables
    spelled = syllable_runs(word)
    assert len(spelled) == 2 * (5 * len(word) - 15)
    assert {"zhonghua", "jinianri", "zhrmgh", "ghgclj"} <= set(spelled)
    assert max(len(run) for run in runs(syllables(word)[1])) == MAX_RUN_SYLLABLES
    assert "zhonghuarenmingongheguo" not in spelled  # seven syllables: longer than a run
    assert len(runs(list("abcdefghijk"))) == 5 * 11 - 15
    assert runs(["shu"]) == []


def test_pinyin_reaches_a_records_keywords_and_activities_not_only_its_title():
    from catalog.indexing.document_builder import _pinyin

    terms = _pinyin("乘法公式", ["平方差"], {"practice_base": {"activities": ["川剧变脸"]}})
    assert {"chengfagongshi", "pingfangcha", "bianlian"} <= set(terms)
