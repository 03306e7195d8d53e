"""Register entries to HQ: sent until HQ holds them (docs/staff.md, "Register").

`LeadSender.run` is one pass over the kiosk's register (kiosk.services.leads): first the
entries older than the 30 days the customer agreed to are masked (`expire`); then each
`pending` entry that is due goes to `POST /v1/leads` with its id, which HQ deduplicates on,
so an answer lost on the way only means the same entry is sent again. HQ's acknowledgement
(201, or 200 for one it already held) is stored with the number masked. Until then the
entry waits and is tried again with the order sender's back-off (5 s doubling to 10
minutes, full jitter): an entry is never dropped.

Refusals, as orders': 400, 403, 409, 413, 422 (a body HQ cannot take, an id used for another
entry): quarantined with HQ's reason for staff (`kiosk status`), never resent by itself.
401 (HQ does not know this kiosk's credential), 404 (an HQ older than the register), 429,
5xx, no answer: the entries wait; a pass makes one failed request, not one per entry.

`LeadWorker` runs passes on a thread of its own, as `OrderWorker` does for orders, woken
at once by `kick()` after the form kept an entry.
"""

from __future__ import annotations

import logging
import random as _random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.services.leads import EXPIRED, PENDING, SENT, KeptLead, LocalLeads, instant
from kiosk.sync.errors import HqRefusedError, HqUnreachableError
from kiosk.sync.hqclient import HqClient
from kiosk.sync.orders import LANGUAGES, TIMEOUT, scrubbed
from kiosk.sync.passes import PassWorker, put_off

log = logging.getLogger(__name__)

#: Statuses that say "HQ will not take this entry as it is".
_NOT_TAKEN = frozenset({400, 403, 409, 413, 422})


@dataclass
class LeadsResult:
    """What one pass did."""

    sent: int = 0  # acknowledged by HQ in this pass
    quarantined: int = 0
    expired: int = 0  # masked unsent at the end of their 30 days
    pending: int = 0  # not acknowledged by HQ after the pass
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class LeadSender:
    """One pass at a time per sender; several senders (the CLI's round and the running
    kiosk) may meet on one entry: HQ deduplicates, and the register only moves forward."""

    def __init__(
        self,
        book: LocalLeads,
        *,
        clock: Callable[[], float] = time.time,
        random: Callable[[], float] = _random.random,
    ) -> None:
        self.book = book
        self._clock = clock
        self._random = random
        self._lock = threading.Lock()
        self.last = LeadsResult()

    def run(self, client: HqClient) -> LeadsResult:
        """Send what is due; never raises for HQ's sake (what went wrong is in `errors`).
        sqlite errors (the file cannot be read) are raised."""
        with self._lock:
            result = self.last = LeadsResult()
            now = self._clock()
            today = datetime.fromtimestamp(now, UTC)
            result.expired = self.book.expire(today)
            self.book.prune_settled(today, (SENT, EXPIRED))
            for kept in self.book.due(now):
                if not self._send(client, kept, now, result):
                    break
            result.pending = self.book.counts()[PENDING]
            return result

    def _send(self, client: HqClient, kept: KeptLead, now: float, result: LeadsResult) -> bool:
        """One entry to HQ; False when HQ cannot be reached (the pass stops)."""
        lead_id = kept.lead.id
        try:
            client.call("POST", "v1/leads", request_body(kept))
        except HqUnreachableError as e:
            return self._wait(kept, now, f"register entry {lead_id} not sent: {e}", result)
        except HqRefusedError as e:
            if e.status in _NOT_TAKEN:
                why = scrubbed("; ".join([str(e), *e.problems[:5]]))
                self.book.quarantine(lead_id, why)
                result.quarantined += 1
                result.errors.append(f"register entry {lead_id} quarantined: {why}")
                log.error("register entry %s quarantined (tell staff): %s", lead_id, why)
                return True
            return self._wait(kept, now, f"register entry {lead_id} not sent: {e}", result, e.retry_after_s)
        if self.book.acknowledged(lead_id):
            result.sent += 1
            log.info("register entry %s: HQ holds it", lead_id)
        return True

    def _wait(
        self, kept: KeptLead, now: float, why: str, result: LeadsResult, at_least: float | None = None
    ) -> bool:
        why = scrubbed(why)
        wait = put_off(
            self.book, kept.lead.id, kept.attempts, now, why, random=self._random, at_least=at_least
        )
        result.errors.append(why)
        log.warning("leads: %s; next try in %.0f s", why, wait)
        return False


def request_body(kept: KeptLead) -> dict[str, Any]:
    """The entry as `POST /v1/leads` takes it (docs/hq-api.md). No store: HQ takes it from
    the credential."""
    lead = kept.lead
    body: dict[str, Any] = {
        "id": lead.id,
        "created_at": instant(lead.created_at),
        "staff": lead.staff,
        "service": lead.service,
        "phone": lead.phone,
        "call_day": lead.call_day.isoformat(),
        "call_part": lead.call_part,
        "consent": True,
        "consented_at": instant(lead.consented_at),
    }
    names = {lang: lead.service_name[lang] for lang in LANGUAGES if lead.service_name.get(lang)}
    if names:
        body["service_name"] = names
    if lead.session:
        body["session"] = lead.session
    return body


class LeadWorker(PassWorker[LeadsResult]):
    """Passes of a `LeadSender` on a thread of its own (kiosk.sync.passes): when an entry
    is due, and at once after `kick()`. Not enrolled: nothing is sent (the entries wait)."""

    def __init__(
        self,
        data_dir: Path,
        ledger: Path,
        *,
        clock: Callable[[], float] = time.time,
        random: Callable[[], float] = _random.random,
        idle_s: float = 300.0,
    ) -> None:
        sender = LeadSender(LocalLeads(ledger, checkpoint=True), clock=clock, random=random)
        super().__init__(
            "leads",
            data_dir,
            sender,
            lambda error: LeadsResult(errors=[error]),
            timeout=TIMEOUT,
            clock=clock,
            idle_s=idle_s,
        )
        self.sender: LeadSender = sender
