"""Links between result pages: every state (query, ticks, place, sort, page) is a plain URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import url_for
from flask_babel import gettext

from catalog.search.facet_definitions import FACETS, filters_from
from catalog.search.query_understanding import ENGLISH, PLACE_FACETS, Chip
from catalog.web.i18n import current_language
from catalog.web.page_format import facet_label, facet_value


@dataclass(frozen=True)
class SearchLinks:
    """The current search as URL parameters, and the URLs of the states one click away."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    place: dict[str, str] = field(default_factory=dict)  # {"place": key} or {"near": "lat,lon"}
    radius_km: float | None = None
    sort: str = "relevance"
    page: int = 1
    endpoint: str = "pages.search_page"

    @classmethod
    def from_params(cls, params: dict, place_params: dict[str, str], endpoint: str = "pages.search_page"):
        return cls(
            q=params.get("q", ""),
            filters=filters_from(params),
            place=place_params,
            radius_km=params.get("radius_km"),
            sort=params.get("sort", "relevance"),
            page=params.get("page", 1),
            endpoint=endpoint,
        )

    def pairs(self, *, filters=None, sort=None, page=1, place=None, q=None) -> list[tuple[str, str]]:
        filters = self.filters if filters is None else filters
        sort = sort or self.sort
        place = self.place if place is None else place
        q = self.q if q is None else q
        pairs = [("q", q)] if q else []
        for facet in FACETS:
            pairs += [(facet.name, value) for value in filters.get(facet.name, ())]
        pairs += list(place.items())
        if self.radius_km is not None and place:
            pairs.append(("radius_km", f"{self.radius_km:g}"))
        if sort != "relevance":
            pairs.append(("sort", sort))
        if page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def _url(self, pairs) -> str:
        query = urlencode(pairs)
        return url_for(self.endpoint) + (f"?{query}" if query else "")

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        return [(name, value) for name, values in self.filters.items() for value in values]

    def without(self, name: str, value: str) -> str:
        filters = {k: tuple(v for v in values if not (k == name and v == value)) for k, values in self.filters.items()}
        return self._url(self.pairs(filters=filters))

    def without_filters(self) -> str:
        return self._url(self.pairs(filters={}))

    def sorted_by(self, sort: str) -> str:
        return self._url(self.pairs(sort=sort))

    def page_url(self, page: int) -> str:
        return self._url(self.pairs(page=page, sort=self.sort))

    def with_query(self, q: str) -> str:
        """The same ticks, place and sort with another query."""
        return self._url(self.pairs(q=q))

    def understood(self, chips: tuple[Chip, ...]) -> list[tuple[str, str, str]]:
        """(label, value, URL of the search without it) for each reading of the query's words."""
        return [
            (_understood_label(chip.facet), _understood_value(chip), self.with_query(chip.remove_q)) for chip in chips
        ]

    def with_filter(self, name: str, value: str) -> str:
        filters = {**self.filters, name: (*self.filters.get(name, ()), value)}
        return self._url(self.pairs(filters=filters))


def _understood_label(facet: str) -> str:
    if facet in PLACE_FACETS:
        return gettext("地区")
    if facet == ENGLISH:
        return gettext("英文")
    return facet_label(facet)


def _understood_value(chip: Chip) -> str:
    """四川省 on the Chinese page; codes (province, type) in the page's language elsewhere."""
    if chip.facet in ("province", "type") and current_language().code != "zh":
        return facet_value(chip.facet, chip.value)
    return chip.shown


def page_numbers(current: int, last: int, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20 — None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers
