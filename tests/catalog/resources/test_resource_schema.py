import copy
import json
from pathlib import Path

import pytest

from catalog.resources.resource_schema import ResourceRejected, ResourceSchema, load_resource, messages_to_reasons

# Copies of ../shared/spec/examples, the format's own examples.
EXAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "spec_examples"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def reasons_for(raw, folder_id="x") -> list[str]:
    with pytest.raises(ResourceRejected) as caught:
        load_resource(raw, folder_id=folder_id)
    return caught.value.reasons


def minimal(**overrides) -> dict:
    resource = {
        "schema": "edu-resource/1",
        "id": "x",
        "type": "lesson",
        "title": "分数",
        "publisher": {"name": "重庆市巴蜀小学", "kind": "school"},
        "region": {"city": "重庆市", "district": "渝中区"},
        "published_at": "2025-03-01T09:00:00+08:00",
    }
    resource.update(overrides)
    return resource


@pytest.mark.parametrize("name", ["lesson", "study_tour", "practice_base"])
def test_spec_examples_load_unchanged_apart_from_defaults(name):
    raw = (EXAMPLES / f"{name}.json").read_bytes()
    original = json.loads(raw)
    loaded = load_resource(raw, folder_id=original["id"])
    expected = {"language": "zh-CN", "license": "all-rights-reserved", **original}
    assert loaded == expected


def test_defaults_are_filled_and_a_bom_is_accepted():
    raw = "\ufeff".encode() + json.dumps(minimal()).encode()
    loaded = load_resource(raw, folder_id="x")
    assert loaded["language"] == "zh-CN"
    assert loaded["license"] == "all-rights-reserved"


def test_unknown_fields_are_dropped_without_error_including_province():
    resource = minimal(province="sc", future_field={"a": 1})
    resource["publisher"]["verified"] = True
    loaded = load_resource(resource, folder_id="x")
    assert "province" not in loaded and "future_field" not in loaded
    assert loaded["publisher"] == {"name": "重庆市巴蜀小学", "kind": "school"}


def test_datetimes_come_back_as_iso_strings_with_offset():
    loaded = load_resource(minimal(published_at="2025-03-01T01:00:00Z"), folder_id="x")
    assert loaded["published_at"] == "2025-03-01T01:00:00+00:00"


def test_naive_datetime_is_rejected_with_advice():
    assert reasons_for(minimal(published_at="2025-03-01T09:00:00")) == [
        "published_at: must include a UTC offset, e.g. +08:00"
    ]


def test_garbage_datetime_is_rejected():
    assert reasons_for(minimal(updated_at="yesterday"))[0].startswith("updated_at: must be an ISO 8601")


@pytest.mark.parametrize("field", ["schema", "id", "type", "title", "publisher", "region", "published_at"])
def test_missing_required_field_is_named(field):
    resource = minimal()
    del resource[field]
    assert f"{field}: required" in reasons_for(resource)


def test_null_required_field_counts_as_missing():
    assert reasons_for(minimal(title=None)) == ["title: required"]


def test_wrong_format_version_is_rejected():
    assert reasons_for(minimal(schema="edu-resource/2"))[0].startswith('schema: must be "edu-resource/1"')


def test_wrong_types_name_their_fields():
    reasons = reasons_for(minimal(title=5, type="video", keywords="数学", publisher="巴蜀小学"))
    assert "title: must be a string" in reasons
    assert "type: must be one of: lesson, study_tour, practice_base" in reasons
    assert "keywords: must be a list" in reasons
    assert "publisher: must be an object" in reasons


@pytest.mark.parametrize("bad_id", ["ABC", "-abc", "a_b", "a" * 65, "abc\n", ""])
def test_bad_id_is_rejected(bad_id):
    assert [r for r in reasons_for(minimal(id=bad_id), folder_id=bad_id) if r.startswith("id: must be")]


def test_id_must_equal_the_folder_name():
    assert reasons_for(minimal(id="abc"), folder_id="abd") == ["id: must match the folder name 'abd'"]


def test_title_is_trimmed_and_length_checked():
    assert load_resource(minimal(title="  分数  "), folder_id="x")["title"] == "分数"
    assert reasons_for(minimal(title="   "))[0].startswith("title: must be 1 to 200 characters")
    assert reasons_for(minimal(title="题" * 201))[0].startswith("title: must be 1 to 200 characters")


def test_summary_is_capped():
    assert reasons_for(minimal(summary="字" * 5001)) == ["summary: must be at most 5000 characters"]


def test_keyword_limits():
    assert reasons_for(minimal(keywords=["k"] * 51)) == ["keywords: must be at most 50 items"]
    assert reasons_for(minimal(keywords=["ok", "长" * 101])) == ["keywords.1: must be at most 100 characters"]


@pytest.mark.parametrize("name", ["../etc/passwd", "a/b.pdf", "..", ".", "a\\b.pdf"])
def test_file_names_cannot_leave_the_folder(name):
    resource = minimal(files=[{"name": "ok.pdf", "role": "main"}, {"name": name, "role": "attachment"}])
    assert reasons_for(resource) == ["files.1.name: must not contain '/' or '\\' or be '.' or '..'"]


@pytest.mark.parametrize(
    "name, reason",
    [
        ("a\x07.pdf", "must not contain control characters"),
        ("名" * 86 + ".pdf", "must be at most 255 bytes in UTF-8"),
        ("resource.json", "must not be resource.json (that name holds the metadata)"),
        ("", "must not be empty"),
    ],
)
def test_other_bad_file_names(name, reason):
    assert reasons_for(minimal(files=[{"name": name, "role": "main"}])) == [f"files.0.name: {reason}"]


def test_file_fields_are_checked():
    files = [{"name": "a.pdf", "role": "poster", "size": -1, "sha256": "abc"}, {"name": "a.pdf", "role": "main"}]
    reasons = reasons_for(minimal(files=files))
    assert "files.0.role: must be one of: main, attachment, cover, preview" in reasons
    assert "files.0.size: must not be negative" in reasons
    assert "files.0.sha256: must be 64 hexadecimal digits" in reasons
    assert "files.1.name: same name as files.0" in reasons


def test_size_must_be_a_whole_number():
    reasons = reasons_for(minimal(files=[{"name": "a.pdf", "role": "main", "size": 1.5}]))
    assert reasons == ["files.0.size: must be a whole number"]


def test_practice_base_without_location_is_rejected():
    resource = example("practice_base")
    del resource["practice_base"]["location"]
    assert reasons_for(resource, folder_id=resource["id"]) == ["practice_base.location: required for a practice base"]


def test_practice_base_without_its_block_is_rejected():
    resource = example("practice_base")
    del resource["practice_base"]
    assert reasons_for(resource, folder_id=resource["id"]) == ["practice_base.location: required for a practice base"]


def test_block_for_another_type_is_rejected_by_name():
    resource = example("lesson")
    resource["study_tour"] = {"theme": "历史文化"}
    assert reasons_for(resource, folder_id=resource["id"]) == [
        "study_tour: not allowed for a lesson; remove it or set type to study_tour"
    ]


def test_lesson_without_a_lesson_block_is_fine():
    assert "lesson" not in load_resource(minimal(), folder_id="x")


def test_study_tour_ranges():
    resource = example("study_tour")
    tour = resource["study_tour"]
    tour["destinations"][0]["location"] = {"lat": 91, "lon": 104.2}
    tour["months"] = [4, 13]
    tour["capacity"] = -5
    tour["fee_cny"] = "380"
    reasons = reasons_for(resource, folder_id=resource["id"])
    assert sorted(reasons) == sorted(
        [
            "study_tour.destinations.0.location.lat: must be between -90 and 90",
            "study_tour.months.1: must be a month from 1 to 12",
            "study_tour.capacity: must not be negative",
            "study_tour.fee_cny: must be a number",
        ]
    )


def test_booking_url_must_be_a_web_address():
    resource = example("practice_base")
    resource["practice_base"]["booking"]["url"] = "javascript:alert(1)"
    assert reasons_for(resource, folder_id=resource["id"]) == [
        "practice_base.booking.url: must be an http:// or https:// address"
    ]


def test_publisher_kind_comes_from_the_vocabulary():
    reasons = reasons_for(minimal(publisher={"name": "某公司", "kind": "startup"}))
    assert reasons == ["publisher.kind: must be one of: school, bureau, museum, venue, company, other"]


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b'{"schema": "edu-resource/1",', "resource.json: not valid JSON"),
        (b"[1, 2]", "resource.json: must be a JSON object, not an array"),
        (b'"text"', "resource.json: must be a JSON object, not a string"),
        (b'{"size": NaN}', "resource.json: not valid JSON"),
    ],
)
def test_bad_json_is_rejected(raw, reason):
    reasons = reasons_for(raw)
    assert len(reasons) == 1 and reasons[0].startswith(reason)


def test_gbk_encoded_json_is_rejected_as_not_utf8():
    raw = json.dumps(minimal(), ensure_ascii=False).encode("gbk")
    assert reasons_for(raw) == ["resource.json: not UTF-8 text (save it as UTF-8)"]


def test_nul_bytes_are_rejected():
    raw = json.dumps(minimal()).encode().replace(b"}", b"}\x00", 1)
    assert reasons_for(raw)[0].startswith("resource.json: contains NUL bytes")
    assert reasons_for(minimal(title="a\u0000b")) == ["title: must not contain NUL characters"]


def test_utf16_is_rejected_before_parsing():
    assert reasons_for(json.dumps(minimal()).encode("utf-16"))[0].startswith("resource.json: contains NUL bytes")


@pytest.mark.parametrize("depth", [33, 100_000])
def test_deep_nesting_is_rejected_without_recursion_errors(depth):
    raw = '{"schema": "edu-resource/1", "extra": ' + "[" * depth + "]" * depth + "}"
    assert reasons_for(raw) == ["resource.json: nested deeper than 32 levels"]


def test_deep_nesting_in_a_dict_is_rejected():
    nested: list = []
    for _ in range(5000):
        nested = [nested]
    assert reasons_for(minimal(extra=nested)) == ["resource.json: nested deeper than 32 levels"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    loaded = load_resource(json.dumps(minimal(summary="[" * 100 + '\\"{' * 50)), folder_id="x")
    assert loaded["summary"].startswith("[[[")


def test_a_huge_document_is_rejected():
    raw = json.dumps(minimal(summary="字" * 400_000), ensure_ascii=False).encode()
    assert reasons_for(raw) == ["resource.json: larger than 1 MiB"]


def test_rejection_message_joins_reasons():
    error = ResourceRejected(["a: x", "b: y"])
    assert str(error) == "a: x; b: y"
    assert isinstance(error, ValueError)


def test_messages_to_reasons_flattens_nested_errors():
    messages = {"files": {0: {"name": ["bad"]}}, "_schema": ["whole"], "title": ["required"]}
    assert messages_to_reasons(messages) == ["files.0.name: bad", "resource: whole", "title: required"]


def test_resource_schema_reports_all_problems_at_once():
    errors = ResourceSchema().validate({"schema": "edu-resource/1", "type": "lesson"})
    assert sorted(messages_to_reasons(errors)) == [
        "id: required",
        "published_at: required",
        "publisher: required",
        "region: required",
        "title: required",
    ]


def test_loaded_resource_is_independent_of_the_input():
    resource = example("lesson")
    before = copy.deepcopy(resource)
    loaded = load_resource(resource, folder_id=resource["id"])
    loaded["files"][0]["name"] = "changed"
    assert resource == before
