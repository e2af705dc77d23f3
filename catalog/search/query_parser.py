"""What a teacher typed → words, quoted phrases and exclusions; never an error.

The grammar is deliberately tiny: ``"quoted text"`` (ASCII or full-width “”「」『』 quotes) is a
phrase, a leading ``-`` on a word or a quoted phrase excludes it. Anything unbalanced is read
as plain words, so no input can fail to parse, and nothing here ever becomes query syntax.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 200

# Opening quote → the quotes that may close it. NFKC has already turned full-width ＂ into ".
_CLOSERS = {'"': '"', "“": '”"', "「": "」", "『": "』"}
_QUOTES = frozenset(_CLOSERS) | frozenset("”」』")


@dataclass(frozen=True)
class ParsedQuery:
    words: str = ""
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    # Control characters (and our highlight sentinels, which live in the private-use area)
    # have no business in a query.
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Co", "Cf") else ch for ch in text)
    return text[:MAX_QUERY_CHARS]


def _closing(text: str, start: int, opener: str) -> int:
    """Index of the quote closing the one at ``start``, or -1 when it is never closed."""
    closers = _CLOSERS[opener]
    for index in range(start + 1, len(text)):
        if text[index] in closers:
            return index
    return -1


def parse_query(text: str) -> ParsedQuery:
    """Split ``text`` into plain words, ``"phrases"`` and ``-excluded`` words or phrases."""
    text = _clean(text)
    words: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    current: list[str] = []

    def end_word() -> None:
        word = "".join(current)
        current.clear()
        if not word:
            return
        if word.startswith("-") and word.strip("-"):
            excluded.append(word.lstrip("-"))
        else:
            words.append(word)

    index = 0
    while index < len(text):
        ch = text[index]
        if ch in _CLOSERS and (close := _closing(text, index, ch)) != -1:
            negated = current == ["-"]
            if not negated:
                end_word()
            current.clear()
            phrase = " ".join(text[index + 1 : close].split())
            if phrase:
                (excluded if negated else phrases).append(phrase)
            index = close + 1
            continue
        if ch.isspace() or ch in _QUOTES:  # an unmatched quote is just a separator
            end_word()
        else:
            current.append(ch)
        index += 1
    end_word()
    return ParsedQuery(" ".join(words), tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(excluded)))
