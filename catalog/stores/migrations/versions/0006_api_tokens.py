"""API tokens: named, scoped, expiring credentials for other systems, stored as a hash of the secret.

Revision ID: 0006_api_tokens
Revises: 0005_collections
Create Date: 2026-12-02

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006_api_tokens"
down_revision: Union[str, Sequence[str], None] = "0005_collections"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("secret_sha256", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.String(length=100), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name="fk_api_tokens_school_id_schools"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("public_id", name="uq_api_tokens_public_id"),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
