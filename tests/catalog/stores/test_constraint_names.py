"""Constraints carry the naming convention's names on SQLite and PostgreSQL, and a database made by
migrations 0001–0003 (before the convention) upgrades with its rows and ends up the same as a new one."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from catalog.stores.database import Base, make_engine
from catalog.stores.migrate import current_revision, upgrade_database

# The models before the convention: migrations 0001–0003 run with SQLAlchemy's default naming
# (PostgreSQL then picks names like "users_email_key", SQLite keeps none), as every existing database was made.
MAKE_0003_DATABASE = """
import sys
from sqlalchemy import MetaData
from catalog.stores.database import Base
from catalog.stores.migrate import upgrade_database
Base.metadata.naming_convention = MetaData().naming_convention
upgrade_database(sys.argv[1], "0003_versions_and_sessions")
"""


def constraint_names(url: str) -> set[tuple[str, str, str | None]]:
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        names = set()
        present = set(inspector.get_table_names())  # a database of an older revision lacks the later tables
        for table in Base.metadata.tables.keys() & present:
            names.add((table, "pk", inspector.get_pk_constraint(table)["name"]))
            names |= {(table, "uq", u["name"]) for u in inspector.get_unique_constraints(table)}
            names |= {(table, "fk", f["name"]) for f in inspector.get_foreign_keys(table)}
        return names
    finally:
        engine.dispose()


def model_names() -> set[tuple[str, str, str | None]]:
    kinds = {"PrimaryKeyConstraint": "pk", "UniqueConstraint": "uq", "ForeignKeyConstraint": "fk"}
    return {
        (table.name, kinds[type(c).__name__], c.name)
        for table in Base.metadata.tables.values()
        for c in table.constraints
        if type(c).__name__ in kinds
    }


def schema_differences(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()


def test_the_models_name_every_constraint_by_the_convention():
    names = model_names()
    assert ("users", "uq", "uq_users_email") in names
    assert ("curator_tags", "fk", "fk_curator_tags_province_resource_decisions") in names
    assert ("resource_versions", "fk", "fk_resource_versions_decided_by_users") in names
    assert all(name for _, _, name in names)


def test_a_new_database_has_the_conventional_names(fresh_database_url):
    upgrade_database(fresh_database_url)
    assert constraint_names(fresh_database_url) == model_names()


def test_a_database_made_before_the_convention_upgrades_with_its_rows(fresh_database_url):
    url = fresh_database_url
    subprocess.run([sys.executable, "-c", MAKE_0003_DATABASE, url], check=True, timeout=120)
    assert current_revision(url) == "0003_versions_and_sessions"
    assert constraint_names(url) != model_names()  # PostgreSQL's own names, or none on SQLite
    created = datetime(2026, 11, 30, 2, 15, tzinfo=UTC)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO schools (id, name, province, city, district) VALUES (7, '实验小学', 'cq', '重庆', '渝中区')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO users (id, email, display_name, password_hash, role, school_id, active, created_at,"
                    " session_generation) VALUES (3, 'a@example.cn', '李老师', 'x', 'school', 7, :t, :at, 2)"
                ),
                {"t": True, "at": created},
            )
            connection.execute(
                text(
                    "INSERT INTO resource_decisions (province, resource_id, review_state, featured, version,"
                    " owner_school_id, updated_at, updated_by) VALUES ('cq', 'r1', 'submitted', :f, 4, 7, :at, 3)"
                ),
                {"f": False, "at": created},
            )
            connection.execute(
                text("INSERT INTO curator_tags (province, resource_id, tag) VALUES ('cq', 'r1', '优课')")
            )
    finally:
        engine.dispose()

    upgrade_database(url)

    assert current_revision(url) == "0006_api_tokens"
    assert constraint_names(url) == model_names()
    assert schema_differences(url) == []
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT email, session_generation FROM users")).all() == [
                ("a@example.cn", 2)
            ]
            assert connection.execute(text("SELECT tag FROM curator_tags")).scalars().all() == ["优课"]
        # The copied tables keep their rules: tags still go with their decision, the school is still required.
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM resource_decisions WHERE resource_id = 'r1'"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM curator_tags")).scalar() == 0
    finally:
        engine.dispose()
