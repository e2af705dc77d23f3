"""Flat fields (an HTML form, a CSV manifest row) → the ``edu-resource/1`` metadata a school decides."""

from __future__ import annotations

import re
from collections.abc import Mapping

LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")
LIST_FIELDS = ("keywords", "subjects", "stages", "grades")
LESSON_FIELDS = ("edition", "volume", "unit", "format", "duration_minutes")
FORM_FIELDS = ("type", "title", "summary", *LIST_FIELDS, "license", *LESSON_FIELDS)


def split_list(value: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(value or "") if part.strip()]


def _number_or_text(value: str):
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value  # the schema names the field and says it must be a number


def metadata_from_fields(fields: Mapping[str, str]) -> dict:
    """Lists may be separated by commas, 、 or semicolons; lesson fields make the ``lesson`` block."""

    def text(name: str) -> str:
        return (fields.get(name) or "").strip()

    metadata: dict = {"type": text("type") or "lesson", "title": text("title")}
    if text("summary"):
        metadata["summary"] = text("summary")
    for name in LIST_FIELDS:
        if values := split_list(text(name)):
            metadata[name] = values
    if text("license"):
        metadata["license"] = text("license")
    lesson = {name: text(name) for name in LESSON_FIELDS if text(name)}
    if "duration_minutes" in lesson:
        lesson["duration_minutes"] = _number_or_text(lesson["duration_minutes"])
    if lesson:
        metadata["lesson"] = lesson
    return metadata


def fields_from_resource(resource: dict) -> dict[str, str]:
    """The form's fields for an existing resource (editing)."""
    lesson = resource.get("lesson") or {}
    fields = {name: "、".join(resource.get(name) or []) for name in LIST_FIELDS}
    fields.update({name: str(lesson.get(name, "")) for name in LESSON_FIELDS})
    fields.update(
        type=resource.get("type", "lesson"),
        title=resource.get("title", ""),
        summary=resource.get("summary", ""),
        license=resource.get("license", ""),
    )
    return fields
