"""The per-kind table, the zero-result rate and the duplicates-aware nDCG on hand-made figures."""

import math

import pytest

from benchmarks.relevance_bench import query_ndcg, summary_rows
from benchmarks.relevance_kinds import (
    NEW_SET,
    ORIGINAL_SET,
    WHOLE_SET,
    JudgedQuery,
    distinct_ranking,
    is_zero_result,
    judged_queries,
    kind_table,
    zero_result_rate,
)
from benchmarks.relevance_queries import KINDS

DUPLICATED = JudgedQuery("种植小葱", "duplicates", {"a1": 3, "a2": 3, "b": 3, "c": 2}, (("a1", "a2"),))


def figures(kind, catalog_ndcg, baseline_ndcg, catalog_empty=False, baseline_empty=False):
    def system(ndcg, empty):
        return {
            "ndcg10": ndcg,
            "ndcg10_distinct": ndcg,
            "mrr": ndcg,
            "zero_result": empty,
            "hits": 0 if empty else 10,
            "top": [] if empty else ["x"],
        }

    return {
        "kind": kind,
        "catalog": system(catalog_ndcg, catalog_empty),
        "baseline": system(baseline_ndcg, baseline_empty),
    }


def test_a_second_version_of_a_title_gains_nothing():
    ranked, ideal = distinct_ranking(["a2", "a1", "b"], DUPLICATED.grades, DUPLICATED.versions)
    assert ranked == [3, 0, 3]
    assert ideal == [3, 3, 2]


def test_one_version_per_title_scores_better_than_a_page_of_versions():
    collapsed = query_ndcg(["a1", "b", "c"], DUPLICATED)
    repeated = query_ndcg(["a1", "a2", "b", "c"], DUPLICATED)
    assert collapsed == pytest.approx(1.0)
    # [3, 0, 3, 2] against the ideal [3, 3, 2]
    ideal = 7 + 7 / math.log2(3) + 3 / 2
    assert repeated == pytest.approx((7 + 7 / 2 + 3 / math.log2(5)) / ideal)


def test_a_query_without_versions_keeps_the_plain_ndcg():
    plain = JudgedQuery("欧姆定律", "typo", {"a": 3, "b": 1})
    assert query_ndcg(["b", "a"], plain) == pytest.approx((1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3)))


def test_other_kinds_keep_the_plain_ndcg_and_count_titles_once_only_when_asked():
    typo = JudgedQuery("欧母定律", "typo", {"a1": 3, "a2": 3, "b": 3}, (("a1", "a2"),))
    assert query_ndcg(["a1", "a2", "b"], typo) == pytest.approx(1.0)
    assert query_ndcg(["a1", "a2", "b"], typo, distinct=True) < 1.0
    assert query_ndcg(["a1", "b"], typo, distinct=True) == pytest.approx(1.0)


def test_zero_result_is_an_empty_page_for_a_query_with_a_relevant_resource():
    assert is_zero_result([], {"a": 1})
    assert not is_zero_result(["x"], {"a": 1})  # a wrong page is a bad page, not an empty one
    assert not is_zero_result([], {})


def test_kind_table_means_per_kind_then_the_three_sets():
    per_query = {
        "q1": figures("original", 1.0, 0.5),
        "q2": figures("original", 0.8, 0.7),
        "歐姆定律": figures("traditional", 0.0, 0.6),
        "熊貓": figures("traditional", 0.5, 0.2),
        "gougu": figures("pinyin_partial", 0.3, 0.0),
    }
    table = kind_table(per_query)
    assert list(table) == ["traditional", "pinyin_partial", ORIGINAL_SET, NEW_SET, WHOLE_SET]
    assert table["traditional"] == {"queries": 2, "catalog": pytest.approx(0.25), "baseline": pytest.approx(0.4)}
    assert table[ORIGINAL_SET]["catalog"] == pytest.approx(0.9)
    assert table[NEW_SET] == {"queries": 3, "catalog": pytest.approx(0.8 / 3), "baseline": pytest.approx(0.8 / 3)}
    assert table[WHOLE_SET]["queries"] == 5
    assert table[WHOLE_SET]["baseline"] == pytest.approx(2.0 / 5)


def test_zero_result_rate_is_the_share_of_empty_pages_per_set():
    per_query = {
        "q1": figures("original", 1.0, 0.5),
        "歐姆定律": figures("traditional", 0.0, 0.6, catalog_empty=True),
        "gougu": figures("pinyin_partial", 0.0, 0.0, catalog_empty=True, baseline_empty=True),
        "fractions": figures("english", 0.4, 0.0, baseline_empty=True),
    }
    assert zero_result_rate(per_query, "catalog") == pytest.approx(0.5)
    assert zero_result_rate(per_query, "catalog", NEW_SET) == pytest.approx(2 / 3)
    assert zero_result_rate(per_query, "catalog", ORIGINAL_SET) == 0.0
    assert zero_result_rate(per_query, "baseline") == pytest.approx(0.5)


def test_the_table_has_every_figure_for_the_whole_judged_set():
    per_query = {q.text: figures(q.kind, 0.5, 0.25) for q in judged_queries()}
    probes = {"probes": 38, "answered": 19, "share": 0.5, "p50_ms": 3.0, "p95_ms": 9.0}
    metrics = {row.metric: row for row in summary_rows(per_query, probes)}
    for name in (f"{ORIGINAL_SET} (48)", f"{NEW_SET} ({len(per_query) - 48})", f"{WHOLE_SET} ({len(per_query)})"):
        assert metrics[f"nDCG@10, {name}"].catalog == pytest.approx(0.5)
        assert metrics[f"nDCG@10, {name}"].raw == pytest.approx(0.25)
        assert metrics[f"nDCG@10 each title once, {name}"].catalog == pytest.approx(0.5)
    for kind in KINDS:
        count = sum(1 for q in judged_queries() if q.kind == kind)
        assert metrics[f"nDCG@10, kind {kind} ({count})"].catalog == pytest.approx(0.5)
    for name in (ORIGINAL_SET, NEW_SET, WHOLE_SET):
        assert metrics[f"zero-result rate, {name}"].catalog == 0.0
        assert f"MRR (grade ≥ 2), {name}" in metrics
    assert metrics["pages of 相关结果 only (no hit), whole set"].catalog == 0
    assert metrics["suggestion probes answered (38)"].catalog == 0.5
    assert metrics["suggest p95, probes"].catalog == 9.0
