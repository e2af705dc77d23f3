"""A resource's own vocabulary: the terms "您是不是要找" may offer, and their pinyin. Pure: no I/O.

Title words, a short title whole, the book title inside 《》, keywords and the unit's name — what a
teacher types and may mistype by one character (勾股定力) or by its sound (够股定理). Kept as keywords,
so a fuzzy query compares whole terms character by character.
"""

from __future__ import annotations

import re
from functools import lru_cache

from catalog.indexing.comparison_keys import compact_key, unit_name
from catalog.indexing.segmentation import cut_words

MAX_WHOLE_TITLE = 16  # longer titles are sentences, not terms anyone types whole
MIN_LATIN_WORD = 4
_HAN = re.compile(r"[\u3400-\u9fff]")
_BOOK_TITLE = re.compile(r"《([^》]{2,30})》")


def _is_term(word: str) -> bool:
    if _HAN.search(word):
        return len(word) >= 2
    return word.isalpha() and len(word) >= MIN_LATIN_WORD


def vocabulary_terms(title: str, keywords: list[str], unit: str = "") -> list[str]:
    """The terms of one resource, folded (simplified, lowercase), without spaces or punctuation."""
    terms = [*cut_words(title), *_BOOK_TITLE.findall(title), *keywords]
    if _HAN.search(title) and len(compact_key(title)) <= MAX_WHOLE_TITLE:
        terms.append(title)
    if unit:
        terms.append(unit_name(unit))
    keys = (compact_key(term) for term in terms)
    return list(dict.fromkeys(key for key in keys if _is_term(key)))


@lru_cache(maxsize=65536)  # did-you-mean spells the same candidates query after query
def term_pinyin(term: str) -> str:
    """A term's toneless pinyin run together (勾股定理 → gougudingli); latin terms as they are."""
    from pypinyin import lazy_pinyin  # on first use: it loads its dictionaries on import

    return "".join(lazy_pinyin(term, errors="ignore")) if _HAN.search(term) else term


def vocabulary_pinyin(terms: list[str]) -> list[str]:
    """The pinyin of the Chinese terms: a homophone typed by an input method is near them."""
    return list(dict.fromkeys(term_pinyin(term) for term in terms if _HAN.search(term)))
