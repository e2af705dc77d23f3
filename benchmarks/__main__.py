"""``python -m benchmarks BENCHMARK [options]`` (through ``scripts/bench``, which starts the bench stack).

Each benchmark is a module with ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args, settings, es) -> BenchResult``; listing it in ``BENCHMARKS`` adds its sub-command.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys

from benchmarks import catch_up_bench, index_bench, load_bench, relevance_bench, search_bench, suite
from benchmarks.report import BenchResult, format_table, write_json
from catalog.provinces import ProvinceConfigError
from catalog.settings import Settings, SettingsError
from catalog.stores.elasticsearch_client import make_client

BENCHMARKS = (index_bench, search_bench, relevance_bench, load_bench, suite, catch_up_bench)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="benchmark", required=True)
    for module in BENCHMARKS:
        sub = commands.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(module=module)
    return parser


def check_bench_stack(settings: Settings) -> None:
    """Benchmarks rebuild the index and rewrite the buckets: refuse anything but the bench stack."""
    if not settings.index_alias.startswith("bench") or not all("bench" in p.bucket for p in settings.provinces):
        raise SettingsError(
            f"alias {settings.index_alias!r} and buckets "
            f"{[p.bucket for p in settings.provinces]} are not the bench stack's; run scripts/bench"
        )


def _environment(es) -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    # The test build of the server has no GET / (info), so the version comes from the nodes API.
    nodes = es.nodes.info(filter_path="nodes.*.version")["nodes"]
    return {
        "elasticsearch": sorted({node["version"] for node in nodes.values()}),
        "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)),
        "machine": platform.machine(),
        "commit": commit,
    }


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_environ()
        check_bench_stack(settings)
    except (SettingsError, ProvinceConfigError) as exc:
        print(f"benchmarks: {exc}", file=sys.stderr)
        return 2
    es = make_client(settings, request_timeout=120)
    environment = _environment(es)
    result: BenchResult = args.module.run(args, settings, es)
    result.environment = environment
    print(format_table(result))
    print(f"written to {write_json(result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
