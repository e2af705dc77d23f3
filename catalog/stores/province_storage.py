"""Access to one province's S3-compatible object storage (boto3, SigV4, path-style)."""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import quote

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.utils import parse_timestamp

from catalog.provinces import Province
from catalog.stores.listing_pages import StoredObject, read_listing_page, read_pages_here
from catalog.stores.object_reads import ObjectReader

RESOURCE_JSON = "resource.json"
# Versions waiting for review live under "<prefix>_staging/<resource id>/v<n>/". A resource id
# never starts with "_" (spec), so no staged object can be taken for a live resource folder.
STAGING_DIR = "_staging"


class ListingCutShort(RuntimeError):
    """The storage said there was more to list but gave no way to continue."""


def is_not_found(exc: ClientError) -> bool:
    """A GET or HEAD of a key that does not exist (HEAD answers a bare 404)."""
    return exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound")


# Connections each client keeps: more than the indexer's reader threads (--threads) and the web's
# request threads ever use at once, so no request waits for one or opens one that is thrown away.
MAX_POOL_CONNECTIONS = 64
# Clients are thread-safe and costly to make (tens of ms, a connection pool each): one per process
# and endpoint/credentials/timeouts. The process id is part of the key: a forked child makes its own.
_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()
_sessions: dict[int, boto3.Session] = {}


def _timestamp(value: str) -> datetime:
    """A response's timestamp; ISO 8601 (each listed object's LastModified) and RFC 1123 (a GET's or
    HEAD's Last-Modified header) without dateutil's general parser, which took a third of a
    listing's CPU and 0.5 ms of every GET."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        parsed = _http_date(value)
    return parsed if parsed and parsed.tzinfo else parse_timestamp(value)


def _http_date(value) -> datetime | None:
    if not isinstance(value, str) or not value.endswith(" GMT"):
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _session() -> boto3.Session:
    """The process's boto3 session, its responses' timestamps read by ``_timestamp``."""
    if os.getpid() not in _sessions:
        core = botocore.session.get_session()
        core.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=_timestamp)
        _sessions[os.getpid()] = boto3.Session(botocore_session=core)
    return _sessions[os.getpid()]


def s3_client(
    province: Province,
    *,
    connect_timeout: float = 3,
    read_timeout: float = 30,
    retries: int = 2,
    endpoint_url: str | None = None,
    listing: bool = False,
):
    """The process's boto3 S3 client for ``province``'s endpoint and credentials; a ``listing``
    one reads its ListObjectsV2 pages itself (``listing_pages``) and is kept for that."""
    endpoint_url = endpoint_url or province.endpoint_url
    key = (os.getpid(), endpoint_url, province.region, province.access_key, province.secret_key)
    key += (connect_timeout, read_timeout, retries, listing)
    with _clients_lock:
        if key not in _clients:
            _clients[key] = _session().client(
                "s3",
                endpoint_url=endpoint_url,
                region_name=province.region,
                aws_access_key_id=province.access_key,
                aws_secret_access_key=province.secret_key,
                config=Config(
                    signature_version="s3v4",
                    s3={"addressing_style": "path"},
                    connect_timeout=connect_timeout,
                    read_timeout=read_timeout,
                    retries={"max_attempts": retries, "mode": "standard"},
                    max_pool_connections=MAX_POOL_CONNECTIONS,
                    # Checksums only where S3 requires them (botocore otherwise adds a CRC to every
                    # upload, as an aws-chunked body not every S3-compatible store accepts, and
                    # computes one over every download): the ETags and SHA-256s already check content.
                    request_checksum_calculation="when_required",
                    response_checksum_validation="when_required",
                ),
            )
            if listing:
                read_pages_here(_clients[key])
        return _clients[key]


def content_disposition(file_name: str, *, inline: bool = False) -> str:
    """RFC 6266: an ASCII fallback name plus the UTF-8 name (Chinese names survive)."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name)
    return (
        f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"
    )


class ProvinceStorage:
    """One province's bucket: listing, reading and writing resource objects."""

    def __init__(self, province: Province, client=None):
        self.province = province
        self.client = client or s3_client(province)
        # Presigning is local computation: a client for the public address signs for that host.
        self.public_client = (
            s3_client(province, endpoint_url=province.public_endpoint_url)
            if province.public_endpoint_url
            else self.client
        )

    @functools.cached_property
    def lister(self):
        """The client that lists (``listing_pages``): made on the first listing, not with every
        storage object (a web process may never list)."""
        return s3_client(self.province, listing=True)

    @functools.cached_property
    def reader(self) -> ObjectReader:
        """Whole-object GETs (``object_reads``) through the client's own HTTP session, retried as often."""
        return ObjectReader(
            self.client,
            endpoint_url=self.client.meta.endpoint_url,
            region=self.province.region,
            access_key=self.province.access_key,
            secret_key=self.province.secret_key,
            attempts=self.client.meta.config.retries["total_max_attempts"],  # the first request included
        )

    def key_for(self, resource_id: str, name: str) -> str:
        return f"{self.province.prefix}{resource_id}/{name}"

    def staged_key(self, resource_id: str, version: int, name: str) -> str:
        """Where file ``name`` of a resource's version ``version`` waits for review."""
        return f"{self.province.prefix}{STAGING_DIR}/{resource_id}/v{version}/{name}"

    def list_objects(self, page_size: int = 1000, *, folder: str | None = None) -> Iterator[StoredObject]:
        """Every object under the province's prefix (or one resource folder), one page at a time;
        the staging area is never part of it."""
        staging = f"{self.province.prefix}{STAGING_DIR}/"
        for stored in self._listing(self.province.prefix + (f"{folder}/" if folder else ""), page_size):
            if not stored.key.startswith(staging):
                yield stored

    def list_staged(self, resource_id: str, version: int) -> Iterator[StoredObject]:
        """Every object staged for one version of a resource."""
        yield from self._listing(self.staged_key(resource_id, version, ""), 1000)

    def _listing(self, prefix: str, page_size: int) -> Iterator[StoredObject]:
        token = None
        while True:
            kwargs = {"Bucket": self.province.bucket, "Prefix": prefix, "MaxKeys": page_size}
            if token:
                kwargs["ContinuationToken"] = token
            page = read_listing_page(self.lister, **kwargs)
            yield from page.objects
            if not page.is_truncated:
                return
            token = page.next_token
            if not token:
                raise ListingCutShort(f"{self.province.code}: listing truncated without a continuation token")

    def get_bytes(self, key: str, max_bytes: int | None = None) -> bytes:
        return self.reader.get(self.province.bucket, key, max_bytes=max_bytes)

    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> str:
        response = self.client.put_object(Bucket=self.province.bucket, Key=key, Body=body, ContentType=content_type)
        return response["ETag"].strip('"')

    def put_new(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> str:
        """Write ``key`` only if nothing is stored there yet (``If-None-Match: *``): staged bytes are
        never overwritten. A clash raises ``ClientError`` with code ``PreconditionFailed``."""
        response = self.client.put_object(
            Bucket=self.province.bucket, Key=key, Body=body, ContentType=content_type, IfNoneMatch="*"
        )
        return response["ETag"].strip('"')

    def copy(self, source_key: str, target_key: str) -> str:
        """A server-side copy inside the bucket; the bytes never pass through the catalog."""
        response = self.client.copy_object(
            Bucket=self.province.bucket, Key=target_key, CopySource={"Bucket": self.province.bucket, "Key": source_key}
        )
        return response["CopyObjectResult"]["ETag"].strip('"')

    def sha256_of(self, key: str, chunk_bytes: int = 1024 * 1024) -> str:
        """The stored object's SHA-256, read in chunks (memory stays flat for a 2 GB file)."""
        digest = hashlib.sha256()
        body = self.client.get_object(Bucket=self.province.bucket, Key=key)["Body"]
        for chunk in iter(lambda: body.read(chunk_bytes), b""):
            digest.update(chunk)
        return digest.hexdigest()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.province.bucket, Key=key)

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.province.bucket, Key=key)

    # --- multipart uploads: large files go from the browser straight to storage ---------------

    def start_multipart(self, key: str, content_type: str) -> str:
        return self.client.create_multipart_upload(Bucket=self.province.bucket, Key=key, ContentType=content_type)[
            "UploadId"
        ]

    def presigned_part_url(
        self, key: str, upload_id: str, part_number: int, part_bytes: int, expires_seconds: int
    ) -> str:
        """A URL for one part that takes exactly ``part_bytes`` (Content-Length is signed)."""
        return self.public_client.generate_presigned_url(
            "upload_part",
            ExpiresIn=expires_seconds,
            Params={
                "Bucket": self.province.bucket,
                "Key": key,
                "UploadId": upload_id,
                "PartNumber": part_number,
                "ContentLength": part_bytes,
            },
        )

    def part_sizes(self, key: str, upload_id: str) -> dict[int, int]:
        """The parts storage holds for a multipart upload: number → bytes."""
        sizes, marker = {}, 0
        while True:
            page = self.client.list_parts(
                Bucket=self.province.bucket, Key=key, UploadId=upload_id, PartNumberMarker=marker
            )
            sizes.update({part["PartNumber"]: part["Size"] for part in page.get("Parts", [])})
            if not page.get("IsTruncated"):
                return sizes
            marker = page["NextPartNumberMarker"]

    def upload_part(self, key: str, upload_id: str, part_number: int, body: bytes) -> str:
        """One part sent by the catalog itself (files it already holds); its ETag."""
        return self.client.upload_part(
            Bucket=self.province.bucket, Key=key, UploadId=upload_id, PartNumber=part_number, Body=body
        )["ETag"]

    def complete_multipart(self, key: str, upload_id: str, parts: list[tuple[int, str]]) -> None:
        self.client.complete_multipart_upload(
            Bucket=self.province.bucket,
            Key=key,
            UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": number, "ETag": etag} for number, etag in sorted(parts)]},
        )

    def abort_multipart(self, key: str, upload_id: str) -> None:
        self.client.abort_multipart_upload(Bucket=self.province.bucket, Key=key, UploadId=upload_id)

    def check_reachable(self) -> None:
        """Raise if the bucket cannot be reached with these credentials."""
        self.client.head_bucket(Bucket=self.province.bucket)

    def presigned_get_url(
        self,
        key: str,
        expires_seconds: int = 300,
        *,
        download_name: str | None = None,
        inline: bool = False,
        media_type: str | None = None,
    ) -> str:
        """A URL that reads ``key`` for ``expires_seconds``; with ``download_name`` the storage answers
        with that file name (to save, or to show ``inline``) and ``media_type``."""
        params = {"Bucket": self.province.bucket, "Key": key}
        if download_name:
            params["ResponseContentDisposition"] = content_disposition(download_name, inline=inline)
        if media_type:
            params["ResponseContentType"] = media_type
        return self.public_client.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_seconds)
