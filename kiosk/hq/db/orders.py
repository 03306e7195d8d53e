"""Orders: stored once by id together with the confirmation they spend, then their outcome."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from kiosk.domain.phone import masked
from kiosk.hq.db.challenges import Challenge
from kiosk.hq.db.devices import Device
from kiosk.hq.db.engine import Connected, DatabaseError, record
from kiosk.hq.schema import ORDER_STATUSES, challenges, orders


class OrderConflictError(DatabaseError):
    """An order id already used for a different order (another body, or another store)."""


@dataclass(frozen=True, slots=True)
class Order:
    """An order and what became of it.

    `status` is "received" (stored, not yet forwarded), or a final "accepted", "rejected"
    (with `reason`) or "failed" (HQ gave up, with `reason`); `attempts` counts the failed
    forwarding attempts.
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
        confirmation_hash: str,
        accept: Callable[[Challenge | None], None],
        now: datetime,
    ) -> tuple[Order, bool]:
        """Store a new order as "received", spending its confirmation; return it and whether
        it was new. Both happen, or neither.

        An order already stored under `order_id` is returned as it is (False) when it came
        from the same store with the same body: the kiosk retries an upload until it hears
        back, and its retry must not need the confirmation it has already spent. The same id
        with another body or from another store is an `OrderConflictError`.

        Otherwise the confirmation is spent and handed to `accept` (None when it is unknown
        or already spent), which raises to refuse the order; the refusal rolls the spending
        back, so the customer's corrected retry still has its confirmation. Concurrent
        copies of one order all get the one stored order: the database makes a second
        spender wait for the first and then see the order it stored.
        """
        new = {
            "id": order_id,
            "device_id": device.id,
            "store": device.store,
            "body": body,
            "body_hash": body_hash(body),
            "status": "received",
            "reason": None,
            "reference": None,
            "created_at": now,
            "updated_at": now,
            "attempts": 0,
            "phone_masked_at": None,
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
                spent = conn.execute(spend).mappings().one_or_none()
                accept(None if spent is None else record(Challenge, spent))
                if conn.execute(self._insert_new(orders), new).rowcount == 0:
                    raise _SettledError(conn.execute(stored_order).mappings().one())
                return record(Order, new), True  # type: ignore[arg-type]
        except _SettledError as settled:
            return self._same_order(settled.row, device, body), False

    def _same_order(self, stored: RowMapping, device: Device, body: dict[str, Any]) -> Order:
        """The stored order, if `body` from `device` is a retry of it; OrderConflictError if not."""
        mine = body_hash(masked_body(body) if stored["phone_masked_at"] is not None else body)
        if stored["body_hash"] != mine or stored["store"] != device.store:
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


def masked_body(body: dict[str, Any]) -> dict[str, Any]:
    """The order's body with the customer's number cut to 138****5678."""
    phone = body.get("phone")
    return {**body, "phone": masked(phone)} if isinstance(phone, str) else body


def body_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
