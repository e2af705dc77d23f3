"""``/oai``: the catalog's OAI-PMH 2.0 repository for harvesters (GET or form POST, as the protocol allows)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request, url_for

from catalog.harvest.oai_records import RecordSource
from catalog.harvest.oai_repository import PAGE_SIZE, Repository
from catalog.web.request_services import app_alias, app_client, app_sessions

oai = Blueprint("oai", __name__)


@oai.record_once
def _no_csrf(state) -> None:
    # A harvester's POST only reads, and carries no session: the form's CSRF token does not apply.
    state.app.extensions["csrf"].exempt(oai)


@oai.route("/oai", methods=["GET", "POST"])
def endpoint():
    settings = current_app.config["SETTINGS"]
    provinces = tuple(p.code for p in settings.provinces)
    repository = Repository(
        RecordSource(app_client(), app_alias(), app_sessions(), provinces),
        base_url=url_for("oai.endpoint", _external=True),
        admin_email=settings.oai_admin_email,
        page_url=lambda province, resource_id: url_for(
            "resource_pages.resource_page", province=province, resource_id=resource_id, _external=True
        ),
        page_size=current_app.config.get("OAI_PAGE_SIZE", PAGE_SIZE),
    )
    pairs = list(request.args.items(multi=True)) + list(request.form.items(multi=True))
    return Response(repository.respond(pairs), content_type="text/xml; charset=utf-8")
