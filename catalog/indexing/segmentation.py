"""Chinese text into index terms: jieba segmentation and pinyin, shared by indexer and search.

The node has no Chinese analyzer, so segmentation happens here and the index stores the
segmented text in a ``whitespace``-analysed field. Queries go through the same function.
Segmentation is jieba's, run by rjieba (jieba-rs, the same dictionary): about seven times faster,
and its words equal jieba's over the whole sample corpus (tests/catalog/indexing/test_rjieba_tokens.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from catalog.indexing.pinyin_runs import syllable_runs

# A term worth indexing holds at least one letter, digit or CJK character.
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff]")


# Control characters carry no meaning in text, and the engine reserves some (U+001F in
# completion inputs): they become spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# rjieba, OpenCC and pypinyin load their dictionaries on import (about a second together) and
# a run that only copies documents or compares fingerprints never segments: each is imported
# by the first call that needs it.


# Traditional → simplified, character by character and by OpenCC's phrase table: records and
# teachers' queries in either script meet in one form. One converter; convert() is read-only.
@lru_cache(maxsize=1)
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s")


def fold_script(text: str) -> str:
    """Traditional Chinese characters as simplified ones (傳統 → 传统); other text unchanged."""
    return _to_simplified().convert(text) if _HAN.search(text) else text


def normalise_text(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lowercase, control characters as
    spaces — as both index and query see text."""
    return fold_script(_CONTROL.sub(" ", unicodedata.normalize("NFKC", text))).lower()


def load_dictionary() -> None:
    """Load the dictionary now rather than during the first search."""
    import rjieba

    rjieba.cut("词典", False)


def segment_words(text: str) -> list[str]:
    """Search-mode jieba terms (HMM off, so results do not depend on the model's guesses)."""
    if not text:
        return []
    import rjieba

    return [w for w in rjieba.cut_for_search(normalise_text(text), False) if _WORD.search(w)]


def segment(text: str) -> str:
    """The text as space-separated terms for a ``whitespace``-analysed field."""
    return " ".join(segment_words(text))


def cut_words(text: str) -> list[str]:
    """Precise-mode jieba words of normalised text (HMM off), punctuation left out."""
    return _plain_words(text)


def _plain_words(text: str) -> list[str]:
    return list(_cut_once(text))


# A document's title is cut for its pinyin, its completions and its vocabulary, and places and
# subjects repeat across resources: each text is cut once (the cache holds the recent ones).
@lru_cache(maxsize=4096)
def _cut_once(text: str) -> tuple[str, ...]:
    import rjieba

    return tuple(w for w in rjieba.cut(normalise_text(text), False) if _WORD.search(w))


def word_starts(text: str) -> list[int]:
    """Offsets in ``normalise_text(text)`` where a search-mode jieba word begins, in order."""
    import rjieba

    normalised = normalise_text(text)
    tokens = rjieba.tokenize(normalised, "search", False) if normalised else []
    return sorted({start for word, start, _ in tokens if _WORD.search(word)})


def _spelled(words: list[str]) -> tuple[list[str], list[str]]:
    spellings = [_word_spelling(w) for w in words]
    return [full for full, _ in spellings], [initials for _, initials in spellings]


# pypinyin takes about 40 µs a word and a catalog's words repeat: each word is spelled once.
@lru_cache(maxsize=65536)
def _word_spelling(word: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    # A character pypinyin cannot spell (rare Extension-A characters) is left out, not copied.
    full = "".join(lazy_pinyin(word, errors="ignore"))
    return full, "".join(lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore"))


def pinyin_spellings(text: str) -> list[str]:
    """``text`` spelled out and as initials, whole (``fenshudechuburenshi``, ``fsdcbrs``): the
    first two of ``pinyin_terms``; none for text without Chinese."""
    full, initials = _spelled([w for w in _plain_words(text) if _HAN.search(w)])
    return list(dict.fromkeys(s for s in ("".join(full), "".join(initials)) if s))


def pinyin_terms(text: str) -> list[str]:
    """Pinyin spellings that should reach ``text``: whole-text full and initials, per word, and
    every run of syllables inside a word.

    ``分数的初步认识`` gives ``fenshudechuburenshi``, ``fsdcbrs``, word terms such as
    ``fenshu`` and ``fs``, and adjacent pairs such as ``chuburenshi``, so both ``shuxue`` and
    ``sx`` reach 数学; ``勾股定理`` also gives ``dingli`` and ``dl`` (``pinyin_runs``).
    """
    words = [w for w in _plain_words(text) if _HAN.search(w)]
    if not words:
        return []
    full, initials = _spelled(words)
    # Adjacent words joined too: a teacher types 植树问题 as "zhishuwenti", not word by word.
    pairs = [a + b for a, b in zip(full, full[1:])] + [a + b for a, b in zip(initials, initials[1:])]
    inside = [run for w in dict.fromkeys(words) for run in syllable_runs(w)]
    terms = ["".join(full), "".join(initials), *full, *initials, *pairs, *inside]
    return list(dict.fromkeys(t for t in terms if t))
