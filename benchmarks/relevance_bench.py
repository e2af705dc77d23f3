"""``relevance``: the catalog's ranking against a plain ``multi_match``, on judged queries.

Two judged sets over the sample corpus at count=2400, seed=7, graded 3/2/1: the original 48
queries (``benchmarks/relevance_judgments.py``) and the issue-14 kinds (traditional script,
one wrong character, place words, partial pinyin, English, type words and everyday spellings,
unit names, thematic words, duplicates; ``benchmarks/relevance_judgments_kinds.py``, frozen
from the rules in ``benchmarks/relevance_queries.py``). For every query the catalog's page
(``search()``'s hits, then its 相关结果, 10 in all) and a baseline ``multi_match`` on ``title``
and ``summary`` (standard analyser, published resources only) are scored with nDCG@10 (gain
2^grade − 1, log2 discount; a duplicates-kind query counts each title's versions once) and MRR
(reciprocal rank of the first hit graded 2 or more, 0 when none is in the top 10). The table
gives the means for the original 48, the new queries and the whole set (nDCG@10 also with
each title's versions counted once, for every query), nDCG@10 per kind, the zero-result rate
(queries with a relevant resource whose page is empty) and the share of suggestion probes
answered (``benchmarks/suggest_probes.py``) with suggest's latency. The JSON keeps every
query's and probe's figures, top-10 ids and suggestions. The bench index is rebuilt by this
checkout's indexer first, so the figures are this checkout's analysis and documents.
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Mapping, Sequence

from elasticsearch import Elasticsearch

from benchmarks.index_bench import run_indexer
from benchmarks.indexed_corpus import ensure_indexed
from benchmarks.relevance_judgments import CORPUS
from benchmarks.relevance_kinds import (
    NEW_SET,
    ORIGINAL_SET,
    WHOLE_SET,
    JudgedQuery,
    distinct_ranking,
    is_zero_result,
    judged_queries,
    kind_table,
    set_of,
    zero_result_rate,
)
from benchmarks.report import BenchResult, Row
from benchmarks.suggest_probes import PROBES, run_probes
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
    parser.add_argument(
        "--from-storage",
        action="store_true",
        help="rebuild from storage, not reusing the documents the index holds (after a change to "
        "how documents are built that kept their format version)",
    )


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


def query_ndcg(ranked_ids: Sequence[str], query: JudgedQuery, k: int = K, distinct: bool | None = None) -> float:
    """nDCG@k of a ranking for a judged query; ``distinct`` (default: the query's own measure)
    counts each group of versions once."""
    if not (query.distinct if distinct is None else distinct) or not query.versions:
        return ndcg_at_k(ranked_ids, query.grades, k)
    ranked, ideal = distinct_ranking(ranked_ids[:k], query.grades, query.versions)
    best = dcg(ideal, k)
    return dcg(ranked, k) / best if best else 0.0


# --- the two rankings -----------------------------------------------------------------------


def catalog_top(es: Elasticsearch, alias: str, query: str) -> tuple[list[str], int]:
    """The page a teacher sees: the hits, then the 相关结果 (10 in all); and how many were hits."""
    result = search(es, alias, SearchRequest(q=query, size=K))
    hits = [hit.doc_id for hit in result.hits]
    related = [hit.doc_id for hit in result.related_hits if hit.doc_id not in hits]
    return (hits + related)[:K], len(hits)


def baseline_top(es: Elasticsearch, alias: str, query: str) -> tuple[list[str], int]:
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
    ranked = [hit["_id"] for hit in response["hits"]["hits"]]
    return ranked, len(ranked)


def ensure_index(settings: Settings, es: Elasticsearch, from_storage: bool = False) -> dict:
    """The judged corpus in the buckets and in the alias, indexed by this checkout: synced when just
    written or when the alias is missing, otherwise rebuilt (an index an earlier checkout built
    would measure that checkout's analysis and documents)."""
    corpus = ensure_indexed(settings, es, CORPUS["count"], CORPUS["seed"])
    if "sync_s" not in corpus:
        command = ["rebuild", *(["--from-storage"] if from_storage else [])]
        print(f"catalog-indexer {' '.join(command)}", file=sys.stderr)
        corpus["rebuild_s"] = run_indexer(*command).seconds
        es.indices.refresh(index=settings.index_alias)
        corpus["indexed"] = es.count(index=settings.index_alias)["count"]
    return corpus


def measure_query(es: Elasticsearch, alias: str, query: JudgedQuery) -> dict:
    figures: dict = {"kind": query.kind}
    for name, ranker in (("catalog", catalog_top), ("baseline", baseline_top)):
        ranked, hits = ranker(es, alias, query.text)
        figures[name] = {
            "ndcg10": query_ndcg(ranked, query),
            "ndcg10_distinct": query_ndcg(ranked, query, distinct=True),
            "mrr": reciprocal_rank(ranked, query.grades),
            "zero_result": is_zero_result(ranked, query.grades),
            "hits": hits,
            "top": ranked,
            "grades": [query.grades.get(d, 0) for d in ranked],
        }
    return figures


def summary_rows(per_query: dict[str, dict], probes: dict) -> list[Row]:
    """The table: the three sets' means, the zero-result rate, nDCG@10 per kind, the probes."""
    sets = {
        name: [f for f in per_query.values() if name == WHOLE_SET or set_of(f["kind"]) == name]
        for name in (ORIGINAL_SET, NEW_SET, WHOLE_SET)
    }

    def mean(rows: list[dict], system: str, metric: str) -> float:
        return statistics.fmean(q[system][metric] for q in rows) if rows else 0.0

    def misses(rows: list[dict], system: str) -> int:
        return sum(1 for q in rows if q[system]["mrr"] == 0)

    rows = []
    for label, metric in (("nDCG@10", "ndcg10"), ("nDCG@10 each title once", "ndcg10_distinct")):
        for name, members in sets.items():
            rows.append(
                Row(
                    f"{label}, {name} ({len(members)})",
                    "0–1",
                    mean(members, "catalog", metric),
                    mean(members, "baseline", metric),
                )
            )
    for name, members in sets.items():
        rows.append(
            Row(f"MRR (grade ≥ 2), {name}", "0–1", mean(members, "catalog", "mrr"), mean(members, "baseline", "mrr"))
        )
    for name, members in sets.items():
        rows.append(
            Row(
                f"no relevant hit in top 10, {name}", "queries", misses(members, "catalog"), misses(members, "baseline")
            )
        )
    for name in sets:
        rows.append(
            Row(
                f"zero-result rate, {name}",
                "share",
                zero_result_rate(per_query, "catalog", name) or 0.0,
                zero_result_rate(per_query, "baseline", name),
            )
        )
    related_only = sum(1 for q in sets[WHOLE_SET] if q["catalog"]["hits"] == 0 and q["catalog"]["top"])
    rows.append(Row("pages of 相关结果 only (no hit), whole set", "queries", related_only))
    for name, figures in kind_table(per_query).items():
        if name not in sets:
            rows.append(
                Row(f"nDCG@10, kind {name} ({figures['queries']})", "0–1", figures["catalog"], figures["baseline"])
            )
    rows.append(Row(f"suggestion probes answered ({probes['probes']})", "share", probes["share"]))
    rows.append(Row("suggest p50, probes", "ms", probes["p50_ms"]))
    rows.append(Row("suggest p95, probes", "ms", probes["p95_ms"]))
    return rows


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    queries = judged_queries()
    result = BenchResult(
        NAME,
        {
            **CORPUS,
            "queries": len(queries),
            ORIGINAL_SET: sum(1 for q in queries if set_of(q.kind) == ORIGINAL_SET),
            "probes": len(PROBES),
            "k": K,
        },
    )
    result.samples["corpus"] = ensure_index(settings, es, getattr(args, "from_storage", False))
    per_query = {}
    for query in queries:
        figures = per_query[query.text] = measure_query(es, settings.index_alias, query)
        if getattr(args, "show", False):
            print(
                f"{query.kind:<16} {query.text:<24} nDCG {figures['catalog']['ndcg10']:.2f} / "
                f"{figures['baseline']['ndcg10']:.2f}  RR {figures['catalog']['mrr']:.2f} / "
                f"{figures['baseline']['mrr']:.2f}  hits {figures['catalog']['hits']} / {figures['baseline']['hits']}",
                file=sys.stderr,
            )
    probes = run_probes(es, settings.index_alias)
    result.samples["per_query"] = per_query
    result.samples["per_kind"] = kind_table(per_query)
    result.samples["per_kind_each_title_once"] = kind_table(per_query, "ndcg10_distinct")
    result.samples["zero_result"] = {
        name: {system: zero_result_rate(per_query, system, name) for system in ("catalog", "baseline")}
        for name in (ORIGINAL_SET, NEW_SET, WHOLE_SET)
    }
    result.samples["suggest_probes"] = probes
    result.rows = summary_rows(per_query, probes)
    return result
