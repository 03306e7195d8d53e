"""The interested-customer register at HQ: entries a store's staff noted at a kiosk, with
the customer's consent, for the store to call back (docs/hq-api.md "Register",
docs/staff.md "Register").

`take_lead` checks what no field says alone (the number is a mobile number, the day to call
is a real day), files the entry at the kiosk's time when HQ believes that clock (else at
HQ's own, the claimed time kept in the body), and stores it once by id for the device's
store. `listing` is what `kiosk-hq leads` prints for a store manager. The full number is
kept 30 days from the entry (`kiosk.hq.retention`), the most the customer agreed to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.domain.phone import PhoneError, masked, normalize_mobile
from kiosk.hq.clock import Plausible, utc_text
from kiosk.hq.config import ClockWindow
from kiosk.hq.db import Database, Device, Lead, LeadConflictError
from kiosk.hq.errors import ConflictError, InvalidError
from kiosk.hq.staff import credited

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewLead:
    """A register entry as the API read it."""

    id: str
    created_at: datetime
    consented_at: datetime
    staff: str
    service: str
    service_name: dict[str, str] | None
    phone: str
    call_day: str
    call_part: str
    session: str | None = None


def take_lead(
    db: Database, window: ClockWindow, device: Device, new: NewLead, *, now: datetime
) -> tuple[Lead, bool]:
    """The stored entry (new, or the one already taken with this id), and whether it is new."""
    problems = []
    try:
        phone = normalize_mobile(new.phone)
    except PhoneError as e:
        problems.append(f"phone: {e}")
        phone = ""
    try:
        date.fromisoformat(new.call_day)
    except ValueError:
        problems.append(f"call_day: {new.call_day} is not a day of the calendar")
    if problems:
        raise InvalidError("the request is not valid", problems)
    filed = Plausible.for_device(window, device, now).utc(new.created_at) or now
    body: dict[str, Any] = {
        "phone": phone,
        "staff": new.staff,
        "service": new.service,
        "call_day": new.call_day,
        "call_part": new.call_part,
        "created_at": utc_text(new.created_at),
        "consented_at": utc_text(new.consented_at),
    }
    if new.service_name:
        body["service_name"] = new.service_name
    if new.session is not None:
        body["session"] = new.session
    try:
        lead, created = db.take_lead(
            device,
            new.id,
            body,
            staff=credited(db, device, new.staff, filed, record=new.id),
            service=new.service,
            call_day=new.call_day,
            call_part=new.call_part,
            created_at=filed,
            now=now,
        )
    except LeadConflictError as e:
        raise ConflictError(str(e)) from e
    if created:
        log.info(
            "register entry %s from %s: %s (staff %s)", lead.id, device.store, lead.service, lead.staff or "-"
        )
    return lead, created


def listing(entries: list[Lead], *, full: bool) -> list[dict[str, Any]]:
    """The entries as the store manager reads them; numbers masked unless `full` (a number
    past its retention is masked whatever `full` says)."""
    rows = []
    for lead in entries:
        phone = str(lead.body.get("phone", ""))
        names = lead.body.get("service_name") or {}
        rows.append(
            {
                "id": lead.id,
                "created_at": lead.created_at.isoformat(timespec="seconds"),
                "staff": lead.staff,
                "service": lead.service,
                "service_name": names.get("zh-CN") or names.get("en") or lead.service,
                "call_day": lead.call_day,
                "call_part": lead.call_part,
                "phone": phone if full else masked(phone),
            }
        )
    return rows
