"""A harvester against the running catalog: every published resource once, withdrawals as deleted.

The corpus is published and withdrawn through the real services (provinces' feeds, a school's upload,
a curator's approval and rejection); every response is checked against the OAI-PMH schema.
"""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from tests.catalog.harvest.oai_schemas import assert_valid, oai_pmh
from tests.conftest import example, lesson
from tests.curation_fixtures import lesson_metadata

NS = {"o": "http://www.openarchives.org/OAI/2.0/"}
ID = "oai:edu-catalog.cdcq:"


def oai(client, **arguments) -> etree._Element:
    response = client.get("/oai", query_string=arguments)
    assert response.status_code == 200
    assert response.content_type.startswith("text/xml")
    assert_valid(oai_pmh(), response.data)
    return etree.fromstring(response.data)


def error_of(root) -> str | None:
    found = root.find("o:error", NS)
    return None if found is None else found.get("code")


def harvest(client, verb: str = "ListRecords", **arguments) -> tuple[list[etree._Element], int]:
    """Every header of a harvest, following resumption tokens; and how many requests it took."""
    headers, requests = [], 0
    root = oai(client, verb=verb, **arguments)
    while True:
        requests += 1
        assert error_of(root) is None, etree.tostring(root)
        headers += root.findall(".//o:header", NS)
        token = root.find(f"o:{verb}/o:resumptionToken", NS)
        if token is None or not token.text:
            return headers, requests
        root = oai(client, verb=verb, resumptionToken=token.text)


def identifiers(headers, *, deleted: bool) -> list[str]:
    return [h.findtext("o:identifier", namespaces=NS) for h in headers if (h.get("status") == "deleted") is deleted]


@pytest.fixture
def corpus(site):
    """Five feed resources in two provinces, a school's approved upload, a withdrawn one, a rejected feed one."""
    catalog = site.catalog
    catalog.put("cq", lesson("cq-fractions", "分数的初步认识"))
    catalog.put("cq", lesson("cq-poems", "古诗 <两首> & 注释"))
    tour = copy.deepcopy(example("study_tour")) | {"id": "cq-tour", "files": []}
    catalog.put("cq", tour)
    catalog.put("sc", lesson("sc-angles", "角的度量"))
    base = copy.deepcopy(example("practice_base")) | {"id": "sc-base", "files": []}
    catalog.put("sc", base)
    catalog.put("sc", lesson("sc-rejected", "将被退回的课"))
    catalog.sync()
    school, curator = site.client("school"), site.client("curator")
    kept = site.upload(school, lesson_metadata("校本课例：长度单位")).get_json()["resource_id"]
    assert site.approve(curator, "cq", kept).status_code == 200
    gone = site.upload(school, lesson_metadata("将被撤回的课")).get_json()["resource_id"]
    assert site.approve(curator, "cq", gone).status_code == 200
    assert school.delete(f"/api/v1/uploads/cq/{gone}", headers={"X-CSRFToken": school.csrf}).status_code == 204
    waiting = site.upload(school, lesson_metadata("还在审核的课")).get_json()["resource_id"]
    assert site.decide(curator, "sc", "sc-rejected", "reject", reason="内容有误").status_code == 200
    catalog.refresh()
    site.app.config["OAI_PAGE_SIZE"] = 2
    published = {f"{ID}cq/{i}" for i in ("cq-fractions", "cq-poems", "cq-tour", kept)}
    published |= {f"{ID}sc/sc-angles", f"{ID}sc/sc-base"}
    return {
        "published": published,
        "deleted": {f"{ID}cq/{gone}", f"{ID}sc/sc-rejected"},
        "waiting": f"{ID}cq/{waiting}",
        "kept": f"{ID}cq/{kept}",
    }


def test_a_harvest_with_resumption_returns_every_published_resource_once_and_withdrawals_as_deleted(site, corpus):
    client = site.app.test_client()
    for prefix in ("oai_dc", "lom"):
        headers, requests = harvest(client, metadataPrefix=prefix)
        live = identifiers(headers, deleted=False)
        assert sorted(live) == sorted(corpus["published"])  # each once
        assert set(identifiers(headers, deleted=True)) == corpus["deleted"]
        assert corpus["waiting"] not in live
        assert requests == 4  # 8 records, 2 a page


def test_a_resumption_token_reports_the_list_size_and_cursor(site, corpus):
    root = oai(site.app.test_client(), verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find("o:ListIdentifiers/o:resumptionToken", NS)
    assert (token.get("completeListSize"), token.get("cursor")) == ("8", "0")


def test_sets_by_province_and_type(site, corpus):
    client = site.app.test_client()
    cq, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set="province:cq")
    assert set(identifiers(cq, deleted=False)) == {i for i in corpus["published"] if i.startswith(f"{ID}cq/")}
    lessons, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set="type:lesson")
    assert f"{ID}cq/cq-tour" not in identifiers(lessons, deleted=False)
    assert f"{ID}sc/sc-base" not in identifiers(lessons, deleted=False)
    assert set(identifiers(lessons, deleted=True)) == corpus["deleted"]  # both were lessons
    names = oai(client, verb="ListSets").xpath("//o:setSpec/text()", namespaces=NS)
    assert {"province:cq", "province:sc", "type:lesson", "type:study_tour", "type:practice_base"} <= set(names)


def test_from_and_until_select_by_datestamp(site, corpus):
    client = site.app.test_client()
    headers, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    stamps = sorted(h.findtext("o:datestamp", namespaces=NS) for h in headers)
    same_day, _ = harvest(
        client, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamps[0][:10], "until": stamps[-1][:10]}
    )
    assert len(same_day) == 8
    latest, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamps[-1]})
    assert 1 <= len(latest) < 8
    assert all(h.findtext("o:datestamp", namespaces=NS) >= stamps[-1] for h in latest)
    later = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2999-01-01"})
    assert error_of(later) == "noRecordsMatch"


def test_get_record_of_published_and_withdrawn_resources(site, corpus):
    client = site.app.test_client()
    record = oai(client, verb="GetRecord", identifier=f"{ID}cq/cq-poems", metadataPrefix="oai_dc")
    assert record.xpath("//dc:title/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"}) == [
        "古诗 <两首> & 注释"
    ]
    gone = next(iter(corpus["deleted"]))
    deleted = oai(client, verb="GetRecord", identifier=gone, metadataPrefix="lom")
    assert deleted.find(".//o:header", NS).get("status") == "deleted"
    assert deleted.find(".//o:metadata", NS) is None


PROTOCOL_ERRORS = [
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "ListRecords"}, "badArgument"),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-12-01", "until": "2026-12-02T00:00:00Z"},
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": f"{ID}cq/no-such"}, "idDoesNotExist"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "province:xz"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "resumptionToken": "bm90IGEgdG9rZW4"}, "badResumptionToken"),
]


def test_protocol_errors(site, corpus):
    client = site.app.test_client()
    assert [error_of(oai(client, **arguments)) for arguments, _ in PROTOCOL_ERRORS] == [c for _, c in PROTOCOL_ERRORS]


def test_a_resource_waiting_for_review_does_not_exist_for_harvesters(site, corpus):
    root = oai(site.app.test_client(), verb="GetRecord", identifier=corpus["waiting"], metadataPrefix="oai_dc")
    assert error_of(root) == "idDoesNotExist"


def test_identify_and_a_form_post(site, corpus):
    client = site.app.test_client()
    root = oai(client, verb="Identify")
    assert root.findtext("o:Identify/o:deletedRecord", namespaces=NS) == "transient"
    posted = client.post("/oai", data={"verb": "ListMetadataFormats", "identifier": corpus["kept"]})
    assert posted.status_code == 200
    assert_valid(oai_pmh(), posted.data)
    assert etree.fromstring(posted.data).xpath("//o:metadataPrefix/text()", namespaces=NS) == ["oai_dc", "lom"]
