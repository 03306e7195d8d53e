"""Orders: stored once by id together with the confirmation they spend (or awaiting the
customer's SMS reply), then their outcome."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from kiosk.domain.phone import masked
from kiosk.hq.db.challenges import Challenge
from kiosk.hq.db.devices import Device
from kiosk.hq.db.engine import ROWCOUNT, Connected, DatabaseError, record
from kiosk.hq.schema import ORDER_STATUSES, challenges, inbound_sms, orders


class OrderConflictError(DatabaseError):
    """An order id already used for a different order (another body, or another store)."""


@dataclass(frozen=True, slots=True)
class Order:
    """An order and what became of it.

    `status` is "received" (stored, not yet forwarded), "awaiting_reply" (waiting for the
    customer's Y by SMS), or a final "accepted", "rejected" (with `reason`), "failed" (HQ
    gave up, with `reason`), "declined" (the customer replied N) or "expired" (no Y in
    time); `attempts` counts the failed forwarding attempts. A `test` order is a test
    number's, answered by HQ and never forwarded.
    """

    id: str
    device_id: str
    store: str
    body: dict[str, Any]
    status: str
    reason: str | None
    reference: str | None
    created_at: datetime
    updated_at: datetime
    attempts: int
    second_step: str = "code"
    test: bool = False
    staff: str | None = None
    reply_texted_at: datetime | None = None
    reply_by: datetime | None = None


@dataclass(frozen=True, slots=True)
class Placing:
    """How a new order is stored, beside its body: its first status (and the reason shown
    with it), its second step, and the columns the body does not hold."""

    status: str = "received"
    reason: str | None = None
    second_step: str = "code"
    test: bool = False
    status_token_hash: str | None = None
    staff: str | None = None
    #: For an order awaiting an SMS reply: the number's hash, and when its window ends
    #: should it never be texted (texting starts the window again).
    phone_hash: str | None = None
    reply_by: datetime | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """What one inbound SMS did: `action` is "confirmed", "declined" or "none"; `order` is
    the order it moved (None for "none"); `new` is False for a delivery seen before."""

    action: str
    order: Order | None
    new: bool


class _SettledError(Exception):
    """Leaves a write transaction, rolling it back, with a row already stored."""

    def __init__(self, row: RowMapping) -> None:
        super().__init__()
        self.row = row


class Orders(Connected):
    """Orders, as part of `Database`."""

    def place_order(
        self,
        device: Device,
        order_id: str,
        body: dict[str, Any],
        *,
        confirmation_hash: str | None,
        accept: Callable[[Challenge | None], None],
        now: datetime,
        placing: Placing | None = None,
    ) -> tuple[Order, bool]:
        """Store a new order as `placing` says ("received" by default), spending its
        confirmation; return it and whether it was new. Both happen, or neither. An order
        without a confirmation (`confirmation_hash` None: confirmed later by SMS reply)
        spends none.

        An order already stored under `order_id` is returned as it is (False) when it came
        from the same store with the same body: the kiosk retries an upload until it hears
        back, and its retry must not need the confirmation it has already spent. The same id
        with another body or from another store is an `OrderConflictError`.

        Otherwise the confirmation is spent and handed to `accept` (None when it is unknown
        or already spent), which raises to refuse the order; the refusal rolls the spending
        back, so the customer's corrected retry still has its confirmation. Concurrent
        copies of one order all get the one stored order: the database makes a second
        spender wait for the first and then see the order it stored. A status token
        already used by another order is an `OrderConflictError`.
        """
        placing = placing or Placing()
        new = {
            "id": order_id,
            "device_id": device.id,
            "store": device.store,
            "body": body,
            "body_hash": body_hash(body),
            "status": placing.status,
            "reason": placing.reason,
            "reference": None,
            "created_at": now,
            "updated_at": now,
            "attempts": 0,
            "phone_masked_at": None,
            "second_step": placing.second_step,
            "test": placing.test,
            "status_token_hash": placing.status_token_hash,
            "staff": placing.staff,
            "phone_hash": placing.phone_hash,
            "reply_texted_at": None,
            "reply_claimed_at": None,
            "reply_by": placing.reply_by,
        }
        # Matches while unspent, and again for a concurrent copy of this very order, which
        # then finds the order stored and settles on it.
        spend = (
            sa.update(challenges)
            .where(
                challenges.c.confirmation_hash == confirmation_hash,
                challenges.c.verified_at.is_not(None),
                sa.or_(challenges.c.used_by_order.is_(None), challenges.c.used_by_order == order_id),
            )
            .values(used_by_order=order_id)
            .returning(*challenges.c)
        )
        stored_order = sa.select(orders).where(orders.c.id == order_id)
        try:
            with self._write() as conn:
                stored = conn.execute(stored_order).mappings().one_or_none()
                if stored is not None:
                    raise _SettledError(stored)
                if confirmation_hash is not None:
                    spent = conn.execute(spend).mappings().one_or_none()
                    accept(None if spent is None else record(Challenge, spent))
                if conn.execute(self._insert_new(orders), new).rowcount == 0:
                    raise _SettledError(conn.execute(stored_order).mappings().one())
                return record(Order, new), True  # type: ignore[arg-type]
        except _SettledError as settled:
            return self._same_order(settled.row, device, body, placing), False
        except sa.exc.IntegrityError:
            # Another unique column: a copy of this order stored meanwhile, or a status
            # token another order holds. (Anything else, such as an unknown device, is a fault.)
            with self._engine.connect() as conn:
                stored = conn.execute(stored_order).mappings().one_or_none()
                if stored is not None:
                    return self._same_order(stored, device, body, placing), False
                if placing.status_token_hash is not None and self._token_taken(
                    conn, placing.status_token_hash
                ):
                    raise OrderConflictError(
                        "status_token: already used for another order; make a new one for this order"
                    ) from None
            raise

    @staticmethod
    def _token_taken(conn: sa.Connection, token_hash: str) -> bool:
        query = sa.select(orders.c.id).where(orders.c.status_token_hash == token_hash)
        return conn.execute(query).first() is not None

    def _same_order(
        self, stored: RowMapping, device: Device, body: dict[str, Any], placing: Placing
    ) -> Order:
        """The stored order, if `body` from `device` is a retry of it; OrderConflictError if not."""
        mine = body_hash(masked_body(body) if stored["phone_masked_at"] is not None else body)
        if (
            stored["body_hash"] != mine
            or stored["store"] != device.store
            or stored["status_token_hash"] != placing.status_token_hash
        ):
            # Whether it was another store's is not this kiosk's business.
            raise OrderConflictError(
                f"Order id {stored['id']} was already used for a different order; a new order needs a new id."
            )
        return record(Order, stored)

    def update_order(
        self,
        order_id: str,
        *,
        status: str,
        reason: str | None = None,
        reference: str | None = None,
        now: datetime,
    ) -> Order:
        """Record the outcome of forwarding an order; return the order as it now is.

        Status "received" again means the attempt failed and will be retried: `attempts`
        goes up by one. `reason` and `reference` are set as given (None clears them).
        """
        if status not in ORDER_STATUSES:
            raise DatabaseError(
                f"Unknown order status {status!r}; expected one of {', '.join(ORDER_STATUSES)}."
            )
        values: dict[str, Any] = {
            "status": status,
            "reason": reason,
            "reference": reference,
            "updated_at": now,
        }
        if status == "received":
            values["attempts"] = orders.c.attempts + 1
        update = sa.update(orders).where(orders.c.id == order_id).values(values).returning(*orders.c)
        with self._write() as conn:
            row = conn.execute(update).mappings().one_or_none()
        if row is None:
            raise DatabaseError(f"There is no order {order_id}.")
        return record(Order, row)

    def get_order(self, order_id: str) -> Order | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(orders).where(orders.c.id == order_id)).mappings().one_or_none()
        return None if row is None else record(Order, row)

    def orders_to_forward(self, limit: int = 100) -> list[Order]:
        """Orders still "received" (not yet forwarded, or to be retried), oldest first."""
        query = (
            sa.select(orders)
            .where(orders.c.status == "received")
            .order_by(orders.c.created_at, orders.c.id)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [record(Order, row) for row in conn.execute(query).mappings()]

    def order_by_status_token(self, token_hash: str) -> Order | None:
        query = sa.select(orders).where(orders.c.status_token_hash == token_hash)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else record(Order, row)

    def replies_to_text(self, *, now: datetime, limit: int = 100) -> list[Order]:
        """Orders awaiting a reply whose "reply Y" text has not gone out yet, and whose
        window is still open, oldest first."""
        query = (
            sa.select(orders)
            .where(
                orders.c.status == "awaiting_reply",
                orders.c.reply_texted_at.is_(None),
                orders.c.reply_by > now,
            )
            .order_by(orders.c.created_at, orders.c.id)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [record(Order, row) for row in conn.execute(query).mappings()]

    def claim_reply_text(self, order_id: str, *, now: datetime, lease: timedelta) -> bool:
        """Take the texting of an order's "reply Y" message, if it is still to be texted (and
        its window open) and nobody took it within `lease`: two HQ processes (or a request
        and the chore) never text one order twice."""
        claim = (
            sa.update(orders)
            .where(
                orders.c.id == order_id,
                orders.c.status == "awaiting_reply",
                orders.c.reply_texted_at.is_(None),
                orders.c.reply_by > now,
                sa.or_(orders.c.reply_claimed_at.is_(None), orders.c.reply_claimed_at <= now - lease),
            )
            .values(reply_claimed_at=now)
        )
        with self._write() as conn:
            return conn.execute(claim, execution_options=ROWCOUNT).rowcount == 1

    def release_reply_text(self, order_id: str) -> None:
        """Give back a claim whose text could not be sent: the next chore round tries again."""
        with self._write() as conn:
            conn.execute(sa.update(orders).where(orders.c.id == order_id).values(reply_claimed_at=None))

    def mark_reply_texted(self, order_id: str, *, now: datetime, reply_by: datetime) -> Order:
        """The "reply Y" text went out at `now`; a Y is taken until `reply_by`."""
        update = (
            sa.update(orders)
            .where(orders.c.id == order_id)
            .values(reply_texted_at=now, reply_by=reply_by)
            .returning(*orders.c)
        )
        with self._write() as conn:
            return record(Order, conn.execute(update).mappings().one())

    def expire_replies(self, *, now: datetime, reason: str) -> int:
        """Orders whose reply window has ended without a Y become "expired"; how many."""
        update = (
            sa.update(orders)
            .where(orders.c.status == "awaiting_reply", orders.c.reply_by <= now)
            .values(status="expired", reason=reason, updated_at=now)
        )
        with self._write() as conn:
            return conn.execute(update, execution_options=ROWCOUNT).rowcount

    def take_reply(
        self,
        message_id: str,
        *,
        phone_hash: str,
        confirm: bool | None,
        at: datetime,
        now: datetime,
        declined_reason: str,
    ) -> Reply:
        """Apply one SMS reply, once per gateway message id, in one transaction: `confirm`
        True moves the number's latest texted order whose window is open at `at` to
        "received" (to be forwarded), False to "declined"; None (not a Y or an N) moves
        nothing. A message id seen before is answered as it was the first time (`new`
        False), so concurrent deliveries of one message move the order once.
        """
        message = {"id": message_id, "received_at": now, "action": "none", "order_id": None}
        with self._write() as conn:
            if conn.execute(self._insert_new(inbound_sms), message).rowcount == 0:
                seen = (
                    conn.execute(sa.select(inbound_sms).where(inbound_sms.c.id == message_id))
                    .mappings()
                    .one()
                )
                order = None
                if seen["order_id"] is not None:
                    row = conn.execute(sa.select(orders).where(orders.c.id == seen["order_id"])).mappings()
                    order = next((record(Order, r) for r in row), None)
                return Reply(seen["action"], order, new=False)
            if confirm is None:
                return Reply("none", None, new=True)
            waiting = (
                sa.select(orders.c.id)
                .where(
                    orders.c.phone_hash == phone_hash,
                    orders.c.status == "awaiting_reply",
                    orders.c.reply_texted_at.is_not(None),
                    orders.c.reply_by > at,
                )
                .order_by(orders.c.reply_texted_at.desc(), orders.c.created_at.desc(), orders.c.id)
                .limit(1)
            )
            order_id = conn.execute(waiting).scalar_one_or_none()
            if order_id is None:
                return Reply("none", None, new=True)
            values = (
                {"status": "received", "reason": None}
                if confirm
                else {"status": "declined", "reason": declined_reason}
            )
            moved = (
                conn.execute(
                    sa.update(orders)
                    # Still awaiting: a concurrent other reply may have moved it first.
                    .where(orders.c.id == order_id, orders.c.status == "awaiting_reply")
                    .values(**values, updated_at=now)
                    .returning(*orders.c)
                )
                .mappings()
                .one_or_none()
            )
            if moved is None:
                return Reply("none", None, new=True)
            action = "confirmed" if confirm else "declined"
            conn.execute(
                sa.update(inbound_sms)
                .where(inbound_sms.c.id == message_id)
                .values(action=action, order_id=order_id)
            )
            return Reply(action, record(Order, moved), new=True)


def masked_body(body: dict[str, Any]) -> dict[str, Any]:
    """The order's body with the customer's number cut to 138****5678."""
    phone = body.get("phone")
    return {**body, "phone": masked(phone)} if isinstance(phone, str) else body


def body_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
