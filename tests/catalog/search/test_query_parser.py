"""Query text → words, phrases and exclusions; nothing a teacher types is an error."""

from __future__ import annotations

import pytest

from catalog.search.query_parser import MAX_QUERY_CHARS, ParsedQuery, parse_query


def test_plain_words_are_kept_in_order():
    assert parse_query("  分数  三年级 ") == ParsedQuery("分数 三年级", (), ())


@pytest.mark.parametrize("text", ['"几分之一"', "“几分之一”", "「几分之一」", "『几分之一』", "＂几分之一＂"])
def test_quoted_text_is_a_phrase_whatever_the_quotes(text):
    assert parse_query(f"分数 {text}") == ParsedQuery("分数", ("几分之一",), ())


def test_a_leading_minus_excludes_a_word_or_a_phrase():
    parsed = parse_query('分数 -视频 -"课堂 实录" －习题')
    assert parsed.words == "分数"
    assert parsed.excluded == ("视频", "课堂 实录", "习题")


@pytest.mark.parametrize(
    "text, words",
    [
        ('分数 "几分之一', "分数 几分之一"),
        ("分数 -", "分数 -"),
        ("- 分数", "- 分数"),
        ('a" OR title:*', "a OR title:*"),
        ("”反了“", "反了"),
        ("a-b", "a-b"),
    ],
)
def test_unbalanced_quotes_and_lone_minus_are_plain_words(text, words):
    parsed = parse_query(text)
    assert parsed.words == words and parsed.phrases == () and parsed.excluded == ()


def test_empty_phrases_and_duplicates_are_dropped():
    assert parse_query('"" "分数" "分数" -"" ') == ParsedQuery("", ("分数",), ())


def test_nfkc_and_length_cap():
    parsed = parse_query("ＡＢＣ１２３" + "数" * 500)
    assert parsed.words.startswith("ABC123")
    assert len(parsed.words) == MAX_QUERY_CHARS


def test_control_and_private_use_characters_become_spaces():
    assert parse_query("分数\x00\ue000几分\u200b之一").words == "分数 几分 之一"


def test_is_empty_only_without_words_and_phrases():
    assert parse_query("  ").is_empty and parse_query("-视频").is_empty
    assert not parse_query('"分数"').is_empty
