"""Orders at HQ: taken once, forwarded to the operator's ordering system, answered with
the result.

`OrderDesk.place` stores an order (idempotent by its id: a kiosk that did not hear the
answer sends the same order again and gets the same order back), after checking that it
carries a fresh confirmation from the customer's phone and a placing time HQ believes.
Spending the confirmation and storing the order are one transaction
(`Database.place_order`): a refused order leaves the confirmation unspent for the
customer's corrected retry, and copies of one order sent at once all get the one order.
It then tries to forward it at once; when the ordering system cannot be reached the order
waits, and `forward_pending` (run periodically by `kiosk-hq serve`) tries again, up to
`MAX_ATTEMPTS`, after which the order fails with a reason the kiosk can show.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from kiosk.domain.phone import masked
from kiosk.hq.clock import Plausible
from kiosk.hq.config import ClockWindow
from kiosk.hq.db import Challenge, Database, Device, Order, OrderConflictError
from kiosk.hq.errors import ConflictError, InvalidError, NotAllowedError, NotFoundError
from kiosk.hq.ordering import OrderingSystem, OrderingUnavailableError
from kiosk.hq.otp import confirmation_hash

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
UNREACHABLE = (
    "the operator's ordering system could not be reached, so the order was not placed; "
    "please ask at the service counter"
)


class OrderDesk:
    def __init__(
        self,
        db: Database,
        ordering: OrderingSystem,
        *,
        confirmation_ttl: timedelta,
        window: ClockWindow | None = None,
    ) -> None:
        self._db = db
        self._ordering = ordering
        self._confirmation_ttl = confirmation_ttl
        self._window = window or ClockWindow()

    def place(
        self,
        device: Device,
        order_id: str,
        body: dict[str, Any],
        confirmation: str,
        *,
        placed_at: datetime,
        now: datetime,
    ) -> Order:
        """The stored order (new, or the one already placed with this id). `body` is the
        order as it will be kept and forwarded, with the number normalized and `placed_at`
        in UTC, so that the same order sent again in another form is the same order."""
        plausible = Plausible.for_device(self._window, device, now)
        if plausible.utc(placed_at) is None:
            raise InvalidError("the request is not valid", [f"placed_at: {plausible.why_not(placed_at)}"])

        def accept(challenge: Challenge | None) -> None:
            if challenge is None:
                raise NotAllowedError(
                    "the confirmation is not known or was already used; confirm the phone again"
                )
            if challenge.phone != body.get("phone"):
                raise NotAllowedError(f"the confirmation was for another phone ({masked(challenge.phone)})")
            if challenge.device_id != device.id:
                raise NotAllowedError("the confirmation was made at another kiosk")
            if now - (challenge.verified_at or now) > self._confirmation_ttl:
                raise NotAllowedError("the confirmation is too old; confirm the phone again")

        try:
            order, created = self._db.place_order(
                device,
                order_id,
                body,
                confirmation_hash=confirmation_hash(confirmation),
                accept=accept,
                now=now,
            )
        except OrderConflictError as e:
            raise ConflictError(str(e)) from e
        if created:
            log.info("order %s from %s: %s", order.id, device.store, body.get("service"))
            order = self.forward(order, now=now)
        return order

    def get(self, device: Device, order_id: str) -> Order:
        order = self._db.get_order(order_id)
        if order is None or order.store != device.store:
            raise NotFoundError(f"no order {order_id} from this store")
        return order

    def forward(self, order: Order, *, now: datetime) -> Order:
        """Hand the order to the ordering system once; its new state."""
        try:
            outcome = self._ordering.submit(order)
        except OrderingUnavailableError as e:
            log.warning("order %s not forwarded (attempt %d): %s", order.id, order.attempts + 1, e)
            if order.attempts + 1 >= MAX_ATTEMPTS:
                return self._db.update_order(order.id, status="failed", reason=UNREACHABLE, now=now)
            return self._db.update_order(order.id, status="received", now=now)
        return self._db.update_order(
            order.id, status=outcome.status, reason=outcome.reason, reference=outcome.reference, now=now
        )

    def forward_pending(self, *, now: datetime, limit: int = 100) -> int:
        """Try every waiting order once; how many were tried."""
        waiting = self._db.orders_to_forward(limit)
        for order in waiting:
            self.forward(order, now=now)
        return len(waiting)
