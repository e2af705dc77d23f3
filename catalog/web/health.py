"""Liveness and readiness: ``/healthz`` (the process answers) and ``/readyz`` (its stores do)."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from elasticsearch import ApiError, TransportError
from flask import Blueprint, jsonify

from catalog.web.request_services import app_alias, app_client, app_storages

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz():
    return jsonify(status="ok")


def _check_elasticsearch() -> dict:
    es = app_client()
    alias = app_alias()
    try:
        if not es.indices.exists_alias(name=alias):
            return {"ok": False, "error": f"alias {alias!r} does not exist (run the indexer)"}
    except (ApiError, TransportError) as exc:
        return {"ok": False, "error": f"unreachable: {type(exc).__name__}"}
    return {"ok": True}


def _check_storage(storage) -> dict:
    try:
        storage.check_reachable()
    except (BotoCoreError, ClientError) as exc:
        return {"ok": False, "error": f"unreachable: {type(exc).__name__}"}
    return {"ok": True}


@health.get("/readyz")
def readyz():
    checks = {"elasticsearch": _check_elasticsearch()}
    for code, storage in app_storages().items():
        checks[f"storage:{code}"] = _check_storage(storage)
    failing = sorted(name for name, check in checks.items() if not check["ok"])
    body = {"status": "ready" if not failing else "unavailable", "failing": failing, "checks": checks}
    return jsonify(body), (200 if not failing else 503)
