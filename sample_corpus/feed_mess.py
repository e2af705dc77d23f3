"""The deliberate mess real feeds contain: informal spellings, invalid resources, unknown fields.

Each function changes a resource document (a dict) and returns a short label of what it did,
so tests and reports can count the mess without parsing it back.
"""

from __future__ import annotations

import json
import random

# Spellings the catalog is expected to normalise (spec: "Feeds are messy").
INFORMAL_GRADES = {"七年级": "初一", "八年级": "初二", "九年级": "初三"}
OLD_SUBJECT_NAMES = {"道德与法治": "思品", "思想政治": "高中政治", "生物": "生物学", "体育与健康": "体育"}
EDITION_ALIASES = {"部编版": "统编版", "统编版": "部编版"}
UNMAPPABLE_SUBJECTS = ("STEAM", "研学", "校本课程", "奥数")

MESSY_KINDS = (
    "stage-in-subject",  # 小学数学, 初中物理
    "informal-grade",  # 初二
    "old-subject-name",  # 思品, 高中政治, 生物学
    "edition-in-subject",  # 数学(人教版)
    "edition-alias",  # 部编版 ↔ 统编版
    "padded-value",  # " 数学 ", full-width space
    "unmappable-subject",  # STEAM — kept as a keyword, counted in the report
)

BAD_KINDS = (
    ("json", "malformed-json"),
    ("type", "wrong-type"),
    ("notitle", "missing-title"),
    ("idmismatch", "id-not-folder"),
    ("path", "unsafe-file-name"),
    ("noloc", "base-without-location"),
)

UNKNOWN_FIELDS = (
    {"x_source_system": "cq-jiaoyu-cloud", "x_sync_batch": 20240315},
    {"_legacy_id": 88231, "rating": 4.6},
    {"review_status": "approved", "reviewer": "教研室"},
    {"schema_extensions": {"competencies": ["数学建模", "逻辑推理"]}},
)


def make_messy(doc: dict, rng: random.Random) -> str | None:
    """Respell one field the way a province feed might; return the kind, or None if nothing fit."""
    subjects, stages, grades = doc.get("subjects") or [], doc.get("stages") or [], doc.get("grades") or []
    lesson = doc.get("lesson") or {}
    candidates = []
    if subjects and stages:
        candidates.append("stage-in-subject")
    if any(grade in INFORMAL_GRADES for grade in grades):
        candidates.append("informal-grade")
    if any(subject in OLD_SUBJECT_NAMES for subject in subjects):
        candidates.append("old-subject-name")
    if subjects and lesson.get("edition"):
        candidates.append("edition-in-subject")
    if lesson.get("edition") in EDITION_ALIASES:
        candidates.append("edition-alias")
    if subjects:
        candidates += ["padded-value", "unmappable-subject"]
    if not candidates:
        return None
    kind = rng.choice(candidates)
    if kind == "stage-in-subject":
        doc["subjects"] = [f"{stages[0]}{subjects[0]}", *subjects[1:]]
        if rng.random() < 0.5:
            del doc["stages"]  # the stage now lives only inside the subject
    elif kind == "informal-grade":
        doc["grades"] = [INFORMAL_GRADES.get(grade, grade) for grade in grades]
    elif kind == "old-subject-name":
        doc["subjects"] = [OLD_SUBJECT_NAMES.get(subject, subject) for subject in subjects]
    elif kind == "edition-in-subject":
        doc["subjects"] = [f"{subjects[0]}({lesson['edition']})", *subjects[1:]]
    elif kind == "edition-alias":
        lesson["edition"] = EDITION_ALIASES[lesson["edition"]]
    elif kind == "padded-value":
        doc["subjects"] = [rng.choice((f" {subjects[0]} ", f"{subjects[0]}\u3000")), *subjects[1:]]
    else:
        doc["subjects"] = [*subjects, rng.choice(UNMAPPABLE_SUBJECTS)]
    return kind


def add_unknown_fields(doc: dict, index: int) -> str:
    """Add top-level fields the format does not define (readers must ignore them)."""
    doc.update(UNKNOWN_FIELDS[index % len(UNKNOWN_FIELDS)])
    return "unknown-fields"


def break_resource(doc: dict, bad_kind: str) -> bytes:
    """Make ``doc`` invalid in the way ``bad_kind`` names and return the resource.json bytes."""
    if bad_kind == "wrong-type":
        doc["type"] = "course"
    elif bad_kind == "missing-title":
        del doc["title"]
    elif bad_kind == "id-not-folder":
        doc["id"] = doc["id"].replace("bad-", "renamed-", 1)
    elif bad_kind == "unsafe-file-name":
        doc.setdefault("files", []).append(
            {"name": "../escape.pdf", "role": "attachment", "media_type": "application/pdf"}
        )
    elif bad_kind == "base-without-location":
        doc["practice_base"].pop("location", None)
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    if bad_kind == "malformed-json":
        text = text[: len(text) * 2 // 3]  # an upload cut off mid-write
    return text.encode("utf-8")
