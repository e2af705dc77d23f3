"""ListObjectsV2 pages read straight from the response XML.

botocore walks each listed object through its generic shape model (a dict per field, every
timestamp parsed): about 30 ms of CPU for a page of 1,000 keys, most of what a no-change sync
spends in Python. The catalog needs three fields of an object, which lxml reads in about 7 ms.
botocore still signs, sends, retries and raises for the request; only a successful page's body
is read here, and one that cannot be read is turned into a server error (retried), as botocore
does with a body cut short or an error that S3 sent with status 200.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_plus

import botocore.handlers
from lxml import etree

S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
# What botocore parses instead of a page read here: a result with nothing in it.
_EMPTY_RESULT = f'<ListBucketResult xmlns="{S3_NAMESPACE}"/>'.encode()
_HANDLER_ID = "catalog-listing-pages"


@dataclass(frozen=True)
class StoredObject:
    key: str
    etag: str
    size: int


@dataclass(frozen=True)
class ListingPage:
    objects: list[StoredObject]
    is_truncated: bool
    next_token: str | None


class UnreadablePage(ValueError):
    """A listing body that is not a ListBucketResult of the shape S3 documents."""


def parse_listing_page(body: bytes) -> ListingPage:
    """A ListObjectsV2 result: its objects (keys URL-decoded when the page says it encoded them),
    whether it was cut at the page size, and the token that continues it."""
    try:
        # A parser per page: lxml serialises the threads that share one.
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise UnreadablePage(f"listing page is not XML: {exc}") from exc
    # S3 sets its namespace; an S3-compatible store might not: the names are read either way.
    namespace, _, name = root.tag.rpartition("}")
    if name != "ListBucketResult":
        raise UnreadablePage(f"listing page is a <{name}>, not a <ListBucketResult>")
    contents, key_tag, etag_tag, size_tag, truncated_tag, token_tag, encoding_tag = (
        f"{namespace}}}{tag}" if namespace else tag
        for tag in ("Contents", "Key", "ETag", "Size", "IsTruncated", "NextContinuationToken", "EncodingType")
    )
    objects, truncated, token, encoding = [], False, None, None
    try:
        for element in root:
            tag = element.tag
            if tag == contents:
                fields = {child.tag: child.text for child in element}
                objects.append((fields[key_tag] or "", (fields[etag_tag] or "").strip('"'), int(fields[size_tag])))
            elif tag == truncated_tag:
                truncated = element.text == "true"
            elif tag == token_tag:
                token = element.text
            elif tag == encoding_tag:
                encoding = element.text
    except (KeyError, TypeError, ValueError) as exc:
        raise UnreadablePage(f"listed object without a key, ETag or size: {exc!r}") from exc
    decode = unquote_plus if encoding == "url" else str
    return ListingPage([StoredObject(decode(key), etag, size) for key, etag, size in objects], truncated, token)


_PAGE = "CatalogListingPage"  # where a page read here travels in botocore's parsed response


def _read_body(response_dict: dict, customized_response_dict: dict, **_) -> None:
    if response_dict["status_code"] != 200:
        return
    try:
        page = parse_listing_page(response_dict["body"])
    except UnreadablePage:
        # As botocore's own check does: a body cut short by the network is a server error, retried.
        response_dict["status_code"] = 500
        return
    customized_response_dict[_PAGE] = page
    response_dict["body"] = _EMPTY_RESULT


def read_pages_here(client) -> None:
    """Make ``client``, one kept for listing, read its ListObjectsV2 pages here.

    botocore parses every 200 answer of S3 once more just to look for an error in it (S3 can
    answer 200 with an error body): a tenth of a listing's time. Here the one parse does both.
    """
    client.meta.events.register_first("before-parse.s3.ListObjectsV2", _read_body, unique_id=_HANDLER_ID)
    second_parse = getattr(botocore.handlers, "_handle_200_error", None)
    if second_parse is not None:
        client.meta.events.unregister("before-parse.s3.*", second_parse)


def read_listing_page(client, **params) -> ListingPage:
    """One ``list_objects_v2`` call (its parameters as boto3 takes them) of a client made to
    ``read_pages_here``: a page comes back read, or the call raises."""
    return client.list_objects_v2(**params)[_PAGE]
