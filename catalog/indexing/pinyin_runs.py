"""Pinyin at syllable level: every run of whole syllables inside a word, spelled out and as initials.

The node has no ngram filter or pinyin plugin, so the runs are index terms computed here:
``勾股定理`` gives ``gougu``, ``guding``, ``dingli``, ``gougudingli`` … and ``gg``, ``dl`` …, and a
query word is looked up as one term. Runs start and end on syllables, so ``ongma`` reaches nothing.
"""

from __future__ import annotations

from functools import lru_cache

# A single syllable (``li``, ``shu``) is inside too many words to mean one; a word's own
# spelling, one syllable or more, is a term of its own (segmentation.pinyin_terms).
MIN_RUN_SYLLABLES = 2
# Runs of up to six syllables: title words are two to four characters, the rare longer one
# (a museum's name) is reached by its first six, and a word of n syllables gives at most
# 5n − 15 runs of each style instead of n²/2.
MAX_RUN_SYLLABLES = 6


def syllables(word: str) -> tuple[list[str], list[str]]:
    """The word's syllables spelled out and as initials; a character pypinyin cannot spell is left out."""
    from pypinyin import Style, lazy_pinyin  # on first use: it loads its dictionaries on import

    full = [s for s in lazy_pinyin(word, errors="ignore") if s.isascii() and s.isalpha()]
    initials = [s for s in lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore") if s.isascii() and s.isalpha()]
    return full, initials if len(initials) == len(full) else [s[0] for s in full]


def runs(parts: list[str]) -> list[str]:
    """Every contiguous run of ``MIN_RUN_SYLLABLES`` to ``MAX_RUN_SYLLABLES`` parts, joined."""
    return [
        "".join(parts[start : start + length])
        for length in range(MIN_RUN_SYLLABLES, min(MAX_RUN_SYLLABLES, len(parts)) + 1)
        for start in range(len(parts) - length + 1)
    ]


def syllable_runs(word: str) -> list[str]:
    """The runs of ``word``'s syllables, spelled out then as initials (``dingli``, ``dl`` …)."""
    return list(_word_runs(word))


@lru_cache(maxsize=65536)  # title words repeat across a catalog; pypinyin is the cost
def _word_runs(word: str) -> tuple[str, ...]:
    full, initials = syllables(word)
    return tuple(dict.fromkeys([*runs(full), *runs(initials)]))
