"""An isolated catalog per test: its own alias and its own key prefix in both provinces' buckets."""
from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from catalog.province_storage import ProvinceStorage
from catalog.segmentation import segment

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "spec_examples"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def lesson(resource_id: str, title: str, **changes) -> dict:
    resource = copy.deepcopy(example("lesson"))
    resource.update(id=resource_id, title=title, files=[], **changes)
    return resource


class CatalogUnderTest:
    def __init__(self, settings, es):
        self.settings = settings
        self.es = es
        self.storages = {p.code: ProvinceStorage(p) for p in settings.provinces}

    @property
    def alias(self) -> str:
        return self.settings.index_alias

    def put(self, province: str, resource: dict | bytes, *, folder: str | None = None, files: dict | None = None):
        """Write files first and resource.json last, as publishers must."""
        storage = self.storages[province]
        folder = folder or resource["id"]
        for name, body in (files or {}).items():
            storage.put_bytes(storage.key_for(folder, name), body)
        body = resource if isinstance(resource, bytes) else json.dumps(resource, ensure_ascii=False).encode()
        storage.put_bytes(storage.key_for(folder, "resource.json"), body, "application/json")

    def withdraw(self, province: str, resource_id: str) -> None:
        storage = self.storages[province]
        storage.delete(storage.key_for(resource_id, "resource.json"))

    def sync(self, **options):
        from indexer.runs import run_sync

        run = run_sync(self.es, self.settings, **options)
        self.refresh()
        return run

    def rebuild(self):
        from indexer.runs import run_rebuild

        run = run_rebuild(self.es, self.settings)
        self.refresh()
        return run

    def refresh(self) -> None:
        if self.es.indices.exists_alias(name=self.alias):
            self.es.indices.refresh(index=self.alias)

    def ids(self, **query) -> set[str]:
        body = {"bool": {"filter": [{"term": {k: v}} for k, v in query.items()]}}
        hits = self.es.search(index=self.alias, query=body, size=1000, source=False)["hits"]["hits"]
        return {hit["_id"] for hit in hits}

    def document(self, doc_id: str) -> dict:
        return self.es.get(index=self.alias, id=doc_id)["_source"]

    def search_ids(self, field: str, text: str) -> set[str]:
        """Match ``text`` on a segmented field, segmented as the search service does."""
        query = {"match": {field: {"query": segment(text), "operator": "and"}}}
        hits = self.es.search(index=self.alias, query=query, size=100, source=False)["hits"]["hits"]
        return {hit["_id"] for hit in hits}


@pytest.fixture
def catalog(settings, es, unique_name):
    provinces = tuple(dataclasses.replace(p, prefix=f"{unique_name}/{p.prefix}") for p in settings.provinces)
    under_test = CatalogUnderTest(dataclasses.replace(settings, index_alias=unique_name, provinces=provinces), es)
    yield under_test
    for index in es.indices.get(index=f"{unique_name}-*"):  # the node refuses wildcard deletes
        es.indices.delete(index=index)
    for storage in under_test.storages.values():
        for stored in storage.list_objects():
            storage.delete(stored.key)
