"""Every field of a version as a curator reads it: the type's block field by field, values as text."""

from __future__ import annotations

from flask_babel import gettext, ngettext

from catalog.curation.version_differences import BLOCK_FIELDS, COMPARED_FIELDS
from catalog.web.page_format import (
    facet_value,
    money,
    month_names,
    number,
    readable_value,
    resource_field_label,
    tour_markers,
)


def _labels() -> dict[str, str]:
    """Labels of the fields inside a block, in the order the review page shows them."""
    return {
        "lesson.edition": gettext("教材版本"),
        "lesson.volume": gettext("册次"),
        "lesson.unit": gettext("单元"),
        "lesson.format": gettext("课型"),
        "lesson.duration_minutes": gettext("课时"),
        "study_tour.theme": gettext("研学主题"),
        "study_tour.duration_days": gettext("天数"),
        "study_tour.destinations": gettext("行程站点"),
        "study_tour.months": gettext("适宜月份"),
        "study_tour.fee_cny": gettext("费用（每生）"),
        "study_tour.capacity": gettext("每期人数"),
        "study_tour.organizer": gettext("组织单位"),
        "study_tour.safety_notes": gettext("安全须知"),
        "practice_base.address": gettext("地址"),
        "practice_base.location": gettext("位置"),
        "practice_base.opening_hours": gettext("开放时间"),
        "practice_base.booking": gettext("预约"),
        "practice_base.capacity": gettext("可接待人数"),
        "practice_base.categories": gettext("基地类别"),
        "practice_base.activities": gettext("活动项目"),
        "practice_base.free_for_students": gettext("学生费用"),
        "publisher.name": gettext("发布单位"),
        "publisher.kind": gettext("发布单位类型"),
        "region.city": gettext("城市"),
        "region.district": gettext("区县"),
    }


def _publisher_kinds() -> dict[str, str]:
    return {
        "school": gettext("学校"),
        "bureau": gettext("教育行政部门"),
        "museum": gettext("博物馆"),
        "venue": gettext("场馆"),
        "company": gettext("企业"),
        "other": gettext("其他"),
    }


def review_field_label(name: str) -> str:
    """``study_tour.fee_cny`` → 费用（每生）; a top-level field by its usual name."""
    if "." not in name:
        return resource_field_label(name)
    block, _, key = name.partition(".")
    return _labels().get(name) or f"{resource_field_label(block)} · {key}"


def _place(location) -> str:
    numbers = isinstance(location, dict) and all(
        isinstance(location.get(axis), (int, float)) for axis in ("lat", "lon")
    )
    if not numbers:  # a feed's live document may hold anything
        return readable_value(location)
    lat, lon = (format(location[axis], ".4f") for axis in ("lat", "lon"))
    return gettext("北纬 %(lat)s，东经 %(lon)s", lat=lat, lon=lon)


def _stop(stop) -> str:
    if not isinstance(stop, dict):
        return readable_value(stop)
    text = stop.get("name") or "—"
    if stop.get("district"):
        text += f"（{stop['district']}）"
    if stop.get("location"):
        text += f" {_place(stop['location'])}"
    return text


def _booking(booking) -> str:
    if not isinstance(booking, dict):
        return readable_value(booking)
    parts = [gettext("电话：%(phone)s", phone=booking["phone"])] if booking.get("phone") else []
    parts += [gettext("网址：%(url)s", url=booking["url"])] if booking.get("url") else []
    return "；".join(parts) or "—"


def review_value(name: str, value) -> str:
    """A field's value as text, with units, months, money and places written out."""
    if value is None or value == [] or value == {} or value == "":
        return "—"
    if name == "type" and isinstance(value, str):
        return facet_value("type", value)
    if name == "publisher.kind" and isinstance(value, str):
        return _publisher_kinds().get(value, value)
    if name == "study_tour.destinations" and isinstance(value, list):
        return "；".join(f"{n}. {_stop(stop)}" for n, stop in enumerate(value, start=1))
    if name.endswith(".location"):
        return _place(value)
    if name == "practice_base.booking":
        return _booking(value)
    if name == "study_tour.months" and isinstance(value, list):
        return month_names([m for m in value if isinstance(m, int)]) or readable_value(value)
    if name == "study_tour.fee_cny":
        return money(value)
    if name == "study_tour.duration_days" and isinstance(value, int):
        return ngettext("%(num)s 天", "%(num)s 天", value)
    if name == "lesson.duration_minutes" and isinstance(value, int):
        return gettext("%(minutes)s 分钟", minutes=number(value))
    if name == "practice_base.free_for_students" and isinstance(value, bool):
        return gettext("免费") if value else gettext("收费")
    if name in ("study_tour.capacity", "practice_base.capacity") and isinstance(value, int):
        return number(value)
    return readable_value(value)


def every_field(document: dict) -> list[tuple[str, object]]:
    """Every compared field of ``document`` in page order, its blocks opened field by field (absent ones too)."""
    labels = _labels()
    shown = []
    for name in COMPARED_FIELDS:
        value = document.get(name)
        if name not in BLOCK_FIELDS:
            shown.append((name, value))
            continue
        if value is None and name != document.get("type") and name not in ("publisher", "region"):
            continue  # another type's block
        block = value if isinstance(value, dict) else {}
        known = [key.partition(".")[2] for key in labels if key.startswith(f"{name}.")]
        if name in ("publisher", "region"):  # filled in from the school: only what is there
            known = [key for key in known if key in block]
        shown += [(f"{name}.{key}", block.get(key)) for key in known]
        shown += [(f"{name}.{key}", item) for key, item in block.items() if key not in known]
    return shown


def review_markers(document: dict) -> list[dict]:
    """Map markers for a version's places: a base's location, a tour's stops."""
    if isinstance(document.get("study_tour"), dict):
        return tour_markers(document["study_tour"])
    location = (document.get("practice_base") or {}).get("location")
    if isinstance(location, dict) and {"lat", "lon"} <= location.keys():
        return [{"lat": location["lat"], "lon": location["lon"], "label": document.get("title") or ""}]
    return []
