"""Stored times come back aware and in UTC on SQLite and PostgreSQL; a time without a zone is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from catalog.curation.audit_log import AuditFilter, beijing, read_audit_log
from catalog.stores.database import make_engine, make_sessions, transaction
from catalog.stores.migrate import upgrade_database
from catalog.stores.models import AuditEntry, User

BEIJING = timezone(timedelta(hours=8))


def in_beijing_session(url: str) -> str:
    """The same database, but PostgreSQL answers in Beijing time unless the column type says otherwise."""
    return f"{url}?options=-c%20TimeZone%3DAsia/Shanghai" if url.startswith("postgresql") else url


@pytest.fixture
def sessions(fresh_database_url):
    upgrade_database(fresh_database_url)
    engine = make_engine(in_beijing_session(fresh_database_url))
    yield make_sessions(engine)
    engine.dispose()


def test_a_time_written_in_beijing_reads_back_in_utc(sessions):
    with transaction(sessions) as session:
        session.add(AuditEntry(action="approve", at=datetime(2026, 12, 2, 8, 30, tzinfo=BEIJING)))
    with sessions() as session:
        at = session.scalar(select(AuditEntry.at))
    assert at.tzinfo is UTC
    assert at == datetime(2026, 12, 2, 0, 30, tzinfo=UTC)
    assert beijing(at).strftime("%Y-%m-%d %H:%M") == "2026-12-02 08:30"  # what the audit page shows


def test_a_time_without_a_zone_is_refused(sessions):
    with pytest.raises(StatementError) as raised, transaction(sessions) as session:
        session.add(AuditEntry(action="approve", at=datetime(2026, 12, 2, 8, 30)))
    assert "needs its time zone" in str(raised.value.orig)  # NaiveDatetimeError


def test_the_audit_filter_takes_whole_beijing_days(sessions):
    # 23:30 UTC on 1 December is already 2 December in Beijing.
    with transaction(sessions) as session:
        session.add(AuditEntry(action="approve", at=datetime(2026, 12, 1, 15, 59, tzinfo=UTC)))
        session.add(AuditEntry(action="reject", at=datetime(2026, 12, 1, 23, 30, tzinfo=UTC)))
    admin = User(role_name="admin")
    page = read_audit_log(sessions, admin, AuditFilter(since=date(2026, 12, 2), until=date(2026, 12, 2)))
    assert [(row.action, row.at.strftime("%d %H:%M")) for row in page.rows] == [("reject", "02 07:30")]
