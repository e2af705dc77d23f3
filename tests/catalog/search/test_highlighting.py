"""Highlights are escaped before our own <mark> tags go back in."""

from __future__ import annotations

from markupsafe import Markup

from catalog.search.highlighting import plain_or_highlight, safe_highlight
from catalog.search.query_builder import MARK_END as E
from catalog.search.query_builder import MARK_START as S


def test_markup_in_the_text_is_escaped_and_marks_restored():
    html = safe_highlight(f"<script>alert(1)</script>{S}分{E}{S}数{E} & more")
    assert isinstance(html, Markup)
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>分数</mark> &amp; more"


def test_marks_are_balanced_whatever_the_sentinels():
    assert safe_highlight(f"{E}a{S}b{S}c") == "a<mark>bc</mark>"


def test_a_literal_mark_tag_in_the_text_stays_text():
    assert safe_highlight(f"<mark>x</mark>{S}y{E}") == "&lt;mark&gt;x&lt;/mark&gt;<mark>y</mark>"


def test_plain_or_highlight_escapes_the_source_without_fragments():
    assert plain_or_highlight("<b>标题</b>", []) == "&lt;b&gt;标题&lt;/b&gt;"
    assert plain_or_highlight("<b>标题</b>", None) == "&lt;b&gt;标题&lt;/b&gt;"


def test_plain_or_highlight_joins_fragments():
    html = plain_or_highlight("ignored", [f"{S}一{E}", "二<"])
    assert html == "<mark>一</mark> … 二&lt;"


def test_markup_survives_jinja_style_escaping():
    # Markup is not escaped again when a template inserts it.
    from markupsafe import escape

    assert escape(safe_highlight(f"{S}<x>{E}")) == "<mark>&lt;x&gt;</mark>"
