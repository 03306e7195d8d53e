"""Hostile input and customers' numbers: claimed event times, heartbeats by HQ's clock,
masked order numbers, and the counters behind every cap.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Time = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("events", sa.Column("claimed_at", sa.String(), nullable=True))
    for table in ("heartbeats", "latest_heartbeats"):
        # Heartbeats kept before this revision were received, as far as HQ knows, when sent.
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("received_at", Time, nullable=True))
        op.execute(sa.text(f"UPDATE {table} SET received_at = at"))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("received_at", existing_type=Time, nullable=False)
    op.add_column("orders", sa.Column("phone_masked_at", Time, nullable=True))
    op.create_index(op.f("ix_orders_phone_masked_at_updated_at"), "orders", ["phone_masked_at", "updated_at"])
    # The resend cooldown now lives in `quotas`; the purge looks challenges up by age.
    op.drop_index(op.f("ix_challenges_phone_created_at"), table_name="challenges")
    op.create_index(op.f("ix_challenges_created_at"), "challenges", ["created_at"])
    op.create_table(
        "quotas",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("window_end", Time, nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_quotas")),
    )
    op.create_index(op.f("ix_quotas_window_end"), "quotas", ["window_end"])


def downgrade() -> None:
    op.drop_table("quotas")
    op.drop_index(op.f("ix_challenges_created_at"), table_name="challenges")
    op.create_index(op.f("ix_challenges_phone_created_at"), "challenges", ["phone", "created_at"])
    op.drop_index(op.f("ix_orders_phone_masked_at_updated_at"), table_name="orders")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("phone_masked_at")
    for table in ("latest_heartbeats", "heartbeats"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("received_at")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("claimed_at")
