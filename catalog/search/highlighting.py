"""Highlight fragments → safe HTML: escape everything first, then put the ``<mark>`` tags back.

The engine marks hits with private-use sentinels (``search_query.MARK_START``/``MARK_END``)
rather than HTML, so a title containing ``<script>`` is escaped like any other text and only
our own ``<mark>`` elements survive as markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from catalog.search.query_builder import MARK_END, MARK_START

ELLIPSIS = Markup(" … ")


def safe_highlight(fragment: str) -> Markup:
    """``fragment`` as HTML with every sentinel pair turned into one balanced ``<mark>``."""
    # Adjacent marks (one per CJK character from the standard analyzer) become one.
    fragment = fragment.replace(MARK_END + MARK_START, "")
    parts: list[str] = []
    open_mark = False
    for piece in _split_keeping(fragment):
        if piece == MARK_START:
            if not open_mark:
                parts.append("<mark>")
                open_mark = True
        elif piece == MARK_END:
            if open_mark:
                parts.append("</mark>")
                open_mark = False
        else:
            parts.append(str(escape(piece)))
    if open_mark:
        parts.append("</mark>")
    return Markup("".join(parts))


def _split_keeping(text: str) -> list[str]:
    pieces, current = [], []
    for ch in text:
        if ch in (MARK_START, MARK_END):
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(ch)
        else:
            current.append(ch)
    if current:
        pieces.append("".join(current))
    return pieces


def plain_text(text: str | None) -> Markup:
    """Stored text shown without highlights; stray sentinels in it are dropped, not marked."""
    return escape((text or "").replace(MARK_START, "").replace(MARK_END, ""))


def plain_or_highlight(source_text: str | None, fragments: list[str] | None) -> Markup:
    """The highlighted fragments joined by an ellipsis, or the escaped source text when none."""
    if fragments:
        return ELLIPSIS.join(safe_highlight(f) for f in fragments)
    return plain_text(source_text)
