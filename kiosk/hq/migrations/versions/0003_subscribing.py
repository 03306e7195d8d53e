"""Subscribing at the kiosk: orders confirmed by an SMS reply, status tokens, staff, test
numbers, and the gateway's inbound replies.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Time = sa.DateTime(timezone=True)

OLD_STATUSES = "status IN ('received', 'accepted', 'rejected', 'failed')"
NEW_STATUSES = (
    "status IN ('received', 'awaiting_reply', 'accepted', 'rejected', 'failed', 'declined', 'expired')"
)


def upgrade() -> None:
    # SQLite cannot alter a constraint: batch mode copies the table with the new one.
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("second_step", sa.String(), nullable=False, server_default="code"))
        batch.add_column(sa.Column("test", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("status_token_hash", sa.String(), nullable=True))
        batch.add_column(sa.Column("staff", sa.String(), nullable=True))
        batch.add_column(sa.Column("phone_hash", sa.String(), nullable=True))
        batch.add_column(sa.Column("reply_texted_at", Time, nullable=True))
        batch.add_column(sa.Column("reply_claimed_at", Time, nullable=True))
        batch.add_column(sa.Column("reply_by", Time, nullable=True))
        batch.drop_constraint(op.f("ck_orders_status"), type_="check")
        batch.create_check_constraint(op.f("ck_orders_status"), sa.text(NEW_STATUSES))
        batch.create_check_constraint(
            op.f("ck_orders_second_step"), sa.text("second_step IN ('code', 'sms_reply')")
        )
        batch.create_unique_constraint(op.f("uq_orders_status_token_hash"), ["status_token_hash"])
    op.create_index(op.f("ix_orders_phone_hash_status"), "orders", ["phone_hash", "status"])
    op.create_table(
        "test_numbers",
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("created_at", Time, nullable=False),
        sa.PrimaryKeyConstraint("phone", name=op.f("pk_test_numbers")),
    )
    op.create_table(
        "inbound_sms",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("received_at", Time, nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("order_id", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_sms")),
    )
    op.create_index(op.f("ix_inbound_sms_received_at"), "inbound_sms", ["received_at"])


def downgrade() -> None:
    op.drop_table("inbound_sms")
    op.drop_table("test_numbers")
    op.drop_index(op.f("ix_orders_phone_hash_status"), table_name="orders")
    # Orders in the new statuses cannot be kept under the old constraint.
    op.execute(sa.text("DELETE FROM orders WHERE status IN ('awaiting_reply', 'declined', 'expired')"))
    with op.batch_alter_table("orders") as batch:
        batch.drop_constraint(op.f("uq_orders_status_token_hash"), type_="unique")
        batch.drop_constraint(op.f("ck_orders_second_step"), type_="check")
        batch.drop_constraint(op.f("ck_orders_status"), type_="check")
        batch.create_check_constraint(op.f("ck_orders_status"), sa.text(OLD_STATUSES))
        for column in (
            "reply_by",
            "reply_claimed_at",
            "reply_texted_at",
            "phone_hash",
            "staff",
            "status_token_hash",
            "test",
            "second_step",
        ):
            batch.drop_column(column)
