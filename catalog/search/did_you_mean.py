"""您是不是要找: a correction for a query that found little, from the index's own vocabulary. Pure.

Each typed word the vocabularies did not read is compared with the resources' vocabulary terms
(``vocabulary_terms``: title words, short titles, keywords, unit names) as whole keywords: one wrong
character in a 3–5 character term, two in a longer one (勾股定力 → 勾股定理), or the same distance in
pinyin, so a homophone from an input method (够股定理) or mistyped pinyin (gougudinli) is near too.
The engine finds candidate resources with ``fuzzy`` queries (the core has them; the ``term``
suggester would offer terms of unpublished resources, which no filter reaches); the nearest term
among theirs is chosen here.
"""

from __future__ import annotations

import re
from collections import Counter

from catalog.indexing.comparison_keys import compact_key
from catalog.indexing.vocabulary_terms import term_pinyin
from catalog.search.query_builder import SearchRequest, base_filters, selections
from catalog.search.query_understanding import FREE, UnderstoodQuery

MAX_WORDS = 4  # words corrected in one query; more is a sentence, not a typo
CANDIDATE_RESOURCES = 30
MIN_LATIN = 4
_HAN = re.compile(r"[\u3400-\u9fff]")


def allowed_edits(text: str) -> int:
    """Edits a term of this length may be away (the engine's AUTO): none up to 2, one up to 5, then two."""
    return 0 if len(text) <= 2 else 1 if len(text) <= 5 else 2


def allowed_sound_edits(word: str) -> int:
    """Pinyin edits: a homophone (none) for a Chinese word of two characters, one for a longer one; typed
    pinyin as many as any term of its letters."""
    if _HAN.search(word):
        return 0 if len(word) <= 2 else 1
    return allowed_edits(word)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance by characters (a CJK character is one)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def correctable_words(understood: UnderstoodQuery) -> list[str]:
    """Typed words not read whole by a vocabulary, folded and compact: the ones a typo may hide in
    (物理变头 is read as the subject 物理 and free text, and may be 物理变化)."""
    words = []
    for token in understood.tokens:
        if all(segment.role != FREE for segment in token.segments):
            continue
        word = compact_key(token.typed)
        if (len(word) >= 2 if _HAN.search(word) else len(word) >= MIN_LATIN) and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _near(word: str) -> list[dict]:
    clauses = []
    if allowed_edits(word):
        clauses.append({"fuzzy": {"vocabulary": {"value": word, "fuzziness": allowed_edits(word), "prefix_length": 0}}})
    sound = term_pinyin(word)
    if sound.isascii():
        edits = allowed_sound_edits(word)
        clauses.append({"fuzzy": {"vocabulary_pinyin": {"value": sound, "fuzziness": edits, "prefix_length": 1}}})
    return clauses


def build_correction_search(request: SearchRequest) -> dict | None:
    """The ``_search`` body for resources holding terms near the query's words; None when no word can be corrected."""
    near = [clause for word in correctable_words(request.understood) for clause in _near(word)]
    if not near:
        return None
    filters = [*base_filters(request), *selections(request).values()]
    return {
        "query": {"bool": {"should": near, "minimum_should_match": 1, "filter": filters}},
        "size": CANDIDATE_RESOURCES,
        "_source": ["vocabulary"],
        "track_total_hits": False,
    }


def _closeness(word: str, term: str) -> tuple[int, int] | None:
    """(pinyin or character distance, character distance) when ``term`` is near enough to ``word``."""
    by_characters = edit_distance(word, term)
    by_sound = edit_distance(term_pinyin(word), term_pinyin(term))
    near_characters = by_characters <= allowed_edits(word)
    near_sound = by_sound <= allowed_sound_edits(word) and bool(_HAN.search(term))
    if not (near_characters or near_sound) or term == word:
        return None
    return min(by_characters if near_characters else 99, by_sound if near_sound else 99), by_characters


def corrected_query(understood: UnderstoodQuery, hits: list[dict]) -> str | None:
    """The query with each correctable word replaced by its nearest vocabulary term, or None when none is near."""
    counts = Counter(term for hit in hits for term in hit.get("_source", {}).get("vocabulary", []))
    replacements = {}
    for word in correctable_words(understood):
        near = [(closeness, -count, term) for term, count in counts.items() if (closeness := _closeness(word, term))]
        if near:
            replacements[word] = min(near)[2]
    if not replacements:
        return None
    words = [replacements.get(compact_key(token.typed), token.typed) for token in understood.tokens]
    parts = [*words, *(f'"{phrase}"' for phrase in understood.parsed.phrases)]
    parts += [f'-"{word}"' if " " in word else f"-{word}" for word in understood.parsed.excluded]
    return " ".join(parts)
