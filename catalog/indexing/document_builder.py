"""A validated, normalised resource and its extracted file texts → one index document."""

from __future__ import annotations

from datetime import UTC, datetime

from catalog.indexing.comparison_keys import compact_key, unit_keys
from catalog.indexing.curation_overlay import NO_DECISION, Overlay
from catalog.indexing.index_definition import document_id
from catalog.indexing.segmentation import pinyin_terms, segment
from catalog.indexing.snippet_text import snippet_text
from catalog.indexing.suggestion_inputs import completions
from catalog.indexing.vocabulary_terms import vocabulary_pinyin, vocabulary_terms
from catalog.resources.districts import city_of_district

MAX_FILE_TEXT_SEGMENTED = 200_000
# The document format: bump it whenever a change here (or in what this module calls: segmentation,
# normalisation, the overlay's fields) changes the document built from the same resource. A rebuild
# copies a serving document only if it has this version, and otherwise builds it again from the
# resource.json and file texts the document keeps (README, "The indexer"). Text extraction is not
# covered: the texts are reused by file ETag, so new extraction needs `catalog-indexer rebuild --from-storage`.
# 2: unit keys, title-and-type key, vocabulary, cleaned summary and file text; 3: pinyin runs, suggest_values;
# 4: pinyin of keywords and a base's activities; 5: sites, title_pinyin.
FORMAT_VERSION = 5


def _places(resource: dict) -> list[str]:
    names = []
    if base := resource.get("practice_base"):
        names.append(resource["title"])
        names.extend(filter(None, [base.get("address")]))
    for destination in (resource.get("study_tour") or {}).get("destinations", []):
        names.append(destination["name"])
        names.extend(filter(None, [destination.get("district")]))
    region = resource.get("region") or {}
    names.extend(filter(None, [region.get("city"), region.get("district")]))
    return list(dict.fromkeys(names))


def _sites(resource: dict) -> list[str]:
    """The cities and districts a resource is at: where a tour goes (its organiser's place only when it
    names no stop's district), where a base or a lesson's publisher is."""
    stops = [d for d in (resource.get("study_tour") or {}).get("destinations", []) if d.get("district")]
    if stops:
        names = [(city_of_district(stop["district"], stop.get("location")), stop["district"]) for stop in stops]
        return list(dict.fromkeys(name for pair in names for name in pair if name))
    region = resource.get("region") or {}
    return [name for name in (region.get("city"), region.get("district")) if name]


def _pinyin(title: str, keywords: list[str], resource: dict) -> list[str]:
    """Pinyin for the title and for the words a record names itself by (keywords, a base's activities):
    a teacher spells 平方差 or 变脸 whether it is in the title or among those."""
    activities = (resource.get("practice_base") or {}).get("activities") or []
    return list(dict.fromkeys(term for text in (title, *keywords, *activities) for term in pinyin_terms(text)))


def _locations(resource: dict) -> list[dict]:
    points = []
    if location := (resource.get("practice_base") or {}).get("location"):
        points.append(location)
    for destination in (resource.get("study_tour") or {}).get("destinations", []):
        if destination.get("location"):
            points.append(destination["location"])
    return points


def build_document(
    province: str,
    resource: dict,
    files: list[dict],
    *,
    fingerprint: str,
    json_key: str,
    unmapped: list[str],
    overlay: Overlay = NO_DECISION,
    resource_json: str | None = None,
) -> tuple[str, dict]:
    """The ``(_id, _source)`` for one resource.

    ``files`` are the resource's file entries with ``etag``, ``text``, ``text_error`` and
    ``text_truncated`` filled in by the loader; ``resource_json`` is the stored resource.json as
    read, kept so a rebuild after a format change can build the document again without storage.
    """
    title = resource["title"]
    summary = snippet_text(resource.get("summary", ""))
    keywords = resource.get("keywords", [])
    lesson = resource.get("lesson") or {}
    files = [{**f, "text": snippet_text(f["text"])} if f.get("text") else f for f in files]
    file_text = "\n".join(f["text"] for f in files if f.get("text"))
    suggested = completions(resource)
    document = {
        "province": province,
        "resource_id": resource["id"],
        "type": resource["type"],
        "title": title,
        "title_seg": segment(title),
        "summary": summary,
        "summary_seg": segment(summary),
        "keywords": keywords,
        "keywords_seg": segment(" ".join([*keywords, lesson.get("unit", "")])),
        "file_text_seg": segment(file_text[:MAX_FILE_TEXT_SEGMENTED]),
        "pinyin": " ".join(_pinyin(title, keywords, resource)),
        "title_pinyin": " ".join(pinyin_terms(title)),
        "suggest": suggested.titles,
        "suggest_values": suggested.values,
        "suggest_display": suggested.displays,
        "subjects": resource.get("subjects", []),
        "stages": resource.get("stages", []),
        "grades": resource.get("grades", []),
        "unmapped": [value.partition(": ")[2] or value for value in unmapped],
        "publisher": resource["publisher"],
        "region": resource["region"],
        "language": resource.get("language", "zh-CN"),
        "license": resource.get("license", "all-rights-reserved"),
        "published_at": resource["published_at"],
        "locations": _locations(resource),
        "places": _places(resource),
        "sites": _sites(resource),
        "files": files,
        **overlay.document_fields(),
        "sync": {
            "json_key": json_key,
            "fingerprint": fingerprint,
            "format": FORMAT_VERSION,
            "indexed_at": datetime.now(UTC).isoformat(),
        },
    }
    if resource_json is not None:
        document["sync"]["resource_json"] = resource_json
    if resource.get("updated_at"):
        document["updated_at"] = resource["updated_at"]
    for block in ("lesson", "study_tour", "practice_base"):
        if resource.get(block):
            document[block] = resource[block]
    if keys := unit_keys(lesson.get("unit", "")):
        document["unit_keys"] = keys
    document["vocabulary"] = vocabulary_terms(title, keywords, lesson.get("unit", ""))
    document["vocabulary_pinyin"] = vocabulary_pinyin(document["vocabulary"])
    # A lesson's format is part of its kind: a 教学设计 and a 课件 of one title are two resources, not versions.
    # A title of punctuation alone keys on the resource itself: it is the same as no other.
    kind = ":".join(filter(None, [resource["type"], lesson.get("format")]))
    document["title_type_key"] = f"{kind}:{compact_key(title) or document_id(province, resource['id'])}"
    return document_id(province, resource["id"]), document
