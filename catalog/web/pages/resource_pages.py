"""A resource's own page, one layout per type, and its files through short-lived presigned URLs."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from marshmallow import ValidationError

from catalog.curation.visibility import may_see_unpublished
from catalog.indexing.index_definition import document_id
from catalog.resources.districts import districts_by_city
from catalog.resources.file_types import served_as
from catalog.search.resource_lookup import get_resource
from catalog.search.service import related
from catalog.web.api.schemas import ResourcePath, arguments_from
from catalog.web.pages.schemas import ResourcePageParams
from catalog.web.pages.teacher_place import (
    PLACE_COOKIE,
    chosen_place,
    remember_place,
    remembered_place,
    resource_points,
)
from catalog.web.request_services import app_alias, app_client, app_sessions, app_storages
from catalog.web.structured_data import script_text, structured_data

resource_pages = Blueprint("resource_pages", __name__)
TEMPLATES = {
    "lesson": "resource_lesson.html",
    "study_tour": "resource_study_tour.html",
    "practice_base": "resource_practice_base.html",
}


def _visible_resource(province: str, resource_id: str) -> dict:
    """The resource a teacher may see, or a 404 page."""
    try:
        ResourcePath().load({"province": province, "resource_id": resource_id})
    except ValidationError:
        abort(404)
    found = get_resource(app_client(), app_alias(), province, resource_id, include_unpublished=True)
    if found is None or (
        found.get("review_state") != "published"
        and not may_see_unpublished(app_sessions(), current_user, province, resource_id)
    ):
        abort(404)
    return found


@resource_pages.get("/resources/<province>/<resource_id>")
def resource_page(province: str, resource_id: str):
    resource = _visible_resource(province, resource_id)
    try:
        params = ResourcePageParams().load(arguments_from(request.args))
    except ValidationError:
        params = {}
    given = chosen_place(params.get("place"), params.get("near"))
    place = given or remembered_place(request.cookies.get(PLACE_COOKIE))
    points = resource_points(resource)
    return remember_place(
        render_template(
            TEMPLATES.get(resource.get("type"), "resource_lesson.html"),
            resource=resource,
            points=points,
            place=place,
            distance=place.distance_to(points) if place else None,
            groups=districts_by_city(),
            related=related(app_client(), app_alias(), document_id(province, resource_id)),
            structured_data=_structured_data(resource),
        ),
        given,
    )


def _structured_data(resource: dict) -> Markup:
    """The page's JSON-LD; ``script_text`` leaves no markup character in it, so it is safe in a <script>."""
    where = {"province": resource["province"], "resource_id": resource["resource_id"]}
    data = structured_data(
        resource,
        url_for("resource_pages.resource_page", **where, _external=True),
        lambda name: url_for("resource_pages.resource_file", **where, name=name, _external=True),
    )
    return Markup(script_text(data))


@resource_pages.get("/resources/<province>/<resource_id>/files/<name>")
def resource_file(province: str, resource_id: str, name: str):
    """Redirect to a presigned URL on the province's storage; the catalog never relays the bytes.

    Only files the visible resource lists can be signed, so no other key of the bucket is reachable.
    """
    resource = _visible_resource(province, resource_id)
    listed = next((f for f in resource.get("files", []) if f.get("name") == name), None)
    storage = app_storages().get(province)
    if listed is None or storage is None:
        abort(404)
    # The feed's media type only picks from the catalog's short list: a file it calls text/html or
    # image/svg+xml would otherwise run script on the storage's address.
    may_show_inline, content_type = served_as(name, listed.get("media_type"))
    url = storage.presigned_get_url(
        storage.key_for(resource_id, name),
        current_app.config["SETTINGS"].presign_seconds,
        download_name=name,
        inline=may_show_inline and request.args.get("view") == "inline",
        media_type=content_type,
    )
    response = redirect(url, code=302)
    response.headers["Cache-Control"] = "no-store"
    return response
