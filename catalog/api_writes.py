"""The JSON API's writes: school uploads, edits and withdrawals; curators' decisions.

Same services as the pages, same permission table. Requests come with the session cookie and
the CSRF token in ``X-CSRFToken`` (from ``GET /api/v1/session``).
"""
from __future__ import annotations

import json

from flask import Blueprint, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from marshmallow import Schema, fields, validate

from catalog.api_errors import register_api_errors
from catalog.app_services import curation_service, large_uploads, upload_service
from catalog.bulk_upload import bulk_submit
from catalog.upload_service import IncomingFile, UploadRejected


api_writes = Blueprint("api_writes", __name__, url_prefix="/api/v1")
register_api_errors(api_writes)


def _submitted(submitted, status: int = 201):
    return jsonify({"province": submitted.province, "resource_id": submitted.resource_id,
                    "review_state": submitted.review_state, "version": submitted.version,
                    "indexed": submitted.indexed}), status


def _metadata() -> dict:
    raw = request.form.get("metadata") if request.files or request.form else None
    try:
        metadata = json.loads(raw) if raw is not None else (request.get_json(silent=True) or {}).get("metadata")
    except ValueError as exc:
        raise UploadRejected({"metadata": [f"不是有效的 JSON：{exc}"]}) from None
    if not isinstance(metadata, dict):
        raise UploadRejected({"metadata": ["需要一个 JSON 对象（edu-resource/1 中学校填写的字段）"]})
    return metadata


@api_writes.get("/session")
def session_info():
    """Who is signed in, and the CSRF token API writes must send."""
    user = current_user if current_user.is_authenticated else None
    return jsonify({"user": None if user is None else {"email": user.email, "role": user.role,
                                                         "school_id": user.school_id},
                    "csrf_token": generate_csrf()})


@api_writes.post("/uploads")
def create_upload():
    roles = request.form.getlist("role")
    files = [IncomingFile(f.filename or "", f.read(), roles[i] if i < len(roles) else "main")
             for i, f in enumerate(request.files.getlist("files"))]
    return _submitted(upload_service().submit(current_user, _metadata(), files, large=request.form.getlist("large")))


class LargeStart(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=255))
    size = fields.Integer(required=True)
    folder = fields.String(validate=validate.Length(max=64))


class LargeComplete(Schema):
    parts = fields.List(fields.Dict(), required=True, validate=validate.Length(min=1, max=10_000))


@api_writes.post("/uploads/large")
def start_large_upload():
    """Start a direct-to-storage upload: PUT each part to its URL, then POST …/complete."""
    body = LargeStart().load(request.get_json(silent=True) or {})
    started = large_uploads().start(current_user, body["name"], body["size"], folder=body.get("folder"))
    return jsonify({"token": started.token, "folder": started.folder, "part_bytes": started.part_bytes,
                    "part_urls": started.part_urls}), 201


@api_writes.post("/uploads/large/<token>/complete")
def complete_large_upload(token: str):
    body = LargeComplete().load(request.get_json(silent=True) or {})
    try:
        parts = [(int(part["number"]), str(part["etag"])) for part in body["parts"]]
    except (KeyError, TypeError, ValueError):
        raise UploadRejected({"parts": ["每个分片需要 number 和 etag"]}) from None
    return jsonify(large_uploads().complete(current_user, token, parts))


@api_writes.post("/uploads/bulk")
def create_bulk_upload():
    archive = request.files.get("archive")
    if archive is None:
        raise UploadRejected({"archive": ["需要一个 ZIP 文件（字段名 archive）"]})
    rows = bulk_submit(upload_service(), current_user, archive.read())
    return jsonify({"created": [{"row": r.number, "title": r.title, "resource_id": r.submitted.resource_id}
                                for r in rows if r.submitted],
                    "errors": [{"row": r.number, "title": r.title, "fields": r.errors} for r in rows if r.errors]}), \
        200 if all(not r.errors for r in rows) else 207


class EditBody(Schema):
    metadata = fields.Dict(required=True)
    version = fields.Integer(required=True)


@api_writes.put("/uploads/<province>/<resource_id>")
def edit_upload(province: str, resource_id: str):
    body = EditBody().load(request.get_json(silent=True) or {})
    return _submitted(upload_service().edit(current_user, province, resource_id, body["metadata"],
                                            expected_version=body["version"]), 200)


@api_writes.delete("/uploads/<province>/<resource_id>")
def withdraw_upload(province: str, resource_id: str):
    upload_service().withdraw(current_user, province, resource_id)
    return "", 204


class DecisionBody(Schema):
    action = fields.String(required=True, validate=validate.OneOf(("approve", "reject", "tags", "feature", "unfeature")))
    version = fields.Integer(required=True, metadata={"description": "the decision version the curator saw"})
    reason = fields.String()
    tags = fields.List(fields.String())


@api_writes.post("/curation/<province>/<resource_id>")
def decide(province: str, resource_id: str):
    body = DecisionBody().load(request.get_json(silent=True) or {})
    service, version, action = curation_service(), body["version"], body["action"]
    if action == "approve":
        saved = service.approve(current_user, province, resource_id, expected_version=version)
    elif action == "reject":
        saved = service.reject(current_user, province, resource_id, body.get("reason", ""), expected_version=version)
    elif action == "tags":
        saved = service.set_tags(current_user, province, resource_id, body.get("tags", []), expected_version=version)
    else:
        saved = service.set_featured(current_user, province, resource_id, action == "feature",
                                     expected_version=version)
    return jsonify({"version": saved.version, "indexed": saved.indexed})

