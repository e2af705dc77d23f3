"""Indexer leases: one row per (target, province, shard), held by at most one indexer process.

Revision ID: 0002_indexer_leases
Revises: 0001_initial
Create Date: 2026-11-29

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002_indexer_leases"
down_revision: Union[str, Sequence[str], None] = "0001_initial"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "indexer_leases",
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=8), nullable=False),
        sa.Column("shard", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=True),
        sa.Column("finished_run", sa.String(length=40), nullable=True),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("target", "province", "shard"),
    )


def downgrade() -> None:
    op.drop_table("indexer_leases")
