"""Relevance rules: a query's grades as a function of a resource's content, never of a ranking.

A ``Rule`` is tiers of (grade, condition), the first condition a resource meets giving its
grade (3 = exactly what was asked, 2 = clearly relevant, 1 = somewhat relevant). Conditions
read the resource as the sample generator wrote it, with the vocabularies' canonical values
(``normalise_resource``, as the indexer applies them): title, lesson unit and format, keywords,
subjects, grades, the places a record is at (a lesson's publisher, a base's site, a tour's
destinations) and their themes and categories. Each condition prints as the words of the
rule, which is what the frozen judgments' comments say.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from catalog.resources.vocabulary_mapping import normalise_resource
from sample_corpus.generator import generate_corpus
from sample_corpus.places import PLACES, Place

PROVINCE_NAMES = {"cq": "重庆", "sc": "四川"}
_PLACES_BY_NAME = {place.name: (code, place) for code, places in PLACES.items() for place in places}


@dataclass(frozen=True)
class Resource:
    """What the rules read of one valid resource."""

    doc_id: str
    kind: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    subjects: tuple[str, ...]
    grades: tuple[str, ...]
    unit: str
    volume: str
    format: str
    sites: tuple[tuple[str, Place | None], ...]  # (province code, place) of each place it is at
    themes: tuple[str, ...]
    categories: tuple[str, ...]
    activities: tuple[str, ...]
    cities: tuple[str, ...]
    districts: tuple[str, ...]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def read_resource(province: str, doc: dict) -> Resource:
    """The rules' view of a resource document (canonical vocabulary values)."""
    doc, _ = normalise_resource(doc)
    lesson = doc.get("lesson") or {}
    tour = doc.get("study_tour") or {}
    base = doc.get("practice_base") or {}
    region = doc.get("region") or {}
    if tour:
        found = [_PLACES_BY_NAME.get(d["name"], (province, None)) for d in tour.get("destinations", [])]
    elif base:
        found = [_PLACES_BY_NAME.get((doc.get("publisher") or {}).get("name"), (province, None))]
    else:
        found = [(province, None)]
    places = [place for _, place in found if place]
    themes = [tour["theme"]] if tour.get("theme") else [t for place in places for t in place.themes]
    cities = [place.city for place in places] or [region.get("city", "")]
    districts = [place.district for place in places] or [region.get("district", "")]
    return Resource(
        doc_id=f"{province}:{doc['id']}",
        kind=doc.get("type", ""),
        title=fold(doc.get("title", "")),
        summary=fold(doc.get("summary", "")),
        keywords=tuple(fold(k) for k in doc.get("keywords") or ()),
        subjects=tuple(doc.get("subjects") or ()),
        grades=tuple(doc.get("grades") or ()),
        unit=fold(lesson.get("unit", "")),
        volume=lesson.get("volume", ""),
        format=lesson.get("format", ""),
        sites=tuple(found),
        themes=tuple(dict.fromkeys(themes)),
        categories=tuple(base.get("categories") or ()),
        activities=tuple(fold(a) for a in base.get("activities") or ()),
        cities=tuple(dict.fromkeys(cities)),
        districts=tuple(dict.fromkeys(districts)),
    )


def sample_resources(count: int, seed: int) -> Iterator[Resource]:
    """The valid resources of ``generate_corpus(count, seed)`` (the broken ``bad-…`` ones never index)."""
    for sample in generate_corpus(count, seed):
        if sample.resource_id.startswith("bad-"):
            continue
        yield read_resource(sample.province, json.loads(sample.resource_json))


# --- conditions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A condition on a resource that prints as the words of the rule."""

    test: Callable[[Resource], bool]
    text: str

    def __call__(self, resource: Resource) -> bool:
        return self.test(resource)

    def __and__(self, other: When) -> When:
        return When(lambda r: self(r) and other(r), f"{self.text} and {other.text}")

    def __or__(self, other: When) -> When:
        return When(lambda r: self(r) or other(r), f"({self.text} or {other.text})")

    def __invert__(self) -> When:
        return When(lambda r: not self(r), f"not {self.text}")


def _any_in(words: Iterable[str], texts: Iterable[str]) -> bool:
    texts = list(texts)
    return any(fold(w) in t for w in words for t in texts)


def _words(words: tuple[str, ...]) -> str:
    return "|".join(words)


def _containing(label: str, texts_of: Callable[[Resource], Iterable[str]]) -> Callable[..., When]:
    """Conditions "one of ``texts_of(resource)`` contains one of the words" (case folded)."""

    def condition(*words: str) -> When:
        return When(lambda r: _any_in(words, texts_of(r)), f"{label} has {_words(words)}")

    return condition


def _one_of(label: str, values_of: Callable[[Resource], Iterable[str]]) -> Callable[..., When]:
    """Conditions "one of ``values_of(resource)`` is one of the names" (vocabulary values, exact)."""

    def condition(*names: str) -> When:
        return When(lambda r: any(value in names for value in values_of(r)), f"{label} {_words(names)}")

    return condition


title = _containing("title", lambda r: [r.title])
unit = _containing("unit", lambda r: [r.unit])  # a lesson's unit name
keyword = _containing("keyword", lambda r: r.keywords)
summary = _containing("summary", lambda r: [r.summary])
activity = _containing("activity", lambda r: r.activities)  # a practice base's courses
kind = _one_of("type", lambda r: [r.kind])
subject = _one_of("subject", lambda r: r.subjects)
grade = _one_of("grade", lambda r: r.grades)
lesson_format = _one_of("format", lambda r: [r.format])
theme = _one_of("theme", lambda r: r.themes)  # a tour's theme, or the themes of a base's site
category = _one_of("category", lambda r: r.categories)
city = _one_of("in", lambda r: r.cities)
district = _one_of("in", lambda r: r.districts)


def province(code: str) -> When:
    """At a place in the province (a tour: one of its destinations; a lesson: its publisher)."""
    return When(lambda r: any(p == code for p, _ in r.sites), f"in {PROVINCE_NAMES[code]}")


def site(*words: str, city: str | None = None, district: str | None = None, province: str | None = None) -> When:
    """A base's site or one of a tour's destinations, named with one of ``words`` (any name when
    none are given) and in ``city`` / ``district`` / ``province`` when those are given."""

    def at(code: str, place: Place | None) -> bool:
        return bool(
            place
            and (not words or any(fold(w) in fold(place.name) for w in words))
            and city in (None, place.city)
            and district in (None, place.district)
            and province in (None, code)
        )

    where = [f"in {name}" for name in (city, district, province and PROVINCE_NAMES[province]) if name]
    named = f"named {_words(words)}" if words else ""
    text = " ".join(["at a place", *([named] if named else []), *where])
    return When(lambda r: any(at(code, place) for code, place in r.sites), text)


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Tiers of (grade, condition): a resource gets the grade of the first condition it meets."""

    tiers: tuple[tuple[int, When], ...]

    def grade_of(self, resource: Resource) -> int:
        for value, condition in self.tiers:
            if condition(resource):
                return value
        return 0

    def judge(self, resources: Iterable[Resource]) -> dict[str, int]:
        """{doc id: grade} of every resource graded 1 or more, highest grade first, then by id."""
        graded = {r.doc_id: g for r in resources if (g := self.grade_of(r))}
        return dict(sorted(graded.items(), key=lambda item: (-item[1], item[0])))

    def __str__(self) -> str:
        return "; ".join(f"{condition.text} ({value})" for value, condition in self.tiers)


def rule(*tiers: tuple[int, When]) -> Rule:
    for value, _ in tiers:
        if value not in (1, 2, 3):
            raise ValueError(f"grade {value}: a rule's grades are 3, 2 or 1")
    return Rule(tuple(tiers))


def title_key(text: str) -> str:
    """A title as the same resource's other versions spell it: folded, without spaces and 《》."""
    return "".join(ch for ch in fold(text) if not ch.isspace() and ch not in "《》〈〉“”\"'")
