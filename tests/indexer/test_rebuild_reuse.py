"""A rebuild reuses what the serving index already holds (issue 15): an unchanged document is copied,
one of an older format is built again from what it kept, and only what changed is read from storage;
``--from-storage`` reads everything. Chongqing's storage is read through a proxy that counts GETs."""

from __future__ import annotations

import threading
from urllib.parse import unquote, urlsplit

import pytest
from conftest import lesson

import catalog.indexing.document_builder as document_builder
import indexer.rebuild_reuse as rebuild_reuse
from sample_corpus.files import corrupt_pdf_bytes, pdf_bytes
from tests.indexer.test_listing_cut_short import through
from tests.s3_proxy import S3FaultProxy, is_listing

pytestmark = pytest.mark.stack

TEXTS = {"les-a": "光合作用需要叶绿体参与", "les-b": "摩擦力的大小与接触面粗糙程度有关"}
TEXTS_AND_JSON = ("jiangyi.pdf", "resource.json")


class ReadCountingProxy(S3FaultProxy):
    """Passes every request on and remembers each object GET as ``<folder>/<name>``."""

    def __init__(self, upstream_url: str):
        super().__init__(upstream_url)
        self.reads: list[str] = []
        self._reads_lock = threading.Lock()

    def _fault_for(self, method: str, path: str) -> str | None:
        if method == "GET" and not is_listing(method, path):
            with self._reads_lock:
                self.reads.append("/".join(unquote(urlsplit(path).path).split("/")[-2:]))
        return super()._fault_for(method, path)


def _with_pdf(resource_id: str, body: bytes, **changes) -> tuple[dict, dict]:
    resource = lesson(resource_id, f"讲义 {resource_id}", **changes)
    resource["files"] = [{"name": "jiangyi.pdf", "role": "main", "media_type": "application/pdf"}]
    return resource, {"jiangyi.pdf": body}


@pytest.fixture
def serving(catalog):
    """Chongqing: two lessons with a PDF each, one with a corrupt PDF and an unmapped subject; one
    Sichuan lesson. All indexed by a sync."""
    for rid, text in TEXTS.items():
        resource, files = _with_pdf(rid, pdf_bytes("讲义", (text,)))
        catalog.put("cq", resource, files=files)
    resource, files = _with_pdf("les-c", corrupt_pdf_bytes("坏文件"), subjects=["数学", "奥数"])
    catalog.put("cq", resource, files=files)
    catalog.put("sc", lesson("les-s1", "四川 课程"))
    first = catalog.sync()
    assert first.ok, first.summary_lines()
    return catalog


def _rebuild_counting_cq_reads(catalog, settings, **options):
    with ReadCountingProxy(settings.province("cq").endpoint_url) as proxy:
        run = through(catalog, "cq", proxy.url).rebuild(**options)
        listings = proxy.listings
    catalog.refresh()
    assert run.ok, run.summary_lines()
    assert listings > 0  # Chongqing was read through the proxy
    cq = next(report for report in run.provinces if report.province == "cq")
    return run, cq, sorted(proxy.reads)


def test_a_rebuild_copies_unchanged_documents_and_reads_again_only_a_changed_file(serving, settings):
    catalog = serving
    storage = catalog.storages["cq"]
    storage.put_bytes(storage.key_for("les-b", "jiangyi.pdf"), pdf_bytes("讲义", ("直角三角形两条直角边的平方和",)))

    run, cq, reads = _rebuild_counting_cq_reads(catalog, settings)

    assert reads == ["les-b/jiangyi.pdf", "les-b/resource.json"]
    assert (cq.made["copied"], cq.made["rebuilt"], cq.made["loaded"]) == (2, 0, 1)
    assert "copied=2 rebuilt_from_index=0 loaded_from_storage=1" in run.summary_lines()[0]
    assert catalog.search_ids("file_text_seg", "直角边") == {"cq:les-b"}
    assert catalog.search_ids("file_text_seg", "粗糙程度") == set()
    assert catalog.search_ids("file_text_seg", "叶绿体") == {"cq:les-a"}
    # A copied document still reports its unmapped value and its file's problem.
    assert cq.unmapped == {"subjects: 奥数": 1}
    assert [problem["key"].split("/")[-2:] for problem in cq.file_problems] == [["les-c", "jiangyi.pdf"]]
    assert cq.listed == 3 and cq.indexed == 3


def test_after_a_format_bump_a_rebuild_builds_every_document_again_without_reading_storage(
    serving, settings, monkeypatch
):
    catalog = serving
    bumped = document_builder.FORMAT_VERSION + 1
    monkeypatch.setattr(document_builder, "FORMAT_VERSION", bumped)
    monkeypatch.setattr(rebuild_reuse, "FORMAT_VERSION", bumped)

    run, cq, reads = _rebuild_counting_cq_reads(catalog, settings)

    # les-c's corrupt PDF gave an extraction error: such a file is always tried again.
    assert reads == ["les-c/jiangyi.pdf"]
    assert (cq.made["copied"], cq.made["rebuilt"], cq.made["loaded"]) == (0, 3, 0)
    assert {catalog.document(f"cq:{rid}")["sync"]["format"] for rid in ("les-a", "les-b", "les-c")} == {bumped}
    assert catalog.search_ids("file_text_seg", "叶绿体") == {"cq:les-a"}
    assert catalog.search_ids("file_text_seg", "粗糙程度") == {"cq:les-b"}
    assert cq.unmapped == {"subjects: 奥数": 1}


def test_a_rebuild_from_storage_reads_every_resource_and_file(serving, settings):
    catalog = serving

    run, cq, reads = _rebuild_counting_cq_reads(catalog, settings, from_storage=True)

    assert reads == sorted(f"{rid}/{name}" for rid in ("les-a", "les-b", "les-c") for name in TEXTS_AND_JSON)
    assert (cq.made["copied"], cq.made["rebuilt"], cq.made["loaded"]) == (0, 0, 3)
    assert "copied=0 rebuilt_from_index=0 loaded_from_storage=3" in run.summary_lines()[0]
    assert catalog.search_ids("file_text_seg", "粗糙程度") == {"cq:les-b"}
