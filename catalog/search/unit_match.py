"""A query that names a curriculum unit: that unit's lessons first, all of them. Pure: no client, no I/O.

The index keeps each lesson's unit as compact keys (``comparison_keys.unit_keys``: the whole unit
and its name part). A query whose words, as a whole, are such a key (第二十一章 一元二次方程, or
一元二次方程) recalls every lesson of the unit, titles holding the words or not, and lifts them; a
single typed word that is a unit's name (一元二次方程 in 人教版 一元二次方程) lifts that unit's lessons.
"""

from __future__ import annotations

from catalog.indexing.comparison_keys import compact_key
from catalog.search.query_understanding import BOOST, UnderstoodQuery

UNIT_FIELD = "unit_keys"
# The unit's lessons score about (1 + UNIT_LIFT) times what their words alone earn: past the spread
# among lessons that share the words (measured on the sample corpus, at most ~1.3×).
UNIT_LIFT = 3
# A lesson found only by its unit still earns about what a lesson earns for one of the words in its title.
UNIT_RECALL_BOOST = 20
MIN_WORD_KEY = 2  # one character (比, 圆) names a unit only as the whole query


def whole_query_keys(understood: UnderstoodQuery) -> list[str]:
    """The query as a unit key: everything typed, and the words without the places and kinds that only lift."""
    everything = compact_key(understood.text)
    required = compact_key("".join(s.text for t in understood.tokens for s in t.segments if s.role != BOOST))
    return [key for key in dict.fromkeys([everything, required]) if key]


def word_keys(understood: UnderstoodQuery) -> list[str]:
    """Typed words (between spaces) that could each name a unit."""
    keys = [compact_key(t.typed) for t in understood.tokens] if len(understood.tokens) > 1 else []
    return [key for key in dict.fromkeys(keys) if len(key) >= MIN_WORD_KEY]


def unit_recall(understood: UnderstoodQuery) -> list[dict]:
    """A ``must`` alternative: a lesson of the unit the whole query names, its title holding the words or not."""
    keys = whole_query_keys(understood)
    return [{"terms": {UNIT_FIELD: keys, "boost": UNIT_RECALL_BOOST}}] if keys else []


def unit_lifts(understood: UnderstoodQuery) -> list[dict]:
    """``function_score`` functions lifting the lessons of a unit the query, or one of its words, names."""
    keys = list(dict.fromkeys([*whole_query_keys(understood), *word_keys(understood)]))
    return [{"filter": {"terms": {UNIT_FIELD: keys}}, "weight": UNIT_LIFT}] if keys else []
