"""Objects read by the catalog's own signed GET from the real S3 endpoint: the bytes boto3 reads,
for awkward keys and ranges; the errors boto3 raises; and through a proxy that breaks GETs, as many
attempts as boto3 makes before giving up, and the whole object once a retry gets through."""

from __future__ import annotations

import dataclasses
import socket

import pytest
from botocore.exceptions import BotoCoreError, ClientError

from catalog.stores.province_storage import ProvinceStorage, is_not_found, s3_client
from tests.s3_proxy import S3FaultProxy

pytestmark = pytest.mark.stack

NAMES = [
    "resource.json",
    "教案 第1课.docx",
    "a+b=c.pdf",
    "100% 完成 & 总结.pptx",
    "引号'单'\"双\".txt",
    "emoji 🏞️.png",
    "~tilde;semi,comma (1).txt",
]
BODY = "长江三峡地理考察 ".encode() * 4000  # 100 KB: several reads of the socket


def body_of(name: str) -> bytes:
    return name.encode() + BODY


def boto3_read(storage: ProvinceStorage, key: str) -> bytes:
    return storage.client.get_object(Bucket=storage.province.bucket, Key=key)["Body"].read()


@pytest.fixture
def stored(storages, unique_name):
    storage: ProvinceStorage = storages["cq"]
    keys = {name: storage.key_for(f"{unique_name}-r1", name) for name in NAMES}
    for name, key in keys.items():
        storage.put_bytes(key, body_of(name))
    yield storage, keys
    for key in keys.values():
        storage.delete(key)


def through(storage: ProvinceStorage, endpoint_url: str) -> ProvinceStorage:
    """The same province and keys, its requests sent to ``endpoint_url``; boto3's client for it
    retries as the catalog's clients do."""
    return ProvinceStorage(dataclasses.replace(storage.province, endpoint_url=endpoint_url))


def test_every_key_reads_as_boto3_reads_it(stored):
    storage, keys = stored
    for name, key in keys.items():
        data = storage.get_bytes(key)
        assert data == body_of(name)
        assert data == boto3_read(storage, key)


def test_a_range_reads_the_first_bytes(stored):
    storage, keys = stored
    assert storage.get_bytes(keys["教案 第1课.docx"], max_bytes=10) == body_of("教案 第1课.docx")[:10]


def test_a_missing_key_is_not_found_as_with_boto3(stored, unique_name):
    storage, _ = stored
    missing = storage.key_for(f"{unique_name}-r1", "没有.pdf")
    with pytest.raises(ClientError) as ours:
        storage.get_bytes(missing)
    with pytest.raises(ClientError) as theirs:
        boto3_read(storage, missing)
    assert is_not_found(ours.value)
    assert ours.value.response["Error"]["Code"] == theirs.value.response["Error"]["Code"]
    assert ours.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert ours.value.operation_name == "GetObject"


def test_a_wrong_secret_is_refused_as_with_boto3(stored):
    storage, keys = stored
    wrong = ProvinceStorage(dataclasses.replace(storage.province, secret_key="not-the-secret"))
    with pytest.raises(ClientError) as ours:
        wrong.get_bytes(keys["resource.json"])
    with pytest.raises(ClientError) as theirs:
        boto3_read(wrong, keys["resource.json"])
    assert ours.value.response["Error"]["Code"] == theirs.value.response["Error"]["Code"]
    assert ours.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_storage_that_is_down_raises_a_botocore_connection_error(stored):
    storage, keys = stored
    with socket.socket() as closed:  # a port nothing listens on once the socket is closed
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    down = through(storage, f"http://127.0.0.1:{port}")
    with pytest.raises(BotoCoreError):
        down.get_bytes(keys["resource.json"])


@pytest.mark.parametrize("fault", ["status-503", "status-500", "drop", "short-body"])
def test_a_failed_get_is_retried_and_reads_the_whole_object(stored, fault):
    storage, keys = stored
    key = keys["教案 第1课.docx"]
    with S3FaultProxy(storage.province.endpoint_url) as proxy:
        proxy.arm_reads(fault, times=1)
        assert through(storage, proxy.url).get_bytes(key) == body_of("教案 第1课.docx")
        assert (proxy.faults_served, proxy.object_gets) == (1, 2)


@pytest.mark.parametrize(
    "fault, raised", [("status-503", ClientError), ("status-500", ClientError), ("drop", BotoCoreError)]
)
def test_a_get_that_keeps_failing_gives_up_after_as_many_attempts_as_boto3(stored, fault, raised):
    storage, keys = stored
    key = keys["resource.json"]
    with S3FaultProxy(storage.province.endpoint_url) as proxy:
        via_proxy = through(storage, proxy.url)
        proxy.arm_reads(fault)
        with pytest.raises(raised) as ours:
            via_proxy.get_bytes(key)
        our_attempts = proxy.object_gets
        proxy.arm_reads(fault)
        with pytest.raises(raised) as theirs:
            boto3_read(via_proxy, key)
        attempts = s3_client(via_proxy.province).meta.config.retries["total_max_attempts"]
        assert our_attempts == proxy.object_gets == attempts
    if raised is ClientError:
        assert ours.value.response["Error"]["Code"] == theirs.value.response["Error"]["Code"]


def test_a_body_that_keeps_breaking_off_is_an_error_not_half_a_file(stored):
    storage, keys = stored
    with S3FaultProxy(storage.province.endpoint_url) as proxy:
        proxy.arm_reads("short-body")
        with pytest.raises(BotoCoreError):
            through(storage, proxy.url).get_bytes(keys["100% 完成 & 总结.pptx"])
