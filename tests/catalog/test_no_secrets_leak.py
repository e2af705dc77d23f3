"""No secret in logs, error pages or API errors while things fail: the Elasticsearch password,
the provinces' S3 secret keys and the session signing key."""

from __future__ import annotations

import base64
import dataclasses
import logging

import pytest

from indexer.commands import run_sync

pytestmark = [pytest.mark.stack, pytest.mark.faults]

SIGNING_KEY = "test-secret"  # what app_factory signs sessions with
DEAD = "http://127.0.0.1:9"  # the discard port: nothing answers


def secrets_of(settings) -> list[str]:
    basic = base64.b64encode(f"{settings.es_username}:{settings.es_password}".encode()).decode()
    return [settings.es_password, basic, SIGNING_KEY, *(p.secret_key for p in settings.provinces)]


def assert_nothing_leaks(settings, *texts: str) -> None:
    for text in texts:
        for secret in secrets_of(settings):
            assert secret not in text, f"a secret ({secret[:2]}…) leaked into: {text[:300]}"


def test_engine_and_storage_failures_show_no_secret(app_factory, settings, caplog):
    caplog.set_level(logging.INFO)
    dead_storage = tuple(
        dataclasses.replace(p, endpoint_url=DEAD, public_endpoint_url=None) for p in settings.provinces
    )
    app = app_factory(es_url=DEAD, provinces=dead_storage)
    client = app.test_client()
    responses = [
        client.get("/search?q=数学"),
        client.get("/api/v1/search?q=数学"),
        client.get("/resources/cq/les-1/files/x.pdf"),
        client.get("/api/v1/resources/cq/les-1"),
    ]
    token = client.get("/api/v1/session")
    responses.append(token)
    if token.status_code == 200:
        responses.append(
            client.post(
                "/login",
                data={"email": "a@b.cn", "password": "correct-horse-42", "csrf_token": token.get_json()["csrf_token"]},
            )
        )
    assert {r.status_code for r in responses} <= {200, 302, 401, 404, 503}, [r.status_code for r in responses]
    assert any(r.status_code == 503 for r in responses)
    assert_nothing_leaks(settings, caplog.text, *(r.get_data(as_text=True) for r in responses))


def test_an_indexer_run_with_a_province_down_logs_and_records_no_secret(catalog, caplog):
    caplog.set_level(logging.INFO)
    dead_sc = tuple(
        dataclasses.replace(p, endpoint_url=DEAD) if p.code == "sc" else p for p in catalog.settings.provinces
    )
    run = run_sync(catalog.es, dataclasses.replace(catalog.settings, provinces=dead_sc))
    assert not run.ok and any(p.status == "failed" for p in run.provinces)
    assert_nothing_leaks(catalog.settings, caplog.text, "\n".join(run.summary_lines()), str(run))
