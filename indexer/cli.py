"""``catalog-indexer``: keep the Elasticsearch index in step with the provinces' storage.

  catalog-indexer sync [--province CODE ...] [--workers N]   new, changed and withdrawn resources
  catalog-indexer rebuild [--workers N] [--from-storage]     a fresh index from every province, one alias swap
      --allow-mass-withdrawal   withdraw even more than CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT of a province
  catalog-indexer status [--json]              the last run of each province
  catalog-indexer rejects [--province CODE]    resources the last run rejected, with reasons

Exit status: 0 when every province succeeded, 1 when one failed, 2 for a configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys

from catalog.provinces import ProvinceConfigError
from catalog.settings import Settings, SettingsError
from catalog.stores.elasticsearch_client import make_client
from indexer.commands import run_rebuild, run_sync
from indexer.heap_limits import limit_heap_growth
from indexer.log_format import configure_logging
from indexer.parallel import DEFAULT_THREADS
from indexer.run_report import one_line
from indexer.run_report_store import ENGINE_FAILURES, latest_runs


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog-indexer", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sync = commands.add_parser("sync", help="index new and changed resources, delete withdrawn ones")
    sync.add_argument("--province", action="append", help="only this province (repeatable)")
    rebuild = commands.add_parser("rebuild", help="build a new index from all provinces and swap the alias")
    for command in (sync, rebuild):
        command.add_argument(
            "--workers",
            type=_positive,
            default=1,
            help="processes, each taking province shards under a lease (default 1; up to one per core)",
        )
        command.add_argument(
            "--threads",
            type=_positive,
            default=DEFAULT_THREADS,
            help=f"reader threads per process (default {DEFAULT_THREADS})",
        )
        command.add_argument(
            "--allow-mass-withdrawal",
            action="store_true",
            help="withdraw what left storage even when it is more than "
            "CATALOG_INDEXER_MAX_WITHDRAWAL_PERCENT of a province, or all of it",
        )
    rebuild.add_argument(
        "--from-storage",
        action="store_true",
        help="read every resource and file from storage instead of reusing what the serving index holds "
        "(after a change to text extraction, or when the serving index cannot be trusted)",
    )
    status = commands.add_parser("status", help="the last run of each province")
    status.add_argument("--json", action="store_true")
    rejects = commands.add_parser("rejects", help="resources rejected by the last run, with reasons")
    rejects.add_argument("--province", action="append")
    rejects.add_argument("--json", action="store_true")
    return parser


def _print_status(runs: dict, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {code: {k: v for k, v in run.items() if k != "details"} for code, run in runs.items()},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not runs:
        print("no runs yet")
    for code, run in sorted(runs.items()):
        counts = " ".join(f"{k}={v}" for k, v in run["counts"].items())
        held = run.get("details", {}).get("held_elsewhere") or []
        print(
            f"{code}: {run['kind']} {run['status']} at {run['finished_at']} {counts}"
            + (f" left_to_another_indexer={len(held)}_shards" if held else "")
            + (f" error={run['error']}" if run.get("error") else "")
        )


def _print_rejects(runs: dict, provinces, as_json: bool) -> None:
    rows = [
        {"province": code, **reject}
        for code, run in sorted(runs.items())
        if not provinces or code in provinces
        for reject in run["details"].get("rejected", [])
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        print(f"{row['province']} {row['key']}: {'; '.join(row['reasons'])}")
    print(f"{len(rows)} rejected")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    configure_logging()
    limit_heap_growth()
    try:
        settings = Settings.from_environ()
    except (SettingsError, ProvinceConfigError) as exc:
        print(f"catalog-indexer: {exc}", file=sys.stderr)
        return 2
    es = make_client(settings, request_timeout=max(settings.es_timeout, 60))
    if args.command in ("status", "rejects"):
        try:
            runs = latest_runs(es, settings.index_alias)
        except ENGINE_FAILURES as exc:
            print(f"catalog-indexer: Elasticsearch cannot give the run records: {one_line(exc)}", file=sys.stderr)
            return 1
        if args.command == "status":
            _print_status(runs, args.json)
        else:
            _print_rejects(runs, args.province, args.json)
        return 0
    options = dict(workers=args.workers, threads=args.threads, allow_mass_withdrawal=args.allow_mass_withdrawal)
    if args.command == "sync":
        run = run_sync(es, settings, provinces=args.province, **options)
    else:
        run = run_rebuild(es, settings, from_storage=args.from_storage, **options)
    for line in run.summary_lines():
        print(line)
    return 0 if run.ok else 1


if __name__ == "__main__":
    sys.exit(main())
