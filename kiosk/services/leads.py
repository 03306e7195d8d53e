"""The interested-customer register on the kiosk: entries kept durably before the form says
"Saved", then sent to HQ (kiosk.sync.leads) until HQ acknowledges them (docs/staff.md,
"Register"; retention as orders', docs/subscribing.md "Retention").

`LocalLeads` is the register form's `LeadBook` over the kiosk's SQLite file
(`ledger.sqlite3`, table `leads`, kiosk.services.localdb), what staff list (numbers masked)
and what the sender reads and updates. Durability is the order book's: WAL with
`synchronous=FULL`, one INSERT in autocommit, so `keep` returns once the entry would
survive a power cut; the same id again keeps the first (INSERT OR IGNORE). An entry is kept
only with the customer's consent: `keep` refuses one without it, and the table's CHECK
would too.

States: `pending` (kept; HQ has not acknowledged it), `sent` (HQ holds it), `quarantined`
(HQ will not take it as it is: for staff, never resent by itself, only by a technician's
`release_quarantined`) and `expired` (HQ never had it within the 30 days the customer agreed
to: the number is masked and it is not sent).
The full number is in the row only until HQ acknowledges the entry (the statement that
records it masks the number) or its 30 days end (`expire`), whichever comes first.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kiosk.domain.phone import masked
from kiosk.flow.register import KEPT_DAYS, Lead, LeadNotKeptError
from kiosk.services import localdb
from kiosk.services.records import QUARANTINED, KeptRecords, texts_json

log = logging.getLogger(__name__)

PENDING = "pending"
SENT = "sent"
EXPIRED = "expired"
STATES = (PENDING, SENT, QUARANTINED, EXPIRED)

_COLUMNS = (
    "id",
    "created_at",
    "staff",
    "service",
    "service_name",
    "call_day",
    "call_part",
    "consent",
    "consented_at",
    "phone",
    "session",
    "updated_at",
)
_INSERT = f"INSERT OR IGNORE INTO leads ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
_SELECT = (
    "id, created_at, staff, service, service_name, call_day, call_part, consented_at, phone, session, "
    "state, problem, attempts, next_try_at"
)


@dataclass(frozen=True)
class KeptLead:
    """An entry as the file holds it, with where it stands."""

    lead: Lead
    state: str
    problem: str | None
    attempts: int
    next_try_at: float


class LocalLeads(KeptRecords):
    """The register in the kiosk's file; `keep` is the form's `LeadBook`."""

    TABLE = "leads"
    STATES = STATES

    # -- the form's LeadBook ------------------------------------------------------------------
    def keep(self, lead: Lead) -> None:
        """Make `lead` durable; the same id again keeps the first. LeadNotKeptError when the
        file cannot take it, or the entry has no consent time."""
        if lead.consented_at is None:  # the flow never makes one; the table refuses it too
            raise LeadNotKeptError("an entry is kept only with the customer's consent")
        now = self._clock()
        row = (
            lead.id,
            instant(lead.created_at),
            lead.staff,
            lead.service,
            texts_json(lead.service_name),
            lead.call_day.isoformat(),
            lead.call_part,
            1,
            instant(lead.consented_at),
            lead.phone,
            lead.session,
            now,
        )
        try:
            with self._connection(write=True) as conn:
                conn.execute(_INSERT, row)
        except (sqlite3.Error, OSError, localdb.NewerSchemaError) as e:
            # SQLite's or the OS's message: never the entry's values.
            log.error("leads: entry %s could not be kept in %s: %s", lead.id, self.path, e)
            raise LeadNotKeptError(f"the entry could not be kept on this kiosk ({e})") from None

    # -- for staff ----------------------------------------------------------------------------
    def listed(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest entries, newest first, every number masked (staff read them at the
        kiosk; the full numbers are for the store manager's HQ listing)."""
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {_SELECT} FROM leads ORDER BY created_at DESC, id LIMIT ?", (limit,)
            ).fetchall()
        listed = []
        for row in rows:
            kept = _kept(row)
            lead = kept.lead
            listed.append(
                {
                    "id": lead.id,
                    "created_at": instant(lead.created_at),
                    "staff": lead.staff,
                    "service": lead.service,
                    "service_name": lead.service_name,
                    "call_day": lead.call_day.isoformat(),
                    "call_part": lead.call_part,
                    "phone": masked(lead.phone) if "*" not in lead.phone else lead.phone,
                    "state": kept.state,
                }
            )
        return listed

    # -- for the sender -----------------------------------------------------------------------
    def get(self, lead_id: str) -> KeptLead | None:
        with self._connection() as conn:
            row = conn.execute(f"SELECT {_SELECT} FROM leads WHERE id = ?", (lead_id,)).fetchone()
        return None if row is None else _kept(row)

    def due(self, now: float, limit: int = 200) -> list[KeptLead]:
        """Pending entries whose next try is due at `now` (epoch seconds), oldest first."""
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {_SELECT} FROM leads WHERE state = ? AND next_try_at <= ? "
                "ORDER BY created_at, id LIMIT ?",
                (PENDING, now, limit),
            ).fetchall()
        return [_kept(r) for r in rows]

    def next_due(self) -> float | None:
        with self._connection() as conn:
            row = conn.execute("SELECT min(next_try_at) FROM leads WHERE state = ?", (PENDING,)).fetchone()
        return None if row[0] is None else float(row[0])

    def acknowledged(self, lead_id: str) -> bool:
        """HQ holds the entry: `sent`, and the number masked in the same statement. False
        when it was not pending (another sender got there first)."""
        with self._connection(write=True) as conn:
            phone = conn.execute(
                "SELECT phone FROM leads WHERE id = ? AND state = ?", (lead_id, PENDING)
            ).fetchone()
            if phone is None:
                return False
            return (
                conn.execute(
                    "UPDATE leads SET state = ?, phone = ?, problem = NULL, updated_at = ? "
                    "WHERE id = ? AND state = ?",
                    (SENT, masked(phone[0]), self._clock(), lead_id, PENDING),
                ).rowcount
                == 1
            )

    def retry_later(self, lead_id: str, *, next_try_at: float, problem: str | None) -> None:
        with self._connection(write=True) as conn:
            conn.execute(
                "UPDATE leads SET attempts = attempts + 1, next_try_at = ?, problem = ?, updated_at = ? "
                "WHERE id = ? AND state = ?",
                (next_try_at, problem, self._clock(), lead_id, PENDING),
            )

    def hold_due(self, now: float, until: float) -> int:
        """Every entry due at `now` waits until at least `until` (HQ cannot be reached)."""
        with self._connection(write=True) as conn:
            return conn.execute(
                "UPDATE leads SET next_try_at = ? WHERE state = ? AND next_try_at <= ?",
                (until, PENDING, now),
            ).rowcount

    def quarantine(self, lead_id: str, problem: str) -> None:
        """HQ will not take the entry as it is: kept aside for staff with HQ's reason (the
        number stays, HQ not holding it, until its 30 days end)."""
        with self._connection(write=True) as conn:
            conn.execute(
                "UPDATE leads SET state = ?, problem = ?, updated_at = ? WHERE id = ? AND state = ?",
                (QUARANTINED, problem, self._clock(), lead_id, PENDING),
            )

    def release_quarantined(self, now: float) -> tuple[int, int]:
        """Every quarantined entry whose number is still whole back to `pending`, due at
        `now` (epoch seconds), to be sent again (after HQ or the kiosk was fixed: a
        technician's decision, `kiosk quarantine --release`, never automatic). One whose 30
        days have ended keeps only the masked number, which HQ cannot call: it stays. How
        many were released, and how many stay."""
        with self._connection(write=True) as conn:
            conn.execute("BEGIN IMMEDIATE")
            released = conn.execute(
                "UPDATE leads SET state = ?, problem = NULL, attempts = 0, next_try_at = ?, updated_at = ? "
                "WHERE state = ? AND phone NOT LIKE '%*%'",
                (PENDING, now, self._clock(), QUARANTINED),
            ).rowcount
            stay = conn.execute("SELECT count(*) FROM leads WHERE state = ?", (QUARANTINED,)).fetchone()[0]
            conn.execute("COMMIT")
        return released, int(stay)

    def expire(self, now: datetime) -> int:
        """Keep the customer's word: an entry made more than `KEPT_DAYS` ago keeps only the
        masked number; one HQ never had is `expired` and not sent any more. How many."""
        done = self._mask_numbers(
            "created_at < ?",
            (instant(now - timedelta(days=KEPT_DAYS)),),
            ", state = CASE state WHEN ? THEN ? ELSE state END, updated_at = ?",
            (PENDING, EXPIRED, self._clock()),
        )
        if done:
            log.warning("leads: %d entries past their %d days: numbers masked", done, KEPT_DAYS)
        return done


def _kept(row: tuple[Any, ...]) -> KeptLead:
    lead = Lead(
        id=row[0],
        created_at=datetime.fromisoformat(row[1]),
        staff=row[2],
        service=row[3],
        service_name=json.loads(row[4]),
        call_day=date.fromisoformat(row[5]),
        call_part=row[6],
        consented_at=datetime.fromisoformat(row[7]),
        phone=row[8],
        session=row[9],
    )
    return KeptLead(
        lead=lead, state=row[10], problem=row[11], attempts=int(row[12]), next_try_at=float(row[13])
    )


def instant(at: datetime) -> str:
    """RFC 3339 in UTC with its offset (a naive time is taken as UTC): sorts as time does,
    and HQ reads it."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="milliseconds")
