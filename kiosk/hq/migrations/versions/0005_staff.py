"""Staff mode: the staff of every store, whose roster HQ publishes to the store's kiosks.

Revision ID: 0005_staff
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_staff"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Time = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("store", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("pin_hash", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", Time, nullable=False),
        sa.Column("updated_at", Time, nullable=False),
        sa.CheckConstraint("role IN ('staff', 'manager')", name=op.f("ck_staff_role")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_staff")),
    )
    op.create_index(op.f("ix_staff_store"), "staff", ["store"])


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_store"), table_name="staff")
    op.drop_table("staff")
