"""Forgetting customers' numbers when HQ no longer needs them.

`purge` applies `kiosk.hq.config.Retention`: confirmation codes and their challenges (the
number they were sent to, the code's hash) go after a day; an order keeps the customer's
full number until the operator has answered it and `order_numbers_days` more have passed
(long enough for complaints and refunds), then keeps only 138****5678; the development SMS
outbox loses its lines after a day; a register entry keeps the full number
`lead_numbers_days` (30) from when staff made it, the most the customer agreed to; the
counters behind the caps go when their window ends; the record of SMS replies the gateway
delivered (no number in it) after a week. Orders
awaiting an SMS reply whose window has passed become "expired" first, which starts their
numbers' retention. `kiosk-hq serve` runs it hourly; `kiosk-hq purge` runs it from a cron job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.hq.config import OrderLimits, Retention
from kiosk.hq.db import Database
from kiosk.hq.replies import expired_reason
from kiosk.hq.sms import FileSms, SmsGateway


@dataclass(frozen=True)
class PurgeReport:
    challenges: int
    order_numbers: int
    quotas: int
    sms_lines: int
    expired: int = 0
    inbound_sms: int = 0
    lead_numbers: int = 0

    def __str__(self) -> str:
        return (
            f"{self.challenges} confirmation codes deleted, {self.order_numbers} orders' numbers masked, "
            f"{self.sms_lines} SMS outbox lines deleted, {self.quotas} ended rate-limit counters deleted, "
            f"{self.expired} orders expired without an SMS reply, "
            f"{self.inbound_sms} SMS reply records deleted, "
            f"{self.lead_numbers} register entries' numbers masked"
        )


def purge(
    db: Database,
    sms: SmsGateway | None,
    retention: Retention,
    *,
    now: datetime,
    orders: OrderLimits | None = None,
) -> PurgeReport:
    # Expired first: an order that ends now starts its numbers' retention now.
    expired = db.expire_replies(now=now, reason=expired_reason((orders or OrderLimits()).reply_window))
    purged = db.purge(
        challenges_before=now - timedelta(days=retention.challenges_days),
        numbers_answered_before=now - timedelta(days=retention.order_numbers_days),
        now=now,
        inbound_before=now - timedelta(days=retention.inbound_sms_days),
    )
    leads = db.mask_lead_numbers(made_before=now - timedelta(days=retention.lead_numbers_days), now=now)
    lines = 0
    if isinstance(sms, FileSms):
        lines = sms.prune(now - timedelta(days=retention.sms_outbox_days))
    return PurgeReport(
        purged.challenges, purged.order_numbers, purged.quotas, lines, expired, purged.inbound_sms, leads
    )
