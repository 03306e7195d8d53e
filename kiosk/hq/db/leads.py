"""Register entries: stored once by id, listed per store, their numbers masked when their
time is up (kiosk.hq.leads)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from kiosk.domain.phone import masked
from kiosk.hq.db.devices import Device
from kiosk.hq.db.engine import Connected, DatabaseError, record
from kiosk.hq.schema import leads


class LeadConflictError(DatabaseError):
    """An entry id already used for a different entry (another body, or another store)."""


@dataclass(frozen=True, slots=True)
class Lead:
    id: str
    device_id: str
    store: str
    #: The member credited (kiosk.hq.staff.credited); the number the kiosk sent is in `body`.
    staff: str | None
    service: str
    call_day: str
    call_part: str
    body: dict[str, Any]
    created_at: datetime
    received_at: datetime
    phone_masked_at: datetime | None


class Leads(Connected):
    """The register, as part of `Database`."""

    def take_lead(
        self,
        device: Device,
        lead_id: str,
        body: dict[str, Any],
        *,
        staff: str | None,
        service: str,
        call_day: str,
        call_part: str,
        created_at: datetime,
        now: datetime,
    ) -> tuple[Lead, bool]:
        """Store a new entry; return it and whether it was new. The same id from the same
        store with the same body is the stored entry (the kiosk resends until it hears
        back); anything else under that id is a LeadConflictError."""
        row = {
            "id": lead_id,
            "device_id": device.id,
            "store": device.store,
            "staff": staff,
            "service": service,
            "call_day": call_day,
            "call_part": call_part,
            "body": body,
            "body_hash": lead_hash(body),
            "created_at": created_at,
            "received_at": now,
            "phone_masked_at": None,
        }
        stored_lead = sa.select(leads).where(leads.c.id == lead_id)
        with self._write() as conn:
            if conn.execute(self._insert_new(leads), row).rowcount == 1:
                return record(Lead, row), True  # type: ignore[arg-type]
            stored = conn.execute(stored_lead).mappings().one()
        return self._same_lead(stored, device, body), False

    @staticmethod
    def _same_lead(stored: RowMapping, device: Device, body: dict[str, Any]) -> Lead:
        mine = lead_hash(masked_lead(body) if stored["phone_masked_at"] is not None else body)
        if stored["body_hash"] != mine or stored["store"] != device.store:
            # Whether it was another store's is not this kiosk's business.
            raise LeadConflictError("id: already used for another register entry; make a new id")
        return record(Lead, stored)

    def store_leads(self, store: str, *, since: datetime | None = None, limit: int = 10_000) -> list[Lead]:
        """A store's entries, oldest first (from `since`, by when they were made)."""
        query = sa.select(leads).where(leads.c.store == store)
        if since is not None:
            query = query.where(leads.c.created_at >= since)
        query = query.order_by(leads.c.created_at, leads.c.id).limit(limit)
        with self._engine.connect() as conn:
            return [record(Lead, r) for r in conn.execute(query).mappings()]

    def mask_lead_numbers(self, *, made_before: datetime, now: datetime) -> int:
        """Cut the number of every entry made before `made_before` to 138****5678 (its
        body's hash recomputed on that); how many."""
        due = (
            sa.select(leads.c.id, leads.c.body)
            .where(leads.c.phone_masked_at.is_(None), leads.c.created_at < made_before)
            .order_by(leads.c.created_at)
            .limit(500)
        )
        count = 0
        while True:
            with self._write() as conn:
                batch = conn.execute(due).all()
                for lead_id, body in batch:
                    cut = masked_lead(body)
                    conn.execute(
                        sa.update(leads)
                        .where(leads.c.id == lead_id)
                        .values(body=cut, body_hash=lead_hash(cut), phone_masked_at=now)
                    )
            count += len(batch)
            if len(batch) < 500:
                return count


def masked_lead(body: dict[str, Any]) -> dict[str, Any]:
    phone = body.get("phone")
    return {**body, "phone": masked(phone)} if isinstance(phone, str) else body


def lead_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
