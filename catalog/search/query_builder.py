"""A search request → the Elasticsearch request body. Pure: no client, no I/O.

Relevance in short: the query is cut into jieba words; every word (up to a quarter of them in
long queries) must be found somewhere — as a segmented term, a run of characters, a bigram, a
facet value or a pinyin spelling — and scores come from the segmented fields weighted
title > keywords/unit > summary > file text, the bigram sub-fields, a title phrase and an
exact-title term that puts the resource whose title was typed first. Before that the words
are read (``query_understanding``): places and kinds of resource named lift their resources
instead of being required, and everyday or English spellings may be found as facet values.
User text only ever appears as the ``query`` of match/term queries, never in ``query_string`` syntax.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from catalog.field_problem import FieldProblem
from catalog.indexing.segmentation import normalise_text, segment, segment_words
from catalog.messages import N_
from catalog.resources.districts import DISTRICTS
from catalog.search.facet_definitions import FACETS, FACETS_BY_NAME
from catalog.search.query_parser import ParsedQuery, parse_query
from catalog.search.query_understanding import BOOST, FREE, THEMATIC, Segment, Token, UnderstoodQuery, understand
from catalog.search.unit_match import unit_lifts, unit_recall
from catalog.search.versions import GROUPS_AGG, collapse, group_count

MAX_SIZE = 50
MAX_RESULT_WINDOW = 10_000  # index_definition's max_result_window: paging by offset stops here
SORTS = ("relevance", "newest", "distance")
# Private-use sentinels around highlighted terms: escaped text can never contain them as markup.
MARK_START, MARK_END = "\ue000", "\ue001"

SEGMENTED_FIELDS = ["title_seg^6", "keywords_seg^3", "summary_seg^2", "file_text_seg^1"]
BIGRAM_FIELDS = ["title.bigram^3", "summary.bigram^1", "files.text.bigram^0.5"]
# Character runs (standard analyzer: one token per CJK character) — a phrase is a substring.
CHARACTER_FIELDS = [
    "title^3",
    "keywords.text^2",
    "lesson.unit.text^2",
    "summary^1",
    "places.text^1",
    "publisher.name.text^1",
    "files.text^0.5",
]
PHRASE_FIELDS = ["title", "summary", "files.text"]
EXCLUDE_FIELDS = ["title", "summary", "files.text", "keywords.text", "lesson.unit.text"]
# Facet values a query word may name outright (三年级, 数学, 人教版, 红色文化 …).
VALUE_FIELDS = [
    "subjects",
    "stages",
    "grades",
    "lesson.edition",
    "lesson.volume",
    "lesson.format",
    "study_tour.theme",
    "practice_base.categories",
    "region.city",
    "region.district",
    "tags",
]
# Longer facet values a typed token may begin (爱国主义 → 爱国主义教育基地, 第八单元 → 第八单元 分数…).
PREFIX_FIELDS = ["practice_base.categories", "study_tour.theme", "lesson.volume", "lesson.unit", "publisher.name"]
# Words that carry no meaning of their own and need not be found.
STOP_WORDS = frozenset("的 了 和 与 及 之 是 在 有 个 或 等".split())
# A place or kind a teacher named (四川, 课件, 研学) orders like a filter without being one: its
# resources' scores are multiplied by about 1 + LIFT (a factor past the usual spread of scores
# among hits that hold the words), and the others still follow.
LIFT = 2
# A resource whose facet value is what an everyday spelling means (初二 → 八年级).
VALUE_BOOST = 2
TIEBREAKER = [{"resource_id": "asc"}, {"province": "asc"}]
MAX_SORT_VALUES = 4  # primary order, distance, then the two tiebreakers
MAX_KEY_LENGTH = 64  # a resource id; a province code is shorter
MAX_EPOCH_MILLIS = 2**63 - 1  # published_at sorts as a long; a missing date as its minimum
SOURCE_EXCLUDES = [
    *["*_seg", "pinyin", "title_pinyin", "suggest*", "sync", "files.text", "files.etag", "unmapped"],
    *["unit_keys", "title_type_key", "vocabulary", "vocabulary_pinyin"],  # search aids, not the resource
]
_MEANINGFUL = re.compile(r"\w")  # a token of punctuation alone ("-", "·") need not be found
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "!": "！", "?": "？"})


class InvalidSearch(FieldProblem):
    """A request the engine should never see; ``field`` names the parameter at fault."""


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    sort: str = "relevance"
    size: int = 20
    search_after: list | None = None
    offset: int = 0  # numbered pages; ``search_after`` pages past the window
    include_unpublished: bool = False

    def __post_init__(self):
        if self.sort not in SORTS:
            raise InvalidSearch("sort", N_("应是以下之一：%(choices)s", choices=", ".join(SORTS)))
        if not 1 <= self.size <= MAX_SIZE:
            raise InvalidSearch("size", N_("应为 1 到 %(max)s", max=MAX_SIZE))
        for name in self.filters:
            if name not in FACETS_BY_NAME:
                raise InvalidSearch(name, N_("不是可用的筛选条件"))
        if self.near is not None:
            lat, lon = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
                raise InvalidSearch("near", N_("应是“纬度,经度”，纬度在 -90 到 90 之间，经度在 -180 到 180 之间"))
        if self.radius_km is not None:
            if self.near is None:
                raise InvalidSearch("radius_km", N_("需要同时给出 near（位置）"))
            if not 0 < self.radius_km <= 20_000:
                raise InvalidSearch("radius_km", N_("应大于 0、不超过 20000"))
        if self.sort == "distance" and self.near is None:
            raise InvalidSearch("sort", N_("按距离排序需要同时给出 near（位置）"))
        if self.offset < 0 or self.offset + self.size > MAX_RESULT_WINDOW:
            raise InvalidSearch("page", N_("只能翻到前 %(count)s 个结果", count=MAX_RESULT_WINDOW))
        if self.offset and self.search_after:
            raise InvalidSearch("after", N_("不能和页码同时使用"))
        if self.search_after:
            problem = search_after_problem(self.search_after, self.sort, self.near is not None)
            if problem:
                raise InvalidSearch("after", problem)

    @property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.q)

    @cached_property
    def understood(self) -> UnderstoodQuery:
        return understand(self.q)


# --- the query ------------------------------------------------------------------------------


def query_words(text: str) -> list[str]:
    """The jieba words a query must match: search-mode terms that are not part of a longer one."""
    terms = list(dict.fromkeys(segment_words(text)))
    words = [t for t in terms if not any(t != other and t in other for other in terms)]
    meaningful = [w for w in words if w not in STOP_WORDS]
    return meaningful or words


def _word_found(word: str) -> dict:
    """``word`` found anywhere: term, character run, bigrams, a facet value or its pinyin."""
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": word, "fields": SEGMENTED_FIELDS, "type": "best_fields", "tie_breaker": 0.3}},
                {"multi_match": {"query": word, "fields": CHARACTER_FIELDS, "type": "phrase", "boost": 0.5}},
                {"multi_match": {"query": word, "fields": BIGRAM_FIELDS, "operator": "and", "boost": 0.3}},
                {"multi_match": {"query": word, "fields": VALUE_FIELDS, "boost": 2}},
                {"term": {"pinyin": {"value": word, "boost": 2}}},
                {"term": {"title_pinyin": {"value": word, "boost": 2}}},
            ],
            "minimum_should_match": 1,
        }
    }


def _most_of(clauses: list[dict]) -> dict:
    """All of up to three clauses, three quarters of more: long queries still find something."""
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": "3<-25%"}}


def _token_found(token: str) -> dict:
    """A typed token (between spaces) is found whole — a facet value such as 三年级上册, a pinyin
    spelling — or word by word."""
    words = query_words(token)
    alternatives = [
        {"multi_match": {"query": token, "fields": VALUE_FIELDS, "boost": 2}},
        {"term": {"pinyin": {"value": token, "boost": 2}}},
        {"term": {"title_pinyin": {"value": token, "boost": 2}}},
        *({"prefix": {f: {"value": token}}} for f in PREFIX_FIELDS if len(token) > 1),
    ]
    if words and words != [token]:
        alternatives.append(_most_of([_word_found(w) for w in words]))
    elif words:
        alternatives = [_word_found(token), *alternatives[2:]]
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def exact_titles(words: str) -> list[str]:
    """Spellings of a typed title as ``title.exact`` holds it (lowercased, not NFKC-folded), in
    the script typed and folded to simplified."""
    typed = unicodedata.normalize("NFKC", words).lower().strip()
    folded = normalise_text(words).strip()
    return list(dict.fromkeys([typed, typed.translate(_FULL_WIDTH), folded, folded.translate(_FULL_WIDTH)]))


def facet_term(facet: str, value: str) -> dict:
    return {"term": {FACETS_BY_NAME[facet].field: value}}


def place_filter(facet: str, value: str) -> dict:
    """Resources at a named city or district: a base or a lesson's publisher there, a tour going
    there (a tour's place is where it goes, not where its organiser is)."""
    if facet not in ("city", "district"):
        return facet_term(facet, value)
    # A document of format 4 or older has no sites: its region and places stand in until a rebuild.
    names = [value, *(district.name for district in DISTRICTS if facet == "city" and district.city == value)]
    before_sites = {
        "bool": {
            "must_not": {"exists": {"field": "sites"}},
            "should": [facet_term(facet, value), {"terms": {"places": names}}],
            "minimum_should_match": 1,
        }
    }
    return {"bool": {"should": [{"term": {"sites": value}}, before_sites], "minimum_should_match": 1}}


def named_values(understood: UnderstoodQuery) -> list[tuple[str, str]]:
    """The values a theme word names in so many words (劳动教育 → the category 劳动教育实践基地): what
    was asked for, where the group's other values (the subject 劳动) are only kin."""
    return [
        (facet, value)
        for token in understood.tokens
        for segment in token.segments
        if segment.role == THEMATIC
        for facet, value in segment.facts
        if segment.text in value
    ]


def lifts(understood: UnderstoodQuery) -> list[dict]:
    """``function_score`` functions for the places, kinds and values named: lifted, the others not left out."""
    return [
        *({"filter": place_filter(facet, value), "weight": LIFT} for facet, value in understood.boosts),
        *({"filter": facet_term(facet, value), "weight": LIFT} for facet, value in named_values(understood)),
    ]


def _carries_meaning(segment: Segment) -> bool:
    return bool(_MEANINGFUL.search(segment.text)) and not all(w in STOP_WORDS for w in query_words(segment.text))


def _segment_found(segment: Segment) -> dict:
    """A word that must be found: as typed, as its Chinese, or as the facet values it means."""
    alternatives = [_token_found(segment.text)]
    if segment.typed != segment.text:
        alternatives.append(_token_found(segment.typed))
    if segment.role == THEMATIC:  # any word or value of the theme's group will do
        alternatives += [_token_found(word) for word in segment.also]
        alternatives += [
            {"constant_score": {"filter": facet_term(facet, value), "boost": VALUE_BOOST}}
            for facet, value in segment.facts
        ]
    elif segment.facts:
        alternatives.append(
            {
                "constant_score": {
                    "filter": {"bool": {"filter": [facet_term(facet, value) for facet, value in segment.facts]}},
                    "boost": VALUE_BOOST,
                }
            }
        )
    return alternatives[0] if len(alternatives) == 1 else {"bool": {"should": alternatives, "minimum_should_match": 1}}


def understood_token_found(token: Token) -> dict | None:
    """A typed token found as it was read — place and kind words need not be found, everyday
    spellings may be found as their values — or found as typed. None: nothing is required."""
    if token.is_plain:
        return _token_found(token.typed)
    parts = [_segment_found(s) for s in token.segments if s.role != BOOST and (s.role != FREE or _carries_meaning(s))]
    if not parts:
        return None
    if len(token.segments) == 1:
        return parts[0]
    return {"bool": {"should": [_token_found(token.typed), _most_of(parts)], "minimum_should_match": 1}}


def text_query(understood: UnderstoodQuery, typed_words: str | None = None) -> dict:
    """Scoring and matching for the words, phrases and exclusions (no filters). ``typed_words``:
    the words before script folding, for an exact title in the script it was typed in."""
    must, should, must_not = [], [], []
    parsed = understood.parsed
    tokens = [t for t in understood.tokens if _MEANINGFUL.search(t.typed)]
    if tokens:  # punctuation alone is no query: everything visible matches
        typed = " ".join(t.typed for t in tokens)
        searched = understood.text
        compact = "".join(typed.split())
        required = [clause for t in tokens if (clause := understood_token_found(t))]
        exact = {"terms": {"title.exact": exact_titles(typed_words or typed), "boost": 40}}
        whole_pinyin = {
            "bool": {
                "should": [
                    {"term": {"pinyin": {"value": compact, "boost": 6}}},
                    {"term": {"title_pinyin": {"value": compact, "boost": 6}}},
                ]
            }
        }
        if required:
            alternatives = [_most_of(required), exact, whole_pinyin, *unit_recall(understood)]
        else:  # only places and kinds: a resource of one of them, or one holding the words
            named = [{"constant_score": {"filter": facet_term(f, v), "boost": 1}} for f, v in understood.boosts]
            alternatives = [_most_of([_token_found(t.typed) for t in tokens]), *named, exact, whole_pinyin]
            alternatives += unit_recall(understood)
        must.append({"bool": {"should": alternatives, "minimum_should_match": 1}})
        should += [
            {
                "multi_match": {
                    "query": segment(searched),
                    "fields": SEGMENTED_FIELDS,
                    "type": "best_fields",
                    "tie_breaker": 0.3,
                    "boost": 2,
                }
            },
            {"multi_match": {"query": searched, "fields": BIGRAM_FIELDS, "type": "most_fields"}},
            {"match_phrase": {"title": {"query": searched, "slop": 1, "boost": 8}}},
            {"match": {"pinyin": {"query": typed, "operator": "and", "boost": 3}}},
            {"match": {"title_pinyin": {"query": typed, "operator": "and", "boost": 3}}},
        ]
    for phrase in parsed.phrases:
        must.append({"multi_match": {"query": phrase, "fields": PHRASE_FIELDS, "type": "phrase"}})
        should.append({"match_phrase": {"title": {"query": phrase, "boost": 4}}})
    for excluded in parsed.excluded:
        must_not.append({"multi_match": {"query": excluded, "fields": EXCLUDE_FIELDS, "type": "phrase"}})
    return {"must": must, "should": should, "must_not": must_not}


def highlight_query(understood: UnderstoodQuery) -> dict | None:
    """What to mark in the shown fields: each query word (as searched) and phrase as a run of characters."""
    texts = [*query_words(understood.text), *understood.parsed.phrases]
    if not texts:
        return None
    return {
        "bool": {"should": [{"multi_match": {"query": t, "fields": PHRASE_FIELDS, "type": "phrase"}} for t in texts]}
    }


def scored(query: dict, named: list[dict] = ()) -> dict:
    """Featured resources and recent ones get a bounded lift: the score is multiplied by 1–1.45;
    ``named`` (places and kinds the query named) add their own."""
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"weight": 1},
                {"filter": {"term": {"featured": True}}, "weight": 0.3},
                {
                    "gauss": {"published_at": {"origin": "now/d", "scale": "365d", "offset": "30d", "decay": 0.5}},
                    "weight": 0.15,
                },
                *named,
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }


# --- filters and facets ---------------------------------------------------------------------


def facet_clause(name: str, values: tuple[str, ...]) -> dict:
    """Values of one facet are OR'd."""
    return {"terms": {FACETS_BY_NAME[name].field: list(values)}}


def selections(request: SearchRequest) -> dict[str, dict]:
    return {name: facet_clause(name, tuple(values)) for name, values in request.filters.items() if values}


def base_filters(request: SearchRequest) -> list[dict]:
    """Filters that hold for the hits and every facet count: visibility and the radius."""
    filters = []
    if not request.include_unpublished:
        filters.append({"term": {"review_state": "published"}})
    if request.near is not None and request.radius_km is not None:
        lat, lon = request.near
        filters.append({"geo_distance": {"distance": f"{request.radius_km}km", "locations": {"lat": lat, "lon": lon}}})
    return filters


def facet_aggregations(request: SearchRequest) -> dict:
    """One ``filter`` agg per facet holding every OTHER facet's selection around its ``terms``,
    so each count is what ticking (or unticking) that value would give."""
    selected = selections(request)
    aggregations = {}
    for facet in FACETS:
        others = [clause for name, clause in selected.items() if name != facet.name]
        inner = {"values": {"terms": {"field": facet.field, "size": facet.size}}}
        chosen = request.filters.get(facet.name)
        if chosen and not facet.boolean:
            # Ticked values stay visible with their count even when outside the top ``size``.
            inner["selected"] = {
                "terms": {"field": facet.field, "include": list(chosen), "size": len(chosen), "min_doc_count": 0}
            }
        aggregations[facet.name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": inner,
        }
    return aggregations


# --- sort, paging, highlights ---------------------------------------------------------------


def geo_sort(near: tuple[float, float]) -> dict:
    lat, lon = near
    return {
        "_geo_distance": {
            "locations": {"lat": lat, "lon": lon},
            "order": "asc",
            "unit": "km",
            "mode": "min",
            "distance_type": "arc",
            "ignore_unmapped": True,
        }
    }


def sort_clauses(request: SearchRequest) -> list:
    """Primary order, then distance when a place is given (so each hit carries it), then a
    unique tiebreaker so ``search_after`` pages never repeat or skip a hit."""
    if request.sort == "distance":
        primary = [geo_sort(request.near)]
    elif request.sort == "newest":
        primary = [{"published_at": {"order": "desc", "missing": "_last"}}]
    else:
        primary = ["_score"]
    if request.near is not None and request.sort != "distance":
        primary.append(geo_sort(request.near))
    return [*primary, *TIEBREAKER]


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# What each kind of sort value in ``sort_clauses`` order must be; "Infinity" is the distance of a
# resource without a place.
_SORT_VALUE_CHECKS = {
    "score": _is_number,
    "date": lambda v: isinstance(v, int) and not isinstance(v, bool) and -MAX_EPOCH_MILLIS - 1 <= v <= MAX_EPOCH_MILLIS,
    "distance": lambda v: v == "Infinity" or (_is_number(v) and v >= 0),
    "key": lambda v: isinstance(v, str) and 0 < len(v) <= MAX_KEY_LENGTH,
}


def search_after_problem(values: list, sort: str, has_near: bool) -> str | None:
    """Why ``values`` cannot be the sort values of a hit of this sort, or None when they can: the
    engine is never sent a page key it would refuse."""
    kinds = ["distance" if sort == "distance" else "date" if sort == "newest" else "score"]
    if has_near and sort != "distance":
        kinds.append("distance")
    kinds += ["key", "key"]
    if not isinstance(values, (list, tuple)) or len(values) != len(kinds):
        return N_("不是这次搜索的翻页标记（请保持给出它的那次搜索的排序和位置）")
    if not all(_SORT_VALUE_CHECKS[kind](value) for kind, value in zip(kinds, values)):
        return N_("不是之前的回应给出的翻页标记")
    return None


def distance_position(request: SearchRequest) -> int | None:
    """Where the distance in km sits in each hit's sort values, or None without ``near``."""
    if request.near is None:
        return None
    return 0 if request.sort == "distance" else 1


def highlight(understood: UnderstoodQuery) -> dict | None:
    query = highlight_query(understood)
    if query is None:
        return None
    return {
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "highlight_query": query,
        "fields": {
            "title": {"number_of_fragments": 0},
            "summary": {"fragment_size": 120, "number_of_fragments": 2},
            "files.text": {"fragment_size": 120, "number_of_fragments": 2},
        },
    }


def build_search(request: SearchRequest) -> dict:
    """The JSON body of the ``_search`` request (``search.service`` sends it)."""
    clauses = text_query(request.understood, request.parsed.words)
    if not clauses["must"]:  # no words: every visible resource, scored 1 before the lift
        clauses["must"] = [{"match_all": {}}]
    query = {"bool": {**{k: v for k, v in clauses.items() if v}, "filter": base_filters(request)}}
    selected = selections(request)
    body = {
        "query": scored(query, [*lifts(request.understood), *unit_lifts(request.understood)]),
        "aggs": facet_aggregations(request),
        "sort": sort_clauses(request),
        "size": request.size,
        "track_total_hits": True,
        "_source": {"excludes": SOURCE_EXCLUDES},
    }
    if selected:
        body["post_filter"] = {"bool": {"filter": list(selected.values())}}
    if request.search_after:
        body["search_after"] = list(request.search_after)
    else:  # the engine collapses only pages reached by offset (versions.py)
        body["collapse"] = collapse(TIEBREAKER)
        body["aggs"][GROUPS_AGG] = group_count(list(selected.values()))
    if request.offset:
        body["from"] = request.offset
    if marks := highlight(request.understood):
        body["highlight"] = marks
    return body
