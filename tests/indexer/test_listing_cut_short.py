"""A province's listing that breaks in the middle of the walk, after pages were served (issue 7):
through a proxy in front of the real endpoint the connection drops, the storage answers 500/503,
or a page says there is more without saying how to continue. Rule 3: such a sync deletes nothing.

A listing that ends early but looks complete cannot be told from a withdrawal by the listing
alone: the sync confirms each withdrawal with a HEAD of its resource.json before deleting.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import CatalogUnderTest, lesson

from indexer.run_report_store import latest_runs
from tests.s3_proxy import S3FaultProxy

pytestmark = [pytest.mark.stack, pytest.mark.faults]

FAULTY, HEALTHY = "cq", "sc"  # cq is synced first: its failure must not stop sc
# ProvinceStorage.list_objects asks for 1000 keys a page and run_sync cannot change that, so a
# folder still being uploaded (parts, no resource.json: not a resource) fills the first page.
PAGE_SIZE = 1000
BEFORE_CUT = [f"a{n:02d}" for n in range(5)]  # listed on page 1
AFTER_CUT = [f"z{n:02d}" for n in range(5)]  # listed on page 2, which the proxy breaks
UPLOAD = "m-upload-in-progress"
UPLOAD_PARTS = PAGE_SIZE - len(BEFORE_CUT) + 5  # page 2 begins with the upload's last 5 parts
TITLE_WORD = "三峡"


def resource_ids() -> list[str]:
    return BEFORE_CUT + AFTER_CUT


def ids_of(province: str, resource_ids) -> set[str]:
    return {f"{province}:{resource_id}" for resource_id in resource_ids}


def report_of(run, province: str):
    return next(report for report in run.provinces if report.province == province)


def through(catalog: CatalogUnderTest, province: str, endpoint_url: str) -> CatalogUnderTest:
    """The same catalog (alias, prefixes) with ``province`` read through ``endpoint_url``."""
    provinces = tuple(
        dataclasses.replace(p, endpoint_url=endpoint_url) if p.code == province else p
        for p in catalog.settings.provinces
    )
    return CatalogUnderTest(dataclasses.replace(catalog.settings, provinces=provinces), catalog.es)


@pytest.fixture
def paged_catalog(catalog):
    """Both provinces with resources; the faulty one's listing spans two pages, resources on each."""
    storage = catalog.storages[FAULTY]
    parts = [storage.key_for(UPLOAD, f"part-{n:04d}") for n in range(UPLOAD_PARTS)]
    with ThreadPoolExecutor(max_workers=10) as pool:  # botocore keeps 10 connections per client
        list(pool.map(lambda key: storage.put_bytes(key, b"part"), parts))
        list(pool.map(lambda rid: catalog.put(FAULTY, lesson(rid, f"长江{TITLE_WORD}考察 {rid}")), resource_ids()))
    for rid in ("first", "second"):
        catalog.put(HEALTHY, lesson(rid, f"都江堰水利工程 {rid}"))
    yield catalog
    with ThreadPoolExecutor(max_workers=10) as pool:  # the catalog fixture deletes the rest one by one
        list(pool.map(storage.delete, parts))


def first_sync_through_the_proxy(catalog, proxy) -> CatalogUnderTest:
    via_proxy = through(catalog, FAULTY, proxy.url)
    proxy.disarm()
    first = via_proxy.sync()
    assert first.ok, first.summary_lines()
    assert proxy.listings >= 2, "the faulty province's listing should take more than one page"
    assert catalog.ids(province=FAULTY) == ids_of(FAULTY, resource_ids())
    return via_proxy


@pytest.mark.parametrize(
    "fault, error_says",
    [
        ("drop", "ConnectionClosedError"),  # closed without a response, on every retry too
        ("status-500", "InternalError"),
        ("status-503", "ServiceUnavailable"),
        ("truncated-without-token", "ListingCutShort"),  # 200, IsTruncated=true, no NextContinuationToken
        ("error-with-200", "InternalError"),  # S3's error document sent with status 200
        ("cut-body", "(500) when calling the ListObjectsV2"),  # 200, the XML stops halfway: retried as a 500
    ],
)
def test_a_listing_broken_on_its_second_page_fails_the_province_and_deletes_nothing(paged_catalog, fault, error_says):
    catalog = paged_catalog
    with S3FaultProxy(catalog.settings.province(FAULTY).endpoint_url) as proxy:
        via_proxy = first_sync_through_the_proxy(catalog, proxy)
        before = catalog.ids(province=FAULTY)
        catalog.put(HEALTHY, lesson("arrives", "都江堰水利工程 arrives"))

        proxy.arm(fault, from_page=2)
        during = via_proxy.sync()

    faulty, healthy = report_of(during, FAULTY), report_of(during, HEALTHY)
    assert proxy.faults_served >= (1 if fault == "truncated-without-token" else 2), "retries should meet the fault too"
    assert not during.ok
    assert faulty.status == "failed" and error_says in faulty.error
    assert any(line.startswith(f"{FAULTY}: failed") and error_says in line for line in during.summary_lines())
    # What `catalog-indexer status` shows, although the sync finished within a second of the first.
    stored = latest_runs(catalog.es, catalog.alias)[FAULTY]
    assert stored["run_id"] == during.run_id and stored["status"] == "failed" and error_says in stored["error"]
    assert faulty.deleted == 0
    assert catalog.ids(province=FAULTY) == before
    assert catalog.search_ids("title_seg", TITLE_WORD) == before  # still found by a search, not only by id
    assert healthy.status == "ok" and healthy.indexed == 1 and healthy.deleted == 0
    assert catalog.ids(province=HEALTHY) == ids_of(HEALTHY, ("first", "second", "arrives"))

    after = catalog.sync()  # straight to the healthy endpoint
    assert after.ok, after.summary_lines()
    assert report_of(after, FAULTY).listed == len(resource_ids()) and report_of(after, FAULTY).deleted == 0
    assert catalog.ids(province=FAULTY) == before


def test_a_listing_that_ends_early_but_looks_complete_withdraws_nothing(paged_catalog):
    """Page 2 is a well-formed last page (IsTruncated=false) without the remaining keys. The
    listing alone cannot tell this from a withdrawal, so the sync asks storage before deleting:
    the unlisted resources' resource.json files are still there, so the listing was short."""
    catalog = paged_catalog
    with S3FaultProxy(catalog.settings.province(FAULTY).endpoint_url) as proxy:
        via_proxy = first_sync_through_the_proxy(catalog, proxy)
        before = catalog.ids(province=FAULTY)
        proxy.arm("silent-end", from_page=2)
        during = via_proxy.sync()

    faulty = report_of(during, FAULTY)
    assert proxy.faults_served == 1
    assert not during.ok and faulty.status == "failed" and faulty.deleted == 0
    assert "ListingCutShort" in faulty.error and "still stored" in faulty.error and "z00" in faulty.error
    assert catalog.ids(province=FAULTY) == before == ids_of(FAULTY, resource_ids())
    assert report_of(during, HEALTHY).status == "ok"


def test_a_rebuild_whose_listing_ends_early_but_looks_complete_keeps_the_old_index(paged_catalog):
    """The same short last page during a rebuild: the new index would lack the unlisted
    resources, so they are looked up in storage before the swap, found, and the rebuild fails.
    (The proxy cuts the rebuild's catch-up listing short too, from its first page.)"""
    catalog = paged_catalog
    with S3FaultProxy(catalog.settings.province(FAULTY).endpoint_url) as proxy:
        via_proxy = first_sync_through_the_proxy(catalog, proxy)
        serving = catalog.es.indices.get_alias(name=catalog.alias)
        proxy.arm("silent-end", from_page=2)
        during = via_proxy.rebuild()

    assert not during.ok and "still stored" in during.error
    assert any(resource_id in during.error for resource_id in resource_ids())  # names what was left out
    assert report_of(during, FAULTY).status == "failed"
    assert catalog.es.indices.get_alias(name=catalog.alias) == serving  # the old index keeps serving
    assert catalog.ids(province=FAULTY) == ids_of(FAULTY, resource_ids())
    assert set(catalog.es.indices.get(index=f"{catalog.alias}-*")) == set(serving) | {f"{catalog.alias}-runs"}

    catalog.withdraw(FAULTY, "z01")  # a real withdrawal still leaves with a rebuild
    after = catalog.rebuild()
    assert after.ok, after.summary_lines()
    assert catalog.ids(province=FAULTY) == ids_of(FAULTY, set(resource_ids()) - {"z01"})


def test_resources_listed_and_loaded_before_the_listing_broke_are_written(paged_catalog):
    """Issue 16: storage failing midway threw away what the sync had already read. The Chongqing
    resources listed on page 1 are new; page 2 fails. They are indexed, and nothing is deleted."""
    catalog = paged_catalog
    elsewhere = dataclasses.replace(catalog.settings.province(FAULTY), prefix="no-such-prefix/")
    without_faulty = CatalogUnderTest(
        dataclasses.replace(
            catalog.settings, provinces=tuple(elsewhere if p.code == FAULTY else p for p in catalog.settings.provinces)
        ),
        catalog.es,
    )
    assert without_faulty.sync().ok  # the alias exists, without a Chongqing document
    with S3FaultProxy(catalog.settings.province(FAULTY).endpoint_url) as proxy:
        proxy.arm("drop", from_page=2)
        during = through(catalog, FAULTY, proxy.url).sync()

    faulty = report_of(during, FAULTY)
    assert not during.ok and faulty.status == "failed" and "ConnectionClosedError" in faulty.error
    assert (faulty.indexed, faulty.deleted) == (len(BEFORE_CUT), 0)
    assert catalog.ids(province=FAULTY) == ids_of(FAULTY, BEFORE_CUT)
