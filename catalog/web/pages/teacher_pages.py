"""The teachers' pages: home, results and near-me. Thin views: parse → search service → render."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from marshmallow import ValidationError

from catalog.resources.districts import districts_by_city
from catalog.search.curriculum_browse import browse
from catalog.search.facet_definitions import FACETS
from catalog.search.query_builder import InvalidSearch, SearchRequest
from catalog.search.service import search, showcase
from catalog.web.api.errors import field_errors
from catalog.web.api.schemas import arguments_from
from catalog.web.pages.schemas import MAX_PAGE, PAGE_SIZE, NearParams, PageSearchParams
from catalog.web.pages.search_links import SearchLinks, page_numbers
from catalog.web.pages.teacher_place import (
    PLACE_COOKIE,
    chosen_place,
    origin_marker,
    remember_place,
    remembered_place,
    resource_points,
)
from catalog.web.request_services import app_alias, app_client

pages = Blueprint("pages", __name__)
NEAR_TYPES = ("practice_base", "study_tour")
RADII_KM = (5, 10, 30, 100, 300)


def with_links(tree: list[dict], chosen: tuple[tuple[str, str], ...] = ()) -> list[dict]:
    """Each browse node with the URL of its results: its ancestors' values as filters; a unit,
    which is no facet, as the query within its volume."""
    nodes = []
    for node in tree:
        if node["level"] == "unit":
            url = url_for("pages.search_page", **dict(chosen), q=node["value"])
            nodes.append({**node, "url": url})
            continue
        path = (*chosen, (node["level"], node["value"]))
        nodes.append(
            {
                **node,
                "url": url_for("pages.search_page", **dict(path)),
                "children": with_links(node.get("children", []), path),
            }
        )
    return nodes


@pages.get("/")
def home():
    return render_template(
        "home.html", tree=with_links(browse(app_client(), app_alias())), showcased=showcase(app_client(), app_alias())
    )


def _last_page(total: int) -> int:
    return max(1, min(MAX_PAGE, -(-total // PAGE_SIZE)))


@pages.get("/search")
def search_page():
    raw = arguments_from(request.args)
    try:
        params = PageSearchParams().load(raw)
        # The place a teacher chose on /near (or a resource page) stays theirs: distance is offered here too.
        place = chosen_place(params.get("place"), params.get("near")) or remembered_place(
            request.cookies.get(PLACE_COOKIE)
        )
        links = SearchLinks.from_params(params, place.url_params if place else {})
        result = search(
            app_client(),
            app_alias(),
            SearchRequest(
                q=params["q"],
                filters=dict(links.filters),
                near=place.point if place else None,
                radius_km=params.get("radius_km") if place else None,
                sort=params["sort"],
                size=PAGE_SIZE,
                offset=(params["page"] - 1) * PAGE_SIZE,
            ),
        )
    except ValidationError as error:
        return render_template("search.html", errors=field_errors(error.messages), q=str(raw.get("q", ""))), 400
    except InvalidSearch as error:
        return render_template("search.html", errors={error.field: [error.reason]}, q=str(raw.get("q", ""))), 400
    last = _last_page(result.total)
    if params["page"] > last and result.total:  # past the end (an old link, a shorter result): the last page
        return redirect(links.page_url(last), code=303)
    return remember_place(
        render_template(
            "search.html",
            q=params["q"],
            result=result,
            links=links,
            place=place,
            facets=FACETS,
            pages=page_numbers(min(params["page"], last), last),
            last_page=last,
            errors={},
        ),
        place,
    )


@pages.get("/near")
def near_page():
    try:
        params = NearParams().load(arguments_from(request.args))
    except ValidationError as error:
        return render_template(
            "near.html", errors=field_errors(error.messages), groups=districts_by_city(), radii=RADII_KM
        ), 400
    given = chosen_place(params.get("place"), params.get("near"))
    place = given or remembered_place(request.cookies.get(PLACE_COOKIE))
    result = links = None
    types = tuple(params.get("type") or NEAR_TYPES)
    if place is not None:
        links = SearchLinks(
            filters={"type": types},
            place=place.url_params,
            radius_km=params.get("radius_km"),
            sort="distance",
            page=params["page"],
            endpoint="pages.near_page",
        )
        result = search(
            app_client(),
            app_alias(),
            SearchRequest(
                filters={"type": types},
                near=place.point,
                radius_km=params.get("radius_km"),
                sort="distance",
                size=PAGE_SIZE,
                offset=(params["page"] - 1) * PAGE_SIZE,
            ),
        )
    last = _last_page(result.total) if result else 1
    markers = [origin_marker(place)] if result else []
    for hit in result.hits if result else ():
        nearest = place.nearest(resource_points(hit.source))
        if nearest:
            markers.append(
                {
                    "lat": nearest[0],
                    "lon": nearest[1],
                    "label": hit.source.get("title", ""),
                    "url": url_for("resource_pages.resource_page", province=hit.province, resource_id=hit.resource_id),
                }
            )
    return remember_place(
        render_template(
            "near.html",
            place=place,
            result=result,
            links=links,
            groups=districts_by_city(),
            radii=RADII_KM,
            radius_km=params.get("radius_km"),
            types=types,
            errors={},
            markers=markers,
            pages=page_numbers(min(params["page"], last), last),
            last_page=last,
        ),
        given,
    )
