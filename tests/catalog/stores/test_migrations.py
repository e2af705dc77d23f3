"""The Alembic migrations build exactly the schema the models describe, and the roles with it."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from catalog.stores.database import Base, make_engine
from catalog.stores.migrate import current_revision, upgrade_database
from catalog.stores.models import Role

TABLES = {
    "roles",
    "schools",
    "users",
    "resource_decisions",
    "curator_tags",
    "audit_log",
    "pending_uploads",
    "indexer_leases",
    "resource_versions",
    "collections",
    "collection_items",
    "api_tokens",
}
HEAD = "0006_api_tokens"


def test_upgrading_an_empty_database_creates_the_tables_and_the_roles(fresh_database_url):
    url = fresh_database_url
    upgrade_database(url)
    engine = make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
        with engine.connect() as connection:
            roles = dict(connection.execute(select(Role.name, Role.label)).all())
    finally:
        engine.dispose()
    assert roles == {"teacher": "教师", "school": "学校", "curator": "审核员", "admin": "管理员"}


def test_the_migrated_schema_matches_the_models(fresh_database_url):
    url = fresh_database_url
    upgrade_database(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == [], "models and migrations differ; add a migration (alembic autogenerate helps)"


def test_the_curator_tags_go_with_their_decision(fresh_database_url):
    url = fresh_database_url
    upgrade_database(url)
    engine = make_engine(url)
    try:
        (foreign_key,) = inspect(engine).get_foreign_keys("curator_tags")
    finally:
        engine.dispose()
    assert foreign_key["referred_table"] == "resource_decisions"
    assert foreign_key["options"].get("ondelete") == "CASCADE"


def test_upgrading_twice_changes_nothing(fresh_database_url):
    url = fresh_database_url
    upgrade_database(url)
    upgrade_database(url)
    assert current_revision(url) == HEAD


def test_a_database_never_migrated_has_no_revision(fresh_database_url):
    assert current_revision(fresh_database_url) is None


def test_every_migration_downgrades_to_empty_and_upgrades_again(fresh_database_url):
    from alembic import command

    from catalog.stores.migrate import alembic_config

    upgrade_database(fresh_database_url)
    command.downgrade(alembic_config(fresh_database_url), "base")
    engine = make_engine(fresh_database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    upgrade_database(fresh_database_url)
    assert current_revision(fresh_database_url) == HEAD
