"""Orders at HQ: taken once, confirmed by the customer, forwarded to the operator's ordering
system, answered with the result.

`OrderDesk.place` stores an order (idempotent by its id: a kiosk that did not hear the
answer sends the same order again and gets the same order back) with a placing time HQ
believes, confirmed in one of two second steps:
- "code": it carries a fresh confirmation from the customer's phone (kiosk.hq.otp).
  Spending the confirmation and storing the order are one transaction
  (`Database.place_order`): a refused order leaves the confirmation unspent for the
  customer's corrected retry, and copies of one order sent at once all get the one order.
  It is then forwarded at once; when the ordering system cannot be reached the order
  waits, and `forward_pending` (run periodically by `kiosk-hq serve`) tries again, up to
  `MAX_ATTEMPTS`, after which the order fails with a reason the kiosk can show.
- "sms_reply" (the kiosk could not reach HQ for a code): the order is stored
  "awaiting_reply" and HQ texts the number "reply Y to confirm" (kiosk.hq.replies), counted
  against the caps on codes; a text that cannot go now is sent by `text_pending`, the
  chore. `reply` takes the gateway's inbound messages: a Y from that number within the
  window makes the order "received" and forwards it, an N "declined"; `expire` ends the
  orders whose window passed.
A test number's order (kiosk.hq.testnumbers) is never forwarded: HQ accepts it itself with
a reference TEST-..., and its "reply Y" text is not sent (the reply is played with
`kiosk-hq sms reply`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.domain.phone import PhoneError, masked, normalize_mobile
from kiosk.hq import replies
from kiosk.hq.clock import Plausible
from kiosk.hq.config import ClockWindow, OrderLimits
from kiosk.hq.db import Challenge, Database, Device, Order, OrderConflictError, Placing, Reply
from kiosk.hq.errors import ConflictError, InvalidError, NotAllowedError, NotFoundError
from kiosk.hq.ordering import OrderingSystem, OrderingUnavailableError, Outcome
from kiosk.hq.otp import ConfirmationDesk, Texted, confirmation_hash
from kiosk.hq.staff import credited

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
UNREACHABLE = (
    "the operator's ordering system could not be reached, so the order was not placed; "
    "please ask at the service counter"
)
#: How long one attempt to text an order may hold it before another may try.
TEXT_LEASE = timedelta(seconds=60)
#: How far before HQ's clock a reply's time, as the gateway says it received it, is believed.
REPLY_BELIEVED = timedelta(hours=1)


@dataclass(frozen=True)
class NewOrder:
    """An order as the API read it: `body` is what is kept and forwarded (the number
    normalized, times in UTC), the rest goes beside it."""

    id: str
    body: dict[str, Any]
    placed_at: datetime
    confirmation: str | None
    second_step: str = "code"
    status_token: str | None = None
    staff: str | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def phone_hash(phone: str) -> str:
    return hashlib.sha256(f"phone:{phone}".encode()).hexdigest()


class OrderDesk:
    def __init__(
        self,
        db: Database,
        ordering: OrderingSystem,
        *,
        confirmation_ttl: timedelta,
        window: ClockWindow | None = None,
        texts: ConfirmationDesk | None = None,
        limits: OrderLimits | None = None,
    ) -> None:
        self._db = db
        self._ordering = ordering
        self._confirmation_ttl = confirmation_ttl
        self._window = window or ClockWindow()
        self._texts = texts
        self.limits = limits or OrderLimits()

    def place(self, device: Device, new: NewOrder, *, now: datetime) -> Order:
        """The stored order (new, or the one already placed with this id)."""
        plausible = Plausible.for_device(self._window, device, now)
        placed_at = plausible.utc(new.placed_at)
        if placed_at is None:
            raise InvalidError("the request is not valid", [f"placed_at: {plausible.why_not(new.placed_at)}"])
        staff = credited(self._db, device, new.staff, placed_at, record=new.id)
        phone = str(new.body.get("phone"))
        test = self._db.test_number(phone) is not None
        token = token_hash(new.status_token) if new.status_token is not None else None
        if new.second_step == "sms_reply":
            placing = Placing(
                status="awaiting_reply",
                reason=replies.AWAITING,
                second_step="sms_reply",
                test=test,
                status_token_hash=token,
                staff=staff,
                phone_hash=phone_hash(phone),
                reply_by=now + self.limits.reply_window,
            )
        else:
            placing = Placing(test=test, status_token_hash=token, staff=staff)

        def accept(challenge: Challenge | None) -> None:
            if challenge is None:
                raise NotAllowedError(
                    "the confirmation is not known or was already used; confirm the phone again"
                )
            if challenge.phone != phone:
                raise NotAllowedError(f"the confirmation was for another phone ({masked(challenge.phone)})")
            if challenge.device_id != device.id:
                raise NotAllowedError("the confirmation was made at another kiosk")
            if now - (challenge.verified_at or now) > self._confirmation_ttl:
                raise NotAllowedError("the confirmation is too old; confirm the phone again")

        try:
            order, created = self._db.place_order(
                device,
                new.id,
                new.body,
                confirmation_hash=None if new.confirmation is None else confirmation_hash(new.confirmation),
                accept=accept,
                now=now,
                placing=placing,
            )
        except OrderConflictError as e:
            raise ConflictError(str(e)) from e
        if created:
            log.info(
                "order %s from %s: %s (%s%s)",
                order.id,
                device.store,
                new.body.get("service"),
                new.second_step,
                ", test" if test else "",
            )
            if order.status == "awaiting_reply":
                order = self.text(order, device, now=now)
            else:
                order = self.forward(order, now=now)
        return order

    def get(self, device: Device, order_id: str) -> Order:
        order = self._db.get_order(order_id)
        if order is None or order.store != device.store:
            raise NotFoundError(f"no order {order_id} from this store")
        return order

    def forward(self, order: Order, *, now: datetime) -> Order:
        """Hand the order to the ordering system once (a test order to nobody); its new state."""
        if order.test:
            digest = hashlib.sha256(order.id.encode()).hexdigest()[:10].upper()
            outcome = Outcome("accepted", reference=f"TEST-{digest}")
        else:
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

    # Orders confirmed by SMS reply ---------------------------------------------------------
    def text(self, order: Order, device: Device, *, now: datetime) -> Order:
        """Send an awaiting order's "reply Y" text once (a test number's is not sent, only
        marked sent); its state after. Capped: the order fails with the reason. Not
        possible now: it stays to be texted by `text_pending`."""
        if not self._db.claim_reply_text(order.id, now=now, lease=TEXT_LEASE):
            return order  # texted already, or being texted
        reply_by = now + self.limits.reply_window
        if order.test:
            return self._db.mark_reply_texted(order.id, now=now, reply_by=reply_by)
        if self._texts is None:
            raise RuntimeError("this OrderDesk was made without an SMS desk: it cannot take sms_reply orders")
        phone = str(order.body.get("phone"))
        texted = self._texts.text_order(
            device, phone, replies.request_text(order.body, self.limits.reply_window), now=now
        )
        if texted is Texted.SENT:
            return self._db.mark_reply_texted(order.id, now=now, reply_by=reply_by)
        if texted is Texted.CAPPED:
            log.warning(
                "order %s: %s cannot be texted today (capped); the order fails", order.id, masked(phone)
            )
            return self._db.update_order(order.id, status="failed", reason=replies.CAPPED, now=now)
        self._db.release_reply_text(order.id)
        return order

    def text_pending(self, *, now: datetime, limit: int = 100) -> int:
        """Text every awaiting order not texted yet, once; how many were tried."""
        waiting = self._db.replies_to_text(now=now, limit=limit)
        for order in waiting:
            device = self._db.device(order.device_id)
            if device is not None:
                self.text(order, device, now=now)
        return len(waiting)

    def expire(self, *, now: datetime) -> int:
        """End the orders whose reply window has passed without a Y; how many."""
        return self._db.expire_replies(now=now, reason=replies.expired_reason(self.limits.reply_window))

    def reply(
        self, message_id: str, sender: str, text: str, *, received_at: datetime | None, now: datetime
    ) -> Reply:
        """Take one SMS the gateway received (once per message id): a Y from a number
        confirms its latest texted order still in its window, and forwards it; an N
        declines it; anything else, or a message from a number that is not a mobile, does
        nothing. The reply's time is the gateway's `received_at` when it lies within the
        last hour by HQ's clock, else HQ's clock."""
        try:
            phone = normalize_mobile(sender)
        except PhoneError:
            return Reply("none", None, new=True)
        at = received_at if received_at is not None and now - REPLY_BELIEVED <= received_at <= now else now
        reply = self._db.take_reply(
            message_id,
            phone_hash=phone_hash(phone),
            confirm=replies.reading(text),
            at=at,
            now=now,
            declined_reason=replies.DECLINED,
        )
        if reply.new and reply.order is not None:
            log.info("order %s %s by SMS reply", reply.order.id, reply.action)
            if reply.action == "confirmed":
                return Reply(reply.action, self.forward(reply.order, now=now), new=True)
        return reply
