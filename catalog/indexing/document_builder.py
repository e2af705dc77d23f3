"""A validated, normalised resource and its extracted file texts → one index document."""

from __future__ import annotations

from datetime import UTC, datetime

from catalog.indexing.curation_overlay import NO_DECISION, Overlay
from catalog.indexing.index_definition import document_id
from catalog.indexing.segmentation import normalise_text, pinyin_terms, segment

# Completion inputs longer than this are cut by the field anyway; keep them meaningful.
MAX_SUGGEST_INPUT = 60
MAX_FILE_TEXT_SEGMENTED = 200_000


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


def _locations(resource: dict) -> list[dict]:
    points = []
    if location := (resource.get("practice_base") or {}).get("location"):
        points.append(location)
    for destination in (resource.get("study_tour") or {}).get("destinations", []):
        if destination.get("location"):
            points.append(destination["location"])
    return points


def _suggest_inputs(resource: dict) -> list[str]:
    title = resource["title"]
    inputs = [title, *pinyin_terms(title)[:2], *resource.get("subjects", [])]
    for subject in resource.get("subjects", []):
        inputs.extend(pinyin_terms(subject)[:2])
    if resource.get("practice_base"):
        inputs.extend(_places(resource)[:1])
    for destination in (resource.get("study_tour") or {}).get("destinations", []):
        inputs.append(destination["name"])
    return list(dict.fromkeys(normalise_text(i)[:MAX_SUGGEST_INPUT] for i in inputs if i))


def build_document(
    province: str,
    resource: dict,
    files: list[dict],
    *,
    fingerprint: str,
    json_key: str,
    unmapped: list[str],
    overlay: Overlay = NO_DECISION,
) -> tuple[str, dict]:
    """The ``(_id, _source)`` for one resource.

    ``files`` are the resource's file entries with ``etag``, ``text``, ``text_error`` and
    ``text_truncated`` filled in by the loader.
    """
    title = resource["title"]
    summary = resource.get("summary", "")
    keywords = resource.get("keywords", [])
    lesson = resource.get("lesson") or {}
    file_text = "\n".join(f["text"] for f in files if f.get("text"))
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
        "pinyin": " ".join(pinyin_terms(title)),
        "suggest": {"input": _suggest_inputs(resource)},
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
        "files": files,
        **overlay.document_fields(),
        "sync": {"json_key": json_key, "fingerprint": fingerprint, "indexed_at": datetime.now(UTC).isoformat()},
    }
    if resource.get("updated_at"):
        document["updated_at"] = resource["updated_at"]
    for block in ("lesson", "study_tour", "practice_base"):
        if resource.get(block):
            document[block] = resource[block]
    return document_id(province, resource["id"]), document
