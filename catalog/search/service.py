"""The search service behind the pages and the JSON API: search, suggest, related.

Every call goes to the alias; any failure of the engine becomes ``SearchUnavailable`` so the
web layer can answer 503 instead of 500. Results are frozen dataclasses whose text is already
safe HTML (``markupsafe.Markup``).
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import NamedTuple

from elasticsearch import ApiError, TransportError
from markupsafe import Markup

from catalog.indexing.segmentation import normalise_text, pinyin_terms
from catalog.resources.vocabularies import RESOURCE_TYPES
from catalog.search.did_you_mean import build_correction_search, corrected_query
from catalog.search.engine_timing import engine_call_took
from catalog.search.facet_definitions import FACETS
from catalog.search.highlighting import plain_or_highlight, plain_text
from catalog.search.query_builder import SOURCE_EXCLUDES, TIEBREAKER, SearchRequest, build_search, distance_position
from catalog.search.query_understanding import Chip
from catalog.search.relaxed_query import build_relaxed_search
from catalog.search.versions import Version, collapse, groups_total, other_versions

SNIPPET_CHARS = 160
MAX_SUGGESTIONS = 20
RELATED_FIELDS = ["title_seg", "keywords_seg", "summary_seg"]
# Fewer hits than this on the first page, and resources near the query are shown as 相关结果.
RELAXED_BELOW = 3
RELAXED_SIZE = 10


class SearchUnavailable(RuntimeError):
    """The engine did not answer or refused the request; worth a 503 and a retry later."""


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    province: str
    resource_id: str
    type: str
    title: Markup
    snippets: list[Markup] = field(default_factory=list)
    subjects: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    publisher: str = ""
    distance_km: float | None = None
    sort: list = field(default_factory=list)
    score: float | None = None
    source: dict = field(default_factory=dict, repr=False, compare=False)
    other_version_count: int = 0  # resources with the same title and type, collapsed into this hit
    other_versions: tuple[Version, ...] = ()  # the newest of them


class FacetValue(NamedTuple):
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    next_search_after: list | None
    understood: tuple[Chip, ...] = ()  # what the query's words were read as, each removable
    related_hits: list[SearchHit] = field(default_factory=list)  # near the query, not matching it: 相关结果
    resource_total: int | None = None  # every version counted; ``total`` counts each title (and type) once
    did_you_mean: str | None = None  # 您是不是要找: the query with a typo corrected, when that finds more


@dataclass(frozen=True)
class Suggestion:
    text: str  # what to show and put in the search box
    type: str
    doc_id: str | None = None  # set when ``text`` is a resource's own title: link straight to it


def _call(method, **kwargs) -> dict:
    started = time.perf_counter()
    try:
        return method(**kwargs).body
    except (ApiError, TransportError) as exc:
        raise SearchUnavailable(f"search engine error: {exc}") from exc
    finally:
        engine_call_took(getattr(method, "__name__", "call"), time.perf_counter() - started)


_CLIENT_NAMES = {"_source": "source", "from": "from_"}  # body keys the Python client spells otherwise


def request_kwargs(body: dict) -> dict:
    """A ``_search`` body as keyword arguments of the Python client."""
    return {_CLIENT_NAMES.get(key, key): value for key, value in body.items()}


def _distance(sort_values: list, position: int | None) -> float | None:
    if position is None or position >= len(sort_values):
        return None
    value = sort_values[position]
    if isinstance(value, str) or value is None or not math.isfinite(value):
        return None  # "Infinity": the resource has no place
    return round(float(value), 3)


def to_hit(hit: dict, distance_at: int | None = None) -> SearchHit:
    source = hit.get("_source", {})
    marks = hit.get("highlight", {})
    snippets = []
    if marks.get("summary"):
        snippets.append(plain_or_highlight(None, marks["summary"]))
    elif source.get("summary"):
        summary = source["summary"]
        snippets.append(plain_text(summary[:SNIPPET_CHARS] + ("…" if len(summary) > SNIPPET_CHARS else "")))
    if marks.get("files.text"):
        snippets.append(plain_or_highlight(None, marks["files.text"]))
    sort_values = list(hit.get("sort", []))
    version_count, versions = other_versions(hit)
    return SearchHit(
        doc_id=hit["_id"],
        province=source.get("province", ""),
        resource_id=source.get("resource_id", ""),
        type=source.get("type", ""),
        title=plain_or_highlight(source.get("title", ""), marks.get("title")),
        snippets=snippets,
        subjects=tuple(source.get("subjects", [])),
        stages=tuple(source.get("stages", [])),
        grades=tuple(source.get("grades", [])),
        publisher=(source.get("publisher") or {}).get("name", ""),
        distance_km=_distance(sort_values, distance_at),
        sort=sort_values,
        score=hit.get("_score"),
        source=source,
        other_version_count=version_count,
        other_versions=versions,
    )


def _bucket_value(bucket: dict) -> str:
    return str(bucket.get("key_as_string", bucket["key"]))


def facets_from(aggregations: dict, request: SearchRequest) -> dict[str, list[FacetValue]]:
    """``{facet: [FacetValue, ...]}``, most frequent first; ticked values always listed."""
    facets = {}
    for facet in FACETS:
        aggregation = aggregations.get(facet.name, {})
        chosen = set(request.filters.get(facet.name, ()))
        counts = {_bucket_value(b): b["doc_count"] for b in aggregation.get("values", {}).get("buckets", [])}
        extra = {_bucket_value(b): b["doc_count"] for b in aggregation.get("selected", {}).get("buckets", [])}
        values = [FacetValue(v, c, v in chosen) for v, c in counts.items()]
        values += [FacetValue(v, extra.get(v, 0), True) for v in sorted(chosen) if v not in counts]
        facets[facet.name] = values
    return facets


def search(es, alias: str, request: SearchRequest) -> SearchResult:
    """Run ``request`` against the alias: hits, total, facet counts and the next page's key."""
    response = _call(es.search, index=alias, **request_kwargs(build_search(request)))
    position = distance_position(request)
    hits = [to_hit(hit, position) for hit in response["hits"]["hits"]]
    next_after = hits[-1].sort if len(hits) == request.size and hits else None
    resources = response["hits"]["total"]["value"]
    groups = groups_total(response.get("aggregations", {}))
    total = resources if groups is None else min(groups, resources)
    return SearchResult(
        total=total,
        hits=hits,
        facets=facets_from(response.get("aggregations", {}), request),
        next_search_after=next_after,
        understood=request.understood.chips,
        related_hits=_related_to_query(es, alias, request, total, hits),
        resource_total=resources,
        did_you_mean=_did_you_mean(es, alias, request, resources),
    )


def _did_you_mean(es, alias: str, request: SearchRequest, found: int) -> str | None:
    """A correction from the index's vocabulary when the query found little, offered only if it finds as much."""
    if found >= RELAXED_BELOW or request.offset or request.search_after:
        return None
    body = build_correction_search(request)
    if body is None:
        return None
    corrected = corrected_query(
        request.understood, _call(es.search, index=alias, **request_kwargs(body))["hits"]["hits"]
    )
    if corrected is None:
        return None
    full = build_search(dataclasses.replace(request, q=corrected))
    counted = {key: full[key] for key in ("query", "post_filter") if key in full}
    answer = _call(es.search, index=alias, size=0, track_total_hits=True, **counted)
    return corrected if answer["hits"]["total"]["value"] >= max(found, 1) else None


def _related_to_query(es, alias: str, request: SearchRequest, total: int, hits: list[SearchHit]) -> list[SearchHit]:
    """Resources near the query when it found too few itself, on its first page only."""
    if total >= RELAXED_BELOW or request.offset or request.search_after:
        return []
    shown = [doc_id for hit in hits for doc_id in (hit.doc_id, *(v.doc_id for v in hit.other_versions))]
    body = build_relaxed_search(request, shown, RELAXED_SIZE)
    if body is None:
        return []
    body["collapse"] = collapse(TIEBREAKER)
    response = _call(es.search, index=alias, **request_kwargs(body))
    position = distance_position(request)
    return [to_hit(hit, position) for hit in response["hits"]["hits"]]


def _title_text(option_text: str, source: dict) -> str:
    """A ``suggest`` input shows its resource's title."""
    if "suggest_display" in source:
        return source.get("title") or option_text
    # A document built before values had a field of their own: its inputs were titles, subjects and places.
    if not option_text.isascii():
        return option_text
    for candidate in (source.get("title", ""), *source.get("subjects", [])):
        if option_text in pinyin_terms(candidate)[:2]:
            return candidate
    return source.get("title") or option_text


def _visible_options(response: dict, name: str, include_unpublished: bool) -> list[dict]:
    options = response.get("suggest", {}).get(name, [{}])[0].get("options", [])
    # Completion suggesters cannot filter: drop what teachers may not see yet.
    return [o for o in options if include_unpublished or o.get("_source", {}).get("review_state") == "published"]


def suggest(
    es,
    alias: str,
    prefix: str,
    types: list[str] | tuple[str, ...] | None = None,
    size: int = 8,
    *,
    include_unpublished: bool = False,
) -> list[Suggestion]:
    """As-you-type completions: subjects, categories, themes and places typed (up to half the list),
    then titles begun, then titles with the words inside; by characters, pinyin or initials."""
    prefix = normalise_text(prefix or "").strip()[:60]
    size = max(1, min(size, MAX_SUGGESTIONS))
    if not prefix:
        return []
    # The engine requires a context once the field has one: no types given means all of them.
    contexts = {"type": list(types or RESOURCE_TYPES)}
    completion = {"size": size * 3, "skip_duplicates": True, "contexts": contexts}
    response = _call(
        es.search,
        index=alias,
        suggest={
            "titles": {"prefix": prefix, "completion": {"field": "suggest", **completion}},
            "values": {"prefix": prefix, "completion": {"field": "suggest_values", **completion}},
        },
        source=["title", "type", "subjects", "review_state", "suggest_display"],
        size=0,
    )
    titles: dict[str, Suggestion] = {}
    for option in _visible_options(response, "titles", include_unpublished):
        source = option["_source"]
        text = _title_text(option["text"], source)
        is_title = normalise_text(source.get("title", "")) == normalise_text(text)
        titles.setdefault(
            normalise_text(text),
            Suggestion(
                text=source.get("title") if is_title else text,
                type=source.get("type", ""),
                doc_id=option["_id"] if is_title else None,
            ),
        )
    values: dict[str, Suggestion] = {}
    for option in _visible_options(response, "values", include_unpublished):
        # A ``suggest_values`` input shows the value it came from (``yx`` → 研学实践教育基地).
        text = option["_source"].get("suggest_display", {}).get(option["text"], option["text"])
        if normalise_text(text) not in titles:  # a base's name is its title: the suggestion that links to it
            values.setdefault(normalise_text(text), Suggestion(text=text, type=option["_source"].get("type", "")))
    shown_values = min(len(values), max(size - len(titles), (size + 1) // 2))
    return [*list(values.values())[:shown_values], *list(titles.values())[: size - shown_values]]


def related(es, alias: str, doc_id: str, size: int = 6, *, include_unpublished: bool = False) -> list[SearchHit]:
    """Resources like ``doc_id`` (``more_like_this`` over title, keywords and summary), never itself."""
    located = _call(es.options(ignore_status=404).get, index=alias, id=doc_id, source=False)
    if not located.get("found"):
        return []
    filters = [] if include_unpublished else [{"term": {"review_state": "published"}}]
    query = {
        "bool": {
            "must": [
                {
                    "more_like_this": {
                        "fields": RELATED_FIELDS,
                        "like": [{"_index": located["_index"], "_id": doc_id}],
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 30,
                        "minimum_should_match": "20%",
                        "include": False,
                    }
                }
            ],
            "must_not": [{"ids": {"values": [doc_id]}}],
            "filter": filters,
        }
    }
    response = _call(
        es.search, index=alias, query=query, size=max(1, min(size, 20)), source={"excludes": SOURCE_EXCLUDES}
    )
    return [to_hit(hit) for hit in response["hits"]["hits"]]


def showcase(es, alias: str, size: int = 6) -> dict[str, list[SearchHit]]:
    """The featured (精品) resources and the newest ones, newest first, in one request: featuring
    one resource must not hide what was just published."""
    visible = {"term": {"review_state": "published"}}
    searches = []
    for extra in ([{"term": {"featured": True}}], []):
        searches += [
            {"index": alias},
            {
                "query": {"bool": {"filter": [visible, *extra]}},
                "sort": [{"published_at": {"order": "desc", "missing": "_last"}}, *TIEBREAKER],
                "size": size,
                "_source": {"excludes": SOURCE_EXCLUDES},
            },
        ]
    featured, newest = _call(es.msearch, searches=searches)["responses"]
    for response in (featured, newest):
        if "error" in response:
            raise SearchUnavailable(str(response["error"]))
    return {
        "featured": [to_hit(hit) for hit in featured["hits"]["hits"]],
        "newest": [to_hit(hit) for hit in newest["hits"]["hits"]],
    }
