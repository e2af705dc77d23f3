"""Reading whole objects with a GET signed here, sent by the client's own HTTP session.

A rebuild from storage reads two objects a resource (its resource.json and a file). Through
``get_object`` each GET cost about 1.5 ms of CPU in botocore's request machinery: some thirty
events, endpoint rules, parameter validation and serialisation, the response's shape parse. Here
the request is signed (SigV4, the signing key derived once a day) and sent through the very
``URLLib3Session`` the province's boto3 client uses, so TLS trust, proxies, timeouts, the
connection pool and the mapping of connection failures to botocore's exceptions stay botocore's.
What this module owns is small: the signature, retrying what botocore's standard mode retries,
and answering an error status with the ``ClientError`` botocore would raise.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

from botocore.awsrequest import AWSPreparedRequest
from botocore.exceptions import ClientError, HTTPClientError, IncompleteReadError
from botocore.exceptions import ConnectionError as StorageConnectionError

# SHA-256 of the empty body a GET sends.
EMPTY_PAYLOAD_SHA256 = hashlib.sha256(b"").hexdigest()
# What botocore's standard retry mode retries (botocore/retries/standard.py).
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRIED_CODES = frozenset(
    {
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "EC2ThrottledException",
    }
)
# botocore's standard mode: a random wait up to 2^(attempt-1) s, never more than 20 s.
MAX_BACKOFF_S = 20


@dataclass(frozen=True)
class SignedGet:
    url: str
    headers: dict[str, str]


def object_path(bucket: str, key: str, base_path: str = "") -> str:
    """The path-style path of an object, encoded as botocore encodes it (and as SigV4 signs it for S3:
    once, ``/`` and ``~`` kept)."""
    return f"{base_path}/{quote(bucket, safe='~')}/{quote(key, safe='/~')}"


def signed_host(endpoint_url: str) -> str:
    """The Host a request to ``endpoint_url`` carries and signs: without the scheme's default port."""
    parts = urlsplit(endpoint_url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    return host if parts.port in (None, default_port) else f"{host}:{parts.port}"


def signing_key(secret_key: str, date: str, region: str, service: str = "s3") -> bytes:
    key = hmac.new(f"AWS4{secret_key}".encode(), date.encode(), hashlib.sha256).digest()
    for part in (region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def sign_get(
    endpoint_url: str,
    path: str,
    *,
    access_key: str,
    key: bytes,
    region: str,
    amz_date: str,
    range_header: str | None = None,
) -> SignedGet:
    """A GET of ``path`` signed with SigV4 (``key`` from ``signing_key`` for ``amz_date``'s day)."""
    headers = {"host": signed_host(endpoint_url)}
    if range_header:
        headers["range"] = range_header
    headers["x-amz-content-sha256"] = EMPTY_PAYLOAD_SHA256
    headers["x-amz-date"] = amz_date
    names = ";".join(headers)  # already in SigV4's order: sorted, lower case
    canonical = "\n".join(
        ["GET", path, "", *(f"{name}:{value}" for name, value in headers.items()), "", names, EMPTY_PAYLOAD_SHA256]
    )
    scope = f"{amz_date[:8]}/{region}/s3/aws4_request"
    to_sign = f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={names}, Signature={signature}"
    )
    base = urlsplit(endpoint_url)
    return SignedGet(f"{base.scheme}://{base.netloc}{path}", headers)


def error_of(status: int, body: bytes) -> tuple[str, str]:
    """An S3 error document's code and message; the status itself when there is no document (as
    botocore does for HEAD and for proxies that answer in HTML)."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return str(status), body[:200].decode("utf-8", "replace")
    code = root.findtext("Code") or str(status)
    return code, root.findtext("Message") or ""


class ObjectReader:
    """Whole-object GETs against one province's endpoint with its static keys, thread-safe."""

    def __init__(self, client, *, endpoint_url: str, region: str, access_key: str, secret_key: str, attempts: int):
        # The client's own session: its TLS trust (AWS_CA_BUNDLE), proxies, timeouts and pool.
        self._http = client._endpoint.http_session
        self._endpoint_url = endpoint_url.rstrip("/")
        self._base_path = urlsplit(self._endpoint_url).path
        self._region, self._access_key, self._secret_key = region, access_key, secret_key
        self._attempts = max(1, attempts)
        self._keys: tuple[str, bytes] = ("", b"")

    def _key_for(self, date: str) -> bytes:
        day, key = self._keys
        if day != date:
            key = signing_key(self._secret_key, date, self._region)
            self._keys = (date, key)
        return key

    def get(self, bucket: str, key: str, *, max_bytes: int | None = None) -> bytes:
        """The object's bytes (its first ``max_bytes``), exactly as stored. Raises ``ClientError`` for
        an error answer (``NoSuchKey``, ``AccessDenied`` …) and a ``BotoCoreError`` when the storage
        cannot be reached, each after the retries botocore would make."""
        path = object_path(bucket, key, self._base_path)
        range_header = f"bytes=0-{max_bytes - 1}" if max_bytes is not None else None
        for attempt in range(1, self._attempts + 1):
            last = attempt == self._attempts
            amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
            signed = sign_get(
                self._endpoint_url,
                path,
                access_key=self._access_key,
                key=self._key_for(amz_date[:8]),
                region=self._region,
                amz_date=amz_date,
                range_header=range_header,
            )
            try:
                response = self._http.send(AWSPreparedRequest("GET", signed.url, signed.headers, None, False))
                body = response.content
            except (StorageConnectionError, HTTPClientError):  # what botocore's standard mode retries
                if last:
                    raise
            else:
                if response.status_code in (200, 206):
                    expected = response.headers.get("Content-Length")
                    if expected is None or int(expected) == len(body):
                        return body
                    if last:
                        raise IncompleteReadError(actual_bytes=len(body), expected_bytes=int(expected))
                else:
                    code, message = error_of(response.status_code, body)
                    if last or (response.status_code not in RETRIED_STATUSES and code not in RETRIED_CODES):
                        raise ClientError(
                            {
                                "Error": {"Code": code, "Message": message},
                                "ResponseMetadata": {
                                    "HTTPStatusCode": response.status_code,
                                    "HTTPHeaders": dict(response.headers),
                                },
                            },
                            "GetObject",
                        )
            time.sleep(random.random() * min(MAX_BACKOFF_S, 2 ** (attempt - 1)))
        raise AssertionError("unreachable: the last attempt returns or raises")
