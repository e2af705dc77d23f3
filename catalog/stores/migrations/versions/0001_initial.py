"""The catalog's first schema: roles, schools, users, review decisions, curator tags, audit, uploads.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-29

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001_initial"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The roles are data the code relies on by name, so they arrive with the schema.
ROLES = [
    {"name": "teacher", "label": "教师"},
    {"name": "school", "label": "学校"},
    {"name": "curator", "label": "审核员"},
    {"name": "admin", "label": "管理员"},
]


def upgrade() -> None:
    roles = op.create_table(
        "roles",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.bulk_insert(roles, ROLES)

    op.create_table(
        "schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=8), nullable=False),
        sa.Column("city", sa.String(length=60), nullable=False),
        sa.Column("district", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("province", "name"),
    )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        sa.ForeignKeyConstraint(["role"], ["roles.name"]),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"]),
    )

    op.create_table(
        "resource_decisions",
        sa.Column("province", sa.String(length=8), nullable=False),
        sa.Column("resource_id", sa.String(length=64), nullable=False),
        sa.Column("review_state", sa.String(length=20), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("owner_school_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("province", "resource_id"),
        sa.ForeignKeyConstraint(["owner_school_id"], ["schools.id"]),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"]),
    )

    op.create_table(
        "curator_tags",
        sa.Column("province", sa.String(length=8), nullable=False),
        sa.Column("resource_id", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("province", "resource_id", "tag"),
        sa.ForeignKeyConstraint(
            ["province", "resource_id"],
            ["resource_decisions.province", "resource_decisions.resource_id"],
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("province", sa.String(length=8), nullable=True),
        sa.Column("resource_id", sa.String(length=64), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
    )

    op.create_table(
        "pending_uploads",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("province", sa.String(length=8), nullable=False),
        sa.Column("folder", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("s3_upload_id", sa.String(length=400), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"]),
    )


def downgrade() -> None:
    op.drop_table("pending_uploads")
    op.drop_table("audit_log")
    op.drop_table("curator_tags")
    op.drop_table("resource_decisions")
    op.drop_table("users")
    op.drop_table("schools")
    op.drop_table("roles")
