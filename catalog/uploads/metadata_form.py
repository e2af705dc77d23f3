"""Flat fields (an HTML form, a CSV manifest row) → the ``edu-resource/1`` metadata a school decides.

A field's value is text, or a list of texts when the form repeats it (ticked boxes, itinerary
rows); in a manifest row a list is one cell separated by commas, 、 or semicolons. Only the block
of the chosen type is built, so a form that shows every type's fields (no JavaScript) still sends
one resource.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from catalog.resources.districts import DISTRICTS, District, district_key, find_district

LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")
LIST_FIELDS = ("keywords", "subjects", "stages", "grades")
LESSON_FIELDS = ("edition", "volume", "unit", "format", "duration_minutes")
TOUR_FIELDS = (
    "theme",
    "duration_days",
    "tour_capacity",
    "fee_cny",
    "months",
    "organizer",
    "safety_notes",
    "destination_name",
    "destination_place",
    "destination_lat",
    "destination_lon",
)
BASE_FIELDS = (
    "categories",
    "address",
    "place",
    "lat",
    "lon",
    "base_capacity",
    "opening_hours",
    "booking_phone",
    "booking_url",
    "activities",
    "free_for_students",
)
FORM_FIELDS = ("type", "title", "summary", *LIST_FIELDS, "license", *LESSON_FIELDS, *TOUR_FIELDS, *BASE_FIELDS)
# Fields a form repeats: ticked boxes and the rows of an itinerary.
REPEATED_FIELDS = frozenset(
    {
        "subjects",
        "stages",
        "grades",
        "months",
        "categories",
        "destination_name",
        "destination_place",
        "destination_lat",
        "destination_lon",
    }
)
DESTINATION_COLUMNS = ("destination_name", "destination_place", "destination_lat", "destination_lon")


def split_list(value: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(value or "") if part.strip()]


def form_values(form) -> dict[str, str | list[str]]:
    """The fields of a submitted form (a werkzeug MultiDict): lists for the repeated ones."""
    return {name: form.getlist(name) if name in REPEATED_FIELDS else form.get(name, "") for name in FORM_FIELDS}


def _number_or_text(value: str):
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value  # the schema names the field and says it must be a number


def _texts(value) -> list[str]:
    """A cell or a list of cells → the non-empty texts in it."""
    if isinstance(value, list | tuple):
        return [text.strip() for text in value if text and text.strip()]
    return split_list(value or "")


def _location(lat: str, lon: str, district: District | None) -> dict | None:
    """Coordinates typed or dropped on the map win; otherwise the chosen district's seat."""
    if lat.strip() or lon.strip():
        return {"lat": _number_or_text(lat.strip()), "lon": _number_or_text(lon.strip())}
    if district:
        return {"lat": district.lat, "lon": district.lon}
    return None


def _destinations(fields: Mapping) -> list[dict]:
    rows = [fields.get(name) or [] for name in DESTINATION_COLUMNS]
    rows = [row if isinstance(row, list | tuple) else split_list(row) for row in rows]
    destinations = []
    for index in range(max(map(len, rows))):
        name, place, lat, lon = ((column[index] if index < len(column) else "").strip() for column in rows)
        if not (name or place or lat or lon):
            continue  # an empty row of the form
        district = find_district(place) if place else None
        destination: dict = {"name": name}
        if district:
            destination["district"] = district.name
        elif place:
            destination["district"] = place  # a manifest may name the district itself
        if location := _location(lat, lon, district):
            destination["location"] = location
        destinations.append(destination)
    return destinations


def _block(pairs: dict) -> dict:
    return {key: value for key, value in pairs.items() if value not in (None, "", [], {})}


def _study_tour(text, fields: Mapping) -> dict:
    return _block(
        {
            "theme": text("theme"),
            "duration_days": _number_or_text(text("duration_days")) if text("duration_days") else None,
            "capacity": _number_or_text(text("tour_capacity")) if text("tour_capacity") else None,
            "fee_cny": _number_or_text(text("fee_cny")) if text("fee_cny") else None,
            "months": [_number_or_text(month) for month in _texts(fields.get("months"))],
            "organizer": text("organizer"),
            "safety_notes": text("safety_notes"),
            "destinations": _destinations(fields),
        }
    )


def _practice_base(text, fields: Mapping) -> dict:
    district = find_district(text("place")) if text("place") else None
    booking = _block({"phone": text("booking_phone"), "url": text("booking_url")})
    free = text("free_for_students").lower()
    return _block(
        {
            "categories": _texts(fields.get("categories")),
            "address": text("address"),
            "location": _location(text("lat"), text("lon"), district),
            "capacity": _number_or_text(text("base_capacity")) if text("base_capacity") else None,
            "opening_hours": text("opening_hours"),
            "booking": booking,
            "activities": split_list(text("activities")),
            "free_for_students": True if free in ("1", "true", "on", "是") else None,
        }
    )


def metadata_from_fields(fields: Mapping) -> dict:
    """Lists may be separated by commas, 、 or semicolons; each type's fields make its block."""

    def text(name: str) -> str:
        value = fields.get(name)
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        return (value or "").strip()

    metadata: dict = {"type": text("type") or "lesson", "title": text("title")}
    if text("summary"):
        metadata["summary"] = text("summary")
    for name in LIST_FIELDS:
        if values := _texts(fields.get(name)):
            metadata[name] = values
    if text("license"):
        metadata["license"] = text("license")
    if metadata["type"] == "lesson":
        lesson = {name: text(name) for name in LESSON_FIELDS if text(name)}
        if "duration_minutes" in lesson:
            lesson["duration_minutes"] = _number_or_text(lesson["duration_minutes"])
        if lesson:
            metadata["lesson"] = lesson
    elif metadata["type"] == "study_tour":
        if tour := _study_tour(text, fields):
            metadata["study_tour"] = tour
    elif metadata["type"] == "practice_base":
        if base := _practice_base(text, fields):
            metadata["practice_base"] = base
    return metadata


def _place_of(district_name: str | None, location: dict | None) -> str:
    """The form's choice for a stored district: the key of the district whose seat is the stored
    location, else of the first of that name, else the name itself (kept as it was)."""
    if not district_name:
        return ""
    named = [district for district in DISTRICTS if district.name == district_name]
    at_seat = [d for d in named if location and (location.get("lat"), location.get("lon")) == (d.lat, d.lon)]
    chosen = (at_seat or named or [None])[0]
    return district_key(chosen) if chosen else district_name


def fields_from_resource(resource: dict) -> dict:
    """The form's fields for an existing resource (editing)."""
    lesson = resource.get("lesson") or {}
    tour = resource.get("study_tour") or {}
    base = resource.get("practice_base") or {}
    fields: dict = {name: list(resource.get(name) or []) for name in ("subjects", "stages", "grades")}
    fields["keywords"] = "、".join(resource.get("keywords") or [])
    fields.update({name: str(lesson.get(name, "")) for name in LESSON_FIELDS})
    fields.update(
        type=resource.get("type", "lesson"),
        title=resource.get("title", ""),
        summary=resource.get("summary", ""),
        license=resource.get("license", ""),
    )
    destinations = tour.get("destinations") or []
    fields.update(
        theme=tour.get("theme", ""),
        duration_days=str(tour.get("duration_days", "")),
        tour_capacity=str(tour.get("capacity", "")),
        fee_cny=str(tour.get("fee_cny", "")),
        months=[str(month) for month in tour.get("months") or []],
        organizer=tour.get("organizer", ""),
        safety_notes=tour.get("safety_notes", ""),
        destination_name=[d.get("name", "") for d in destinations],
        destination_place=[_place_of(d.get("district"), d.get("location")) for d in destinations],
        destination_lat=[str((d.get("location") or {}).get("lat", "")) for d in destinations],
        destination_lon=[str((d.get("location") or {}).get("lon", "")) for d in destinations],
    )
    location = base.get("location") or {}
    booking = base.get("booking") or {}
    fields.update(
        categories=list(base.get("categories") or []),
        address=base.get("address", ""),
        place="",
        lat=str(location.get("lat", "")),
        lon=str(location.get("lon", "")),
        base_capacity=str(base.get("capacity", "")),
        opening_hours=base.get("opening_hours", ""),
        booking_phone=booking.get("phone", ""),
        booking_url=booking.get("url", ""),
        activities="、".join(base.get("activities") or []),
        free_for_students="1" if base.get("free_for_students") else "",
    )
    return fields
