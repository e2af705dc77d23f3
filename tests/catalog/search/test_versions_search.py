"""The same title from several publishers, on the real node: shown once with 另有 N 个版本, in the
service, the JSON API, the results page and /near; facets still count every resource."""

from __future__ import annotations

import copy
import re

import pytest
from conftest import example, lesson

from catalog.search.query_builder import SearchRequest
from catalog.search.service import search


def pythagoras(resource_id: str, title: str, publisher: str, published_at: str) -> dict:
    return lesson(
        resource_id,
        title,
        keywords=[],
        summary="用拼图验证直角三角形三边的关系。",
        publisher={"name": publisher, "kind": "school"},
        published_at=published_at,
    )


def base(resource_id: str, title: str, publisher: str) -> dict:
    resource = copy.deepcopy(example("practice_base"))
    resource.update(id=resource_id, title=title, publisher={"name": publisher, "kind": "venue"})
    return resource


@pytest.fixture
def corpus(catalog):
    catalog.put("cq", pythagoras("gg-1", "《勾股定理》课件", "重庆一中", "2024-03-01T09:00:00+08:00"))
    catalog.put("sc", pythagoras("gg-2", "勾股定理 课件", "成都七中", "2025-03-01T09:00:00+08:00"))
    catalog.put("sc", pythagoras("gg-3", "勾股定理課件", "绵阳中学", "2023-03-01T09:00:00+08:00"))
    catalog.put("cq", pythagoras("gg-4", "勾股定理的证明", "重庆八中", "2022-03-01T09:00:00+08:00"))
    catalog.put("cq", base("jd-1", "重庆科技馆", "重庆科技馆"))
    catalog.put("cq", base("jd-2", "重庆科技馆", "江北区教委"))
    catalog.sync()
    return catalog


def run(catalog, **request):
    return search(catalog.es, catalog.alias, SearchRequest(**request))


def test_one_title_from_three_publishers_is_one_hit_with_two_other_versions(corpus):
    result = run(corpus, q="勾股定理")
    assert [hit.other_version_count for hit in result.hits] == [2, 0]
    first = result.hits[0]
    assert {first.doc_id, *(v.doc_id for v in first.other_versions)} == {"cq:gg-1", "sc:gg-2", "sc:gg-3"}
    assert [v.published_at[:4] for v in first.other_versions] == sorted(
        (v.published_at[:4] for v in first.other_versions), reverse=True
    )
    assert result.total == 2 and result.resource_total == 4


def test_facets_count_every_version(corpus):
    facets = {f.value: f.count for f in run(corpus, q="勾股定理").facets["province"]}
    assert facets == {"cq": 2, "sc": 2}


def test_newest_first_shows_the_newest_version_of_the_title(corpus):
    hits = run(corpus, q="勾股定理", sort="newest").hits
    assert [hit.doc_id for hit in hits] == ["sc:gg-2", "cq:gg-4"]


def test_numbered_pages_list_each_title_once(corpus):
    pages = [run(corpus, q="勾股定理", size=1, offset=offset).hits for offset in (0, 1)]
    assert [len(page) for page in pages] == [1, 1]
    assert pages[0][0].other_version_count == 2 and pages[1][0].doc_id == "cq:gg-4"


def test_a_search_after_page_lists_versions_uncollapsed_without_an_error(corpus):
    first = run(corpus, q="勾股定理", size=1)
    after = run(corpus, q="勾股定理", size=3, search_after=first.next_search_after)
    assert first.hits[0].doc_id not in {hit.doc_id for hit in after.hits}
    assert all(hit.other_version_count == 0 for hit in after.hits)


def test_near_lists_a_base_once(corpus):
    result = run(corpus, near=(29.57, 106.58), sort="distance", filters={"type": ("practice_base",)})
    assert len(result.hits) == 1 and result.hits[0].other_version_count == 1


@pytest.fixture
def site(corpus, app_factory):
    return app_factory(index_alias=corpus.alias, provinces=corpus.settings.provinces).test_client()


def test_the_api_carries_the_versions_on_the_hit(site):
    answer = site.get("/api/v1/search?q=勾股定理").json
    assert answer["total"] == 2
    first = answer["hits"][0]
    assert first["other_version_count"] == 2
    assert {v["publisher"] for v in first["other_versions"]} | {first["publisher"]} == {
        "重庆一中",
        "成都七中",
        "绵阳中学",
    }
    assert all(v["url"].startswith("/api/v1/resources/") for v in first["other_versions"])


def test_the_page_and_near_show_another_n_versions_in_a_details_element(site):
    page = site.get("/search?q=勾股定理").get_data(as_text=True)
    details = re.findall(r'<details class="versions">(.*?)</details>', page, re.S)
    assert len(details) == 1 and "另有 2 个版本" in details[0]
    assert details[0].count("<li>") == 2
    near = site.get("/near?place=重庆市江北区&type=practice_base").get_data(as_text=True)
    assert near.count("重庆科技馆</a>") == 2 and "另有 1 个版本" in near
