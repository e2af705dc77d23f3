"""Summaries and file texts as a teacher reads them in a snippet. Pure: no I/O.

Markdown marks (``##``, ``**``, list bullets, ``>``, links) are left out, keeping their words; the
line breaks and spaces that PDF extraction leaves inside Chinese text ("小 组交流", a line wrapped
inside a word) are removed where both neighbours are CJK, so latin words stay apart. Done at index
time: the stored text is what the engine highlights, and segmenting it whole finds 小组 and 交流.
"""

from __future__ import annotations

import re

# Ideographs, CJK punctuation (、。《》), full-width forms (，：（）) and the curly quotes and dashes
# Chinese text sets: a space between two of them is never meant.
_CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’—…"
_SPACE_INSIDE_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
# Marks at the start of a line: headings, quotes, bullets (nested: "> - item").
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}(?=\s|$)|>|[-*+•](?=\s))[ \t]*")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_DIVIDER = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
# (the character that must be in a line for the mark to be there, the mark, what is kept)
_INLINE = [
    ("](", re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # [words](url), ![alt](url)
    ("**", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    ("__", re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    ("~~", re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    ("`", re.compile(r"`([^`\n]+)`"), r"\1"),
]
_MARK_STARTS = frozenset("#>-*+•_|")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def _plain_line(line: str) -> tuple[str, bool]:
    """The line without its marks, and whether it had any (a block of its own: heading, item, quote, row)."""
    if line.lstrip()[:1] not in _MARK_STARTS:  # most lines: only inline marks to look for
        return _without_inline_marks(line), False
    if _RULE.match(line) or _TABLE_DIVIDER.match(line):
        return "", True
    was_heading = line.lstrip().startswith("#")
    previous, marked = None, False
    while previous != line:  # "> - item": one mark after another
        previous, line = line, _LINE_MARK.sub("", line, count=1)
        marked = marked or previous != line
    if was_heading:
        line = _CLOSING_HASHES.sub("", line)
    if line.strip().startswith("|") and line.strip().endswith("|"):
        line, marked = " / ".join(cell.strip() for cell in line.strip().strip("|").split("|")), True
    return _without_inline_marks(line), marked


def _without_inline_marks(line: str) -> str:
    for sign, pattern, replacement in _INLINE:
        if sign in line:
            line = pattern.sub(replacement, line)
    return line


def _blocks(text: str) -> list[str]:
    """Paragraphs (lines wrapped by extraction, joined) and marked lines, each a block of its own."""
    blocks, paragraph = [], []
    for raw in text.splitlines():
        line, marked = _plain_line(raw)
        if marked or not line.strip():
            blocks.append(" ".join(paragraph))
            blocks.append(line)
            paragraph = []
        else:
            paragraph.append(line)
    blocks.append(" ".join(paragraph))
    return [block for block in blocks if block.strip()]


def snippet_text(text: str) -> str:
    """``text`` without markdown marks or extraction's spaces between CJK characters; blocks (paragraphs,
    headings, list items) apart."""
    if not text:
        return ""
    blocks = (_SPACE_INSIDE_CJK.sub("", _SPACES.sub(" ", block).strip()) for block in _blocks(text))
    return "\n\n".join(blocks)  # a blank line: cleaning the text again keeps the blocks apart
