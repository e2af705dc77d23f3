"""``all``: index, search, relevance and load in one go, on one corpus, into one JSON.

Each benchmark runs with its own options at their defaults (parsed from its own
``add_arguments``, so an option added to a benchmark later is picked up), with ``--count`` and
``--seed`` given to those that take them. Index runs first: its rebuild leaves the corpus in
the alias, so search and load find it there and index nothing more.

Relevance is judged on one corpus only, count 2400 and seed 7 (the judgments name that
corpus's resource ids), and ``relevance`` always runs on it: run on any other corpus, it would
rewrite the buckets and re-index, and the next benchmark would no longer see the corpus asked
for. So ``all`` runs it when the corpus is the judged one and otherwise lists it as skipped,
with the reason; ``scripts/bench relevance`` measures it on its own.
"""

from __future__ import annotations

import sys

from elasticsearch import Elasticsearch

from benchmarks import index_bench, load_bench, relevance_bench, search_bench
from benchmarks.arguments import JUDGED_CORPUS, add_corpus_arguments, default_arguments
from benchmarks.report import BenchResult
from catalog.settings import Settings

NAME = "all"
HELP = "index, search, relevance and load on one corpus, one JSON"
MEMBERS = (index_bench, search_bench, relevance_bench, load_bench)


def add_arguments(parser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument(
        "--index-workers",
        type=index_bench.worker_counts,
        default=None,
        help="the index benchmark's rebuild worker counts (default: its own, 1,2,4); "
        "one count keeps a 100,000-resource run short, e.g. 2",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="the shortest runs (2 search rounds, 3 s of load): checks that every benchmark "
        "works, as the test suite does; its figures mean little",
    )


# What --smoke shortens, by benchmark: options of that benchmark's own parser.
SMOKE = {"index": {"sync_repeat": 1}, "search": {"rounds": 2}, "load": {"seconds": 3, "warmup": 2}}


def judged(count: int, seed: int) -> bool:
    """Whether relevance can be measured on this corpus."""
    return {"count": count, "seed": seed} == JUDGED_CORPUS


def skipped(module, reason: str) -> BenchResult:
    return BenchResult(module.NAME, {"skipped": True}, notes=[reason])


def run(args, settings: Settings, es: Elasticsearch) -> BenchResult:
    result = BenchResult(
        NAME,
        {
            "count": args.count,
            "seed": args.seed,
            "index_workers": args.index_workers,
            "smoke": args.smoke,
            "benchmarks": [m.NAME for m in MEMBERS],
        },
    )
    for module in MEMBERS:
        if module is relevance_bench and not judged(args.count, args.seed):
            result.parts.append(
                skipped(
                    module,
                    (
                        f"judged on count={JUDGED_CORPUS['count']} seed={JUDGED_CORPUS['seed']} only, not on "
                        f"count={args.count} seed={args.seed}; run scripts/bench relevance"
                    ),
                )
            )
            continue
        member_args = default_arguments(
            module, count=args.count, seed=args.seed, **(SMOKE.get(module.NAME, {}) if args.smoke else {})
        )
        if module is index_bench and args.index_workers:
            member_args.workers = args.index_workers
        print(f"== {module.NAME}", file=sys.stderr)
        result.parts.append(module.run(member_args, settings, es))
    return result
