"""schemathesis against the write endpoints with an API token and no cookie: generated requests, valid and
not, never get a 5xx, every answer matches the OpenAPI document, and every write is audited naming the token."""

from __future__ import annotations

import time
from collections import Counter

import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.specs.openapi.checks import ignored_auth
from sqlalchemy import func, select

from catalog.api_tokens.service import create_token
from catalog.stores.models import AuditEntry
from tests.catalog.web.api.test_api_fuzzing import ROLE_FOR, fuzz_settings, plant
from tests.catalog.web.api.test_api_fuzzing import fuzzed_site as fuzzed_site  # the fixture

pytestmark = pytest.mark.stack

EXAMPLES = 12  # per write operation and mode: the whole run stays well under a minute
SCOPES = {"school": ["upload", "edit_own"], "curator": ["curate"]}


def fuzz(site, operation, mode, who: str, headers: dict, calls: list) -> None:
    """Run ``EXAMPLES`` generated requests of one operation and mode with the token in ``headers``."""

    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    @fuzz_settings(EXAMPLES)
    def call(case, data):
        if mode is GenerationMode.POSITIVE:
            plant(site, case, who, data.draw)
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance, ignored_auth], headers=headers)
        assert "Set-Cookie" not in response.headers
        calls.append((operation.label, mode, response.status_code))

    try:
        call()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE


def test_writes_with_a_token_never_fail_and_answer_as_documented(fuzzed_site):
    site = fuzzed_site
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", site.app)
    tokens = {
        who: create_token(site.sessions, site.users[who], f"fuzz {who}", scopes).token for who, scopes in SCOPES.items()
    }
    calls: list[tuple[str, GenerationMode, int]] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.definition.raw.get("security"):
            continue
        who = ROLE_FOR.get(operation.path, "school")
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(site, operation, mode, who, {"Authorization": f"Bearer {tokens[who]}"}, calls)
    elapsed = time.monotonic() - started
    print(f"\n{len(calls)} token calls in {elapsed:.1f} s:", dict(Counter(label for label, *_ in calls)))
    assert not [c for c in calls if c[2] >= 500]
    assert 401 not in {status for *_, status in calls}  # the token is good: never a fall back to a refusal
    succeeded = {label for label, _, status in calls if 200 <= status < 300}
    assert succeeded >= {
        "POST /api/v1/uploads",
        "POST /api/v1/uploads/bulk",
        "PUT /api/v1/uploads/{province}/{resource_id}",
        "POST /api/v1/curation/{province}/{resource_id}",
    }, succeeded
    writes = sum(1 for label, *_ in calls if not label.startswith("GET"))
    with site.sessions() as session:
        audited = session.scalar(select(func.count()).where(AuditEntry.action == "api_token_use"))
    assert audited == writes
