"""ListObjectsV2 pages read by the catalog itself: every key exactly as stored, or a clear refusal."""

from __future__ import annotations

from urllib.parse import quote_plus

import pytest

from catalog.stores.listing_pages import ListingPage, StoredObject, UnreadablePage, parse_listing_page

NAMESPACE = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'


def page(contents: str, *, namespace: str = NAMESPACE, tail: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult {namespace}><Name>cq</Name><Prefix></Prefix>'
        f"<MaxKeys>1000</MaxKeys>{contents}{tail}</ListBucketResult>"
    ).encode()


def contents(key: str, etag: str = "&#34;0123abcd&#34;", size: str = "42") -> str:
    return (
        f"<Contents><Key>{key}</Key><LastModified>2026-12-02T10:35:55Z</LastModified><ETag>{etag}</ETag>"
        f"<Size>{size}</Size><StorageClass>STANDARD</StorageClass></Contents>"
    )


def test_url_encoded_keys_come_back_as_stored():
    stored = ["渝中区/resource.json", "a b+c/教案 (第1课).docx", "r1/100%&more.pdf", "r2/~tilde'quote\".txt"]
    body = page(
        "".join(contents(quote_plus(key).replace("&", "&amp;")) for key in stored),
        tail="<IsTruncated>false</IsTruncated><EncodingType>url</EncodingType><KeyCount>4</KeyCount>",
    )
    parsed = parse_listing_page(body)
    assert [o.key for o in parsed.objects] == stored
    assert parsed == ListingPage([StoredObject(key, "0123abcd", 42) for key in stored], False, None)


def test_keys_without_url_encoding_are_taken_as_they_are():
    body = page(contents("r1/a+b &amp; c.pdf"), tail="<IsTruncated>false</IsTruncated>")
    assert parse_listing_page(body).objects == [StoredObject("r1/a+b & c.pdf", "0123abcd", 42)]


def test_a_truncated_page_gives_the_token_that_continues_it():
    body = page(
        "<IsTruncated>true</IsTruncated>" + contents("r1/resource.json", etag='"ffee-2"', size="1296"),
        tail="<NextContinuationToken>r1/resource.json</NextContinuationToken><EncodingType>url</EncodingType>",
    )
    assert parse_listing_page(body) == ListingPage(
        [StoredObject("r1/resource.json", "ffee-2", 1296)], True, "r1/resource.json"
    )


def test_a_store_that_leaves_out_the_namespace_is_read_the_same():
    with_namespace = page(contents("r1/resource.json"), tail="<IsTruncated>false</IsTruncated>")
    without = page(contents("r1/resource.json"), namespace="", tail="<IsTruncated>false</IsTruncated>")
    assert parse_listing_page(without) == parse_listing_page(with_namespace)
    assert parse_listing_page(without).objects == [StoredObject("r1/resource.json", "0123abcd", 42)]


def test_an_empty_listing_is_an_empty_last_page():
    assert parse_listing_page(page("", tail="<IsTruncated>false</IsTruncated><KeyCount>0</KeyCount>")) == (
        ListingPage([], False, None)
    )


@pytest.mark.parametrize(
    "body, says",
    [
        (page(contents("r1/resource.json"))[:150], "not XML"),  # a body cut short by the network
        (b'<?xml version="1.0"?><Error><Code>InternalError</Code><Message>retry</Message></Error>', "<Error>"),
        (page("<Contents><Key>r1/a.pdf</Key><ETag>&#34;e&#34;</ETag></Contents>"), "without a key, ETag or size"),
        (page(contents("r1/a.pdf", size="many")), "without a key, ETag or size"),
    ],
)
def test_a_page_that_is_not_a_whole_listing_is_refused_not_read_as_fewer_keys(body, says):
    with pytest.raises(UnreadablePage, match=says):
        parse_listing_page(body)
