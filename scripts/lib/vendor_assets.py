"""Fetch the front-end packages the catalog ships from the npm registry, checked by integrity.

No page may depend on a CDN, so Leaflet is copied into the app's static folder; axe-core is
only for the browser tests. Tarballs are cached under .cache/npm and verified against the
sha512 the registry published for that exact version before anything is extracted.

    python scripts/lib/vendor_assets.py [ROOT]
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

REGISTRY = os.environ.get("CATALOG_NPM_REGISTRY", "https://registry.npmjs.org")

# package, version, dist.integrity, {path in the tarball (under package/): path under the destination}, destination
PACKAGES = (
    (
        "leaflet",
        "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        {
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            "dist/images/": "images/",
            "LICENSE": "LICENSE",
        },
        "catalog/web/static/vendor/leaflet",
    ),
    (
        "axe-core",
        "4.14.1",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        {"axe.min.js": "axe.min.js", "LICENSE": "LICENSE"},
        ".cache/vendor/axe-core",
    ),
)


def fetch(root: Path, name: str, version: str, integrity: str) -> bytes:
    cached = root / ".cache" / "npm" / f"{name}-{version}.tgz"
    if cached.exists():
        data = cached.read_bytes()
    else:
        url = f"{REGISTRY}/{name}/-/{name}-{version}.tgz"
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read()
    algorithm, expected = integrity.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        cached.unlink(missing_ok=True)
        raise SystemExit(f"{name}@{version}: integrity mismatch (got {algorithm}-{actual})")
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def extract(data: bytes, files: dict[str, str], destination: Path) -> None:
    staging = destination.with_name(destination.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            inner = member.name.split("/", 1)[1]
            for source, target in files.items():
                if inner == source or (source.endswith("/") and inner.startswith(source)):
                    out = staging / (target + inner[len(source) :] if source.endswith("/") else target)
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(archive.extractfile(member).read())
    shutil.rmtree(destination, ignore_errors=True)
    staging.rename(destination)


def main(root: Path) -> None:
    for name, version, integrity, files, destination in PACKAGES:
        target = root / destination
        stamp = target / ".version"
        if stamp.exists() and stamp.read_text() == version:
            continue
        extract(fetch(root, name, version, integrity), files, target)
        stamp.write_text(version)
        print(f"vendored {name}@{version} into {destination}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]))
