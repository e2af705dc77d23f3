"""The JSON API on the real stack: documented, schema-true answers, 400 naming the field, 503."""

from __future__ import annotations

import re

import pytest
from conftest import example, lesson
from openapi_spec_validator import validate

from catalog.web.api import schemas as api_schemas


@pytest.fixture
def api_client(catalog, app_factory):
    catalog.put("cq", lesson("fenshu-1", "分数的初步认识", subjects=["小学数学"]))
    catalog.put("cq", lesson("fenshu-2", "分数的简单计算", subjects=["数学"]))
    catalog.put("sc", lesson("xss", "<script>alert(1)</script>分数游戏", subjects=["数学"]))
    catalog.put("sc", example("practice_base"))
    catalog.sync()
    return app_factory(index_alias=catalog.alias, provinces=catalog.settings.provinces).test_client()


def test_the_openapi_document_validates(api_client):
    document = api_client.get("/api/v1/openapi.json").json
    validate(document)
    assert set(document["paths"]) == {
        "/api/v1/search",
        "/api/v1/suggest",
        "/api/v1/browse",
        "/api/v1/resources/{province}/{resource_id}",
        "/api/v1/session",
        "/api/v1/uploads",
        "/api/v1/uploads/bulk",
        "/api/v1/uploads/large",
        "/api/v1/uploads/large/{token}/complete",
        "/api/v1/uploads/{province}/{resource_id}",
        "/api/v1/uploads/{province}/{resource_id}/versions",
        "/api/v1/uploads/{province}/{resource_id}/restore",
        "/api/v1/curation/{province}/{resource_id}",
    }


def test_every_api_route_is_documented_and_every_write_needs_the_session_and_csrf_token_or_a_bearer_token(api_client):
    document = api_client.get("/api/v1/openapi.json").json
    documented = {(path, method) for path, operations in document["paths"].items() for method in operations}
    routes = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower())
        for rule in api_client.application.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi_document"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == documented
    assert set(document["components"]["securitySchemes"]) == {"session", "csrf", "bearer"}
    for path, method in documented - {(p, "get") for p, _ in documented}:
        operation = document["paths"][path][method]
        assert operation["security"] == [{"session": [], "csrf": []}, {"bearer": []}], (path, method)
        assert {"400", "401", "403", "429", "503"} <= set(operation["responses"]), (path, method)
    upload = document["paths"]["/api/v1/uploads"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert upload["encoding"] == {"metadata": {"contentType": "application/json"}}


def test_every_documented_endpoint_answers_its_documented_schema(api_client):
    answers = {
        api_schemas.SearchResponse: api_client.get("/api/v1/search?q=分数&subject=数学&size=2"),
        api_schemas.SuggestResponse: api_client.get("/api/v1/suggest?q=sx"),
        api_schemas.BrowseResponse: api_client.get("/api/v1/browse"),
        api_schemas.ResourceResponse: api_client.get("/api/v1/resources/cq/fenshu-1"),
    }
    for schema, response in answers.items():
        assert response.status_code == 200, response.json
        assert schema().validate(response.json) == {}, schema.__name__


def test_search_pages_with_the_next_page_token(api_client):
    first = api_client.get("/api/v1/search?q=分数&size=2").json
    second = api_client.get(f"/api/v1/search?q=分数&size=2&after={first['next_page']}").json
    ids = [h["id"] for h in first["hits"] + second["hits"]]
    assert first["total"] == 3 and len(set(ids)) == 3


def test_a_script_title_is_escaped(api_client):
    hits = api_client.get("/api/v1/search?q=分数游戏").json["hits"]
    (hit,) = [h for h in hits if h["id"] == "sc:xss"]
    assert "<script>" not in hit["title_html"] and "&lt;script&gt;" in hit["title_html"]


@pytest.mark.parametrize(
    "query, field",
    [
        ("size=500", "size"),
        ("sort=random", "sort"),
        ("near=north", "near"),
        ("radius_km=5", "radius_km"),
        ("after=not-a-token", "after"),
        ("colour=red", "colour"),
        ("sort=distance", "sort"),
    ],
)
def test_bad_parameters_give_400_naming_the_field(api_client, query, field):
    response = api_client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    assert field in response.json["error"]["fields"]


def test_an_unknown_resource_is_a_json_404(api_client):
    response = api_client.get("/api/v1/resources/cq/no-such-thing")
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_elasticsearch_down_is_a_503_with_a_clear_message(app_factory, settings):
    client = app_factory(es_url="http://127.0.0.1:9", es_timeout=2).test_client()
    response = client.get("/api/v1/search?q=数学")
    assert response.status_code == 503
    assert response.json["error"]["code"] == "search_unavailable"


def test_a_yes_no_facet_takes_only_true_or_false(api_client):
    response = api_client.get("/api/v1/search?free=maybe", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"free.0": ["Must be one of: true, false."]}
    assert api_client.get("/api/v1/search?free=true").status_code == 200
