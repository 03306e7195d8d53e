"""Forgetting what identifies customers once HQ no longer needs it (see kiosk.hq.retention)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from kiosk.hq.db.engine import ROWCOUNT, Connected
from kiosk.hq.db.orders import body_hash, masked_body
from kiosk.hq.schema import OPEN_STATUSES, challenges, inbound_sms, orders, quotas


@dataclass(frozen=True, slots=True)
class Purged:
    """What one purge removed (see `Purging.purge`)."""

    challenges: int
    order_numbers: int
    quotas: int
    inbound_sms: int = 0


class Purging(Connected):
    """Retention, as part of `Database`."""

    def purge(
        self,
        *,
        challenges_before: datetime,
        numbers_answered_before: datetime,
        now: datetime,
        inbound_before: datetime | None = None,
    ) -> Purged:
        """Forget what identifies customers once it is no longer needed (kiosk.hq.retention):
        challenges made before `challenges_before` (numbers and code hashes), the full
        number of orders answered before `numbers_answered_before` (cut to 138****5678,
        their body hash recomputed on that, the number's hash cleared), counters whose
        window has ended, and the record of SMS replies received before `inbound_before`."""
        with self._write() as conn:
            gone = conn.execute(
                sa.delete(challenges).where(challenges.c.created_at < challenges_before),
                execution_options=ROWCOUNT,
            ).rowcount
            spent = conn.execute(
                sa.delete(quotas).where(quotas.c.window_end <= now), execution_options=ROWCOUNT
            ).rowcount
            replies = 0
            if inbound_before is not None:
                replies = conn.execute(
                    sa.delete(inbound_sms).where(inbound_sms.c.received_at < inbound_before),
                    execution_options=ROWCOUNT,
                ).rowcount
        masked_count = 0
        due = (
            sa.select(orders.c.id, orders.c.body)
            .where(
                orders.c.phone_masked_at.is_(None),
                orders.c.updated_at < numbers_answered_before,
                orders.c.status.not_in(OPEN_STATUSES),
            )
            .order_by(orders.c.updated_at)
            .limit(500)
        )
        while True:
            with self._write() as conn:
                batch = conn.execute(due).all()
                for order_id, body in batch:
                    cut = masked_body(body)
                    conn.execute(
                        sa.update(orders)
                        .where(orders.c.id == order_id)
                        .values(body=cut, body_hash=body_hash(cut), phone_masked_at=now, phone_hash=None)
                    )
            masked_count += len(batch)
            if len(batch) < 500:
                break
        return Purged(challenges=gone, order_numbers=masked_count, quotas=spent, inbound_sms=replies)
