"""What a rebuild takes from the serving index instead of storage.

A serving document whose fingerprint (every object's ETag and the catalog's decision version) is
the folder's and whose format is the builder's is copied as it is. One of an older format is built
again from the resource.json and file texts it kept. Anything else is loaded from storage, reusing
the text of each file whose ETag is unchanged, as a sync does.
"""

from __future__ import annotations

from catalog.indexing.document_builder import FORMAT_VERSION
from catalog.indexing.index_definition import document_id
from catalog.indexing.resource_folders import ResourceFolder
from catalog.indexing.resource_loader import LoadedResource, ResourceLoader

COPIED, REBUILT, LOADED = "copied", "rebuilt", "loaded"


def files_by_name(document: dict | None) -> dict[str, dict] | None:
    """An indexed document's file entries by name: the loader reuses the text of an unchanged one."""
    if document is None:
        return None
    return {entry["name"]: entry for entry in document.get("files", [])}


def remember_report(result: LoadedResource) -> None:
    """Keep in the document what the run report says of it, so a copy can say it again."""
    result.document["sync"]["reported"] = {
        "unmapped": list(result.unmapped),
        "file_problems": [list(problem) for problem in result.file_problems],
    }


def copied(province: str, resource_id: str, document: dict) -> LoadedResource:
    reported = document["sync"].get("reported", {})
    problems = [tuple(problem) for problem in reported.get("file_problems", [])]
    return LoadedResource(document_id(province, resource_id), document, reported.get("unmapped", []), problems)


def reuse_or_load(loader: ResourceLoader, folder: ResourceFolder, serving: dict | None):
    """``(how, result)``: the folder's document copied, rebuilt from ``serving`` or loaded from storage."""
    if serving is None:
        return LOADED, loader.load(folder)
    recorded = serving.get("sync", {})
    if recorded.get("fingerprint") == loader.fingerprint(folder):
        if recorded.get("format") == FORMAT_VERSION:
            return COPIED, copied(loader.storage.province.code, folder.resource_id, serving)
        if recorded.get("resource_json") is not None:
            return REBUILT, loader.load(folder, files_by_name(serving), kept_json=recorded["resource_json"])
    return LOADED, loader.load(folder, files_by_name(serving))
