"""The interested-customer register: `leads`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Time = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "leads",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("store", sa.String(), nullable=False),
        sa.Column("staff", sa.String(), nullable=False),
        sa.Column("service", sa.String(), nullable=False),
        sa.Column("call_day", sa.String(), nullable=False),
        sa.Column("call_part", sa.String(), nullable=False),
        sa.Column("body", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("body_hash", sa.String(), nullable=False),
        sa.Column("created_at", Time, nullable=False),
        sa.Column("received_at", Time, nullable=False),
        sa.Column("phone_masked_at", Time, nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name=op.f("fk_leads_device_id_devices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
    )
    op.create_index(op.f("ix_leads_store_created_at"), "leads", ["store", "created_at"])
    op.create_index(op.f("ix_leads_phone_masked_at_created_at"), "leads", ["phone_masked_at", "created_at"])


def downgrade() -> None:
    op.drop_table("leads")
