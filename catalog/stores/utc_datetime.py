"""A column type for moments: stored in UTC, read back as aware UTC datetimes on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class NaiveDatetimeError(ValueError):
    """A datetime without a time zone was about to be stored: Beijing and UTC wall clocks differ by 8 hours."""


class UtcDateTime(TypeDecorator):
    """``DateTime(timezone=True)`` whose values always carry their zone.

    SQLite keeps no zone: it is given the UTC wall clock and read back as UTC. PostgreSQL answers in
    the connection's zone; that is turned into UTC too. A naive datetime is refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise NaiveDatetimeError(f"a stored time needs its time zone, got {value!r}")
        value = value.astimezone(UTC)
        # SQLite's text format has no offset; the same wall clock compares right against every stored row.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
