"""``scripts/bench all``: each benchmark's own defaults, the corpus override, relevance's corpus,
and a result made of parts (no services)."""

from __future__ import annotations

import json

from benchmarks import index_bench, load_bench, relevance_bench, search_bench, suite
from benchmarks.arguments import default_arguments
from benchmarks.report import BenchResult, Row, format_table, write_json


def test_defaults_come_from_the_module_and_the_corpus_is_overridden():
    args = default_arguments(load_bench, count=10000, seed=3)
    assert (args.count, args.seed, args.seconds, args.connections) == (10000, 3, 20, 8)
    assert default_arguments(index_bench, count=500).repeat == 1


def test_an_option_a_benchmark_adds_later_is_picked_up():
    class Later:
        NAME = "later"

        @staticmethod
        def add_arguments(parser):
            parser.add_argument("--count", type=int, default=1)
            parser.add_argument("--workers", type=int, default=4)

    args = default_arguments(Later, count=9, seed=5)
    assert (args.count, args.workers) == (9, 4)
    assert not hasattr(args, "seed")  # only options the benchmark has are set


def test_relevance_takes_no_corpus_options_and_runs_on_the_judged_corpus_only():
    assert not hasattr(default_arguments(relevance_bench, count=10000), "count")
    assert suite.judged(2400, 7)
    assert not suite.judged(10000, 7) and not suite.judged(2400, 8)


def test_every_benchmark_is_in_all():
    assert {m.NAME for m in suite.MEMBERS} == {"index", "search", "relevance", "load"}
    assert search_bench in suite.MEMBERS


def test_parts_print_one_table_each_and_land_in_one_json(tmp_path):
    result = BenchResult(
        "all",
        {"count": 10000, "seed": 7},
        parts=[
            BenchResult("index", {"count": 10000}, rows=[Row("rebuild", "docs/s", 70.0, 1400.0)]),
            suite.skipped(relevance_bench, "judged on count=2400 seed=7 only"),
        ],
    )
    tables = format_table(result).split("\n\n")
    assert tables[0].splitlines()[0] == "index — count=10000"
    assert tables[1].splitlines() == ["relevance — skipped=True", "note: judged on count=2400 seed=7 only"]
    data = json.loads(write_json(result, tmp_path).read_text(encoding="utf-8"))
    assert [part["benchmark"] for part in data["parts"]] == ["index", "relevance"]
    assert data["parts"][1]["notes"] == ["judged on count=2400 seed=7 only"]


def test_every_smoke_shortening_is_an_option_of_its_benchmark():
    modules = {module.NAME: module for module in suite.MEMBERS}
    for name, options in suite.SMOKE.items():
        args = default_arguments(modules[name], **options)
        assert all(getattr(args, option) == value for option, value in options.items()), name
