"""The GET signature the catalog computes itself equals botocore's SigV4 for S3, for awkward keys,
ranges and endpoints; error documents are read for their code. No storage needed: the real
endpoint checks the same signatures in test_province_reads.py."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from catalog.stores.object_reads import (
    EMPTY_PAYLOAD_SHA256,
    error_of,
    object_path,
    sign_get,
    signed_host,
    signing_key,
)

ACCESS, SECRET, REGION = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "cn-southwest-1"
AMZ_DATE = "20261203T101530Z"


def botocore_signature(url: str, range_header: str | None) -> str:
    """botocore's own SigV4 for S3 over the same request at the same moment."""
    headers = {"X-Amz-Date": AMZ_DATE, "X-Amz-Content-SHA256": EMPTY_PAYLOAD_SHA256}
    if range_header:
        headers["Range"] = range_header
    request = AWSRequest(method="GET", url=url, headers=headers)
    request.context["timestamp"] = AMZ_DATE
    auth = S3SigV4Auth(Credentials(ACCESS, SECRET), "s3", REGION)
    return auth.signature(auth.string_to_sign(request, auth.canonical_request(request)), request)


@pytest.mark.parametrize(
    "key",
    [
        "cq/res-1/resource.json",
        "cq/课程-一/教案 第1课.docx",
        "cq/r/a+b=c.pdf",
        "cq/r/100% 完成 & 总结.pptx",
        "cq/r/引号'单'\"双\".txt",
        "cq/r/~tilde;semi,comma (1).txt",
        "cq/r/emoji 🏞️.png",
    ],
)
@pytest.mark.parametrize("range_header", [None, "bytes=0-1023"])
@pytest.mark.parametrize(
    "endpoint", ["http://127.0.0.1:8343", "https://s3.cq.example.cn", "https://s3.example.cn:9443/storage"]
)
def test_the_signature_is_botocores(key, range_header, endpoint):
    signed = sign_get(
        endpoint,
        object_path("resources", key, urlsplit(endpoint).path),
        access_key=ACCESS,
        key=signing_key(SECRET, AMZ_DATE[:8], REGION),
        region=REGION,
        amz_date=AMZ_DATE,
        range_header=range_header,
    )
    authorization = signed.headers["Authorization"]
    assert authorization.endswith(f"Signature={botocore_signature(signed.url, range_header)}")
    assert f"Credential={ACCESS}/20261203/{REGION}/s3/aws4_request" in authorization
    expected_names = (
        "host;range;x-amz-content-sha256;x-amz-date" if range_header else "host;x-amz-content-sha256;x-amz-date"
    )
    assert f"SignedHeaders={expected_names}," in authorization


def test_the_path_encodes_every_byte_but_slash_and_tilde():
    assert object_path("resources", "cq/r/教 a+b&c~d.pdf") == "/resources/cq/r/%E6%95%99%20a%2Bb%26c~d.pdf"
    assert object_path("b", "k", "/storage") == "/storage/b/k"


@pytest.mark.parametrize(
    "endpoint, host",
    [
        ("http://127.0.0.1:8343", "127.0.0.1:8343"),
        ("http://s3.example.cn:80", "s3.example.cn"),
        ("https://s3.example.cn:443/", "s3.example.cn"),
        ("https://s3.example.cn:9443", "s3.example.cn:9443"),
        ("http://[::1]:8333", "[::1]:8333"),
    ],
)
def test_the_host_drops_only_the_default_port(endpoint, host):
    assert signed_host(endpoint) == host


def test_an_error_document_gives_its_code_and_message():
    body = b'<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The key does not exist.</Message></Error>'
    assert error_of(404, body) == ("NoSuchKey", "The key does not exist.")


def test_an_answer_without_a_document_gives_its_status():
    assert error_of(502, b"<html><body>Bad Gateway</body></html")[0] == "502"
    assert error_of(403, b"")[0] == "403"
