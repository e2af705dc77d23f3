"""What a teacher's words mean, read before the query is built. Pure: no client, no I/O.

Each typed word is read against the catalog's own vocabularies: a place (四川, 渝中区, 川) or a kind
of resource (课件, 教案, 研学, 基地) is a lift for resources of that place or kind, not a word they
must contain; an everyday spelling of a subject, stage, grade, edition, theme or category (初二,
小学数学, 思品, 部编版) is also found as its canonical value; English words are read as the Chinese
terms the records use. Traditional script is already folded by ``normalise_text``. A word is only
read where jieba's words begin and end, so 苏东坡 never holds the district 东坡区.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from catalog.indexing.segmentation import cut_words, normalise_text
from catalog.resources import vocabularies as v
from catalog.resources.districts import DISTRICTS
from catalog.resources.vocabulary_mapping import lookup_key, normalise_choice, normalise_classification
from catalog.search.facet_definitions import VALUE_LABELS
from catalog.search.query_parser import ParsedQuery, parse_query

FREE, REQUIRED, BOOST = "free", "required", "boost"
# A theme's word (党史教育): found as itself, or as any word or facet value of its group.
THEMATIC = "thematic"
PLACE_FACETS = ("province", "city", "district")
ENGLISH = "english"  # the facet of a chip for an English word read as Chinese
MAX_TERM_CHARS = 16  # no vocabulary term is longer; bounds the spans tried in a token
MAX_ENGLISH_WORDS = 3
VOLUME_SUFFIXES = ("上册", "下册", "全一册")
_ENGLISH_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


@dataclass(frozen=True)
class Segment:
    """A stretch of one typed token: free text, or what the vocabularies read it as."""

    typed: str  # as typed (folded); the English words for a translation
    text: str  # what is searched: ``typed``, or its Chinese
    facts: tuple[tuple[str, str], ...] = ()  # (facet name, facet value)
    role: str = FREE  # FREE, REQUIRED and THEMATIC words must be found; BOOST words only lift
    also: tuple[str, ...] = ()  # THEMATIC: the group's other words, any of which will do


@dataclass(frozen=True)
class Token:
    """A word between spaces (or an English phrase) and the segments it was read as."""

    typed: str
    segments: tuple[Segment, ...]

    @property
    def is_plain(self) -> bool:
        return all(s.role == FREE and s.text == s.typed for s in self.segments)


@dataclass(frozen=True)
class Chip:
    """One understanding shown to the teacher; ``remove_q`` is the query without it."""

    facet: str  # a facet name, or ENGLISH
    value: str  # the facet value (a code for province and type), or the Chinese of an English word
    shown: str  # the value as a teacher reads it
    typed: str
    remove_q: str


@dataclass(frozen=True)
class UnderstoodQuery:
    parsed: ParsedQuery  # words, phrases and exclusions, script-folded
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        """The words as searched: English read as Chinese."""
        return " ".join("".join(s.text for s in t.segments) for t in self.tokens)

    @property
    def boosts(self) -> list[tuple[str, str]]:
        return [fact for t in self.tokens for s in t.segments if s.role == BOOST for fact in s.facts]

    @property
    def chips(self) -> tuple[Chip, ...]:
        chips = []
        for i, token in enumerate(self.tokens):
            for j, segment in enumerate(token.segments):
                if segment.role == FREE:
                    if segment.text != segment.typed:
                        chips.append(
                            Chip(
                                ENGLISH,
                                segment.text,
                                f"{segment.typed} → {segment.text}",
                                segment.typed,
                                self.without(i, j, 0),
                            )
                        )
                    continue
                if segment.role == THEMATIC:
                    continue  # widens what is found; there is nothing to take away
                if segment.role == REQUIRED and [value for _, value in segment.facts] == [segment.typed]:
                    continue  # typed as the value itself: nothing was reinterpreted
                for k, (facet, value) in enumerate(segment.facts):
                    chips.append(Chip(facet, value, _shown(facet, value), segment.typed, self.without(i, j, k)))
        return tuple(chips)

    def without(self, token_at: int, segment_at: int, fact_at: int) -> str:
        """The query as the teacher would type it with one understood fact left out."""
        words = []
        for i, token in enumerate(self.tokens):
            pieces = []
            for j, segment in enumerate(token.segments):
                if (i, j) != (token_at, segment_at):
                    pieces.append(segment.typed)
                    continue
                kept = [value for k, (facet, value) in enumerate(segment.facts) if k != fact_at]
                pieces.append(" " + " ".join(_shown(f, val) for f, val in segment.facts if val in kept) + " ")
            words.append("".join(pieces))
        parts = [" ".join(" ".join(words).split())]
        parts += [f'"{phrase}"' for phrase in self.parsed.phrases]
        parts += [f'-"{word}"' if " " in word else f"-{word}" for word in self.parsed.excluded]
        return " ".join(p for p in parts if p)


def _shown(facet: str, value: str) -> str:
    if facet == "province":
        return v.PROVINCE_NAMES.get(value, value)
    return VALUE_LABELS.get(facet, {}).get(value, (value,))[0]


# --- the lexicons ---------------------------------------------------------------------------


def _short_names(name: str, suffixes: str) -> list[str]:
    """渝中区 → 渝中, 石柱土家族自治县 → 石柱, 阿坝藏族羌族自治州 → 阿坝州 and 阿坝; never one character."""
    if "自治" in name:
        stem = name[:2]
        return [stem, stem + name[-1]]
    if name[-1] in suffixes and len(name) > 2:
        return [name[:-1]]
    return []


@lru_cache(maxsize=1)
def place_lexicon() -> dict[str, tuple[str, str]]:
    """Typed place name (lookup form) → (facet, value): provinces, their cities and districts."""
    lexicon: dict[str, tuple[str, str]] = {}
    for district in DISTRICTS:
        for name in (district.name, *_short_names(district.name, "区县市")):
            lexicon.setdefault(lookup_key(name), ("district", district.name))
    for district in DISTRICTS:
        for name in (district.city, *_short_names(district.city, "市州")):
            lexicon[lookup_key(name)] = ("city", district.city)
    for nickname, city in v.CITY_NICKNAMES.items():
        lexicon[lookup_key(nickname)] = ("city", city)
    for code, names in v.PROVINCE_WORDS.items():
        for name in names:
            if len(name) > 1:
                lexicon[lookup_key(name)] = ("province", code)
    return lexicon


PROVINCE_SHORT_FORMS = {name: code for code, names in v.PROVINCE_WORDS.items() for name in names if len(name) == 1}


@lru_cache(maxsize=1)
def kind_lexicon() -> dict[str, tuple[str, str]]:
    """Typed kind word → (facet, value): resource types and lesson formats with their synonyms."""
    lexicon = {lookup_key(word): ("type", code) for word, code in v.TYPE_WORDS.items()}
    for word in (*v.LESSON_FORMATS, *v.LESSON_FORMAT_SYNONYMS):
        lexicon[lookup_key(word)] = ("format", normalise_choice("lesson.format", word))
    return lexicon


def _volume(span: str) -> tuple[tuple[str, str], ...]:
    """初二上册 → the volume 八年级上册."""
    for suffix in VOLUME_SUFFIXES:
        if span.endswith(suffix) and len(span) > len(suffix):
            found = normalise_classification([span[: -len(suffix)]], (), ())
            if len(found.grades) == 1 and not (found.unmapped or found.subjects or found.editions):
                return (("volume", found.grades[0] + suffix),)
    return ()


def _classification(span: str) -> tuple[tuple[str, str], ...]:
    if volume := _volume(span):
        return volume
    found = normalise_classification([span], (), ())
    if not found.unmapped:
        implied = {v.STAGE_OF_GRADE[grade] for grade in found.grades}
        facts = [("subject", s) for s in found.subjects] + [("stage", s) for s in found.stages if s not in implied]
        facts += [("grade", g) for g in found.grades] + [("edition", e) for e in found.editions]
        if facts:
            return tuple(facts)
    for facet, field in (("theme", "study_tour.theme"), ("category", "practice_base.categories")):
        if value := normalise_choice(field, span):
            return ((facet, value),)
    return ()


@lru_cache(maxsize=1)
def thematic_lexicon() -> dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]:
    """Typed theme word → (its group's words, the facet values the group means)."""
    return {lookup_key(word): (words, facts) for words, facts, _ in v.THEMATIC_SYNONYMS for word in words}


@lru_cache(maxsize=4096)
def recognise(span: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """(role, facts) for a span of Chinese (or a vocabulary's English), or None for free text."""
    key = lookup_key(span)
    if key in place_lexicon():
        return BOOST, (place_lexicon()[key],)
    if key in kind_lexicon():
        return BOOST, (kind_lexicon()[key],)
    if key in thematic_lexicon():
        return THEMATIC, thematic_lexicon()[key][1]
    if facts := _classification(span):
        return REQUIRED, facts
    return None


# --- reading a token ------------------------------------------------------------------------


def _boundaries(token: str) -> set[int]:
    """Offsets where jieba's words start or end."""
    bounds, position = {0, len(token)}, 0
    for word in cut_words(token):
        found = token.find(word, position)
        if found < 0:
            continue
        bounds.update((found, found + len(word)))
        position = found + len(word)
    return bounds


def _short_forms(text: str) -> Segment | None:
    """A free stretch made only of province short forms (川, 渝, 川渝) names those provinces."""
    if text and all(ch in PROVINCE_SHORT_FORMS for ch in text):
        codes = tuple(dict.fromkeys(PROVINCE_SHORT_FORMS[ch] for ch in text))
        return Segment(text, text, tuple(("province", code) for code in codes), BOOST)
    return None


def read_token(token: str) -> tuple[Segment, ...]:
    """A typed token as segments: the longest vocabulary terms on jieba's word boundaries, the rest free."""
    bounds = sorted(_boundaries(token))
    segments: list[Segment] = []
    free_from = position = 0

    def end_free(until: int) -> None:
        if until > free_from:
            text = token[free_from:until]
            segments.append(_short_forms(text) or Segment(text, text))

    while position < len(token):
        ends = [b for b in reversed(bounds) if position + 2 <= b <= position + MAX_TERM_CHARS]
        reading = None
        if position in bounds:
            reading = next(((end, found) for end in ends if (found := recognise(token[position:end]))), None)
        if reading is None:
            position += 1
            continue
        end, (role, facts) = reading
        end_free(position)
        span = token[position:end]
        also = ()
        if role == THEMATIC:
            also = tuple(w for w in thematic_lexicon()[lookup_key(span)][0] if lookup_key(w) != lookup_key(span))
        segments.append(Segment(span, span, facts, role, also))
        free_from = position = end
    end_free(len(token))
    return tuple(segments)


def _english_key(words: list[str]) -> str | None:
    """The ENGLISH_TERMS (or subject synonym) key for these words, the last one made singular."""
    *head, last = words
    for singular in (
        last,
        last[:-1] if last.endswith("s") else None,
        last[:-2] if last.endswith("es") else None,
        last[:-3] + "y" if last.endswith("ies") else None,
    ):
        if singular:
            key = " ".join([*head, singular])
            if key in v.ENGLISH_TERMS or key in v.SUBJECT_SYNONYMS:
                return key
    return None


def _english(words: list[str]) -> tuple[int, Token] | None:
    """The longest English phrase at the start of ``words`` that the vocabulary knows, as a token."""
    for count in range(min(MAX_ENGLISH_WORDS, len(words)), 0, -1):
        run = words[:count]
        if not all(_ENGLISH_WORD.fullmatch(w) for w in run) or not run[0][0].isalpha():
            continue
        key = _english_key(run)
        if key is None:
            continue
        chinese = v.ENGLISH_TERMS.get(key) or v.SUBJECT_SYNONYMS[key]
        typed = " ".join(run)
        read = read_token(chinese)
        if len(read) == 1 and read[0].role != FREE:
            segment = Segment(typed, chinese, read[0].facts, read[0].role)
        else:
            segment = Segment(typed, chinese)
        return count, Token(typed, (segment,))
    return None


def understand(q: str) -> UnderstoodQuery:
    """Parse, fold and read what a teacher typed."""
    parsed = parse_query(q)
    folded = ParsedQuery(
        normalise_text(parsed.words),
        tuple(normalise_text(p) for p in parsed.phrases),
        tuple(normalise_text(x) for x in parsed.excluded),
    )
    words = folded.words.split()
    tokens: list[Token] = []
    position = 0
    while position < len(words):
        english = _english(words[position:])
        if english:
            count, token = english
            tokens.append(token)
            position += count
            continue
        word = words[position]
        tokens.append(Token(word, read_token(word)))
        position += 1
    return UnderstoodQuery(folded, tuple(tokens))
