"""``python -m sample_corpus [--count N] [--seed S] [--out DIR]``: write a sample corpus.

With ``--out`` the corpus goes to ``DIR/<province>/<id>/…``; otherwise to each configured
province's S3 storage (``CATALOG_PROVINCES_FILE`` and the ``CATALOG_S3_<CODE>_*`` credentials).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sample_corpus.generator import PROVINCES, generate_corpus
from sample_corpus.writer import FolderStorage, write_corpus


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sample_corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2400, help="number of resources (default 2400)")
    parser.add_argument("--seed", type=int, default=7, help="random seed; same seed, same bytes (default 7)")
    parser.add_argument("--out", metavar="DIR", help="write to a local folder instead of the provinces' S3 storage")
    parser.add_argument("--workers", type=int, default=8, help="parallel writers (default 8)")
    return parser


def _storages(out: str | None) -> dict:
    if out:
        return {code: FolderStorage(Path(out) / code) for code in PROVINCES}
    from catalog.provinces import load_provinces
    from catalog.stores.province_storage import ProvinceStorage

    storages = {}
    for province in load_provinces():
        storage = ProvinceStorage(province)
        storage.check_reachable()
        storages[province.code] = storage
    return storages


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.count < 0:
        print("--count must be 0 or more", file=sys.stderr)
        return 2
    try:
        storages = _storages(args.out)
    except Exception as exc:  # configuration or connectivity: say which, exit non-zero
        print(f"cannot open storage: {exc}", file=sys.stderr)
        return 1
    started = time.monotonic()
    counts = write_corpus(generate_corpus(args.count, args.seed), storages, workers=args.workers, total=args.count)
    elapsed = time.monotonic() - started
    for code, written in counts.items():
        target = Path(args.out) / code if args.out else code
        print(f"{code}: {written} resources written to {target}")
    print(f"done in {elapsed:.1f}s (seed {args.seed}, {sum(counts.values())} of {args.count} written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
