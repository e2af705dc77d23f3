"""The provinces file: what it accepts, and the errors a deployer sees when it is wrong."""

from __future__ import annotations

import pytest

from catalog.provinces import ProvinceConfigError, parse_provinces

GOOD = """
[[province]]
code = "cq"
name = "重庆市"
endpoint_url = "http://s3-cq:9000"
bucket = "resources"
prefix = "edu/"
"""
KEYS = {"CATALOG_S3_CQ_ACCESS_KEY": "a", "CATALOG_S3_CQ_SECRET_KEY": "s"}


def test_credentials_come_from_the_environment():
    (province,) = parse_provinces(GOOD, KEYS)
    assert (province.code, province.prefix, province.access_key, province.secret_key) == ("cq", "edu/", "a", "s")
    assert "s" not in repr(province.name)


def test_missing_credentials_name_the_variables():
    with pytest.raises(ProvinceConfigError, match="CATALOG_S3_CQ_ACCESS_KEY and CATALOG_S3_CQ_SECRET_KEY"):
        parse_provinces(GOOD, {})


@pytest.mark.parametrize(
    "change, message",
    [
        (('bucket = "resources"', ""), "missing bucket"),
        (('code = "cq"', 'code = "CQ!"'), "2-8 lowercase letters"),
        (('prefix = "edu/"', 'prefix = "edu"'), "prefix must end with '/'"),
        (("[[province]]", "[[province]"), "not valid TOML"),
    ],
)
def test_bad_files_say_what_is_wrong(change, message):
    with pytest.raises(ProvinceConfigError, match=message):
        parse_provinces(GOOD.replace(*change), KEYS)


def test_a_province_listed_twice_is_refused():
    with pytest.raises(ProvinceConfigError, match="listed twice"):
        parse_provinces(GOOD + GOOD, KEYS)


def test_presigned_urls_use_the_public_address_when_one_is_given():
    from catalog.stores.province_storage import ProvinceStorage

    (province,) = parse_provinces(GOOD + 'public_endpoint_url = "https://cq-files.example.edu.cn"\n', KEYS)
    url = ProvinceStorage(province).presigned_get_url("les-1/课件.pptx", expires_seconds=120)
    assert url.startswith("https://cq-files.example.edu.cn/resources/les-1/")
    assert "X-Amz-Expires=120" in url and "X-Amz-Signature=" in url
