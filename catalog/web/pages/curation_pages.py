"""Curators' pages: the review queue, one resource's review (approve, reject, tags, featured),
bulk tagging of a search's results, and the audit log."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from marshmallow import ValidationError

from catalog.curation.audit_log import AuditFilter, audit_log_csv, read_audit_log
from catalog.curation.decisions import EditConflict
from catalog.curation.review_queue import AGES, SORTS, QueueQuery
from catalog.field_problem import FieldProblem
from catalog.permissions import allowed, authorize
from catalog.resources.vocabularies import CURATOR_TAGS
from catalog.search.facet_definitions import filters_from
from catalog.search.query_builder import SearchRequest
from catalog.uploads.metadata_form import split_list
from catalog.web.api.schemas import arguments_from
from catalog.web.pages.queue_params import ReviewQueueParams
from catalog.web.pages.review_fields import every_field, review_field_label, review_markers, review_value
from catalog.web.pages.schemas import AuditLogParams, PageSearchParams
from catalog.web.request_services import app_sessions, curation_service
from catalog.web.service_messages import translated

curation_pages = Blueprint("curation_pages", __name__, url_prefix="/curation")
for _helper in (every_field, review_field_label, review_markers, review_value):
    curation_pages.add_app_template_global(_helper)


@curation_pages.get("/queue")
@login_required
def review_queue():
    """Filters, sort and page are plain GET parameters; a bad one is named and the whole queue shown."""
    try:
        query, errors = ReviewQueueParams().load(request.args.to_dict()), {}
    except ValidationError as error:
        query, errors = QueueQuery(), {name: [str(m) for m in messages] for name, messages in error.messages.items()}
    queue = curation_service().queue(current_user, query)
    wanted = {key: value for key, value in request.args.items() if key != "page" and value} if not errors else {}

    def queue_url(key: str, value=None, **more) -> str:
        """This queue with ``key`` set to ``value`` (None: dropped), from the first page unless ``page`` is given."""
        args = {k: v for k, v in {**wanted, key: value, **more}.items() if v is not None}
        return url_for("curation_pages.review_queue", **args)

    return render_template(
        "review_queue.html", queue=queue, query=query, errors=errors, ages=AGES, sorts=SORTS, queue_url=queue_url
    ), 400 if errors else 200


def _review_page(province: str, resource_id: str, errors: dict | None = None, status: int = 200):
    authorize(current_user, "review")
    service = curation_service()
    review = service.review(current_user, province, resource_id, request.args.get("version", type=int))
    return render_template(
        "review_resource.html",
        province=province,
        resource_id=resource_id,
        managed_tags=CURATOR_TAGS,
        errors=errors or {},
        history=service.audit_log(current_user, province=province, resource_id=resource_id)
        if _can("view_audit")
        else [],
        **review,
    ), status


def _can(action: str) -> bool:
    return allowed(current_user.role, action)


@curation_pages.get("/resources/<province>/<resource_id>")
@login_required
def review_resource(province: str, resource_id: str):
    return _review_page(province, resource_id)


@curation_pages.get("/resources/<province>/<resource_id>/versions/<int:number>/files/<name>")
@login_required
def version_file(province: str, resource_id: str, number: int, name: str):
    """A staged file of a version, for its reviewers and its school: a short-lived presigned URL."""
    url = curation_service().staged_file_url(
        current_user,
        province,
        resource_id,
        number,
        name,
        inline=request.args.get("view") == "inline",
        expires_seconds=current_app.config["SETTINGS"].presign_seconds,
    )
    response = redirect(url, code=302)
    response.headers["Cache-Control"] = "no-store"
    return response


@curation_pages.post("/resources/<province>/<resource_id>")
@login_required
def decide(province: str, resource_id: str):
    service = curation_service()
    version = request.form.get("version", type=int, default=-1)
    number = request.form.get("resource_version", type=int)
    action = request.form.get("action", "")
    try:
        if action == "approve":
            service.approve(current_user, province, resource_id, expected_version=version, resource_version=number)
            flash(gettext("已通过并发布，教师现在可以搜到这个版本"))
        elif action == "reject":
            service.reject(
                current_user,
                province,
                resource_id,
                request.form.get("reason", ""),
                expected_version=version,
                resource_version=number,
            )
            flash(gettext("已退回，学校会看到原因"))
        elif action == "tags":
            tags = request.form.getlist("managed_tag") + split_list(request.form.get("free_tags", ""))
            service.set_tags(current_user, province, resource_id, tags, expected_version=version)
            flash(gettext("标签已保存"))
        elif action in ("feature", "unfeature"):
            service.set_featured(current_user, province, resource_id, action == "feature", expected_version=version)
            flash(gettext("已设为精品") if action == "feature" else gettext("已取消精品"))
        else:
            return _review_page(province, resource_id, {"action": [gettext("未知的操作")]}, 400)
    except FieldProblem as problem:  # a curator's bad tag or reason, a version not waiting …
        return _review_page(province, resource_id, {problem.field: [problem.reason]}, 400)
    except EditConflict as conflict:
        return _review_page(province, resource_id, {"version": [str(conflict)]}, 409)
    return redirect(url_for("curation_pages.review_resource", province=province, resource_id=resource_id), code=303)


@curation_pages.post("/bulk-tag")
@login_required
def bulk_tag():
    """Add a tag to every result of a search (the results page sends its own parameters)."""
    args = arguments_from(request.form)
    tag = request.form.get("new_tag", "")  # not "tag": that is the tag facet of the search itself
    args.pop("new_tag", None)
    args.pop("csrf_token", None)
    try:
        params = PageSearchParams().load(args)
    except ValidationError as error:
        flash(gettext("搜索条件有误：%(reasons)s", reasons=error.messages))
        return redirect(url_for("pages.search_page"), code=303)
    search_request = SearchRequest(q=params["q"], filters=filters_from(params))
    try:
        count = curation_service().bulk_tag(current_user, search_request, tag)
    except FieldProblem as rejected:
        flash(translated(rejected.reason))
        count = 0
    else:
        flash(gettext("已给 %(count)s 个资源加上标签“%(tag)s”", count=count, tag=tag))
    query = [(k, v) for k, values in args.items() for v in (values if isinstance(values, list) else [values])]
    return redirect(url_for("pages.search_page") + (f"?{urlencode(query)}" if query else ""), code=303)


def _audit_filter() -> tuple[AuditFilter, dict]:
    """The log's filters from the query string, and the problems to show (then no filter applies)."""
    try:
        return AuditFilter(**AuditLogParams().load(request.args.to_dict())), {}
    except ValidationError as error:
        return AuditFilter(), {name: [str(m) for m in messages] for name, messages in error.messages.items()}


@curation_pages.get("/audit")
@login_required
def audit_log():
    wanted, errors = _audit_filter()
    try:
        log = read_audit_log(app_sessions(), current_user, wanted)
    except FieldProblem as problem:
        wanted, errors = AuditFilter(), {problem.field: [problem.reason]}
        log = read_audit_log(app_sessions(), current_user, wanted)
    query = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("audit_log.html", log=log, wanted=wanted, errors=errors, query=query), 400 if errors else 200


@curation_pages.get("/audit.csv")
@login_required
def audit_log_export():
    wanted, errors = _audit_filter()
    if errors:
        return render_template(
            "error.html",
            status=400,
            message="；".join(f"{name}: {' '.join(reasons)}" for name, reasons in errors.items()),
        ), 400
    return Response(
        audit_log_csv(app_sessions(), current_user, wanted),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=audit-log.csv"},
    )
