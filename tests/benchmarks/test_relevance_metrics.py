"""nDCG@10 and MRR of ``benchmarks.relevance_bench`` on hand-computed examples."""

import math

import pytest

from benchmarks.relevance_bench import dcg, ndcg_at_k, reciprocal_rank


def test_dcg_uses_exponential_gain_and_log2_discount():
    # (2^3-1)/log2(2) + (2^0-1)/log2(3) + (2^2-1)/log2(4) = 7 + 0 + 1.5
    assert dcg([3, 0, 2]) == pytest.approx(8.5)


def test_dcg_stops_at_k():
    assert dcg([1] * 12) == pytest.approx(sum(1 / math.log2(r + 1) for r in range(1, 11)))


def test_ideal_ranking_scores_one():
    judgments = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at_k(["a", "b", "c", "x"], judgments) == pytest.approx(1.0)


def test_swapped_ranking_hand_computed():
    judgments = {"a": 3, "b": 1}
    # DCG of [b, a] = 1/1 + 7/log2(3); ideal [a, b] = 7/1 + 1/log2(3)
    expected = (1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3))
    assert ndcg_at_k(["b", "a"], judgments) == pytest.approx(expected)
    assert ndcg_at_k(["b", "a"], judgments) == pytest.approx(0.7098, abs=1e-4)


def test_unjudged_documents_are_grade_zero_and_the_ideal_uses_every_judged_document():
    judgments = {"a": 2, "b": 2}
    # only "a" found, at rank 2: 3/log2(3); ideal 3 + 3/log2(3)
    expected = (3 / math.log2(3)) / (3 + 3 / math.log2(3))
    assert ndcg_at_k(["x", "a"], judgments) == pytest.approx(expected)


def test_relevant_document_below_rank_ten_does_not_count():
    ranked = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg_at_k(ranked, {"a": 3}) == 0.0
    assert reciprocal_rank(ranked, {"a": 3}) == 0.0


def test_no_judgments_scores_zero():
    assert ndcg_at_k(["a"], {}) == 0.0


def test_reciprocal_rank_first_hit_graded_two_or_more():
    judgments = {"a": 1, "b": 2, "c": 3}
    assert reciprocal_rank(["a", "x", "b", "c"], judgments) == pytest.approx(1 / 3)
    assert reciprocal_rank(["c"], judgments) == 1.0
    assert reciprocal_rank(["a", "x"], judgments) == 0.0
    assert reciprocal_rank(["a"], judgments, min_grade=1) == 1.0
