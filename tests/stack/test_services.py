"""The real local services behave as production's do: ES 9 with security, SigV4 S3 per province."""

from __future__ import annotations

import base64
import dataclasses
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError

from catalog.stores.province_storage import ProvinceStorage


def es_request(settings, path: str, password: str | None = None):
    token = base64.b64encode(f"{settings.es_username}:{password or settings.es_password}".encode()).decode()
    request = urllib.request.Request(settings.es_url + path, headers={"Authorization": f"Basic {token}"})
    return urllib.request.urlopen(request, timeout=10)


def test_node_answers_as_elasticsearch_9(settings):
    with es_request(settings, "/_nodes/_local?filter_path=nodes.*.version") as response:
        assert response.headers["X-Elastic-Product"] == "Elasticsearch"
        body = response.read().decode()
    assert '"version":"9.' in body


def test_node_refuses_a_wrong_password(settings):
    with pytest.raises(urllib.error.HTTPError) as refused:
        es_request(settings, "/_cluster/health", password="not-the-password")
    assert refused.value.code == 401


def test_an_index_can_be_created_and_searched(es, unique_name):
    es.indices.create(index=unique_name, mappings={"properties": {"title": {"type": "text"}}})
    try:
        es.index(index=unique_name, id="1", document={"title": "分数的初步认识"}, refresh=True)
        hits = es.search(index=unique_name, query={"match": {"title": "分数"}})["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == ["1"]
    finally:
        es.indices.delete(index=unique_name)


@pytest.mark.parametrize("code", ["cq", "sc"])
def test_each_endpoint_round_trips_an_object(storages, code, unique_name):
    storage = storages[code]
    key = storage.key_for(unique_name, "hello.txt")
    storage.put_bytes(key, "成渝".encode(), "text/plain")
    try:
        assert storage.get_bytes(key) == "成渝".encode()
    finally:
        storage.delete(key)


@pytest.mark.parametrize("code", ["cq", "sc"])
def test_each_endpoint_refuses_a_wrong_secret(storages, code):
    province = dataclasses.replace(storages[code].province, secret_key="wrong-secret")
    with pytest.raises(ClientError) as refused:
        ProvinceStorage(province).check_reachable()
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_the_two_provinces_are_distinct_endpoints(storages, unique_name):
    cq, sc = storages["cq"], storages["sc"]
    assert cq.province.endpoint_url != sc.province.endpoint_url
    key = cq.key_for(unique_name, "only-in-cq.txt")
    cq.put_bytes(key, b"cq")
    try:
        # Sichuan's keys are unknown to Chongqing's endpoint, and its storage lacks the object.
        stranger = dataclasses.replace(
            cq.province, access_key=sc.province.access_key, secret_key=sc.province.secret_key
        )
        with pytest.raises(ClientError):
            ProvinceStorage(stranger).get_bytes(key)
        with pytest.raises(ClientError):
            sc.get_bytes(sc.key_for(unique_name, "only-in-cq.txt"))
    finally:
        cq.delete(key)
