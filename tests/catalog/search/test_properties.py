"""Properties that hold for any input (hypothesis): query parsing, query building, normalisation."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.indexing.segmentation import normalise_text, pinyin_terms, segment
from catalog.resources.vocabularies import GRADES, STAGES, SUBJECTS
from catalog.resources.vocabulary_mapping import normalise_classification
from catalog.search.query_builder import SearchRequest, build_search
from catalog.search.query_parser import parse_query

# Chinese, ASCII, full-width forms, quotes, minus signs, control and odd characters.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from('"“”-－ \t\u3000*?:\\/()[]{}~^!&|<>+=，。'),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)

QUERY_SYNTAX_KEYS = {"query_string", "simple_query_string", "regexp", "wildcard", "script"}


def keys_of(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_parses_into_parts_taken_from_the_text(text):
    parsed = parse_query(text)
    for phrase in parsed.phrases:
        assert phrase.strip() and '"' not in phrase
    for excluded in parsed.excluded:
        assert excluded and not excluded.startswith("-")
    assert parse_query(text) == parsed  # deterministic


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["relevance", "newest"]))
def test_any_text_builds_a_request_without_query_syntax_that_serialises(text, sort):
    body = build_search(SearchRequest(q=text, sort=sort))
    json.dumps(body, ensure_ascii=False)
    assert not keys_of(body) & QUERY_SYNTAX_KEYS
    assert {"term": {"review_state": "published"}} in body["query"]["function_score"]["query"]["bool"]["filter"]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_text_normalisation_is_idempotent_and_segments_have_no_spaces(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert all(token and not any(c.isspace() for c in token) for token in segment(text).split(" ") if token)
    assert all(term.isascii() for term in pinyin_terms(text))


VALUES = st.lists(
    st.one_of(st.sampled_from(SUBJECTS + STAGES + GRADES + ("高中政治", "初一", "思品", "math")), TEXT), max_size=5
)


@settings(max_examples=300, deadline=None)
@given(VALUES, VALUES, VALUES)
def test_classification_lands_in_the_vocabularies_and_is_stable(subjects, stages, grades):
    found = normalise_classification(subjects, stages, grades)
    assert set(found.subjects) <= set(SUBJECTS) and set(found.stages) <= set(STAGES)
    assert set(found.grades) <= set(GRADES)
    again = normalise_classification(list(found.subjects), list(found.stages), list(found.grades))
    assert (again.subjects, again.stages, again.grades) == (found.subjects, found.stages, found.grades)
    assert again.unmapped == ()


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_normalised_text_has_no_control_characters(text):
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in normalise_text(text))
