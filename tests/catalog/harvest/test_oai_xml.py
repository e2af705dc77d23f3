"""OAI-PMH responses built without any store: arguments, dates, tokens and the XML, checked by the schemas."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from catalog.harvest import oai_xml
from catalog.harvest.metadata_formats import dublin_core, learning_object
from catalog.harvest.oai_request import ListRequest, OaiError, Window, decode_token, encode_token, parse_request
from tests.catalog.harvest.oai_schemas import assert_valid, oai_pmh
from tests.catalog.harvest.oai_schemas import dublin_core as dc_schema
from tests.catalog.harvest.oai_schemas import learning_object as lom_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "spec_examples"
NOW = datetime(2026, 12, 2, 4, 0, 0, tzinfo=UTC)
BASE = "https://catalog.example.cn/oai"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def error_code(pairs) -> str:
    with pytest.raises(OaiError) as raised:
        parse_request(pairs)
    return raised.value.code


@pytest.mark.parametrize(
    ("pairs", "code"),
    [
        ([], "badVerb"),
        ([("verb", "ListEverything")], "badVerb"),
        ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
        ([("verb", "ListRecords")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "lom")], "badArgument"),
        ([("verb", "Identify"), ("set", "province:cq")], "badArgument"),
        ([("verb", "GetRecord"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-13-01")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-12-01T10:00:00+08:00")], "badArgument"),
        (
            [
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("from", "2026-12-01"),
                ("until", "2026-12-02T00:00:00Z"),
            ],
            "badArgument",
        ),
        (
            [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-12-02"), ("until", "2026-12-01")],
            "badArgument",
        ),
        ([("verb", "ListRecords"), ("resumptionToken", "x"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListRecords"), ("resumptionToken", "not a token")], "badResumptionToken"),
        ([("verb", "ListIdentifiers"), ("resumptionToken", "eyJwIjoxfQ")], "badResumptionToken"),
        ([("verb", "ListSets"), ("resumptionToken", "anything")], "badResumptionToken"),
    ],
)
def test_a_request_the_protocol_forbids_gets_its_error_code(pairs, code):
    assert error_code(pairs) == code


def test_until_takes_in_its_whole_day_or_second():
    by_day = parse_request([("verb", "ListIdentifiers"), ("metadataPrefix", "lom"), ("until", "2026-12-01")])
    assert by_day.listing.window == Window(None, datetime(2026, 12, 2, tzinfo=UTC))
    by_second = parse_request(
        [
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "lom"),
            ("from", "2026-12-01T08:00:00Z"),
            ("until", "2026-12-01T08:00:00Z"),
        ]
    )
    assert by_second.listing.window == Window(
        datetime(2026, 12, 1, 8, tzinfo=UTC), datetime(2026, 12, 1, 8, 0, 1, tzinfo=UTC)
    )


def test_a_resumption_token_carries_the_whole_harvest():
    listing = ListRequest(
        "lom",
        "type:lesson",
        Window(datetime(2026, 1, 1, tzinfo=UTC), None),
        "deleted",
        ("2026-05-01T00:00:00+00:00", "oai:x:cq/a"),
        40,
        41,
    )
    assert decode_token(encode_token(listing)) == listing


def response(root) -> bytes:
    return oai_xml.serialise(root)


def test_identify_list_sets_and_formats_are_valid_oai_pmh():
    arguments = {"verb": "Identify"}
    root = oai_xml.identify(
        oai_xml.envelope(BASE, arguments, NOW),
        name="成渝 <目录>",
        base_url=BASE,
        admin_email="a@example.cn",
        earliest=NOW,
    )
    assert_valid(oai_pmh(), response(root))
    assert b"<deletedRecord>transient</deletedRecord>" in response(root)
    assert_valid(
        oai_pmh(), response(oai_xml.list_metadata_formats(oai_xml.envelope(BASE, {"verb": "ListMetadataFormats"}, NOW)))
    )
    sets = [("province", "按省份"), ("province:cq", "重庆 & <市>")]
    assert_valid(oai_pmh(), response(oai_xml.list_sets(oai_xml.envelope(BASE, {"verb": "ListSets"}, NOW), sets)))


def test_an_argument_error_echoes_only_the_base_url_and_escapes_the_message():
    root = oai_xml.error(BASE, {"verb": "<script>", "x": "1"}, "badVerb", "'<script>' is not an OAI-PMH verb", NOW)
    body = response(root)
    assert_valid(oai_pmh(), body)
    parsed = etree.fromstring(body)
    request = parsed.find(f"{{{oai_xml.OAI}}}request")
    assert dict(request.attrib) == {} and request.text == BASE
    assert parsed.find(f"{{{oai_xml.OAI}}}error").text == "'<script>' is not an OAI-PMH verb"


@pytest.mark.parametrize("kind", ["lesson", "study_tour", "practice_base"])
def test_each_resource_type_maps_to_valid_dublin_core_and_lom(kind):
    source = example(kind) | {
        "province": "cq",
        "resource_id": "r1",
        "title": "标题 <b>&amp;</b>",
        "places": ["洪崖洞 & 解放碑"],
    }
    page = "https://catalog.example.cn/resources/cq/r1?x=1&y=2"
    dc = dublin_core(source, page)
    assert_valid(dc_schema(), etree.tostring(dc))
    assert dc.findtext("{http://purl.org/dc/elements/1.1/}title") == "标题 <b>&amp;</b>"
    lom = learning_object(source, page, "oai:edu-catalog.cdcq:cq/r1")
    assert_valid(lom_schema(), etree.tostring(lom))
    assert lom.findtext("{http://ltsc.ieee.org/xsd/LOM}technical/{http://ltsc.ieee.org/xsd/LOM}location") == page


def test_lom_gives_a_lessons_learning_time_type_and_age_range():
    lom = learning_object(example("lesson") | {"province": "cq", "resource_id": "r1"}, "https://x/r", "oai:x:cq/r1")
    ns = {"l": "http://ltsc.ieee.org/xsd/LOM"}
    assert lom.xpath("l:educational/l:typicalLearningTime/l:duration/text()", namespaces=ns) == ["PT40M"]
    assert lom.xpath("l:educational/l:learningResourceType/l:value/text()", namespaces=ns) == ["slide"]
    assert lom.xpath("l:educational/l:typicalAgeRange/l:string/text()", namespaces=ns) == ["6-12"]
    assert lom.xpath("l:classification/l:taxonPath/l:taxon/l:entry/l:string/text()", namespaces=ns)[0] == "数学"


def test_records_deleted_and_published_with_a_final_empty_token_are_valid():
    root = oai_xml.envelope(BASE, {"verb": "ListRecords", "resumptionToken": "abc"}, NOW)
    body = oai_xml.element(root, "ListRecords")
    source = example("lesson") | {"province": "cq", "resource_id": "r1"}
    published = oai_xml.Record("oai:edu-catalog.cdcq:cq/r1", NOW, ("province:cq", "type:lesson"), source=source)
    oai_xml.record(body, published, learning_object(source, "https://x/r", published.identifier))
    oai_xml.record(body, oai_xml.Record("oai:edu-catalog.cdcq:cq/gone", NOW, ("province:cq",), deleted=True), None)
    oai_xml.resumption_token(body, "", cursor=40, total=42)
    text = response(root)
    assert_valid(oai_pmh(), text)
    records = etree.fromstring(text).findall(f".//{{{oai_xml.OAI}}}record")
    assert [r.find(f"{{{oai_xml.OAI}}}metadata") is not None for r in records] == [True, False]
    assert records[1].find(f"{{{oai_xml.OAI}}}header").get("status") == "deleted"
