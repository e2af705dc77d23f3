"""我的收藏: a teacher's lists on one page, save buttons' target, reordering, and the read-only shared view."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from marshmallow import ValidationError

from catalog.collections import service
from catalog.field_problem import FieldProblem
from catalog.permissions import allowed
from catalog.web.api.schemas import ResourcePath
from catalog.web.i18n import local_path
from catalog.web.request_services import app_alias, app_client, db

collection_pages = Blueprint("collection_pages", __name__, url_prefix="/collections")


@collection_pages.app_template_global()
def may_collect() -> bool:
    """Whether the visitor keeps collections (no database read: the navigation of every page, error pages too)."""
    return bool(current_user.is_authenticated and allowed(current_user.role, "collect"))


@collection_pages.app_template_global()
def collection_choices() -> list | None:
    """The signed-in teacher's lists for a save button, or None when there is nobody who may collect."""
    if not may_collect():
        return None
    if "collection_choices" not in g:  # once per request, however many hits show a save button
        g.collection_choices = service.collections_of(db(), current_user)
    return g.collection_choices


def _my_page(errors: dict | None = None, name: str = "", status: int = 200):
    collections = service.collections_of(db(), current_user)
    lists = [(c, service.entries(app_client(), app_alias(), c)) for c in collections]
    return render_template(
        "collections.html", lists=lists, errors=errors or {}, name=name, max_collections=service.MAX_COLLECTIONS
    ), status


def _own(collection_id: int):
    try:
        return service.own_collection(db(), current_user, collection_id)
    except service.NotFound:
        abort(404)


def _back():
    return redirect(url_for("collection_pages.my_collections"), code=303)


@collection_pages.get("")
@login_required
def my_collections():
    return _my_page()


@collection_pages.post("")
@login_required
def create():
    name = request.form.get("name", "")
    try:
        service.create_collection(db(), current_user, name)
    except FieldProblem as problem:
        db().rollback()
        return _my_page({problem.field: gettext(problem.reason)}, name, 400)
    db().commit()
    return _back()


@collection_pages.post("/save")
@login_required
def save():
    """From a save button: into the chosen list (or the default one), then back to the page it was on."""
    back = local_path(request.form.get("next"))
    chosen = request.form.get("collection", "")
    try:
        where = ResourcePath().load(
            {"province": request.form.get("province", ""), "resource_id": request.form.get("resource_id", "")}
        )
    except ValidationError:
        where = {"province": "", "resource_id": ""}  # the service refuses it as no such resource
    try:
        collection = service.save(
            db(),
            app_client(),
            app_alias(),
            current_user,
            int(chosen) if chosen.isdigit() else None,
            where["province"],
            where["resource_id"],
        )
    except service.NotFound:
        abort(404)
    except FieldProblem as problem:
        db().rollback()
        flash(gettext(problem.reason))
        return redirect(back, code=303)
    db().commit()
    flash(gettext("已收藏到“%(name)s”", name=collection.name))
    return redirect(back, code=303)


@collection_pages.post("/<int:collection_id>/items/<int:item_id>/<any(up, down, remove):action>")
@login_required
def change_item(collection_id: int, item_id: int, action: str):
    _own(collection_id)
    try:
        if action == "remove":
            service.remove(db(), current_user, collection_id, item_id)
        else:
            service.move(db(), current_user, collection_id, item_id, -1 if action == "up" else 1)
    except service.NotFound:
        abort(404)
    db().commit()
    return redirect(url_for("collection_pages.my_collections", _anchor=f"item-{item_id}"), code=303)


@collection_pages.post("/<int:collection_id>/share")
@login_required
def share(collection_id: int):
    _own(collection_id)
    service.set_sharing(db(), current_user, collection_id, request.form.get("shared") == "on")
    db().commit()
    return redirect(url_for("collection_pages.my_collections", _anchor=f"list-{collection_id}"), code=303)


@collection_pages.post("/<int:collection_id>/delete")
@login_required
def delete(collection_id: int):
    _own(collection_id)
    service.delete_collection(db(), current_user, collection_id)
    db().commit()
    return _back()


@collection_pages.get("/shared/<token>")
def shared(token: str):
    """Read-only, for anyone holding the link; gone as soon as the owner turns sharing off."""
    try:
        collection = service.shared_collection(db(), token[:64])
    except service.NotFound:
        abort(404)
    entries = service.entries(app_client(), app_alias(), collection)
    response = render_template("collections_shared.html", collection=collection, entries=entries)
    return response, 200, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}
