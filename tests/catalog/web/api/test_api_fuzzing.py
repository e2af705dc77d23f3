"""schemathesis against the JSON API's own OpenAPI document: generated requests, valid and not,
to every endpoint (writes signed out, and signed in as the role that may make them) never get a
5xx, and every response matches what the document says."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections import Counter
from datetime import timedelta

import pytest
import schemathesis
from conftest import example, lesson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.specs.openapi.checks import ignored_auth

from tests.curation_fixtures import lesson_metadata, pdf_bytes

pytestmark = pytest.mark.stack

READ_EXAMPLES = 40  # per read operation and mode: cheap, the engine answers in milliseconds
WRITE_EXAMPLES = 30  # per write operation and mode, signed in as the role that may make it
SIGNED_OUT_EXAMPLES = 10  # per write operation and mode, with a signed-out session's CSRF token
# Who may make each write; the rest are reads anyone may make.
ROLE_FOR = {"/api/v1/curation/{province}/{resource_id}": "curator"}
PDF = pdf_bytes("植树问题")


def manifest_zip(title: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        row = {
            "type": "lesson",
            "title": title,
            "subjects": "数学",
            "stages": "小学",
            "grades": "三年级",
            "files": "a.pdf",
        }
        archive.writestr("manifest.json", json.dumps([row], ensure_ascii=False))
        archive.writestr("files/a.pdf", PDF)
    return out.getvalue()


@pytest.fixture
def fuzzed_site(site):
    """A small real catalog with accounts; every object, index and pending upload goes with the test."""
    from catalog.uploads.large_uploads import LargeUploads

    for kind in ("lesson", "study_tour", "practice_base"):
        site.catalog.put("cq", example(kind))
    site.catalog.put("sc", lesson("les-fuzz-1", "植树问题"))
    site.catalog.sync()
    school = site.client("school")
    site.owned = [site.upload(school).get_json()["resource_id"] for _ in range(3)]
    site.published = [("cq", example(kind)["id"]) for kind in ("lesson", "study_tour")] + [("sc", "les-fuzz-1")]
    yield site
    # Direct-to-storage uploads the fuzzer started: abort them (objects go with the catalog fixture).
    LargeUploads(site.catalog.storages, site.sessions).cleanup(older_than=timedelta(0))


def credentials(site, who: str | None) -> dict:
    client = site.client(who)
    return {"cookies": {"session": client.get_cookie("session").value}, "headers": {"X-CSRFToken": client.csrf}}


def fuzz_settings(examples: int):
    """Hypothesis' settings for one operation and mode: the same calls every run, so CI passes or fails for a reason."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )


def plant(site, case, who: str, draw) -> None:
    """Sometimes swap generated values for real ones (an own resource, the current version, a PDF),
    so generated requests also get past the checks to storage, the database and the index."""
    if "resource_id" in (case.path_parameters or {}) and draw(st.booleans()):
        # The first own resource is the one withdrawn; edits and decisions go to the others.
        withdrawn, *kept = [("cq", resource_id) for resource_id in site.owned]
        choices = {"DELETE": [withdrawn], "PUT": kept}.get(case.method, kept + site.published)
        province, resource_id = draw(st.sampled_from(choices))
        case.path_parameters = {"province": province, "resource_id": resource_id}
    body = case.body if isinstance(case.body, dict) else None
    if body is not None and case.operation.path == "/api/v1/curation/{province}/{resource_id}":
        if draw(st.integers(0, 3)):  # three times in four, so that some decision succeeds in every run
            # A decision the catalog takes whatever the resource's review state: featuring a published resource.
            province, resource_id = draw(st.sampled_from(site.published))
            case.path_parameters = {"province": province, "resource_id": resource_id}
            body.update(
                action=draw(st.sampled_from(["feature", "unfeature"])), version=site.version(province, resource_id)
            )
            body.pop("resource_version", None)
            return
    if body is None or not draw(st.booleans()):
        return
    if "version" in body and case.path_parameters:
        body["version"] = site.version(case.path_parameters["province"], case.path_parameters["resource_id"])
    if case.method == "PUT":
        metadata = lesson_metadata(f"修订 {draw(st.integers(0, 10**6))}")
        # The edit takes JSON or multipart (metadata as JSON text there); made-up file names and
        # tokens would only be refused, so a planted edit keeps the files it has.
        multipart = case.media_type == "multipart/form-data"
        body["metadata"] = json.dumps(metadata, ensure_ascii=False) if multipart else metadata
        for field in ("remove_files", "large", "files", "role"):
            body.pop(field, None)
    elif case.operation.path == "/api/v1/uploads":
        body.update(metadata=lesson_metadata(f"模糊测试 {draw(st.integers(0, 10**6))}"), files=[PDF])
        for field in ("large", "role"):  # made-up tokens and roles would only be refused
            body.pop(field, None)
    elif case.operation.path == "/api/v1/uploads/bulk":
        body["archive"] = manifest_zip(f"批量模糊测试 {draw(st.integers(0, 10**6))}")
        body.pop("manifest", None)  # a made-up manifest beside the ZIP would only be refused
    elif case.operation.path == "/api/v1/uploads/large":
        body.update(name="公开课实录.pdf", size=draw(st.integers(1, 20 * 2**20)))
        body.pop("folder", None)


def test_the_api_never_fails_and_answers_as_documented(fuzzed_site):
    site = fuzzed_site
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", site.app)
    signed_in = {who: credentials(site, who) for who in ("school", "curator", None)}
    calls: list[tuple[str, GenerationMode, str | None, int]] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        is_write = bool(operation.definition.raw.get("security"))
        role = ROLE_FOR.get(operation.path, "school") if is_write else None
        personas = {role: WRITE_EXAMPLES, None: SIGNED_OUT_EXAMPLES} if is_write else {None: READ_EXAMPLES}
        for who, examples in personas.items():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
                @fuzz_settings(examples)
                def call(case, data):
                    if who is not None and case.headers:
                        # The cookie's run: a made-up Bearer token would be a 401 before the cookie is read
                        # (test_api_token_fuzzing.py sends real tokens).
                        case.headers.pop("Authorization", None)
                    if who is not None and mode is GenerationMode.POSITIVE:
                        plant(site, case, who, data.draw)
                    # Schema-valid but meaningless values (a made-up page token, metadata missing a
                    # title) are refused with a documented 400 naming the field, not accepted.
                    # ignored_auth expects a missing CSRF token to be a 401/403; Flask-WTF answers 400,
                    # so the signed-out runs below check authentication instead.
                    response = case.call_and_validate(
                        excluded_checks=[positive_data_acceptance, ignored_auth], **signed_in[who]
                    )
                    calls.append((operation.label, mode, who, response.status_code))

                try:
                    call()
                except Unsatisfiable:
                    assert mode is GenerationMode.NEGATIVE  # /browse and /session take no parameters to get wrong
    elapsed = time.monotonic() - started
    by_operation = Counter(label for label, *_ in calls)
    print(f"\n{len(calls)} calls in {elapsed:.1f} s:", dict(by_operation))
    assert len(calls) >= 300
    assert not [c for c in calls if c[3] >= 500]
    assert len(by_operation) == 14, by_operation  # every documented operation was called
    signed_out_writes = [status for label, _, who, status in calls if who is None and not label.startswith("GET")]
    # 401: a made-up Bearer token (the document declares the scheme) is refused as such.
    assert signed_out_writes and all(status in (400, 401, 403, 404, 413) for status in signed_out_writes)
    assert 403 in signed_out_writes
    # The signed-in runs reached storage: each write succeeded at least once.
    succeeded = {label for label, _, who, status in calls if who and 200 <= status < 300}
    assert succeeded >= {
        "POST /api/v1/uploads",
        "POST /api/v1/uploads/bulk",
        "POST /api/v1/uploads/large",
        "PUT /api/v1/uploads/{province}/{resource_id}",
        "DELETE /api/v1/uploads/{province}/{resource_id}",
        "POST /api/v1/curation/{province}/{resource_id}",
    }, succeeded
    assert {status for _, mode, _, status in calls if mode is GenerationMode.NEGATIVE} & {400, 404}
