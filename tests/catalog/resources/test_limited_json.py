"""JSON within limits: depth counted without recursion, size before reading, reasons naming the field."""

from __future__ import annotations

import pytest

from catalog.resources.limited_json import JsonRefused, nesting_depth, parse_json_limited


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('["[[[[", "]]"]', 1),  # brackets inside strings do not count
        ('["\\"[[[", "\\\\", [2]]', 2),  # nor after an escaped quote; an escaped backslash ends its escape
        ('"[[[ never closed', 0),  # an unterminated string runs to the end
    ],
)
def test_nesting_depth_counts_arrays_and_objects_outside_strings(text, depth):
    assert nesting_depth(text) == depth


def test_nesting_depth_is_counted_without_recursion():
    assert nesting_depth("[" * 1_000_000) == 1_000_000


def test_what_is_within_the_limits_is_parsed():
    assert parse_json_limited('{"title": "分数", "grades": ["三年级"]}', "metadata") == {
        "title": "分数",
        "grades": ["三年级"],
    }
    assert parse_json_limited("\ufeff[1]".encode(), "body") == [1]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 200_000, "嵌套超过 32 层"),
        ("[" * 33 + "]" * 33, "嵌套超过 32 层"),
        ('{"a": ' * 40 + "1" + "}" * 40, "嵌套超过 32 层"),
        ("x" * (2 * 1024 * 1024 + 1), "超过 2 MB 上限"),
        (b"\xff\xfe[1]", "不是 UTF-8 编码的文本"),
        ('{"a": NaN}', "不是有效的 JSON"),
        ("[1,", "不是有效的 JSON"),
        ("9" * 5000, "不是有效的 JSON"),  # past Python's digit limit for int()
    ],
)
def test_what_is_not_is_refused_naming_the_field(text, reason):
    with pytest.raises(JsonRefused) as error:
        parse_json_limited(text, "metadata")
    assert error.value.field == "metadata" and error.value.reason.startswith(reason)


def test_limits_can_be_tighter():
    assert parse_json_limited("[1]", "after", max_depth=1, max_bytes=3) == [1]
    with pytest.raises(JsonRefused, match="嵌套超过 1 层"):
        parse_json_limited("[[1]]", "after", max_depth=1)
    with pytest.raises(JsonRefused, match="超过 1 KB 上限"):
        parse_json_limited(b"[" + b"1," * 600 + b"1]", "after", max_bytes=1024)
