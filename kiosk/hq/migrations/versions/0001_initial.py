"""Initial schema: enrolments, devices, events, heartbeats, orders, confirmation codes.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain types, not kiosk.hq.schema's: a migration must keep meaning what it meant when written.
# UtcDateTime stores as DateTime(timezone=True); JSON is JSONB on PostgreSQL.
Time = sa.DateTime(timezone=True)
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "enrolments",
        sa.Column("code_hash", sa.String(), nullable=False),
        sa.Column("store", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("province", sa.String(), nullable=False),
        sa.Column("created_at", Time, nullable=False),
        sa.Column("expires_at", Time, nullable=False),
        sa.Column("used_at", Time, nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrolments")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("credential_hash", sa.String(), nullable=False),
        sa.Column("enrolment_code_hash", sa.String(), nullable=False),
        sa.Column("store", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("province", sa.String(), nullable=False),
        sa.Column("enrolled_at", Time, nullable=False),
        sa.Column("revoked_at", Time, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.ForeignKeyConstraint(
            ["enrolment_code_hash"],
            ["enrolments.code_hash"],
            name=op.f("fk_devices_enrolment_code_hash_enrolments"),
        ),
        sa.UniqueConstraint("credential_hash", name=op.f("uq_devices_credential_hash")),
        sa.UniqueConstraint("enrolment_code_hash", name=op.f("uq_devices_enrolment_code_hash")),
    )
    op.create_index(op.f("ix_devices_store"), "devices", ["store"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("store", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("at", Time, nullable=False),
        sa.Column("session", sa.String(), nullable=True),
        sa.Column("data", Json, nullable=False),
        sa.Column("received_at", Time, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_store_at"), "events", ["store", "at"])
    op.create_table(
        "heartbeats",
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("at", Time, nullable=False),
        sa.Column("body", Json, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "at", name=op.f("pk_heartbeats")),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name=op.f("fk_heartbeats_device_id_devices")),
    )
    op.create_table(
        "latest_heartbeats",
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("at", Time, nullable=False),
        sa.Column("body", Json, nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_latest_heartbeats")),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_latest_heartbeats_device_id_devices")
        ),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("store", sa.String(), nullable=False),
        sa.Column("body", Json, nullable=False),
        sa.Column("body_hash", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("reference", sa.String(), nullable=True),
        sa.Column("created_at", Time, nullable=False),
        sa.Column("updated_at", Time, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name=op.f("fk_orders_device_id_devices")),
        sa.CheckConstraint(
            "status IN ('received', 'accepted', 'rejected', 'failed')", name=op.f("ck_orders_status")
        ),
    )
    op.create_index(op.f("ix_orders_status_created_at"), "orders", ["status", "created_at"])
    op.create_table(
        "challenges",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.Column("code_hash", sa.String(), nullable=False),
        sa.Column("created_at", Time, nullable=False),
        sa.Column("expires_at", Time, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("verified_at", Time, nullable=True),
        sa.Column("confirmation_hash", sa.String(), nullable=True),
        sa.Column("used_by_order", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name=op.f("fk_challenges_device_id_devices")),
        sa.UniqueConstraint("confirmation_hash", name=op.f("uq_challenges_confirmation_hash")),
    )
    op.create_index(op.f("ix_challenges_phone_created_at"), "challenges", ["phone", "created_at"])


def downgrade() -> None:
    # Dependants first; a table's indexes go with it.
    for table in (
        "challenges",
        "orders",
        "latest_heartbeats",
        "heartbeats",
        "events",
        "devices",
        "enrolments",
    ):
        op.drop_table(table)
