"""Orders at HQ: taken once, forwarded to the operator's ordering system, answered with
the result.

`OrderDesk.place` stores an order (idempotent by its id: a kiosk that did not hear the
answer sends the same order again and gets the same order back), after checking that it
carries a fresh confirmation from the customer's phone. It then tries to forward it at
once; when the ordering system cannot be reached the order waits, and
`forward_pending` (run periodically by `kiosk-hq serve`) tries again, up to
`MAX_ATTEMPTS`, after which the order fails with a reason the kiosk can show.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from kiosk.domain.phone import masked
from kiosk.hq.errors import Conflict, Forbidden, NotFound
from kiosk.hq.ordering import OrderingSystem, OrderingUnavailable
from kiosk.hq.otp import confirmation_hash
from kiosk.hq.store import Device, HqStore, Order, OrderConflict

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
UNREACHABLE = (
    "the operator's ordering system could not be reached, so the order was not placed; "
    "please ask at the service counter"
)


class OrderDesk:
    def __init__(self, store: HqStore, ordering: OrderingSystem, *, confirmation_ttl_s: float) -> None:
        self._store = store
        self._ordering = ordering
        self._confirmation_ttl_s = confirmation_ttl_s

    def place(
        self, device: Device, order_id: str, body: dict[str, Any], confirmation: str, *, now: datetime
    ) -> Order:
        """The stored order (new, or the one already placed with this id)."""
        existing = self._store.get_order(order_id)
        if existing is None:
            challenge = self._store.use_confirmation(confirmation_hash(confirmation), order_id=order_id)
            if challenge is None:
                raise Forbidden("the confirmation is not known or was already used; confirm the phone again")
            if challenge.phone != body.get("phone"):
                raise Forbidden(f"the confirmation was for another phone ({masked(challenge.phone)})")
            verified = challenge.verified_at or now
            if (now - verified).total_seconds() > self._confirmation_ttl_s:
                raise Forbidden("the confirmation is too old; confirm the phone again")
            if challenge.device_id != device.id:
                raise Forbidden("the confirmation was made at another kiosk")
        elif existing.store != device.store:
            # Another store's order: as if it did not exist.
            raise Conflict(f"order id {order_id} is already used; make a new order id")
        try:
            order, created = self._store.add_order(device, order_id, body, now=now)
        except OrderConflict as e:
            raise Conflict(str(e)) from e
        if created:
            log.info("order %s from %s: %s", order.id, device.store, body.get("service"))
            order = self.forward(order, now=now)
        return order

    def get(self, device: Device, order_id: str) -> Order:
        order = self._store.get_order(order_id)
        if order is None or order.store != device.store:
            raise NotFound(f"no order {order_id} from this store")
        return order

    def forward(self, order: Order, *, now: datetime) -> Order:
        """Hand the order to the ordering system once; its new state."""
        try:
            outcome = self._ordering.submit(order)
        except OrderingUnavailable as e:
            log.warning("order %s not forwarded (attempt %d): %s", order.id, order.attempts + 1, e)
            if order.attempts + 1 >= MAX_ATTEMPTS:
                return self._store.update_order(order.id, status="failed", reason=UNREACHABLE, now=now)
            return self._store.update_order(order.id, status="received", now=now)
        return self._store.update_order(
            order.id, status=outcome.status, reason=outcome.reason, reference=outcome.reference, now=now
        )

    def forward_pending(self, *, now: datetime, limit: int = 100) -> int:
        """Try every waiting order once; how many were tried."""
        waiting = self._store.orders_to_forward(limit)
        for order in waiting:
            self.forward(order, now=now)
        return len(waiting)
