"""The schema.org JSON-LD of resource pages, built from the spec's examples without any service."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import example

from catalog.web.structured_data import licence_url, script_text, structured_data

VOCABULARY = Path(__file__).resolve().parents[2] / "fixtures" / "schemaorg"
PAGE = "https://catalog.example.cn/resources/cq/x"


def file_url(name: str) -> str:
    return f"{PAGE}/files/{name}"


def built(name: str) -> dict:
    return structured_data(example(name), PAGE, file_url)


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _read(name: str) -> dict[str, list[set[str]]]:
    with (VOCABULARY / name).open(encoding="utf-8") as table:
        rows = csv.reader(table)
        next(rows)
        return {row[0]: [set(cell.split()) for cell in row[1:]] for row in rows}


SUPERTYPES = {name: columns[0] for name, columns in _read("types.csv").items()}
PROPERTIES = {name: {"domain": columns[0], "range": columns[1]} for name, columns in _read("properties.csv").items()}


def lineage(type_name: str) -> set[str]:
    """The type and every type it descends from."""
    seen, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(SUPERTYPES.get(current, ()))
    return seen


def vocabulary_problems(node: dict, where: str = "") -> list[str]:
    """Every type, property and nested value's type in ``node`` that schema.org does not allow there."""
    types = _listed(node["@type"])
    problems = [f"{where}@type {t} is not a schema.org type" for t in types if t not in SUPERTYPES]
    ancestry = set().union(*(lineage(t) for t in types))
    for name, value in node.items():
        if name.startswith("@"):
            continue
        known = PROPERTIES.get(name)
        if known is None:
            problems.append(f"{where}{name} is not a schema.org property")
            continue
        if not known["domain"] & ancestry:
            problems.append(f"{where}{name} is not a property of {types}")
        for item in _listed(value):
            if isinstance(item, dict):
                item_types = set().union(*(lineage(t) for t in _listed(item["@type"])))
                if not known["range"] & item_types:
                    problems.append(f"{where}{name} holds a {item['@type']}, not one of {sorted(known['range'])}")
                problems += vocabulary_problems(item, f"{where}{name}.")
            elif isinstance(item, str) and item.startswith("https://schema.org/"):
                if item.removeprefix("https://schema.org/") not in SUPERTYPES:
                    problems.append(f"{where}{name} names {item}, not a schema.org term")
    return problems


@pytest.mark.parametrize("name", ["lesson", "practice_base", "study_tour"])
def test_every_type_and_property_used_exists_in_the_schema_org_vocabulary_where_it_is_used(name):
    assert vocabulary_problems(built(name)) == []


def test_the_vocabulary_check_names_a_made_up_property_and_a_value_of_the_wrong_type():
    node = {"@type": "Place", "colour": "red", "geo": {"@type": "Person", "name": "x"}, "teaches": "分数"}
    assert vocabulary_problems(node) == [
        "colour is not a schema.org property",
        "geo holds a Person, not one of ['GeoCoordinates', 'GeoShape']",
        "teaches is not a property of ['Place']",
    ]


def test_a_lesson_is_a_learning_resource_with_its_level_unit_format_licence_and_files():
    data = built("lesson")
    assert data["@context"] == "https://schema.org" and data["@type"] == "LearningResource"
    assert data["name"] == "分数的初步认识（一）几分之一" and data["url"] == PAGE
    assert data["description"].startswith("通过分月饼")
    assert data["educationalLevel"] == ["小学", "三年级"]
    assert data["teaches"] == ["第八单元 分数的初步认识", "分数", "几分之一", "折纸"]
    assert data["learningResourceType"] == "课件" and data["timeRequired"] == "PT40M"
    assert data["educationalAlignment"] == [
        {"@type": "AlignmentObject", "alignmentType": "educationalSubject", "targetName": "数学"}
    ]
    assert data["inLanguage"] == "zh-CN"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["publisher"] == {"@type": "EducationalOrganization", "name": "重庆市巴蜀小学"}
    assert (data["datePublished"], data["dateModified"]) == ("2025-03-01T09:00:00+08:00", "2025-03-05T16:20:00+08:00")
    assert data["encoding"][0] == {
        "@type": "MediaObject",
        "name": "fenshu-kejian.pptx",
        "encodingFormat": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "contentSize": "183402 B",
        "contentUrl": f"{PAGE}/files/fenshu-kejian.pptx",
    }
    assert [f["contentUrl"] for f in data["encoding"][1:]] == [
        f"{PAGE}/files/jiaoxue-sheji.pdf",
        f"{PAGE}/files/cover.jpg",
    ]
    assert "contentSize" not in data["encoding"][1]  # no size given, none invented


def test_a_practice_base_is_a_place_with_its_coordinates_and_address():
    data = built("practice_base")
    assert data["@type"] == "Place" and data["name"] == "重庆科技馆"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 29.5725, "longitude": 106.5793}
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "重庆市江北区江北城文星门街7号",
        "addressLocality": "重庆市",
        "addressCountry": "CN",
    }
    assert data["maximumAttendeeCapacity"] == 3000 and data["telephone"] == "023-00000000"
    assert "license" not in data and "encoding" not in data  # a place is no creative work


def test_a_study_tour_is_a_tourist_trip_whose_itinerary_lists_its_stops_in_order_with_coordinates():
    data = built("study_tour")
    assert data["@type"] == "TouristTrip" and data["name"].startswith("古蜀文明探源")
    stops = data["itinerary"]["itemListElement"]
    assert [(s["position"], s["item"]["name"]) for s in stops] == [(1, "三星堆博物馆"), (2, "金沙遗址博物馆")]
    assert stops[0]["item"]["@type"] == "Place"
    assert stops[0]["item"]["geo"] == {"@type": "GeoCoordinates", "latitude": 30.993, "longitude": 104.207}
    assert data["itinerary"]["numberOfItems"] == 2
    assert data["offers"] == {"@type": "Offer", "price": 380, "priceCurrency": "CNY"}
    assert data["provider"] == {"@type": "Organization", "name": "成都市教育科学研究院"}
    assert data["touristType"] == ["初中", "七年级", "八年级"]


def test_a_sparse_resource_leaves_out_what_it_does_not_say():
    resource = {"type": "study_tour", "title": "一日研学", "study_tour": {"destinations": [{"name": "某地"}]}}
    data = structured_data(resource, PAGE, file_url)
    assert data["itinerary"]["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "item": {"@type": "Place", "name": "某地"},
        }
    ]
    assert set(data) == {"@context", "@id", "url", "name", "@type", "itinerary"}


@pytest.mark.parametrize(
    ("spdx", "url"),
    [
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("CC-BY-NC-SA-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
        ("CC-BY-NC-ND-4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
        ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("MIT", "https://spdx.org/licenses/MIT.html"),
        ("all-rights-reserved", None),
        (None, None),
    ],
)
def test_a_licence_becomes_the_url_of_its_deed(spdx, url):
    assert licence_url(spdx) == url


def test_text_that_closes_the_script_element_stays_inside_it_and_reads_back_unchanged():
    title = '</script><script>alert(1)</script><!-- & "引号"'
    text = script_text(structured_data({"type": "lesson", "title": title}, PAGE, file_url))
    assert not {"<", ">", "&"} & set(text)
    assert "引号" in text  # Chinese stays readable, only markup characters are escaped
    assert json.loads(text)["name"] == title
