"""Alembic environment for the catalog database, driven from code by ``catalog.stores.migrate``."""

from __future__ import annotations

from alembic import context

import catalog.stores.models  # noqa: F401  (registers every table on Base.metadata)
from catalog.stores.database import Base, make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Emit the SQL to stdout instead of running it (``alembic upgrade --sql``)."""
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=url.startswith("sqlite")
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # make_engine turns foreign keys on; batch migrations copy and drop tables, and a
                # DROP with foreign keys on would cascade-delete the child rows of the dropped table.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                # End the transaction that statement began, so Alembic's own begins and commits.
                connection.commit()
            context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=sqlite)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
