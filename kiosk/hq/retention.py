"""Forgetting customers' numbers when HQ no longer needs them.

`purge` applies `kiosk.hq.config.Retention`: confirmation codes and their challenges (the
number they were sent to, the code's hash) go after a day; an order keeps the customer's
full number until the operator has answered it and `order_numbers_days` more have passed
(long enough for complaints and refunds), then keeps only 138****5678; the development SMS
outbox loses its lines after a day; the counters behind the caps go when their window
ends. `kiosk-hq serve` runs it hourly; `kiosk-hq purge` runs it from a cron job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.hq.config import Retention
from kiosk.hq.db import Database
from kiosk.hq.sms import FileSms, SmsGateway


@dataclass(frozen=True)
class PurgeReport:
    challenges: int
    order_numbers: int
    quotas: int
    sms_lines: int

    def __str__(self) -> str:
        return (
            f"{self.challenges} confirmation codes deleted, {self.order_numbers} orders' numbers masked, "
            f"{self.sms_lines} SMS outbox lines deleted, {self.quotas} ended rate-limit counters deleted"
        )


def purge(db: Database, sms: SmsGateway | None, retention: Retention, *, now: datetime) -> PurgeReport:
    purged = db.purge(
        challenges_before=now - timedelta(days=retention.challenges_days),
        numbers_answered_before=now - timedelta(days=retention.order_numbers_days),
        now=now,
    )
    lines = 0
    if isinstance(sms, FileSms):
        lines = sms.prune(now - timedelta(days=retention.sms_outbox_days))
    return PurgeReport(purged.challenges, purged.order_numbers, purged.quotas, lines)
