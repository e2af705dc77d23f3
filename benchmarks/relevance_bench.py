"""``relevance``: the catalog's ranking against a plain ``multi_match``, on judged queries.

For every query in ``benchmarks/relevance_judgments.py`` (graded 3/2/1 over the sample corpus
at count=2400, seed=7) the top 10 of the catalog's ``search()`` and of a baseline
``multi_match`` on ``title`` and ``summary`` (standard analyser, published resources only) are
scored with nDCG@10 (gain 2^grade − 1, log2 discount) and MRR (reciprocal rank of the first
hit graded 2 or more, 0 when none is in the top 10). The table gives the means; the JSON keeps
every query's figures and top-10 ids.
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Mapping, Sequence

from elasticsearch import Elasticsearch

from benchmarks.corpus import ensure_corpus
from benchmarks.index_bench import run_indexer
from benchmarks.relevance_judgments import CORPUS, JUDGMENTS
from benchmarks.report import BenchResult, Row
from catalog.search.query_builder import SearchRequest
from catalog.search.service import search
from catalog.settings import Settings

NAME = "relevance"
HELP = "nDCG@10 and MRR of the catalog's search against a plain multi_match, on judged queries"
K = 10
RELEVANT_GRADE = 2
BASELINE_FIELDS = ["title", "summary"]


def add_arguments(parser) -> None:
    parser.add_argument("--show", action="store_true", help="print each query's figures to stderr")


# --- metrics (pure) -------------------------------------------------------------------------


def dcg(grades: Sequence[int], k: int = K) -> float:
    """Discounted cumulative gain of the first ``k`` grades: Σ (2^g − 1) / log2(rank + 1)."""
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades[:k], start=1))


def ndcg_at_k(ranked_ids: Sequence[str], judgments: Mapping[str, int], k: int = K) -> float:
    """DCG of the ranking over the DCG of the ideal ranking of every judged document; 0 when
    nothing is judged relevant. Unjudged documents count as grade 0."""
    ideal = dcg(sorted(judgments.values(), reverse=True), k)
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(doc_id, 0) for doc_id in ranked_ids], k) / ideal


def reciprocal_rank(
    ranked_ids: Sequence[str], judgments: Mapping[str, int], k: int = K, min_grade: int = RELEVANT_GRADE
) -> float:
    """1 / rank of the first of the top ``k`` graded ``min_grade`` or more; 0 when there is none."""
    for rank, doc_id in enumerate(ranked_ids[:k], start=1):
        if judgments.get(doc_id, 0) >= min_grade:
            return 1.0 / rank
    return 0.0


# --- the two rankings -----------------------------------------------------------------------


def catalog_top(es: Elasticsearch, alias: str, query: str) -> list[str]:
    return [hit.doc_id for hit in search(es, alias, SearchRequest(q=query, size=K)).hits]


def baseline_top(es: Elasticsearch, alias: str, query: str) -> list[str]:
    """A plain multi_match on the standard-analysed title and summary, published only."""
    text = query.replace('"', " ").strip()
    response = es.search(
        index=alias,
        size=K,
        source=False,
        query={
            "bool": {
                "must": [{"multi_match": {"query": text, "fields": BASELINE_FIELDS}}],
                "filter": [{"term": {"review_state": "published"}}],
            }
        },
    )
    return [hit["_id"] for hit in response["hits"]["hits"]]


def ensure_index(settings: Settings, es: Elasticsearch) -> dict:
    """The judged corpus in the buckets and in the alias (a ``catalog-indexer sync`` when the
    corpus was just written or the alias is missing)."""
    corpus = ensure_corpus(settings, CORPUS["count"], CORPUS["seed"])
    if corpus["written"] or not es.indices.exists_alias(name=settings.index_alias):
        print("catalog-indexer sync", file=sys.stderr)
        corpus["sync_s"] = run_indexer("sync").seconds
    es.indices.refresh(index=settings.index_alias)
    corpus["indexed"] = es.count(index=settings.index_alias)["count"]
    return corpus


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    result = BenchResult(NAME, {**CORPUS, "queries": len(JUDGMENTS), "k": K})
    result.samples["corpus"] = ensure_index(settings, es)
    per_query = {}
    for query, judgments in JUDGMENTS.items():
        figures = {}
        for name, ranker in (("catalog", catalog_top), ("baseline", baseline_top)):
            ranked = ranker(es, settings.index_alias, query)
            figures[name] = {
                "ndcg10": ndcg_at_k(ranked, judgments),
                "mrr": reciprocal_rank(ranked, judgments),
                "top": ranked,
                "grades": [judgments.get(d, 0) for d in ranked],
            }
        per_query[query] = figures
        if getattr(args, "show", False):
            print(
                f"{query:<24} nDCG {figures['catalog']['ndcg10']:.2f} / {figures['baseline']['ndcg10']:.2f}"
                f"  RR {figures['catalog']['mrr']:.2f} / {figures['baseline']['mrr']:.2f}",
                file=sys.stderr,
            )
    result.samples["per_query"] = per_query

    def mean(system: str, metric: str) -> float:
        return statistics.fmean(q[system][metric] for q in per_query.values())

    def zero(system: str, metric: str) -> int:
        return sum(1 for q in per_query.values() if q[system][metric] == 0)

    result.rows = [
        Row("nDCG@10, mean", "0–1", mean("catalog", "ndcg10"), mean("baseline", "ndcg10")),
        Row("MRR (grade ≥ 2)", "0–1", mean("catalog", "mrr"), mean("baseline", "mrr")),
        Row("queries with no relevant hit in top 10", "queries", zero("catalog", "mrr"), zero("baseline", "mrr")),
    ]
    return result
