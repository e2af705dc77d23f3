"""Write generated resources into province storage: files first, ``resource.json`` last."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sample_corpus.generator import SampleResource

if TYPE_CHECKING:
    from catalog.stores.province_storage import ProvinceStorage  # noqa: F401

RESOURCE_JSON = "resource.json"
JSON_MEDIA_TYPE = "application/json"


class WritableStorage(Protocol):
    """What the writer needs from a storage; ``ProvinceStorage`` and ``FolderStorage`` both have it."""

    def key_for(self, resource_id: str, name: str) -> str: ...

    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> str: ...


class FolderStorage:
    """A local folder laid out like a bucket: ``<root>/<resource-id>/<name>`` (for inspection)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def key_for(self, resource_id: str, name: str) -> str:
        if "/" in name or name in ("", ".", ".."):
            raise ValueError(f"unsafe object name {name!r}")
        return f"{resource_id}/{name}"

    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> str:
        path = self.root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        return ""


def write_resource(resource: SampleResource, storage: WritableStorage) -> None:
    """Write one resource; ``resource.json`` goes last so a half-written folder is not a resource."""
    for sample in resource.files:
        storage.put_bytes(storage.key_for(resource.resource_id, sample.name), sample.body, sample.media_type)
    storage.put_bytes(storage.key_for(resource.resource_id, RESOURCE_JSON), resource.resource_json, JSON_MEDIA_TYPE)


def _progress(total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="res", disable=not sys.stderr.isatty())


def write_corpus(
    resources: Iterable[SampleResource],
    storages: dict[str, ProvinceStorage],
    workers: int = 8,
    total: int | None = None,
) -> dict[str, int]:
    """Write ``resources`` to ``storages`` (province code → storage) with a thread pool.

    Resources of a province without a storage are skipped. Returns the number written per
    province. The first failed write is raised once the in-flight writes have finished.
    """
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    max_pending = workers * 4  # keep generation and upload overlapping without holding everything

    def task(resource: SampleResource) -> None:
        write_resource(resource, storages[resource.province])
        with lock:
            counts[resource.province] += 1

    pending: set[Future] = set()
    with (
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="corpus-writer") as pool,
        _progress(total) as progress,
    ):

        def settle(done: set[Future]) -> None:
            for future in done:
                future.result()
                progress.update(1)

        for resource in resources:
            if resource.province not in storages:
                continue
            pending.add(pool.submit(task, resource))
            if len(pending) >= max_pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                settle(done)
        done, pending = wait(pending)
        settle(done)
    return {code: counts.get(code, 0) for code in storages}
