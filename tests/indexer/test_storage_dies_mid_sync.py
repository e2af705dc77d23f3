"""Storage dying in the middle of a sync (issue 16): what was loaded before the failure is written,
and nothing of the province is deleted. The province is read through a proxy that answers every
object read from the sixth on with 503, as a storage going down would."""

from __future__ import annotations

import pytest
from conftest import lesson

from tests.indexer.fault_proxies import GatedS3Proxy
from tests.indexer.test_listing_cut_short import ids_of, report_of, through

pytestmark = [pytest.mark.stack, pytest.mark.faults]

NEW = [f"les-{n:02d}" for n in range(20)]
READ_BEFORE_FAILING = 5


def test_resources_loaded_before_the_storage_failed_are_written_and_none_deleted(catalog):
    catalog.put("cq", lesson("les-old", "重庆 旧课"))
    catalog.put("sc", lesson("les-s1", "四川 课"))
    assert catalog.sync().ok
    for rid in NEW:
        catalog.put("cq", lesson(rid, f"重庆 新课 {rid}"))

    with GatedS3Proxy(catalog.settings.province("cq").endpoint_url) as proxy:
        proxy.arm_reads("status-503", from_read=READ_BEFORE_FAILING + 1)
        # One reader thread: the resources are read in listing order, so the first five get through.
        run = through(catalog, "cq", proxy.url).sync(threads=1)

    cq = report_of(run, "cq")
    assert not run.ok and cq.status == "failed" and "ServiceUnavailable" in cq.error
    assert cq.listed == len(NEW) + 1 and cq.indexed == READ_BEFORE_FAILING and cq.deleted == 0
    assert catalog.ids(province="cq") == ids_of("cq", ["les-old", *NEW[:READ_BEFORE_FAILING]])
    assert report_of(run, "sc").status == "ok"

    after = catalog.sync()
    assert after.ok and catalog.ids(province="cq") == ids_of("cq", ["les-old", *NEW])
