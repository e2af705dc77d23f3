"""The judged query set by kind, and the figures over it: nDCG@10 per kind, zero-result rate.

The set is the original 48 queries (``relevance_judgments``, kind ``original``) and the
issue-14 kinds (``relevance_judgments_kinds``). A duplicates-kind query is scored with each
group of versions (same title and type) counted once: a second version of a title already
shown gains nothing, and the ideal ranking holds one version of each title. Every query also
gets that figure beside its plain one, so a page that collapses versions can be read fairly
on the other kinds too.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from benchmarks.relevance_judgments import JUDGMENTS
from benchmarks.relevance_judgments_kinds import KIND_JUDGMENTS, ORIGINAL_VERSIONS
from benchmarks.relevance_queries import KINDS

K = 10
ORIGINAL = "original"
ORIGINAL_SET, NEW_SET, WHOLE_SET = "original 48", "new", "whole set"
SYSTEMS = ("catalog", "baseline")


class JudgedQuery(NamedTuple):
    text: str
    kind: str
    grades: dict[str, int]
    versions: tuple[tuple[str, ...], ...] = ()

    @property
    def distinct(self) -> bool:
        """Whether its nDCG counts each title's versions once (the duplicates kind's measure)."""
        return self.kind == "duplicates"


def judged_queries() -> list[JudgedQuery]:
    """The original 48, then the kinds' queries, in their files' order."""
    queries = [
        JudgedQuery(text, ORIGINAL, grades, tuple(tuple(g) for g in ORIGINAL_VERSIONS.get(text, ())))
        for text, grades in JUDGMENTS.items()
    ]
    queries += [
        JudgedQuery(text, entry["kind"], entry["grades"], tuple(tuple(g) for g in entry.get("versions", ())))
        for text, entry in KIND_JUDGMENTS.items()
    ]
    return queries


def distinct_ranking(
    ranked_ids: Sequence[str], grades: Mapping[str, int], versions: Iterable[Sequence[str]]
) -> tuple[list[int], list[int]]:
    """The grades of a ranking with each group of versions counted at its first appearance (a
    repeat is grade 0), and the ideal grades: the best of each group, then the ungrouped."""
    group_of = {doc_id: number for number, group in enumerate(versions) for doc_id in group}
    seen: set = set()
    ranked = []
    for doc_id in ranked_ids:
        key = group_of.get(doc_id, doc_id)
        ranked.append(0 if key in seen else grades.get(doc_id, 0))
        seen.add(key)
    best: dict = {}
    for doc_id, value in grades.items():
        key = group_of.get(doc_id, doc_id)
        best[key] = max(best.get(key, 0), value)
    return ranked, sorted(best.values(), reverse=True)


def is_zero_result(page_ids: Sequence[str], grades: Mapping[str, int]) -> bool:
    """A query the corpus has a relevant resource for whose page shows nothing at all."""
    return not page_ids and any(value > 0 for value in grades.values())


def set_of(kind: str) -> str:
    return ORIGINAL_SET if kind == ORIGINAL else NEW_SET


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def kind_table(per_query: Mapping[str, dict], metric: str = "ndcg10") -> dict[str, dict]:
    """{group: {"queries": n, "catalog": mean, "baseline": mean}} for each kind (in ``KINDS``'
    order, those with queries), then the original 48, the new queries and the whole set."""
    groups: dict[str, list[dict]] = {name: [] for name in (*KINDS, ORIGINAL_SET, NEW_SET, WHOLE_SET)}
    for figures in per_query.values():
        if figures["kind"] != ORIGINAL:
            groups[figures["kind"]].append(figures)
        groups[set_of(figures["kind"])].append(figures)
        groups[WHOLE_SET].append(figures)
    return {
        name: {"queries": len(rows), **{s: _mean([row[s][metric] for row in rows]) for s in SYSTEMS}}
        for name, rows in groups.items()
        if rows
    }


def zero_result_rate(per_query: Mapping[str, dict], system: str, group: str = WHOLE_SET) -> float | None:
    """Share of the group's queries (each has a relevant resource) whose page came back empty."""
    rows = [f for f in per_query.values() if group == WHOLE_SET or set_of(f["kind"]) == group]
    return _mean([1.0 if row[system]["zero_result"] else 0.0 for row in rows])
