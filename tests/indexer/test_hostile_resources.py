"""Hostile resource.json files in a province's storage: each is rejected with its key and a reason,
the run does not crash, and the good resource beside them is indexed."""

from __future__ import annotations

import json

import pytest
from conftest import lesson

pytestmark = pytest.mark.stack


def text(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def hostile_files() -> dict[str, tuple[bytes, str]]:
    """folder → (resource.json bytes, words the reason must contain)."""
    deep = "[" * 100_000 + "]" * 100_000
    return {
        "h-deep": (
            ('{"schema": "edu-resource/1", "id": "h-deep", "keywords": ' + deep + "}").encode(),
            "nested deeper",
        ),
        "h-ten-mb": (text({**lesson("h-ten-mb", "大"), "summary": "字" * (10 * 1024 * 1024 // 3)}), "larger than"),
        "h-utf16": (text(lesson("h-utf16", "编码")).decode().encode("utf-16"), "UTF-16"),
        "h-gbk": (json.dumps(lesson("h-gbk", "国标码"), ensure_ascii=False).encode("gbk"), "not UTF-8"),
        "h-nul": (text(lesson("h-nul", "空\u0000字符")), "NUL"),
        "h-huge-array": (text({**lesson("h-huge-array", "数组"), "keywords": ["词"] * 100_000}), "keywords"),
        "h-dotdot": (
            text({**lesson("h-dotdot", "路径"), "files": [{"name": "../../secret.pdf", "role": "main"}]}),
            "files.0.name",
        ),
        "h-slash": (
            text({**lesson("h-slash", "路径"), "files": [{"name": "sub/dir.pdf", "role": "main"}]}),
            "files.0.name",
        ),
        "h-backslash": (
            text({**lesson("h-backslash", "路径"), "files": [{"name": "..\\\\x.pdf", "role": "main"}]}),
            "files.0.name",
        ),
        "h-not-object": (b'["edu-resource/1"]', "must be a JSON object"),
        "h-nan": (
            b'{"schema": "edu-resource/1", "id": "h-nan", "lesson": {"duration_minutes": NaN}}',
            "not valid JSON",
        ),
        "h-big-int": (
            b'{"schema": "edu-resource/1", "id": "h-big-int", "files": [{"name": "a.pdf", "role": "main", '
            b'"size": ' + b"9" * 5000 + b"}]}",
            "resource.json",
        ),
    }


def test_hostile_resource_json_files_are_each_rejected_with_a_reason(catalog):
    files = hostile_files()
    for folder, (body, _) in files.items():
        catalog.put("cq", body, folder=folder)
    catalog.put("cq", lesson("les-good", "正常的课例"))

    run = catalog.sync()

    report = run.provinces[0]
    assert report.status == "ok"
    rejected = {entry["key"].rsplit("/", 2)[-2]: " ".join(entry["reasons"]) for entry in report.rejected}
    assert set(rejected) == set(files)
    for folder, (_, expected) in files.items():
        assert expected in rejected[folder], (folder, rejected[folder])
    assert catalog.ids() == {"cq:les-good"}
