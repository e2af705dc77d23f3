"""The web app's Elasticsearch user reads and writes documents, and can do nothing else."""

from __future__ import annotations

import dataclasses
import os
import uuid

import pytest
from elasticsearch import AuthorizationException

from catalog.indexing.index_definition import index_body
from catalog.stores.elasticsearch_client import make_client

pytestmark = pytest.mark.stack


@pytest.fixture
def web_es(settings):
    return make_client(
        dataclasses.replace(
            settings,
            es_username=os.environ["CATALOG_ES_WEB_USERNAME"],
            es_password=os.environ["CATALOG_ES_WEB_PASSWORD"],
        )
    )


@pytest.fixture
def catalog_index(es, settings):
    alias = f"{settings.index_alias}-w{uuid.uuid4().hex[:8]}"
    index = f"{alias}-00000000000000000001"
    es.indices.create(index=index, aliases={alias: {}}, **index_body())
    yield alias, index
    es.indices.delete(index=index)


def test_the_web_user_searches_and_writes_documents(web_es, catalog_index):
    alias, _ = catalog_index
    web_es.index(
        index=alias,
        id="cq:les-1",
        document={
            "province": "cq",
            "resource_id": "les-1",
            "type": "lesson",
            "title": "分数",
            "review_state": "pending",
        },
        refresh=True,
    )
    web_es.update(index=alias, id="cq:les-1", doc={"review_state": "published"}, refresh=True)
    hits = web_es.search(index=alias, query={"term": {"review_state": "published"}})["hits"]["hits"]
    assert [hit["_id"] for hit in hits] == ["cq:les-1"]
    web_es.delete(index=alias, id="cq:les-1", refresh=True)
    assert web_es.count(index=alias)["count"] == 0


def test_the_web_user_cannot_delete_or_create_indices_or_move_aliases(web_es, catalog_index, es, settings):
    alias, index = catalog_index
    with pytest.raises(AuthorizationException):
        web_es.indices.delete(index=index)
    with pytest.raises(AuthorizationException):
        web_es.indices.create(index=f"{alias}-99999999999999999999")
    with pytest.raises(AuthorizationException):
        web_es.indices.update_aliases(actions=[{"remove": {"index": index, "alias": alias}}])
    assert es.indices.exists(index=index)


def test_the_web_user_sees_no_other_index(web_es, es):
    other = f"other-{uuid.uuid4().hex[:8]}"
    es.indices.create(index=other)
    try:
        with pytest.raises(AuthorizationException):
            web_es.search(index=other)
    finally:
        es.indices.delete(index=other)
