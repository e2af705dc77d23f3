"""What counts as an answered suggestion probe, and the probe set's coverage."""

import pytest

from benchmarks.suggest_probes import PROBES, Probe, answered, score


def test_a_probe_is_answered_by_a_suggestion_containing_an_expected_word():
    probe = Probe("dxm", "initials", ("大熊猫",))
    assert answered(probe, ["成都大熊猫繁育研究基地", "大学"])
    assert not answered(probe, ["熊猫", "大熊"])
    assert not answered(probe, [])


def test_expected_words_match_whatever_their_case():
    assert answered(Probe("scr", "hanzi", ("Scratch",)), ["初识scratch图形化编程"])


def test_score_gives_the_share_answered_overall_and_by_form():
    results = {
        "熊猫": {"form": "infix", "answered": True},
        "渝中": {"form": "place", "answered": False},
        "成都": {"form": "place", "answered": True},
    }
    summary = score(results)
    assert (summary["probes"], summary["answered"]) == (3, 2)
    assert summary["share"] == pytest.approx(2 / 3)
    assert summary["by_form"] == {"infix": 1.0, "place": 0.5}


def test_thirty_probes_or_more_covering_hanzi_pinyin_initials_and_infix():
    assert len(PROBES) >= 30
    assert len({p.prefix for p in PROBES}) == len(PROBES)
    forms = {p.form for p in PROBES}
    assert {"hanzi", "infix", "pinyin", "pinyin_partial", "initials", "place", "category"} <= forms
    assert all(p.expect for p in PROBES)
