"""A school's pages: its resources with their review state, upload (one or a ZIP), edit, withdraw."""
from __future__ import annotations


from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from catalog.app_services import app_alias, app_client, app_sessions, upload_service
from catalog.bulk_upload import BulkRejected, bulk_submit
from catalog.decisions import EditConflict
from catalog.index_definition import document_id
from catalog.metadata_form import FORM_FIELDS, fields_from_resource, metadata_from_fields
from catalog.models import ResourceDecision
from catalog.permissions import authorize
from catalog.upload_service import IncomingFile, UploadRejected
from catalog.vocabularies import CURATOR_TAGS, LESSON_FORMATS, RESOURCE_TYPES, STAGES, SUBJECTS

school_pages = Blueprint("school_pages", __name__, url_prefix="/school")


def _form_context(**extra) -> dict:
    settings = current_app.config["SETTINGS"]
    return {"subjects": SUBJECTS, "stages": STAGES, "formats": LESSON_FORMATS, "types": RESOURCE_TYPES,
            "tags": CURATOR_TAGS, "direct_upload_from_bytes": settings.upload_direct_from_mb * 1024 * 1024, **extra}


def _incoming_files() -> list[IncomingFile]:
    roles = request.form.getlist("role")
    files = [f for f in request.files.getlist("files") if f and f.filename]
    return [IncomingFile(f.filename, f.read(), roles[i] if i < len(roles) and roles[i] else "main")
            for i, f in enumerate(files)]


@school_pages.get("/resources")
@login_required
def my_resources():
    authorize(current_user, "view_own", owner_school_id=current_user.school_id)
    with app_sessions()() as session:
        decisions = list(session.scalars(select(ResourceDecision)
                                         .where(ResourceDecision.owner_school_id == current_user.school_id)
                                         .order_by(ResourceDecision.updated_at.desc())))
    ids = [document_id(d.province, d.resource_id) for d in decisions]
    found = app_client().mget(index=app_alias(), ids=ids, source_includes=["title", "type"])["docs"] if ids else []
    titles = {doc["_id"]: doc["_source"] for doc in found if doc.get("found")}
    rows = [{"decision": d, "doc": titles.get(document_id(d.province, d.resource_id))} for d in decisions]
    return render_template("school_resources.html", rows=rows)


@school_pages.route("/upload", methods=["GET", "POST"])
@login_required
def upload():
    authorize(current_user, "upload")
    if request.method == "GET":
        return render_template("upload.html", **_form_context(values={"type": "lesson"}, errors={}))
    values = {name: request.form.get(name, "") for name in FORM_FIELDS}
    try:
        submitted = upload_service().submit(current_user, metadata_from_fields(values), _incoming_files(),
                                            large=request.form.getlist("large"))
    except UploadRejected as rejected:
        return render_template("upload.html", **_form_context(values=values, errors=rejected.errors)), 400
    flash(f"已上传，等待审核（资源编号 {submitted.resource_id}）")
    return redirect(url_for("school_pages.my_resources"), code=303)


@school_pages.post("/bulk")
@login_required
def bulk():
    authorize(current_user, "upload")
    archive = request.files.get("archive")
    try:
        if archive is None or not archive.filename:
            raise BulkRejected("请选择一个 ZIP 文件")
        rows = bulk_submit(upload_service(), current_user, archive.read())
    except BulkRejected as rejected:
        return render_template("upload.html", **_form_context(values={"type": "lesson"},
                                                             errors={"archive": [str(rejected)]})), 400
    status = 200 if all(not row.errors for row in rows) else 207
    return render_template("bulk_result.html", rows=rows), status


@school_pages.route("/resources/<province>/<resource_id>/edit", methods=["GET", "POST"])
@login_required
def edit(province: str, resource_id: str):
    service = upload_service()
    with app_sessions()() as session:
        decision = service.owned_decision(session, current_user, "edit_own", province, resource_id)
    if request.method == "GET":
        values = fields_from_resource(service.stored_resource(province, resource_id))
        return render_template("edit_resource.html", **_form_context(
            values=values, errors={}, decision=decision, province=province, resource_id=resource_id))
    values = {name: request.form.get(name, "") for name in FORM_FIELDS}
    try:
        service.edit(current_user, province, resource_id, metadata_from_fields(values),
                     expected_version=request.form.get("version", type=int, default=-1))
    except (UploadRejected, EditConflict) as problem:
        errors = problem.errors if isinstance(problem, UploadRejected) else {"version": [str(problem)]}
        return render_template("edit_resource.html", **_form_context(
            values=values, errors=errors, decision=decision, province=province, resource_id=resource_id)), \
            400 if isinstance(problem, UploadRejected) else 409
    flash("已保存，修改后的资源需要重新审核")
    return redirect(url_for("school_pages.my_resources"), code=303)


@school_pages.post("/resources/<province>/<resource_id>/withdraw")
@login_required
def withdraw(province: str, resource_id: str):
    upload_service().withdraw(current_user, province, resource_id)
    flash("已撤回")
    return redirect(url_for("school_pages.my_resources"), code=303)
