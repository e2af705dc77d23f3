"""Map the messy classification values of feeds onto the vocabularies, and say what did not map."""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as list_field

from catalog.resources import vocabularies as v

CLASSIFICATION_FIELDS = ("subjects", "stages", "grades")

# Several values crammed into one string: "数学、物理", "小学/初中". NFKC has already
# turned the full-width forms (，；／｜) into these.
VALUE_SEPARATORS = re.compile(r"[,;/|、]+")
# A bracketed qualifier, usually a textbook edition: 数学(人教版), 语文【部编版】.
BRACKETED = re.compile(r"[(\[【〔]([^()\[\]【】〔〕]*)[)\]】〕]")
WHITESPACE = re.compile(r"\s+")


def lookup_key(text: str) -> str:
    """The form two spellings share when they mean the same: NFKC, no whitespace, casefolded."""
    return WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _lookup(canonical: tuple[str, ...], synonyms: dict[str, str]) -> dict[str, str]:
    table = {lookup_key(name): name for name in canonical}
    table.update({lookup_key(alias): name for alias, name in synonyms.items()})
    return table


def _longest_first(table: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted(table, key=len, reverse=True))


SUBJECT_LOOKUP = _lookup(v.SUBJECTS, v.SUBJECT_SYNONYMS)
CONTEXT_SUBJECT_LOOKUP = {lookup_key(name): name for name in v.CONTEXT_SUBJECTS}
STAGE_LOOKUP = _lookup(v.STAGES, v.STAGE_SYNONYMS)
GRADE_LOOKUP = _lookup(v.GRADES, v.GRADE_SYNONYMS)
EDITION_LOOKUP = _lookup(v.EDITIONS, v.EDITION_SYNONYMS)
STAGE_PREFIXES = _longest_first(STAGE_LOOKUP)
GRADE_PREFIXES = _longest_first(GRADE_LOOKUP)
EDITION_AFFIXES = _longest_first(EDITION_LOOKUP)
# "N年级" counted within a stage: 初中一年级 is 七年级, 高中二年级 is 高二.
GRADE_ORDINALS = {
    lookup_key(spelling): n for n in range(1, 10) for spelling in (f"{'一二三四五六七八九'[n - 1]}年级", f"{n}年级")
}


@dataclass(frozen=True)
class Classification:
    """Canonical subjects, stages, grades and editions, plus the values that did not map."""

    subjects: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    editions: tuple[str, ...] = ()
    unmapped: tuple[str, ...] = ()  # "<field>: <value>"

    @property
    def unmapped_values(self) -> tuple[str, ...]:
        """The unmapped values without their field names, ready to keep as keywords."""
        return tuple(entry.split(": ", 1)[1] for entry in self.unmapped)


@dataclass
class _Reading:
    """What one value said: canonical names, plus subjects that need a stage to decide."""

    subjects: list[str] = list_field(default_factory=list)
    stages: list[str] = list_field(default_factory=list)
    grades: list[str] = list_field(default_factory=list)
    editions: list[str] = list_field(default_factory=list)
    stage_dependent: list[str] = list_field(default_factory=list)
    leftovers: list[str] = list_field(default_factory=list)


def _grade_within(stage: str | None, token: str) -> str | None:
    grade = GRADE_LOOKUP[token]
    if stage is None or v.STAGE_OF_GRADE[grade] == stage:
        return grade
    ordinal = GRADE_ORDINALS.get(token)
    in_stage = v.GRADES_BY_STAGE.get(stage, ())
    if ordinal is not None and ordinal <= len(in_stage):
        return in_stage[ordinal - 1]
    return None  # "小学七年级": contradicts itself


def _read_core(key: str, reading: _Reading) -> bool:
    """Read "[stage][grade][subject]" from ``key``; False if any part of it is not understood."""
    stage = next((p for p in STAGE_PREFIXES if key.startswith(p)), None)
    if stage is not None:
        reading.stages.append(STAGE_LOOKUP[stage])
        key = key[len(stage) :]
        stage = STAGE_LOOKUP[stage]
    token = next((p for p in GRADE_PREFIXES if key.startswith(p)), None)
    if token is not None:
        grade = _grade_within(stage, token)
        if grade is None:
            return False
        reading.grades.append(grade)
        key = key[len(token) :]
    if not key:
        return bool(reading.stages or reading.grades)
    if key in SUBJECT_LOOKUP:
        reading.subjects.append(SUBJECT_LOOKUP[key])
        return True
    if key in CONTEXT_SUBJECT_LOOKUP:
        reading.stage_dependent.append(CONTEXT_SUBJECT_LOOKUP[key])
        return True
    return False


def _read_value(text: str) -> _Reading | None:
    """Read one value (already NFKC and stripped); None if it cannot be mapped."""
    reading = _Reading()
    for qualifier in BRACKETED.findall(text):
        qualifier_key = lookup_key(qualifier)
        if qualifier_key in EDITION_LOOKUP:
            reading.editions.append(EDITION_LOOKUP[qualifier_key])
        elif qualifier.strip():
            reading.leftovers.append(qualifier.strip())
    key = lookup_key(BRACKETED.sub("", text))
    if key in EDITION_LOOKUP:
        reading.editions.append(EDITION_LOOKUP[key])
        return reading
    for edition in EDITION_AFFIXES:  # 人教版数学, 数学人教版
        if key.startswith(edition) or key.endswith(edition):
            reading.editions.append(EDITION_LOOKUP[edition])
            key = key[len(edition) :] if key.startswith(edition) else key[: -len(edition)]
            break
    if not key and (reading.editions or reading.leftovers):
        return reading
    return reading if _read_core(key, reading) else None


def _split_values(values) -> list[str]:
    parts = []
    for value in values or ():
        normal = unicodedata.normalize("NFKC", str(value))
        parts.extend(p.strip() for p in VALUE_SEPARATORS.split(normal) if p.strip())
    return parts


def _subjects_for_stages(name: str, stages: set[str]) -> list[str] | None:
    below, upper, default = v.CONTEXT_SUBJECTS[name]
    chosen = []
    if stages - v.UPPER_STAGES:
        chosen.append(below)
    if stages & v.UPPER_STAGES:
        chosen.append(upper)
    if chosen:
        return chosen
    return [default] if default else None


def _in_vocabulary_order(names, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=vocabulary.index))


def normalise_classification(subjects, stages, grades) -> Classification:
    """Map subjects, stages and grades (any spelling, in any of the three lists) to the vocabularies."""
    found = _Reading()
    unmapped: list[str] = []
    pending: list[tuple[str, str, str, list[str]]] = []  # field, value, subject name, own stages
    for field_name, values in zip(CLASSIFICATION_FIELDS, (subjects, stages, grades)):
        for text in _split_values(values):
            reading = _read_value(text)
            if reading is None:
                unmapped.append(f"{field_name}: {text}")
                continue
            found.subjects += reading.subjects
            found.stages += reading.stages
            found.grades += reading.grades
            found.editions += reading.editions
            unmapped += [f"{field_name}: {extra}" for extra in reading.leftovers]
            own_stages = reading.stages + [v.STAGE_OF_GRADE[g] for g in reading.grades]
            pending += [(field_name, text, name, own_stages) for name in reading.stage_dependent]
    all_stages = set(found.stages) | {v.STAGE_OF_GRADE[g] for g in found.grades}
    for field_name, text, name, own_stages in pending:
        chosen = _subjects_for_stages(name, set(own_stages) or all_stages)
        if chosen is None:
            unmapped.append(f"{field_name}: {text}")
        else:
            found.subjects += chosen
    return Classification(
        subjects=_in_vocabulary_order(found.subjects, v.SUBJECTS),
        stages=_in_vocabulary_order(all_stages, v.STAGES),
        grades=_in_vocabulary_order(found.grades, v.GRADES),
        editions=_in_vocabulary_order(found.editions, v.EDITIONS),
        unmapped=tuple(dict.fromkeys(unmapped)),
    )


def normalise_choice(field: str, value: str, vocabulary=None, synonyms=None) -> str | None:
    """The canonical name of ``value`` for a choice field such as ``lesson.format``, or None.

    ``vocabulary`` and ``synonyms`` default to the tables ``vocabularies.CHOICE_FIELDS``
    holds for ``field``.
    """
    if vocabulary is None:
        vocabulary, default_synonyms = v.CHOICE_FIELDS[field]
        synonyms = default_synonyms if synonyms is None else synonyms
    return _lookup(tuple(vocabulary), synonyms or {}).get(lookup_key(value))


def normalise_edition(value: str) -> str:
    """The canonical edition name for ``value``, or ``value`` itself (stripped) if unknown."""
    return EDITION_LOOKUP.get(lookup_key(value), value.strip())


def _add_keywords(keywords: list[str], words) -> None:
    for word in words:
        if word and word not in keywords:
            keywords.append(word)


def _normalise_single_choice(block: dict, key: str, field: str, unmapped: list, keywords: list) -> None:
    value = block.get(key)
    if value is None:
        return
    canonical = normalise_choice(field, value)
    if canonical is not None:
        block[key] = canonical
        return
    del block[key]  # keeps facets clean; the value survives as a keyword
    text = unicodedata.normalize("NFKC", value).strip()
    if text:
        unmapped.append(f"{field}: {text}")
        _add_keywords(keywords, [text])


def normalise_resource(resource: dict) -> tuple[dict, list[str]]:
    """A copy of a validated resource with vocabulary fields canonical, and what did not map.

    Unmapped values are appended to ``keywords`` and listed as ``"<field>: <value>"``.
    """
    out = copy.deepcopy(resource)
    keywords = list(out.get("keywords") or [])
    found = normalise_classification(out.get("subjects"), out.get("stages"), out.get("grades"))
    unmapped = list(found.unmapped)
    _add_keywords(keywords, found.unmapped_values)
    for field_name in CLASSIFICATION_FIELDS:
        canonical = getattr(found, field_name)
        if field_name in out or canonical:
            out[field_name] = list(canonical)

    spare_editions = list(found.editions)
    if out.get("type") == "lesson" and "lesson" not in out and spare_editions:
        out["lesson"] = {}
    lesson = out.get("lesson")
    if isinstance(lesson, dict):
        if lesson.get("edition"):
            lesson["edition"] = normalise_edition(lesson["edition"])
        elif spare_editions:
            lesson["edition"] = spare_editions[0]
        spare_editions = [e for e in spare_editions if e != lesson.get("edition")]
        _normalise_single_choice(lesson, "format", "lesson.format", unmapped, keywords)
    _add_keywords(keywords, spare_editions)

    if isinstance(out.get("study_tour"), dict):
        _normalise_single_choice(out["study_tour"], "theme", "study_tour.theme", unmapped, keywords)

    base = out.get("practice_base")
    if isinstance(base, dict) and base.get("categories") is not None:
        categories = []
        for value in base["categories"]:
            canonical = normalise_choice("practice_base.categories", value)
            text = unicodedata.normalize("NFKC", value).strip()
            if canonical is not None:
                categories.append(canonical)
            elif text:
                unmapped.append(f"practice_base.categories: {text}")
                _add_keywords(keywords, [text])
        base["categories"] = list(_in_vocabulary_order(categories, v.BASE_CATEGORIES))

    if keywords or "keywords" in out:
        out["keywords"] = keywords
    return out, unmapped
