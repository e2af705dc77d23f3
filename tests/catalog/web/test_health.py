"""/healthz and /readyz against the real services, including a province going down and back."""

from __future__ import annotations


def test_healthz_answers(app_factory):
    assert app_factory().test_client().get("/healthz").json == {"status": "ok"}


def test_readyz_names_a_missing_alias(app_factory, unique_name):
    response = app_factory(index_alias=unique_name).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["failing"] == ["elasticsearch"]
    assert unique_name in response.json["checks"]["elasticsearch"]["error"]


def test_readyz_follows_a_province_storage_down_and_back(app_factory, es, stack_control, unique_name):
    es.indices.create(index=unique_name + "-1", aliases={unique_name: {}})
    try:
        client = app_factory(index_alias=unique_name).test_client()
        assert client.get("/readyz").status_code == 200
        with stack_control.province_stopped("sc"):
            down = client.get("/readyz")
            assert down.status_code == 503
            assert down.json["failing"] == ["storage:sc"]
        back = client.get("/readyz")
        assert back.status_code == 200, back.json
    finally:
        es.indices.delete(index=unique_name + "-1")
