"""The provinces whose object storage the catalog reads, loaded from a TOML file.

The file holds only what is not secret; each province's S3 credentials come from the
environment as ``CATALOG_S3_<CODE>_ACCESS_KEY`` and ``CATALOG_S3_<CODE>_SECRET_KEY``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field

PROVINCE_CODE = re.compile(r"^[a-z]{2,8}$")
REQUIRED_KEYS = ("code", "name", "endpoint_url", "bucket")


class ProvinceConfigError(ValueError):
    """The provinces file or a province's credentials are missing or malformed."""


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    endpoint_url: str
    bucket: str
    region: str = "us-east-1"
    prefix: str = ""
    # The address browsers use for presigned downloads when it differs from endpoint_url
    # (in compose the app reaches http://s3-cq:9000, a teacher's browser cannot).
    public_endpoint_url: str = ""
    access_key: str = field(default="", repr=False)
    secret_key: str = field(default="", repr=False)

    def credential_env_names(self) -> tuple[str, str]:
        upper = self.code.upper()
        return f"CATALOG_S3_{upper}_ACCESS_KEY", f"CATALOG_S3_{upper}_SECRET_KEY"


def parse_provinces(text: str, environ: dict[str, str] | None = None) -> list[Province]:
    """Parse the provinces TOML (``[[province]]`` tables) and attach credentials from ``environ``."""
    environ = os.environ if environ is None else environ
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProvinceConfigError(f"provinces file is not valid TOML: {exc}") from exc
    entries = data.get("province")
    if not isinstance(entries, list) or not entries:
        raise ProvinceConfigError("provinces file: needs at least one [[province]] table")
    provinces: list[Province] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        missing = [key for key in REQUIRED_KEYS if not entry.get(key)]
        if missing:
            raise ProvinceConfigError(f"province #{position}: missing {', '.join(missing)}")
        code = entry["code"]
        if not PROVINCE_CODE.match(code):
            raise ProvinceConfigError(f"province #{position}: code {code!r} must be 2-8 lowercase letters")
        if code in seen:
            raise ProvinceConfigError(f"province {code}: listed twice")
        seen.add(code)
        prefix = entry.get("prefix", "")
        if prefix and not prefix.endswith("/"):
            raise ProvinceConfigError(f"province {code}: prefix must end with '/'")
        province = Province(
            code=code,
            name=entry["name"],
            endpoint_url=entry["endpoint_url"],
            bucket=entry["bucket"],
            region=entry.get("region", "us-east-1"),
            prefix=prefix,
            public_endpoint_url=entry.get("public_endpoint_url", ""),
        )
        access_name, secret_name = province.credential_env_names()
        if not environ.get(access_name) or not environ.get(secret_name):
            raise ProvinceConfigError(f"province {code}: set {access_name} and {secret_name}")
        provinces.append(
            dataclasses.replace(province, access_key=environ[access_name], secret_key=environ[secret_name])
        )
    return provinces


def load_provinces(path: str | None = None, environ: dict[str, str] | None = None) -> list[Province]:
    """Load the provinces named by ``CATALOG_PROVINCES_FILE`` (or ``path``)."""
    environ = os.environ if environ is None else environ
    path = path or environ.get("CATALOG_PROVINCES_FILE")
    if not path:
        raise ProvinceConfigError("CATALOG_PROVINCES_FILE is not set")
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_provinces(handle.read(), environ)
    except OSError as exc:
        raise ProvinceConfigError(f"cannot read provinces file {path}: {exc.strerror}") from exc
