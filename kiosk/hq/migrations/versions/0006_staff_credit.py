"""Staff credit checked against the roster: a register entry whose staff number was not on
the store's roster when it was made is kept, credited to no one (its `staff` NULL; the
number the kiosk sent stays in its body), as an order already was.

Revision ID: 0006_staff_credit
Revises: 0005_staff
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_staff_credit"
down_revision: str | Sequence[str] | None = "0005_staff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite cannot alter a column: batch mode copies the table.
    with op.batch_alter_table("leads") as batch:
        batch.alter_column("staff", existing_type=sa.String(), nullable=True)


def downgrade() -> None:
    # An entry credited to no one goes back to the number it claimed (its body's).
    body = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    leads = sa.table(
        "leads", sa.column("id", sa.String()), sa.column("staff", sa.String()), sa.column("body", body)
    )
    conn = op.get_bind()
    for lead_id, held in conn.execute(
        sa.select(leads.c.id, leads.c.body).where(leads.c.staff.is_(None))
    ).all():
        claimed = held.get("staff") if isinstance(held, dict) else None
        conn.execute(leads.update().where(leads.c.id == lead_id).values(staff=str(claimed or "?")))
    with op.batch_alter_table("leads") as batch:
        batch.alter_column("staff", existing_type=sa.String(), nullable=False)
