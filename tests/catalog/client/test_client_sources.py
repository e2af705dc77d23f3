"""What catalog-client finds in a folder, without a catalog: resource folders and their files, a manifest,
and problems named by field before anything is sent; the API's refusals read back field by field."""

from __future__ import annotations

import json

from conftest import example

from catalog.client.api import Answer, field_errors
from catalog.client.sources import LocalManifest, LocalResource, find_sources
from catalog.client.state import RunState


def write_folder(root, name: str, document: dict, files: dict) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "resource.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for file_name, body in files.items():
        (folder / file_name).write_bytes(body)


def lesson(**changes) -> dict:
    """The format's lesson example, with a PDF and a cover."""
    document = example("lesson")
    document["files"] = [{"name": "课件.pdf", "role": "main"}, {"name": "cover.png", "role": "cover"}]
    document.update(changes)
    return document


def test_each_resource_folder_is_read_with_the_fields_a_school_decides_and_its_files(tmp_path):
    write_folder(tmp_path, "b", lesson(), {"课件.pdf": b"%PDF-1.4", "cover.png": b"png", "unlisted.txt": b"x"})
    write_folder(tmp_path, "a", lesson(), {"课件.pdf": b"%PDF-1.4", "cover.png": b"png"})
    (tmp_path / "not-a-resource").mkdir()
    found = find_sources(tmp_path)
    assert [s.name for s in found] == ["a", "b"]
    first = found[0]
    assert isinstance(first, LocalResource) and first.problems == {}
    assert "title" in first.metadata and not {"id", "publisher", "region", "files"} & set(first.metadata)
    assert [(f.name, f.role, f.size) for f in first.files] == [("课件.pdf", "main", 8), ("cover.png", "cover", 3)]
    assert find_sources(tmp_path / "a")[0].name == "a"  # one resource folder given directly


def test_problems_are_named_by_field_before_anything_is_sent(tmp_path):
    write_folder(tmp_path, "missing", lesson(), {"课件.pdf": b"%PDF"})
    write_folder(tmp_path, "escape", lesson(files=[{"name": "../../etc/passwd"}]), {})
    write_folder(tmp_path, "none", lesson(files=[]), {})
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "resource.json").write_bytes(b'{"title": ')
    found = {s.name: s.problems for s in find_sources(tmp_path)}
    assert list(found["missing"]) == ["files.1"] and "cover.png" in found["missing"]["files.1"][0]
    assert list(found["escape"]) == ["files.0.name"]
    assert list(found["none"]) == ["files"]
    assert list(found["broken"]) == ["resource.json"]


def test_a_folder_with_a_manifest_is_one_bulk_upload(tmp_path):
    (tmp_path / "manifest.csv").write_text("type,title,files\nlesson,课,a.pdf\n", encoding="utf-8")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (found,) = find_sources(tmp_path)
    assert isinstance(found, LocalManifest) and found.folder == tmp_path


def test_the_apis_field_errors_are_read_back_and_anything_else_is_named_as_the_request():
    refused = Answer(400, {"error": {"code": "bad_request", "message": "m", "fields": {"title": ["太长"]}}}, {})
    assert field_errors(refused) == {"title": ["太长"]}
    assert field_errors(Answer(502, None, {})) == {"request": ["HTTP 502: no JSON answer"]}


def test_the_state_of_another_catalog_is_not_used(tmp_path):
    state = RunState(tmp_path / "state.json", "http://one/")
    state.source("a")["uploaded"] = {"province": "cq", "resource_id": "x"}
    state.save()
    assert RunState(tmp_path / "state.json", "http://one").source("a") == state.source("a")
    assert RunState(tmp_path / "state.json", "http://two").source("a") == {}
