"""The second, looser query behind "相关结果": run when the query itself finds fewer than a handful.

Where the strict query wants every word (or three quarters of many), this one is content with
overlap: most of the characters of the words in a short field, most of their bigrams, half of
their jieba words, or a pinyin spelling one or two letters off or inside a longer one — so one
wrong character or one unknown word no longer empties the page. Pure: no client, no I/O.
"""

from __future__ import annotations

from catalog.indexing.segmentation import segment
from catalog.search.query_builder import (
    BIGRAM_FIELDS,
    EXCLUDE_FIELDS,
    SEGMENTED_FIELDS,
    SOURCE_EXCLUDES,
    SearchRequest,
    base_filters,
    facet_term,
    highlight,
    lifts,
    scored,
    selections,
    sort_clauses,
)
from catalog.search.query_understanding import BOOST

# Short fields only: in a file's text most characters of any query occur somewhere.
CHARACTER_OVERLAP_FIELDS = ["title^3", "keywords.text^2", "lesson.unit.text^2", "places.text^1"]
# Up to two characters or bigrams, all of them; of more, all but a quarter (characters) or 40 %
# (bigrams, since one wrong character breaks two of them).
CHARACTER_SHARE = "2<-25%"
BIGRAM_SHARE = "2<-40%"
WORD_SHARE = "1<-50%"
MIN_PINYIN_LETTERS = 4  # shorter runs of letters are inside too many spellings


def relaxed_words(request: SearchRequest) -> str:
    """The words overlap is measured on: what must be found, not the places and kinds that only lift."""
    understood = request.understood
    words = [s.text for t in understood.tokens for s in t.segments if s.role != BOOST]
    return " ".join([*words, *understood.parsed.phrases]).strip()


def _pinyin_near(word: str) -> list[dict]:
    if not (word.isascii() and word.isalpha() and len(word) >= MIN_PINYIN_LETTERS):
        return []
    return [
        {"fuzzy": {"pinyin": {"value": word, "fuzziness": "AUTO", "prefix_length": 1, "boost": 2}}},
        {"wildcard": {"pinyin": {"value": f"*{word}*", "boost": 1}}},
    ]


def overlap_clauses(words: str) -> list[dict]:
    """Ways a resource can be near ``words`` without holding all of them."""
    clauses = [
        {
            "multi_match": {
                "query": words,
                "fields": CHARACTER_OVERLAP_FIELDS,
                "type": "best_fields",
                "minimum_should_match": CHARACTER_SHARE,
            }
        },
        {
            "multi_match": {
                "query": words,
                "fields": BIGRAM_FIELDS,
                "type": "best_fields",
                "minimum_should_match": BIGRAM_SHARE,
            }
        },
        {
            "multi_match": {
                "query": segment(words),
                "fields": SEGMENTED_FIELDS,
                "type": "best_fields",
                "minimum_should_match": WORD_SHARE,
                "boost": 2,
            }
        },
    ]
    for word in words.split():
        clauses += _pinyin_near(word)
    return clauses


def build_relaxed_search(request: SearchRequest, shown: list[str], size: int) -> dict | None:
    """The ``_search`` body for resources near the query, leaving out the ``shown`` ids; None
    when there is nothing to be near (no words, no place or kind)."""
    words = relaxed_words(request)
    understood = request.understood
    # Near the words; only a query of nothing but places and kinds is near those.
    near = overlap_clauses(words) if words else [facet_term(f, v) for f, v in understood.boosts]
    if not near:
        return None
    must_not = [{"ids": {"values": shown}}] if shown else []
    must_not += [
        {"multi_match": {"query": x, "fields": EXCLUDE_FIELDS, "type": "phrase"}} for x in understood.parsed.excluded
    ]
    filters = [*base_filters(request), *selections(request).values()]
    query = {"bool": {"should": near, "minimum_should_match": 1, "filter": filters}}
    if must_not:
        query["bool"]["must_not"] = must_not
    body = {
        "query": scored(query, lifts(understood)),
        "sort": sort_clauses(request),
        "size": size,
        "_source": {"excludes": SOURCE_EXCLUDES},
    }
    if marks := highlight(understood):
        body["highlight"] = marks
    return body
