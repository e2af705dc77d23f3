"""schema.org JSON-LD for a resource page, so search engines and harvesters read what a resource is.

A lesson is a ``LearningResource``, a practice base a ``Place`` with its coordinates, a study tour a
``TouristTrip`` whose itinerary lists its stops as ``Place``s in order. tests/catalog/web/test_structured_data.py
checks every type and property used against the schema.org vocabulary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

# An SPDX Creative Commons id names its deed: CC-BY-NC-SA-4.0 → creativecommons.org/licenses/by-nc-sa/4.0/.
_CC_LICENCE = re.compile(r"CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)")
_PUBLISHER_TYPES = {"school": "EducationalOrganization", "bureau": "GovernmentOrganization"}
# Escaped inside the JSON text so no resource text can close the <script> element or open a comment.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def licence_url(spdx_id: str | None) -> str | None:
    """The licence's URL: a Creative Commons deed, else its SPDX page; None for all rights reserved."""
    if not spdx_id or spdx_id == "all-rights-reserved":
        return None
    if spdx_id == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    if match := _CC_LICENCE.fullmatch(spdx_id):
        return f"https://creativecommons.org/licenses/{match[1].lower()}/{match[2]}/"
    return f"https://spdx.org/licenses/{spdx_id}.html"


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _geo(location: dict | None) -> dict | None:
    if not location or location.get("lat") is None or location.get("lon") is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": location["lat"], "longitude": location["lon"]}


def _organization(publisher: dict | None) -> dict | None:
    if not publisher or not publisher.get("name"):
        return None
    return {"@type": _PUBLISHER_TYPES.get(publisher.get("kind"), "Organization"), "name": publisher["name"]}


def _common(resource: dict, page_url: str) -> dict:
    return {"@context": "https://schema.org", "@id": page_url, "url": page_url, "name": resource.get("title")}


def _lesson(resource: dict, file_url: Callable[[str], str]) -> dict:
    lesson = resource.get("lesson") or {}
    minutes = lesson.get("duration_minutes")
    return {
        "@type": "LearningResource",
        "description": resource.get("summary"),
        "educationalLevel": [*resource.get("stages", []), *resource.get("grades", [])],
        "educationalAlignment": [
            {"@type": "AlignmentObject", "alignmentType": "educationalSubject", "targetName": subject}
            for subject in resource.get("subjects", [])
        ],
        "teaches": [*([lesson["unit"]] if lesson.get("unit") else []), *resource.get("keywords", [])],
        "learningResourceType": lesson.get("format"),
        "timeRequired": f"PT{minutes}M" if minutes else None,
        "inLanguage": resource.get("language") or "zh-CN",
        "license": licence_url(resource.get("license")),
        "publisher": _organization(resource.get("publisher")),
        "datePublished": resource.get("published_at"),
        "dateModified": resource.get("updated_at"),
        "encoding": [
            _without_empty(
                {
                    "@type": "MediaObject",
                    "name": file.get("name"),
                    "encodingFormat": file.get("media_type"),
                    "contentSize": f"{file['size']} B" if file.get("size") is not None else None,
                    "contentUrl": file_url(file["name"]),
                }
            )
            for file in resource.get("files", [])
            if file.get("name")
        ],
    }


def _practice_base(resource: dict) -> dict:
    base = resource.get("practice_base") or {}
    region = resource.get("region") or {}
    address = {
        "@type": "PostalAddress",
        "streetAddress": base.get("address"),
        "addressLocality": region.get("city"),
        "addressCountry": "CN",
    }
    return {
        "@type": "Place",
        "description": resource.get("summary"),
        "geo": _geo(base.get("location")),
        "address": _without_empty(address),
        "maximumAttendeeCapacity": base.get("capacity"),
        "telephone": (base.get("booking") or {}).get("phone"),
        "keywords": [*base.get("categories", []), *resource.get("keywords", [])],
    }


def _stop(stop: dict) -> dict:
    district = stop.get("district")
    address = {"@type": "PostalAddress", "addressLocality": district, "addressCountry": "CN"} if district else None
    return _without_empty(
        {"@type": "Place", "name": stop.get("name"), "geo": _geo(stop.get("location")), "address": address}
    )


def _study_tour(resource: dict) -> dict:
    tour = resource.get("study_tour") or {}
    stops = [stop for stop in tour.get("destinations", []) if stop.get("name")]
    fee = tour.get("fee_cny")
    return {
        "@type": "TouristTrip",
        "description": resource.get("summary"),
        "touristType": [*resource.get("stages", []), *resource.get("grades", [])],
        "provider": _organization({"name": tour.get("organizer")}) or _organization(resource.get("publisher")),
        "offers": {"@type": "Offer", "price": fee, "priceCurrency": "CNY"} if fee is not None else None,
        "itinerary": {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(stops),
            "itemListElement": [
                {"@type": "ListItem", "position": number, "item": _stop(stop)} for number, stop in enumerate(stops, 1)
            ],
        }
        if stops
        else None,
    }


def structured_data(resource: dict, page_url: str, file_url: Callable[[str], str]) -> dict:
    """The resource as one schema.org node; ``file_url(name)`` is the catalog's URL of one of its files."""
    kind = resource.get("type")
    if kind == "practice_base":
        details = _practice_base(resource)
    elif kind == "study_tour":
        details = _study_tour(resource)
    else:
        details = _lesson(resource, file_url)
    return _without_empty({**_common(resource, page_url), **details})


def script_text(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` element: the same data, with no markup characters."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_HTML_SAFE)
