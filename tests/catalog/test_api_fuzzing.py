"""schemathesis against the JSON API's own OpenAPI document: generated requests, valid and not,
never get a 5xx, and every response matches what the document says."""
from __future__ import annotations

import dataclasses
import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from conftest import CatalogUnderTest, example, lesson

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def fuzzed_app(settings, es):
    """The API over a small real catalog of its own (alias, key prefixes)."""
    from catalog import create_app

    name = f"f{uuid.uuid4().hex[:10]}"
    provinces = tuple(dataclasses.replace(p, prefix=f"{name}/{p.prefix}") for p in settings.provinces)
    catalog = CatalogUnderTest(dataclasses.replace(settings, index_alias=name, provinces=provinces), es)
    for kind in ("lesson", "study_tour", "practice_base"):
        catalog.put("cq", example(kind))
    catalog.put("sc", lesson("les-fuzz-1", "植树问题"))
    catalog.sync()
    yield create_app({"SETTINGS": dataclasses.replace(catalog.settings, secret_key="fuzz"), "TESTING": True})
    for index in es.indices.get(index=f"{name}-*"):
        es.indices.delete(index=index)
    for storage in catalog.storages.values():
        for stored in storage.list_objects():
            storage.delete(stored.key)


EXAMPLES_PER_OPERATION = 60  # per operation and mode: 4 operations × 2 modes → several hundred requests


def test_the_api_never_fails_and_answers_as_documented(fuzzed_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzzed_app)
    calls = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def call(case):
                # Schema-valid but meaningless values (a made-up page token, radius without a
                # place) are refused with a documented 400 naming the field, not accepted.
                response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
                calls.append((operation.label, mode, response.status_code))

            try:
                call()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # /browse takes no parameters to get wrong
    assert len(calls) >= 300
    assert not [c for c in calls if c[2] >= 500]
    labels = {label for label, _, _ in calls}
    assert len(labels) == 4, labels
    assert {status for _, mode, status in calls if mode is GenerationMode.NEGATIVE} & {400, 404}
