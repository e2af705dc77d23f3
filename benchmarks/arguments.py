"""Argument types and options shared by the benchmarks' command lines."""

from __future__ import annotations

import argparse

from benchmarks.relevance_judgments import CORPUS as JUDGED_CORPUS


def positive_int(text: str) -> int:
    """A whole number of 1 or more (argparse turns the ValueError into a usage error)."""
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """``--count`` and ``--seed`` of the sample corpus a benchmark runs on (default: the judged one)."""
    count, seed = JUDGED_CORPUS["count"], JUDGED_CORPUS["seed"]
    parser.add_argument("--count", type=positive_int, default=count, help=f"sample corpus size (default {count})")
    parser.add_argument("--seed", type=int, default=seed, help=f"sample corpus seed (default {seed})")


def default_arguments(module, **overrides) -> argparse.Namespace:
    """A benchmark module's options at their defaults, with ``overrides`` for those it has.

    Parsed from the module's own ``add_arguments``, so an option added there later is present.
    """
    parser = argparse.ArgumentParser(prog=f"scripts/bench {module.NAME}")
    module.add_arguments(parser)
    args = parser.parse_args([])
    for name, value in overrides.items():
        if hasattr(args, name):
            setattr(args, name, value)
    return args
