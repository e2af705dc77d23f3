"""``catalog-client upload FOLDER --url URL``: push a folder of resources into the catalog with the API token
in ``CATALOG_API_TOKEN``; a line per resource, a summary, and exit 1 when anything was refused."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from catalog.client.api import CatalogApi, Unreachable
from catalog.client.sources import LocalManifest, find_sources
from catalog.client.state import STATE_NAME, RunState
from catalog.client.upload import Outcome, TokenRefused, Uploader

MIB = 1024 * 1024
TOKEN_VARIABLE = "CATALOG_API_TOKEN"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog-client", description="Push resources into the catalog.")
    commands = parser.add_subparsers(dest="command", required=True)
    upload = commands.add_parser(
        "upload",
        help="upload a folder of edu-resource/1 resource folders, one resource folder, or a manifest with files",
        description=f"The API token comes from {TOKEN_VARIABLE}. A rerun skips what was uploaded and continues "
        "started large files (their state is kept in the folder's .catalog-client-state.json).",
    )
    upload.add_argument("folder", type=Path)
    upload.add_argument("--url", required=True, help="the catalog's address, e.g. https://catalog.example.cn")
    upload.add_argument("--state", type=Path, help=f"where to keep the run's state (default FOLDER/{STATE_NAME})")
    upload.add_argument(
        "--large-from-mb",
        type=float,
        default=20,
        help="files this large or larger go straight to storage in parts (default 20, the catalog's default)",
    )
    return parser


def _print_summary(outcomes: list[Outcome]) -> None:
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("uploaded", "skipped", "refused")}
    print(
        f"\n{counts['uploaded']} uploaded, {counts['skipped']} skipped (uploaded before), {counts['refused']} refused"
    )
    for outcome in outcomes:
        if outcome.status == "uploaded":
            print(f"  uploaded  {outcome.name}: {outcome.detail}")
    for outcome in outcomes:
        if outcome.status == "refused":
            print(f"  refused   {outcome.name} ({outcome.detail}):")
            for name, reasons in outcome.errors.items():
                print(f"            {name}: {'; '.join(reasons)}")


def upload(args) -> int:
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        print(f"catalog-client: set {TOKEN_VARIABLE} to an API token (made at /account/tokens)", file=sys.stderr)
        return 2
    if not args.folder.is_dir():
        print(f"catalog-client: {args.folder} is not a folder", file=sys.stderr)
        return 2
    sources = find_sources(args.folder)
    if not sources:
        print(
            f"catalog-client: {args.folder} holds no resource folder (resource.json) and no manifest", file=sys.stderr
        )
        return 2
    state = RunState(args.state or args.folder / STATE_NAME, args.url)
    uploader = Uploader(
        CatalogApi(args.url, token),
        state,
        large_from_bytes=int(args.large_from_mb * MIB),
        say=lambda line: print(line, flush=True),
    )
    outcomes: list[Outcome] = []
    try:
        for number, source in enumerate(sources, start=1):
            print(f"[{number}/{len(sources)}] {source.name} …", flush=True)
            found = (
                uploader.upload_manifest(source)
                if isinstance(source, LocalManifest)
                else [uploader.upload_resource(source)]
            )
            for outcome in found:
                reasons = "; ".join(f"{k}: {' '.join(v)}" for k, v in outcome.errors.items())
                print(f"  {outcome.status}: {outcome.detail}" + (f" — {reasons}" if reasons else ""), flush=True)
            outcomes += found
    except TokenRefused as refused:
        _print_summary(outcomes)
        print(f"catalog-client: the catalog refused the token: {refused}", file=sys.stderr)
        return 2
    except Unreachable as unreachable:
        _print_summary(outcomes)
        print(f"catalog-client: no answer from {unreachable}; run again to continue", file=sys.stderr)
        return 2
    _print_summary(outcomes)
    return 1 if any(o.status == "refused" for o in outcomes) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return upload(args)
