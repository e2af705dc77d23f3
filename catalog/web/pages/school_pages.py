"""A school's pages: its resources with their review state, upload (one or a ZIP), edit, withdraw."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from catalog.curation.decisions import EditConflict
from catalog.permissions import allowed, authorize
from catalog.resources.districts import districts_by_city
from catalog.resources.vocabularies import (
    BASE_CATEGORIES,
    CURATOR_TAGS,
    EDITIONS,
    GRADES,
    LESSON_FORMATS,
    LICENSES,
    RESOURCE_TYPES,
    STAGES,
    SUBJECTS,
    TOUR_THEMES,
)
from catalog.uploads.bulk import BulkRejected, bulk_submit
from catalog.uploads.metadata_form import fields_from_resource, form_values, metadata_from_fields
from catalog.uploads.service import IncomingFile, UploadRejected
from catalog.web.request_services import curation_service, large_uploads, upload_service

school_pages = Blueprint("school_pages", __name__, url_prefix="/school")


def _form_context(**extra) -> dict:
    settings = current_app.config["SETTINGS"]
    choices = {
        "types": RESOURCE_TYPES,
        "subjects": SUBJECTS,
        "stages": STAGES,
        "grades": GRADES,
        "editions": EDITIONS,
        "licenses": LICENSES,
        "formats": LESSON_FORMATS,
        "themes": TOUR_THEMES,
        "categories": BASE_CATEGORIES,
        "district_groups": districts_by_city(),
    }
    return {
        "choices": choices,
        "tags": CURATOR_TAGS,
        "direct_upload_from_bytes": settings.upload_direct_from_mb * 1024 * 1024,
        **extra,
    }


def _incoming_files() -> list[IncomingFile]:
    roles = request.form.getlist("role")
    files = [f for f in request.files.getlist("files") if f and f.filename]
    return [
        IncomingFile(f.filename, f.read(), roles[i] if i < len(roles) and roles[i] else "main")
        for i, f in enumerate(files)
    ]


def _files_to_keep(files: list[IncomingFile], errors: dict, folder: str | None) -> list[dict]:
    """After a refusal, the files already sent (kept in a draft when they were not the problem) so
    the school need not choose them again; each shown with its token for the next submit."""
    tokens = request.form.getlist("large")
    if files and not any(key.split(".")[0] in ("files", "large", "folder") for key in errors):
        kept_folder = next((f["folder"] for f in large_uploads().kept(current_user, tokens)), folder)
        try:
            new = large_uploads().keep(current_user, [(f.name, f.data) for f in files], folder=kept_folder)
        except UploadRejected:
            new = []  # kept only when it can be; the form then asks for the files again
        tokens += [f["token"] for f in new]
    return large_uploads().kept(current_user, tokens)


@school_pages.get("/resources")
@login_required
def my_resources():
    return render_template(
        "school_resources.html",
        rows=upload_service().my_resources(current_user),
        may_upload=allowed(current_user.role, "upload"),
    )


@school_pages.route("/upload", methods=["GET", "POST"])
@login_required
def upload():
    authorize(current_user, "upload")
    if request.method == "GET":
        return render_template("upload.html", **_form_context(values={"type": "lesson"}, errors={}))
    values = form_values(request.form)
    files = _incoming_files()
    try:
        submitted = upload_service().submit(
            current_user, metadata_from_fields(values), files, large=request.form.getlist("large")
        )
    except UploadRejected as rejected:
        kept = _files_to_keep(files, rejected.errors, None)
        return render_template("upload.html", **_form_context(values=values, errors=rejected.errors, kept=kept)), 400
    flash(f"已上传，等待审核；审核通过后教师才能看到（资源编号 {submitted.resource_id}）")
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
        return render_template(
            "upload.html", **_form_context(values={"type": "lesson"}, errors={"archive": [str(rejected)]})
        ), 400
    status = 200 if all(not row.errors for row in rows) else 207
    return render_template("bulk_result.html", rows=rows), status


@school_pages.route("/resources/<province>/<resource_id>/edit", methods=["GET", "POST"])
@login_required
def edit(province: str, resource_id: str):
    service = upload_service()
    version, current = service.editable(current_user, province, resource_id)
    context = {
        "decision_version": version,
        "province": province,
        "resource_id": resource_id,
        "current_files": current.get("files", []),
    }
    if request.method == "GET":
        return render_template(
            "edit_resource.html", **_form_context(values=fields_from_resource(current), errors={}, **context)
        )
    values = form_values(request.form)
    files = _incoming_files()
    try:
        submitted = service.edit(
            current_user,
            province,
            resource_id,
            metadata_from_fields(values),
            expected_version=request.form.get("version", type=int, default=-1),
            files=files,
            remove_files=request.form.getlist("remove_files"),
            large=request.form.getlist("large"),
        )
    except (UploadRejected, EditConflict) as problem:
        errors = problem.errors if isinstance(problem, UploadRejected) else {"version": [str(problem)]}
        kept = _files_to_keep(files, errors, resource_id)
        return render_template(
            "edit_resource.html", **_form_context(values=values, errors=errors, kept=kept, **context)
        ), 400 if isinstance(problem, UploadRejected) else 409
    flash(f"已提交第 {submitted.resource_version} 版，等待审核；审核通过前，教师看到的仍是已发布的版本")
    return redirect(url_for("school_pages.my_resources"), code=303)


@school_pages.get("/resources/<province>/<resource_id>/versions")
@login_required
def versions(province: str, resource_id: str):
    """The school's view of its resource's versions: what it sent, what is live, what was returned."""
    number = request.args.get("version", type=int)
    review = curation_service().review(current_user, province, resource_id, number)
    return render_template("resource_versions.html", province=province, resource_id=resource_id, **review)


@school_pages.route("/resources/<province>/<resource_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(province: str, resource_id: str):
    """A confirmation first: withdrawing takes the resource away from every teacher at once."""
    service = upload_service()
    if request.method == "GET":
        _, current = service.editable(current_user, province, resource_id)
        return render_template(
            "withdraw_resource.html",
            province=province,
            resource_id=resource_id,
            title=current.get("title", resource_id),
        )
    service.withdraw(current_user, province, resource_id)
    flash("已撤回：教师不再能看到它，它的各个版本仍保留在记录中")
    return redirect(url_for("school_pages.my_resources"), code=303)
