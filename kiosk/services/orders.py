"""Customers' orders on the kiosk: kept durably before the receipt shows, then sent to HQ
(kiosk.sync.orders) until HQ has them and the operator's answer is back
(docs/subscribing.md, "Orders to HQ" and "Retention").

`LocalOrders` is the flow's `OrderBook` over the kiosk's SQLite file (`ledger.sqlite3`,
table `orders`, kiosk.services.localdb), and what the sender reads and updates. Each
instance has its own connection: the UI thread's (for `keep` and `answer`) never waits on
the sender's, which may be in the middle of a round. The file is shared with the event
ledger's writer and the outbox; SQLite's busy timeout settles who writes when, and every
write here is one short statement or transaction.

Durability: the file is in WAL mode with `synchronous=FULL`, under which SQLite syncs the
WAL at every commit (and the folder when it creates the WAL), so a commit that returned
survives a power cut; with `NORMAL` it might roll back (sqlite.org/pragma.html#pragma_synchronous).
`keep` is one INSERT in autocommit: one transaction, durable when it returns. Its connection
never checkpoints (`wal_autocheckpoint=0`): copying the WAL into the database and syncing
that is left to the ledger's and the outbox's connections, so that the customer's final tap
never pays for it.

States: `pending` (kept; HQ has not acknowledged it), `sent` (HQ holds it; the operator or
the customer's SMS reply has not answered yet), `answered` (a final status from HQ), and
`quarantined` (HQ will not take it as it is: a conflict or an invalid body; shown to staff,
never resent by itself). HQ's acknowledgement (201 or 202) replaces the full number with
its masked form and forgets the confirmation token, in the same statement that records it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.domain.phone import masked
from kiosk.flow.subscribe import Answer, Order, OrderNotKeptError, SecondStep
from kiosk.services import localdb
from kiosk.services.records import QUARANTINED, KeptRecords, texts_json

log = logging.getLogger(__name__)

PENDING = "pending"
SENT = "sent"
ANSWERED = "answered"
STATES = (PENDING, SENT, ANSWERED, QUARANTINED)
#: HQ's statuses that end an order (no more polling).
FINAL = frozenset({"accepted", "rejected", "failed", "declined", "expired"})
#: How long a quarantined order keeps the customer's full number: HQ never holds it, and
#: staff settle it with the customer at the counter within that (docs/subscribing.md).
QUARANTINE_NUMBER_DAYS = 30
#: What the customer reads when HQ would not take the order as the kiosk sent it.
NOT_TAKEN = "the order could not be passed on from this kiosk; please ask at the service counter"

_COLUMNS = (
    "id",
    "status_token",
    "service",
    "offer",
    "phone",
    "price_fen",
    "placed_at",
    "consented_at",
    "second_step",
    "confirmation",
    "marketing_opt_in",
    "staff",
    "session",
    "service_name",
    "price_text",
    "created_at",
    "updated_at",
)
_INSERT = f"INSERT OR IGNORE INTO orders ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


@dataclass(frozen=True)
class KeptOrder:
    """An order as the file holds it, with where it stands."""

    order: Order
    state: str
    hq_status: str | None
    reason: str | None
    reference: str | None
    test: bool | None
    problem: str | None
    attempts: int
    next_try_at: float
    polls: int
    created_at: str
    updated_at: str


class LocalOrders(KeptRecords):
    """The orders in the kiosk's file; `keep` and `answer` are the flow's `OrderBook`."""

    TABLE = "orders"
    STATES = STATES

    # -- the flow's OrderBook ---------------------------------------------------------------
    def keep(self, order: Order) -> None:
        """Make `order` durable; the same id again keeps the first. OrderNotKeptError when
        the file cannot take it (full disk, read-only folder, locked past the timeout)."""
        now = self._clock()
        row = (
            order.id,
            order.status_token,
            order.service,
            order.offer,
            order.phone,
            order.price_fen,
            _instant(order.placed_at),
            _instant(order.consented_at),
            order.second_step.value,
            order.confirmation,
            int(order.marketing_opt_in),
            order.staff,
            order.session,
            texts_json(order.service_name),
            texts_json(order.price_text),
            now,
            now,
        )
        try:
            with self._connection(write=True) as conn:
                conn.execute(_INSERT, row)
        except (sqlite3.Error, OSError, localdb.NewerSchemaError) as e:
            # The message is SQLite's or the OS's: it never holds the order's values.
            log.error("orders: order %s could not be kept in %s: %s", order.id, self.path, e)
            raise OrderNotKeptError(f"the order could not be kept on this kiosk ({e})") from None

    def answer(self, order_id: str) -> Answer | None:
        """HQ's final answer for the order, once it came back (None before, or when the
        file cannot be read). A quarantined order reads as failed, with a reason for the
        customer (HQ's own is for staff, in `kiosk status`)."""
        try:
            with self._connection() as conn:
                row = conn.execute(
                    "SELECT state, hq_status, reason, reference FROM orders WHERE id = ?", (order_id,)
                ).fetchone()
        except (sqlite3.Error, OSError, localdb.NewerSchemaError) as e:
            log.warning("orders: cannot read order %s: %s", order_id, e)
            return None
        if row is None:
            return None
        state, status, reason, reference = row
        if state == ANSWERED:
            return Answer(status=status, reason=reason or "", reference=reference or "")
        if state == QUARANTINED:
            return Answer(status="failed", reason=NOT_TAKEN)
        return None

    # -- for the sender ---------------------------------------------------------------------
    def get(self, order_id: str) -> KeptOrder | None:
        with self._connection() as conn:
            row = conn.execute(f"SELECT {_SELECT} FROM orders WHERE id = ?", (order_id,)).fetchone()
        return None if row is None else _kept(row)

    def due(self, state: str, now: float, limit: int = 50) -> list[KeptOrder]:
        """Orders in `state` whose next try is due at `now` (epoch seconds), oldest first."""
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {_SELECT} FROM orders WHERE state = ? AND next_try_at <= ? "
                "ORDER BY created_at, id LIMIT ?",
                (state, now, limit),
            ).fetchall()
        return [_kept(r) for r in rows]

    def next_due(self) -> float | None:
        """When the sender next has something to do (epoch seconds), or None."""
        with self._connection() as conn:
            row = conn.execute(
                "SELECT min(next_try_at) FROM orders WHERE state IN (?, ?)", (PENDING, SENT)
            ).fetchone()
        return None if row[0] is None else float(row[0])

    def acknowledged(
        self,
        order_id: str,
        *,
        status: str,
        reason: str | None,
        reference: str | None,
        test: bool | None,
        next_try_at: float,
    ) -> bool:
        """HQ holds the order (201/202): its status, the number masked and the confirmation
        forgotten, in one statement. False when the order was not pending (another sender
        got there first)."""
        state = ANSWERED if status in FINAL else SENT
        with self._connection(write=True) as conn:
            phone = conn.execute(
                "SELECT phone FROM orders WHERE id = ? AND state = ?", (order_id, PENDING)
            ).fetchone()
            if phone is None:
                return False
            done = conn.execute(
                "UPDATE orders SET state = ?, hq_status = ?, reason = ?, reference = ?, test = ?, "
                "phone = ?, confirmation = NULL, problem = NULL, next_try_at = ?, updated_at = ? "
                "WHERE id = ? AND state = ?",
                (
                    state,
                    status,
                    reason,
                    reference,
                    _flag(test),
                    masked(phone[0]),
                    next_try_at,
                    self._clock(),
                    order_id,
                    PENDING,
                ),
            ).rowcount
        return done == 1

    def polled(
        self,
        order_id: str,
        *,
        status: str,
        reason: str | None,
        reference: str | None,
        test: bool | None,
        next_try_at: float,
    ) -> bool:
        """HQ's status for an order it holds; `answered` once final. False when nothing
        changed state (already answered)."""
        state = ANSWERED if status in FINAL else SENT
        with self._connection(write=True) as conn:
            done = conn.execute(
                "UPDATE orders SET state = ?, hq_status = ?, reason = ?, reference = ?, "
                "test = coalesce(?, test), polls = polls + 1, next_try_at = ?, updated_at = ? "
                "WHERE id = ? AND state = ?",
                (state, status, reason, reference, _flag(test), next_try_at, self._clock(), order_id, SENT),
            ).rowcount
        return done == 1

    def retry_later(self, order_id: str, *, next_try_at: float, problem: str | None) -> None:
        """Not sent or not polled this time: try again at `next_try_at`."""
        with self._connection(write=True) as conn:
            conn.execute(
                "UPDATE orders SET attempts = attempts + 1, next_try_at = ?, problem = ?, updated_at = ? "
                "WHERE id = ? AND state IN (?, ?)",
                (next_try_at, problem, self._clock(), order_id, PENDING, SENT),
            )

    def hold_due(self, now: float, until: float) -> int:
        """Every order due at `now` waits until at least `until` (HQ cannot be reached: one
        failed request, not one per order); how many."""
        with self._connection(write=True) as conn:
            return conn.execute(
                "UPDATE orders SET next_try_at = ? WHERE state IN (?, ?) AND next_try_at <= ?",
                (until, PENDING, SENT, now),
            ).rowcount

    def quarantine(self, order_id: str, problem: str, *, from_state: str = PENDING) -> None:
        """HQ will not take the order as it is: kept aside with HQ's reason, for staff. The
        number stays while HQ does not hold the order, until staff deal with it."""
        with self._connection(write=True) as conn:
            conn.execute(
                "UPDATE orders SET state = ?, problem = ?, updated_at = ? WHERE id = ? AND state = ?",
                (QUARANTINED, problem, self._clock(), order_id, from_state),
            )

    def resend_by_reply(self, order_id: str, problem: str, next_try_at: float) -> bool:
        """The order's confirmation is too old for HQ: send it again as awaiting the
        customer's SMS reply (the same id and status token). False if it was not pending."""
        with self._connection(write=True) as conn:
            return (
                conn.execute(
                    "UPDATE orders SET second_step = ?, confirmation = NULL, problem = ?, next_try_at = ?, "
                    "updated_at = ? WHERE id = ? AND state = ?",
                    (SecondStep.SMS_REPLY.value, problem, next_try_at, self._clock(), order_id, PENDING),
                ).rowcount
                == 1
            )

    def forget_quarantined_numbers(self, now: datetime) -> int:
        """A quarantined order keeps the full number (HQ does not hold the order) for
        `QUARANTINE_NUMBER_DAYS` after it was quarantined, for staff to settle it with the
        customer; then only the masked number. How many were masked."""
        cutoff = (now - timedelta(days=QUARANTINE_NUMBER_DAYS)).astimezone(UTC)
        quarantined_before = (QUARANTINED, cutoff.isoformat(timespec="milliseconds"))
        done = self._mask_numbers("state = ? AND updated_at < ?", quarantined_before, ", confirmation = NULL")
        if done:
            days = QUARANTINE_NUMBER_DAYS
            log.warning("orders: %d quarantined more than %d days ago: numbers masked", done, days)
        return done

    def oldest_unsent(self) -> str | None:
        """When the oldest order HQ has not acknowledged was kept (UTC text), or None."""
        with self._connection() as conn:
            row = conn.execute("SELECT min(created_at) FROM orders WHERE state = ?", (PENDING,)).fetchone()
        return row[0]


_SELECT = ", ".join(
    (
        *_COLUMNS[:15],
        "state",
        "hq_status",
        "reason",
        "reference",
        "test",
        "problem",
        "attempts",
        "next_try_at",
        "polls",
        "created_at",
        "updated_at",
    )
)


def _kept(row: tuple[Any, ...]) -> KeptOrder:
    order = Order(
        id=row[0],
        status_token=row[1],
        service=row[2],
        offer=row[3],
        phone=row[4],
        price_fen=int(row[5]),
        placed_at=datetime.fromisoformat(row[6]),
        consented_at=datetime.fromisoformat(row[7]),
        second_step=SecondStep(row[8]),
        confirmation=row[9],
        marketing_opt_in=bool(row[10]),
        staff=row[11],
        session=row[12],
        service_name=json.loads(row[13]),
        price_text=json.loads(row[14]),
    )
    return KeptOrder(
        order=order,
        state=row[15],
        hq_status=row[16],
        reason=row[17],
        reference=row[18],
        test=None if row[19] is None else bool(row[19]),
        problem=row[20],
        attempts=int(row[21]),
        next_try_at=float(row[22]),
        polls=int(row[23]),
        created_at=row[24],
        updated_at=row[25],
    )


def _instant(at: datetime) -> str:
    """RFC 3339 with an offset, as HQ reads it (a naive time is taken as UTC)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.isoformat(timespec="milliseconds")


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)
