"""Every primary key, unique and foreign key constraint named by the convention (``pk_<table>``,
``uq_<table>_<column>``, ``fk_<table>_<column>_<referred table>``), on SQLite as on PostgreSQL.

Databases made by 0001–0003 carry PostgreSQL's own names (``users_email_key``) or, on SQLite, none.
A database made since the models had the convention already has these names: nothing to do there.

Revision ID: 0004_constraint_names
Revises: 0003_versions_and_sessions
Create Date: 2026-12-02

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_constraint_names"
down_revision: Union[str, Sequence[str], None] = "0003_versions_and_sessions"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Frozen here, as it was when written: a later change to the models' convention needs its own migration.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
TABLES = (
    "roles",
    "schools",
    "users",
    "resource_decisions",
    "resource_versions",
    "curator_tags",
    "audit_log",
    "pending_uploads",
    "indexer_leases",
)


def _names(table: str, conventional: bool) -> list[tuple[str | None, str]]:
    """``(name now, name wanted)`` for each constraint of ``table``: the convention's name, or PostgreSQL's own."""
    inspector = sa.inspect(op.get_bind())
    pk = inspector.get_pk_constraint(table)
    uniques = inspector.get_unique_constraints(table)
    foreign_keys = inspector.get_foreign_keys(table)
    if conventional:
        wanted = [f"pk_{table}"]
        wanted += [f"uq_{table}_{u['column_names'][0]}" for u in uniques]
        wanted += [f"fk_{table}_{f['constrained_columns'][0]}_{f['referred_table']}" for f in foreign_keys]
    else:
        wanted = [f"{table}_pkey"]
        wanted += [f"{table}_{'_'.join(u['column_names'])}_key" for u in uniques]
        wanted += [f"{table}_{'_'.join(f['constrained_columns'])}_fkey" for f in foreign_keys]
    now = [pk["name"], *(u["name"] for u in uniques), *(f["name"] for f in foreign_keys)]
    return [(old, new) for old, new in zip(now, wanted, strict=True) if old != new]


def _rename(conventional: bool) -> None:
    for table in TABLES:
        for old, new in _names(table, conventional):
            op.execute(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{old}" TO "{new}"')


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _rename(conventional=True)
        return
    # SQLite cannot rename a constraint: the table is copied, and the copy's unnamed constraints
    # take the convention's names (the rows, defaults and ON DELETE rules go with it).
    for table in TABLES:
        if _names(table, conventional=True):
            with op.batch_alter_table(table, recreate="always", naming_convention=NAMING_CONVENTION):
                pass


def downgrade() -> None:
    # On SQLite the names stay: 0001–0003 refer to none of them, and a copy cannot unname a constraint.
    if op.get_bind().dialect.name != "sqlite":
        _rename(conventional=False)
