"""The teacher's chosen place — a district from the list or the browser's own position.

It travels in URLs (``place=<district key>`` or ``near=lat,lon``) so every page state can be
shared, and is remembered in a cookie so a resource page can say how far away a base is.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import make_response
from flask_babel import gettext

from catalog.resources.districts import District, distance_km, district_key, find_district

PLACE_COOKIE = "place"


@dataclass(frozen=True)
class ChosenPlace:
    lat: float
    lon: float
    district: District | None = None  # None: the browser's position

    @property
    def point(self) -> tuple[float, float]:
        return self.lat, self.lon

    @property
    def url_params(self) -> dict[str, str]:
        if self.district:
            return {"place": district_key(self.district)}
        return {"near": f"{self.lat:.5f},{self.lon:.5f}"}

    @property
    def cookie_value(self) -> str:
        return self.url_params.get("place") or self.url_params["near"]

    def nearest(self, points: list[tuple[float, float]]) -> tuple[float, float] | None:
        return min(points, key=lambda point: distance_km(self.point, point), default=None)

    def distance_to(self, points: list[tuple[float, float]]) -> float | None:
        """Kilometres to the nearest of ``points``; None when the resource has no place."""
        nearest = self.nearest(points)
        return None if nearest is None else distance_km(self.point, nearest)


def origin_marker(place: ChosenPlace) -> dict:
    """The teacher's place on a map (map.js draws it as a dot, not a pin)."""
    label = f"{place.district.city}{place.district.name}" if place.district else gettext("你的位置")
    return {"lat": place.lat, "lon": place.lon, "label": label, "origin": True}


def remember_place(response, place: ChosenPlace | None):
    """Keep the place the teacher picked, for the distances on resource pages."""
    response = make_response(response)
    if place is not None:
        response.set_cookie(PLACE_COOKIE, place.cookie_value, max_age=180 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def from_district(key: str) -> ChosenPlace | None:
    district = find_district(key)
    return ChosenPlace(district.lat, district.lon, district) if district else None


def chosen_place(place: str | None = None, near: tuple[float, float] | None = None) -> ChosenPlace | None:
    """The place given in a request: coordinates win over a district."""
    if near is not None:
        return ChosenPlace(*near)
    if place:
        return from_district(place)
    return None


def remembered_place(cookie: str | None) -> ChosenPlace | None:
    """The place saved by an earlier page; anything unreadable counts as no place."""
    if not cookie:
        return None
    if "," in cookie:
        try:
            lat, lon = (float(part) for part in cookie.split(","))
        except ValueError:
            return None
        return ChosenPlace(lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
    return from_district(cookie)


def resource_points(resource: dict) -> list[tuple[float, float]]:
    """Every place of a resource as (lat, lon): a base's location, each tour destination."""
    points = resource.get("locations") or []
    return [(p["lat"], p["lon"]) for p in points if isinstance(p, dict) and "lat" in p and "lon" in p]
