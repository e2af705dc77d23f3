"""The curators' queue: sorted, filtered and counted on the server, as plain URLs with checked parameters."""

from __future__ import annotations

import re
from datetime import timedelta

from catalog.stores.models import ResourceVersion, utcnow
from tests.catalog.curation.review_metadata import base_metadata, tour_metadata
from tests.curation_fixtures import lesson_metadata


def _waiting_since(site, province: str, resource_id: str, days: int) -> None:
    """Backdate a submission, as if it had waited ``days`` days."""
    with site.sessions() as session, session.begin():
        version = session.get(ResourceVersion, (province, resource_id, 1))
        version.submitted_at = utcnow() - timedelta(days=days, hours=1)


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="hit-title"><a href="[^"]+">([^<]+)</a>', html)


def _count(html: str, facet: str, label: str) -> int:
    group = html.split(f'data-facet="{facet}"', 1)[1].split("</ul>", 1)[0]
    return int(re.search(re.escape(label) + r'</a> <span class="count" data-count="(\d+)"', group).group(1))


def _queue(site):
    school, other = site.client("school"), site.client("other_school")
    ids = {
        "lesson": site.upload(school, lesson_metadata("B 分数课例")).get_json()["resource_id"],
        "tour": site.upload(school, tour_metadata("A 红岩研学")).get_json()["resource_id"],
        "base": site.upload(other, base_metadata("C 科技馆基地")).get_json()["resource_id"],
    }
    _waiting_since(site, "cq", ids["lesson"], 10)
    _waiting_since(site, "cq", ids["tour"], 5)
    return ids


def test_the_queue_is_oldest_first_and_sorts_by_newest_or_title(site):
    _queue(site)
    curator = site.client("curator")
    assert _titles(curator.get("/curation/queue").get_data(as_text=True)) == [
        "B 分数课例",
        "A 红岩研学",
        "C 科技馆基地",
    ]
    newest = curator.get("/curation/queue?sort=newest").get_data(as_text=True)
    assert _titles(newest) == ["C 科技馆基地", "A 红岩研学", "B 分数课例"]
    by_title = curator.get("/curation/queue?sort=title").get_data(as_text=True)
    assert _titles(by_title) == ["A 红岩研学", "B 分数课例", "C 科技馆基地"]


def test_filters_narrow_the_queue_and_counts_stand_beside_each_value(site):
    _queue(site)
    curator = site.client("curator")
    everything = curator.get("/curation/queue").get_data(as_text=True)
    assert "3 个待审核" in everything
    assert _count(everything, "province", "重庆") == 2 and _count(everything, "province", "四川") == 1
    assert _count(everything, "type", "研学线路") == 1
    assert _count(everything, "school", "重庆市测试小学") == 2 and _count(everything, "school", "成都市测试小学") == 1
    assert _count(everything, "older_than", "超过 3 天") == 2 and _count(everything, "older_than", "超过 7 天") == 1

    week = curator.get("/curation/queue?older_than=7").get_data(as_text=True)
    assert _titles(week) == ["B 分数课例"] and "1 个待审核" in week
    school_id = site.schools["sc"].id
    theirs = curator.get(f"/curation/queue?school={school_id}").get_data(as_text=True)
    assert _titles(theirs) == ["C 科技馆基地"]
    assert _count(theirs, "school", "重庆市测试小学") == 2  # a school's count ignores the school chosen
    assert _count(theirs, "province", "四川") == 1 and "重庆</a> <span" not in theirs  # others apply
    both = curator.get("/curation/queue?province=cq&type=study_tour").get_data(as_text=True)
    assert _titles(both) == ["A 红岩研学"]
    assert 'href="/curation/queue?province=cq&amp;type=study_tour&amp;sort=newest"' in both  # sorting keeps filters


def test_a_bad_parameter_is_named_and_never_a_500(site):
    curator = site.client("curator")
    for query, field in (("sort=cheapest", "sort"), ("older_than=soon", "older_than"), ("type=video", "type")):
        response = curator.get(f"/curation/queue?{query}")
        assert response.status_code == 400
        assert f"({field})" in response.get_data(as_text=True)


def test_only_reviewers_see_the_queue(site):
    assert site.client("teacher").get("/curation/queue").status_code == 403
    assert site.client("school").get("/curation/queue").status_code == 403
    assert site.client("admin").get("/curation/queue").status_code == 200
