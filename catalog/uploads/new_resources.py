"""Ids and dates the catalog gives a school's new resource."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

# Resources' dates are written with China's offset, as the provinces' own systems write them.
CHINA = timezone(timedelta(hours=8))


def china_now() -> datetime:
    return datetime.now(CHINA)


def new_resource_id(now: datetime) -> str:
    return f"up-{now:%Y%m%d}-{secrets.token_hex(4)}"
