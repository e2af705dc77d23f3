"""The resources index: settings, analyzers and the explicit mapping, as data.

Concrete indices are named ``<alias>-<stamp>`` and read through the alias; a rebuild fills a
new one and moves the alias (design.md, rule 5). Text fields come in three forms:
``*_seg`` (jieba terms, ``whitespace``), the original text (``standard``: one token per CJK
character, for phrases and highlighting) and its ``.bigram`` sub-field (recall).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

ANALYSIS = {
    "filter": {
        "cjk_bigram": {
            "type": "shingle",
            "min_shingle_size": 2,
            "max_shingle_size": 2,
            "output_unigrams": False,
            "token_separator": "",
        },
    },
    "analyzer": {
        "bigram": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "cjk_bigram"]},
    },
}

KEYWORD = {"type": "keyword"}
LOWER_KEYWORD = {"type": "keyword", "normalizer": "lowercase", "ignore_above": 512}
NOT_INDEXED = {"type": "keyword", "index": False, "doc_values": False}
# segment() already lowercases and NFKC-normalises; the core has the whitespace analyzer but
# not the tokenizer, so no custom analyzer can add to it.
SEGMENTED = {"type": "text", "analyzer": "whitespace"}
COMPLETION = {
    # No keyword tokenizer in the server core: inputs and prefixes are normalised in Python.
    "type": "completion",
    "analyzer": "keyword",
    "search_analyzer": "keyword",
    "max_input_length": 60,
    "contexts": [{"name": "type", "type": "category", "path": "type"}],
}


def phrase_text(**extra) -> dict:
    """A ``standard`` text field with a bigram sub-field; offsets kept for fast highlighting."""
    return {
        "type": "text",
        "analyzer": "standard",
        "index_options": "offsets",
        "fields": {"bigram": {"type": "text", "analyzer": "bigram"}, **extra},
    }


def keyword_with_text() -> dict:
    """A facet value that is also searchable as words (names, units, activities)."""
    return {"type": "keyword", "fields": {"text": {"type": "text", "analyzer": "standard"}}}


MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "province": KEYWORD,
        "resource_id": KEYWORD,
        "type": KEYWORD,
        "title": phrase_text(exact={"type": "keyword", "normalizer": "lowercase", "ignore_above": 512}),
        "title_seg": SEGMENTED,
        "summary": phrase_text(),
        "summary_seg": SEGMENTED,
        "keywords": {**LOWER_KEYWORD, "fields": {"text": {"type": "text", "analyzer": "standard"}}},
        "keywords_seg": SEGMENTED,
        "file_text_seg": SEGMENTED,
        "pinyin": SEGMENTED,
        # The title's own pinyin again: a spelling that is the title's outranks one that is a keyword's.
        "title_pinyin": SEGMENTED,
        # suggestion_inputs: a title from its start and from each word inside it, by characters and pinyin.
        "suggest": COMPLETION,
        # suggestion_inputs: subjects, categories, themes and places, a field apart (one input per document).
        "suggest_values": COMPLETION,
        # suggestion_inputs: a suggest_values input → the value it shows.
        "suggest_display": {"type": "object", "enabled": False},
        "subjects": KEYWORD,
        "stages": KEYWORD,
        "grades": KEYWORD,
        "unmapped": KEYWORD,
        "publisher": {"properties": {"name": keyword_with_text(), "kind": KEYWORD}},
        "region": {"properties": {"city": KEYWORD, "district": KEYWORD}},
        "language": KEYWORD,
        "license": KEYWORD,
        "published_at": {"type": "date"},
        "updated_at": {"type": "date"},
        # Every place of the resource (a base's location, each tour destination): distance and radius.
        "locations": {"type": "geo_point"},
        "places": keyword_with_text(),
        # The cities and districts a resource is at (a tour: where it goes), for place words in a query.
        "sites": KEYWORD,
        "files": {
            "properties": {
                "name": KEYWORD,
                "role": KEYWORD,
                "media_type": KEYWORD,
                "size": {"type": "long"},
                "sha256": NOT_INDEXED,
                "etag": NOT_INDEXED,
                "text": phrase_text(),
                "text_error": NOT_INDEXED,
                "text_truncated": {"type": "boolean"},
                # Cut short by the time budget: read again on the next run, never reused.
                "text_timed_out": {"type": "boolean"},
            }
        },
        "lesson": {
            "properties": {
                "edition": KEYWORD,
                "volume": KEYWORD,
                "unit": keyword_with_text(),
                "format": KEYWORD,
                "duration_minutes": {"type": "float"},
            }
        },
        # comparison_keys: the lesson's unit and its name part, so a query naming the unit finds its lessons.
        "unit_keys": KEYWORD,
        # comparison_keys: the same title of the same type from several publishers shares a key (collapsed).
        "title_type_key": KEYWORD,
        # vocabulary_terms: what "您是不是要找" offers, found by fuzzy queries on the whole term or its pinyin.
        "vocabulary": KEYWORD,
        "vocabulary_pinyin": KEYWORD,
        "study_tour": {
            "properties": {
                "theme": KEYWORD,
                "duration_days": {"type": "float"},
                "capacity": {"type": "integer"},
                "fee_cny": {"type": "float"},
                "months": {"type": "byte"},
                "organizer": keyword_with_text(),
                "safety_notes": {"type": "text", "analyzer": "standard"},
                "destinations": {
                    "properties": {"name": keyword_with_text(), "district": KEYWORD, "location": {"type": "geo_point"}}
                },
            }
        },
        "practice_base": {
            "properties": {
                "categories": KEYWORD,
                "address": keyword_with_text(),
                "location": {"type": "geo_point"},
                "capacity": {"type": "integer"},
                "opening_hours": NOT_INDEXED,
                "booking": {"properties": {"phone": NOT_INDEXED, "url": NOT_INDEXED}},
                "activities": keyword_with_text(),
                "free_for_students": {"type": "boolean"},
            }
        },
        # The catalog's own decisions, merged from its database (curation).
        "review_state": KEYWORD,
        "tags": KEYWORD,
        "featured": {"type": "boolean"},
        # The approved version of a school's resource that the live folder holds (none for feeds).
        "published_version": {"type": "integer"},
        "sync": {
            "properties": {
                "json_key": NOT_INDEXED,
                # Hash of every (object name, ETag) in the folder: unchanged means nothing to do.
                "fingerprint": KEYWORD,
                # The builder's FORMAT_VERSION: a rebuild copies only documents of the current one.
                "format": {"type": "integer"},
                # resource.json as read: a format change rebuilds the document from it, not from storage.
                "resource_json": NOT_INDEXED,
                # The unmapped values and file problems the run that built it reported: a copy reports them again.
                "reported": {"type": "object", "enabled": False},
                "indexed_at": {"type": "date"},
            }
        },
    },
}

SHARDS = 1


def index_body(*, shards: int = SHARDS, replicas: int = 0, for_bulk_load: bool = False) -> dict:
    """Create-index body; ``for_bulk_load`` turns refresh off (and replicas to 0) until the load is done."""
    settings = {
        "number_of_shards": shards,
        "number_of_replicas": 0 if for_bulk_load else replicas,
        "analysis": ANALYSIS,
        "max_result_window": 10_000,
    }
    if for_bulk_load:
        settings["refresh_interval"] = "-1"
    return {"settings": settings, "mappings": MAPPINGS}


def concrete_index_name(alias: str, now: datetime | None = None) -> str:
    """A fresh, sortable concrete index name behind ``alias``."""
    now = now or datetime.now(UTC)
    return f"{alias}-{now:%Y%m%d%H%M%S%f}"


def is_concrete_index_of(alias: str, name: str) -> bool:
    return re.fullmatch(re.escape(alias) + r"-\d{20}", name) is not None


def document_id(province: str, resource_id: str) -> str:
    """The document ``_id``: one per (province, resource id), so every write is an overwrite."""
    return f"{province}:{resource_id}"
