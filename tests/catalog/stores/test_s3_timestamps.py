"""Storage timestamps read by the quick parser are the ones botocore's own parser gives."""

import pytest
from botocore.utils import parse_timestamp

from catalog.stores.province_storage import _timestamp


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-02T07:08:15.123Z",  # a listing's LastModified
        "2026-12-02T07:08:15Z",
        "2026-12-02T15:08:15+08:00",
        "Wed, 02 Dec 2026 07:08:15 GMT",  # a GET's or HEAD's Last-Modified header
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "Wed, 2 Dec 2026 07:08:15 GMT",
        "Wednesday, 02-Dec-26 07:08:15 GMT",  # RFC 850, left to botocore if the quick one cannot
        "2026-12-02T07:08:15",  # no zone: left to botocore
    ],
)
def test_the_same_moment_as_botocore_reads(text):
    parsed, expected = _timestamp(text), parse_timestamp(text)
    assert parsed == expected
    assert (parsed.utcoffset(), parsed.timestamp()) == (expected.utcoffset(), expected.timestamp())
