"""A school's pages: its resources with their review state, upload (one or a ZIP), edit, withdraw."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from catalog.curation.decisions import EditConflict
from catalog.messages import N_
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
from catalog.uploads.bulk import BulkRejected, bulk_confirm, bulk_preview, manifest_beside
from catalog.uploads.manifest_template import template_csv, template_xlsx
from catalog.uploads.metadata_form import fields_from_resource, form_values, metadata_from_fields
from catalog.uploads.restore import restore, restore_plan, with_restore_deadlines
from catalog.uploads.service import IncomingFile, UploadRejected
from catalog.web.pages.bulk_manifest import confirm_value, confirmed_rows, row_field_label, template_notes
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
    rows = upload_service().my_resources(current_user)
    settings = current_app.config["SETTINGS"]
    return render_template(
        "school_resources.html",
        rows=with_restore_deadlines(upload_service().sessions, rows, settings.restore_days),
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
    flash(gettext("已上传，等待审核；审核通过后教师才能看到（资源编号 %(id)s）", id=submitted.resource_id))
    return redirect(url_for("school_pages.my_resources"), code=303)


@school_pages.get("/bulk/template.<kind>")
@login_required
def bulk_template(kind: str):
    """The manifest to fill in: CSV, or XLSX with the vocabularies as dropdowns."""
    authorize(current_user, "upload")
    if kind == "csv":
        body, media_type = template_csv(), "text/csv; charset=utf-8"
    elif kind == "xlsx":
        body = template_xlsx(template_notes(), gettext("可选的值（清单中的下拉列表取自这里，请勿修改）"))
        media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    headers = {"Content-Disposition": f"attachment; filename=manifest.{kind}"}
    return Response(body, mimetype=media_type, headers=headers)


@school_pages.post("/bulk")
@login_required
def bulk():
    """Each row checked and shown, nothing submitted: the ready rows' files are kept for the confirm."""
    authorize(current_user, "upload")
    archive, manifest = request.files.get("archive"), request.files.get("manifest")
    try:
        if archive is None or not archive.filename:
            raise BulkRejected(N_("请选择一个 ZIP 文件"))
        beside = manifest_beside(manifest.filename, manifest.read()) if manifest and manifest.filename else None
        rows = bulk_preview(
            upload_service(),
            current_user,
            archive.read(),
            manifest=beside,
            keep=lambda files: large_uploads().keep(current_user, files),
        )
    except BulkRejected as rejected:
        return render_template(
            "upload.html", **_form_context(values={"type": "lesson"}, errors={"archive": [rejected.args[0]]})
        ), 400
    return render_template(
        "bulk_preview.html", rows=rows, confirm_values=[confirm_value(row) for row in rows], label=row_field_label
    )


@school_pages.post("/bulk/confirm")
@login_required
def bulk_confirm_page():
    authorize(current_user, "upload")
    rows = bulk_confirm(upload_service(), current_user, confirmed_rows(request.form.getlist("row")))
    status = 200 if all(not row.errors for row in rows) else 207
    return render_template("bulk_result.html", rows=rows, label=row_field_label), status


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
    flash(
        gettext(
            "已提交第 %(number)s 版，等待审核；审核通过前，教师看到的仍是已发布的版本",
            number=submitted.resource_version,
        )
    )
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
    days = current_app.config["SETTINGS"].restore_days
    flash(gettext("已撤回：教师不再能看到它，它的各个版本仍保留在记录中；%(days)s 天内可以恢复", days=days))
    return redirect(url_for("school_pages.my_resources"), code=303)


@school_pages.route("/resources/<province>/<resource_id>/restore", methods=["GET", "POST"])
@login_required
def restore_withdrawn(province: str, resource_id: str):
    """A confirmation first, saying what comes back: the version that was live, or a wait for review."""
    days = current_app.config["SETTINGS"].restore_days
    if request.method == "GET":
        plan = restore_plan(upload_service(), current_user, province, resource_id, days=days)
        return render_template("restore_resource.html", province=province, resource_id=resource_id, plan=plan)
    restored = restore(upload_service(), current_user, province, resource_id, days=days)
    if restored.live_version is not None:
        flash(gettext("已恢复：第 %(number)s 版重新上线，教师又能看到它", number=restored.live_version))
    else:
        flash(gettext("已恢复：它重新等待审核，审核通过后教师才能看到"))
    return redirect(url_for("school_pages.my_resources"), code=303)
