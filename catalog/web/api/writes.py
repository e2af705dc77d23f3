"""The JSON API's writes: school uploads, edits and withdrawals; curators' decisions.

Same services as the pages, same permission table. Requests come with the session cookie and
the CSRF token in ``X-CSRFToken`` (from ``GET /api/v1/session``). Bodies are parsed with the
schemas in ``web.api.schemas``, which the OpenAPI document is made from.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from catalog.uploads.bulk import bulk_preview, bulk_submit, manifest_beside
from catalog.uploads.errors import NotStored
from catalog.uploads.restore import restore
from catalog.uploads.service import IncomingFile
from catalog.web.api import schemas
from catalog.web.request_services import curation_service, large_uploads, upload_service

api_writes = Blueprint("api_writes", __name__, url_prefix="/api/v1")


def _submitted(submitted, status: int = 201):
    return jsonify(
        {
            "province": submitted.province,
            "resource_id": submitted.resource_id,
            "review_state": submitted.review_state,
            "version": submitted.version,
            "indexed": submitted.indexed,
            "resource_version": submitted.resource_version,
        }
    ), status


def _incoming(form) -> list[IncomingFile]:
    roles = form.get("role", [])
    return [
        IncomingFile(f.filename or "", f.read(), roles[i] if i < len(roles) else "main")
        for i, f in enumerate(form.get("files", []))
    ]


def _json_body(schema) -> dict:
    return schemas.json_input(schema, request)


def _resource_path(province: str, resource_id: str) -> None:
    schemas.ResourcePath().load({"province": province, "resource_id": resource_id})


@api_writes.get("/session")
def session_info():
    """Who is signed in, and the CSRF token API writes must send."""
    user = current_user if current_user.is_authenticated else None
    return jsonify(
        {
            "user": None if user is None else {"email": user.email, "role": user.role, "school_id": user.school_id},
            "csrf_token": generate_csrf(),
        }
    )


@api_writes.post("/uploads")
def create_upload():
    form = schemas.multipart_input(schemas.UploadForm(), request.form, request.files)
    return _submitted(
        upload_service().submit(current_user, form["metadata"], _incoming(form), large=form.get("large", []))
    )


@api_writes.post("/uploads/large")
def start_large_upload():
    """Start a direct-to-storage upload: PUT each part to its URL, then POST …/complete."""
    body = _json_body(schemas.LargeStart())
    started = large_uploads().start(current_user, body["name"], body["size"], folder=body.get("folder"))
    return jsonify(
        {
            "token": started.token,
            "folder": started.folder,
            "part_bytes": started.part_bytes,
            "part_urls": started.part_urls,
            "version": started.version,
        }
    ), 201


@api_writes.post("/uploads/large/<token>/complete")
def complete_large_upload(token: str):
    body = _json_body(schemas.LargeComplete())
    parts = [(part["number"], part["etag"]) for part in body["parts"]]
    return jsonify(large_uploads().complete(current_user, token, parts))


@api_writes.post("/uploads/bulk")
def create_bulk_upload():
    """Rows are created at once; with ``dry_run`` each is only checked and reported, nothing stored."""
    form = schemas.multipart_input(schemas.BulkForm(), request.form, request.files)
    manifest = form.get("manifest")
    beside = manifest_beside(manifest.filename or "", manifest.read()) if manifest else None
    run = bulk_preview if form["dry_run"] else bulk_submit
    rows = run(upload_service(), current_user, form["archive"].read(), manifest=beside)
    report = {
        "created": [
            {"row": r.number, "title": r.title, "resource_id": r.submitted.resource_id} for r in rows if r.submitted
        ],
        "errors": [{"row": r.number, "title": r.title, "fields": r.errors} for r in rows if r.errors],
    }
    if form["dry_run"]:
        report["ready"] = [
            {"row": r.number, "title": r.title, "type": r.type, "files": r.files} for r in rows if r.ready
        ]
    return jsonify(report), 200 if all(not r.errors for r in rows) else 207


@api_writes.put("/uploads/<province>/<resource_id>")
def edit_upload(province: str, resource_id: str):
    _resource_path(province, resource_id)
    if request.mimetype == "multipart/form-data":
        body = schemas.multipart_input(schemas.EditForm(), request.form, request.files)
    else:
        body = _json_body(schemas.EditBody())
    return _submitted(
        upload_service().edit(
            current_user,
            province,
            resource_id,
            body["metadata"],
            expected_version=body["version"],
            files=_incoming(body),
            remove_files=body.get("remove_files", []),
            large=body.get("large", []),
        ),
        200,
    )


@api_writes.get("/uploads/<province>/<resource_id>/versions")
def resource_versions(province: str, resource_id: str):
    """Every version of a resource, newest first: for its school and for curators."""
    _resource_path(province, resource_id)
    service = curation_service()
    versions = service.versions(current_user, province, resource_id)
    if not versions:
        raise NotStored(f"no versions of resource {resource_id!r} in province {province!r}")
    decision = service.decision(province, resource_id)
    return jsonify(
        schemas.VersionsResponse().dump(
            {
                "review_state": decision["review_state"],
                "live_version": decision["live_version"],
                "version": decision["version"],
                "versions": versions,
            }
        )
    )


@api_writes.delete("/uploads/<province>/<resource_id>")
def withdraw_upload(province: str, resource_id: str):
    _resource_path(province, resource_id)
    upload_service().withdraw(current_user, province, resource_id)
    return "", 204


@api_writes.post("/uploads/<province>/<resource_id>/restore")
def restore_upload(province: str, resource_id: str):
    _resource_path(province, resource_id)
    days = current_app.config["SETTINGS"].restore_days
    restored = restore(upload_service(), current_user, province, resource_id, days=days)
    return jsonify(
        {"review_state": restored.review_state, "live_version": restored.live_version, "indexed": restored.indexed}
    )


@api_writes.post("/curation/<province>/<resource_id>")
def decide(province: str, resource_id: str):
    _resource_path(province, resource_id)
    body = _json_body(schemas.DecisionBody())
    service, version, action = curation_service(), body["version"], body["action"]
    number = body.get("resource_version")
    if action == "approve":
        saved = service.approve(current_user, province, resource_id, expected_version=version, resource_version=number)
    elif action == "reject":
        saved = service.reject(
            current_user,
            province,
            resource_id,
            body.get("reason", ""),
            expected_version=version,
            resource_version=number,
        )
    elif action == "tags":
        saved = service.set_tags(current_user, province, resource_id, body.get("tags", []), expected_version=version)
    else:
        saved = service.set_featured(current_user, province, resource_id, action == "feature", expected_version=version)
    return jsonify({"version": saved.version, "indexed": saved.indexed})
