"""Index one resource folder now — an upload or an edit — exactly as sync would."""

from __future__ import annotations

from catalog.indexing.curation_overlay import Overlay
from catalog.indexing.index_definition import document_id
from catalog.indexing.resource_folders import ResourceFolder
from catalog.indexing.resource_loader import LoadedResource, ResourceLoader
from catalog.stores.province_storage import ProvinceStorage


def index_one(es, alias: str, storage: ProvinceStorage, resource_id: str, overlay: Overlay):
    """Read ``resource_id``'s folder, write its document through the alias and refresh, and
    return the loader's result; a folder without resource.json removes the document."""
    folder = ResourceFolder(resource_id)
    for stored in storage.list_objects(folder=resource_id):
        folder.objects[stored.key.rsplit("/", 1)[1]] = stored
    if folder.resource_json is None:
        es.options(ignore_status=404).delete(
            index=alias, id=document_id(storage.province.code, resource_id), refresh="wait_for"
        )
        return None
    result = ResourceLoader(storage, overlays={resource_id: overlay}).load(folder)
    if isinstance(result, LoadedResource):
        es.index(index=alias, id=result.doc_id, document=result.document, refresh="wait_for")
    return result
