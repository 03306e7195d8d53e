"""Customers' orders to HQ: sent until HQ holds them, then asked after until the operator
(or the customer's SMS reply) has answered (docs/subscribing.md, "Orders to HQ").

`OrderSender.run` is one pass over the kiosk's orders (kiosk.services.orders):
1. Each `pending` order that is due goes to `POST /v1/orders` with its id, which HQ
   deduplicates on: an answer lost on the way only means the same order is sent again and
   HQ returns the one it holds. HQ's acknowledgement (201, or 202 while the operator has
   not answered) is stored with the number masked. Until then the order waits and is tried
   again with exponential back-off and full jitter (5 s doubling to 10 minutes): an order is
   never dropped, whatever the events outbox's cap does.
2. Each `sent` order that is due is asked after (`GET /v1/orders/{id}`): every 3 s for its
   first 3 minutes (the customer may still be at the receipt), every 30 s to half an hour,
   every 5 minutes to a day, then hourly, until its status is final.

Refusals, each decided once (the reasons are in docs/subscribing.md):
- 403 to an order confirmed by code (the confirmation is too old, the kiosk having been
  offline past HQ's 30 minutes, or HQ will not take it for another reason): the same
  order (same id, same status token) goes again as `sms_reply`, so the customer's "Y" to
  HQ's text still confirms it. 403 to an `sms_reply` order is quarantined.
- 409 (this id was used for different content: a bug), 400, 413, 422 (a body HQ cannot
  take): quarantined with HQ's reason, for staff (`kiosk status`); never resent by itself.
- 401 (HQ does not know this kiosk's credential): the orders wait, as when HQ is away.
- HQ unreachable, 5xx, 429: this order waits its back-off, and so does every order due
  now, so a pass makes one failed request, not one per order.

`OrderWorker` runs passes on a thread of its own whenever an order is due, and at once
when `kick()`ed (the UI does, right after `keep`).
"""

from __future__ import annotations

import logging
import random as _random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.flow.subscribe import Answer, SecondStep
from kiosk.services.orders import ANSWERED, FINAL, PENDING, SENT, KeptOrder, LocalOrders, _instant
from kiosk.sync.errors import HqRefusedError, HqUnreachableError
from kiosk.sync.hqclient import HqClient
from kiosk.sync.passes import PassWorker, put_off

log = logging.getLogger(__name__)

#: How often an order HQ holds is asked after, by its age: (age below, every).
POLL_EVERY: tuple[tuple[float, float], ...] = (
    (180.0, 3.0),
    (1800.0, 30.0),
    (86400.0, 300.0),
    (float("inf"), 3600.0),
)
#: Timeouts of the sender's calls (no customer waits on them; a stalled link must not
#: hold a pass for long either).
TIMEOUT = (5.0, 15.0)
#: Statuses that say "HQ cannot take this body as it is".
_NOT_TAKEN = frozenset({400, 409, 413, 422})

#: Told of an order's final answer (order id, answer), on the sender's thread.
OnAnswer = Callable[[str, Answer], None]


@dataclass
class OrdersResult:
    """What one pass did."""

    sent: int = 0  # acknowledged by HQ in this pass
    answered: int = 0  # final answers that came back in this pass (when sent, or asked after)
    polled: int = 0  # orders asked after
    quarantined: int = 0
    resent_by_reply: int = 0  # 403 to a code order: sent again as sms_reply
    pending: int = 0  # not acknowledged by HQ after the pass
    waiting: int = 0  # HQ holds them, no final answer yet
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def poll_every(age_s: float) -> float:
    for below, every in POLL_EVERY:
        if age_s < below:
            return every
    return POLL_EVERY[-1][1]  # pragma: no cover - the last bound is infinite


class OrderSender:
    """One pass at a time per sender (a lock); several senders (the CLI's round and the
    running kiosk) may meet on one order: HQ deduplicates, and the book's updates only
    move an order forward."""

    def __init__(
        self,
        book: LocalOrders,
        *,
        clock: Callable[[], float] = time.time,
        random: Callable[[], float] = _random.random,
        on_answer: OnAnswer | None = None,
    ) -> None:
        self.book = book
        self._clock = clock
        self._random = random
        self.on_answer = on_answer
        self._lock = threading.Lock()
        self.last = OrdersResult()

    def run(self, client: HqClient) -> OrdersResult:
        """Send what is due, then ask after what is due; never raises for HQ's sake (what
        went wrong is in `errors`). sqlite errors (the file cannot be read) are raised."""
        with self._lock:
            result = self.last = OrdersResult()
            now = self._clock()
            today = datetime.fromtimestamp(now, UTC)
            self.book.forget_quarantined_numbers(today)
            self.book.prune_settled(today, (ANSWERED,))
            reachable = self._send_due(client, now, result)
            if reachable:
                self._poll_due(client, now, result)
            counts = self.book.counts()
            result.pending, result.waiting = counts[PENDING], counts[SENT]
            return result

    # -- sending ----------------------------------------------------------------------------
    def _send_due(self, client: HqClient, now: float, result: OrdersResult) -> bool:
        due = self.book.due(PENDING, now, limit=200)
        return all(self._send(client, kept, now, result) for kept in due)

    def _send(self, client: HqClient, kept: KeptOrder, now: float, result: OrdersResult) -> bool:
        """One order to HQ; False when HQ cannot be reached (the pass stops)."""
        order = kept.order
        try:
            answer = client.call("POST", "v1/orders", request_body(kept))
            status = _status(answer)
        except HqUnreachableError as e:
            return self._unreachable(kept, now, f"order {order.id} not sent: {e}", result)
        except HqRefusedError as e:
            return self._refused(client, kept, e, now, result)
        if self.book.acknowledged(
            order.id,
            status=status,
            reason=_text(answer.get("reason")),
            reference=_text(answer.get("reference")),
            test=_flag(answer.get("test")),
            next_try_at=now + poll_every(_age(kept, now)),
        ):
            result.sent += 1
            log.info("order %s: HQ holds it (%s)", order.id, status)
            if status in FINAL:
                self._answered(order.id, result)
        return True

    def _refused(
        self, client: HqClient, kept: KeptOrder, e: HqRefusedError, now: float, result: OrdersResult
    ) -> bool:
        order = kept.order
        why = scrubbed("; ".join([str(e), *e.problems[:5]]))
        if e.status == 403 and order.second_step is SecondStep.CODE:
            # The customer confirmed at the kiosk, but HQ will not take the confirmation
            # (too old: the kiosk was offline past HQ's limit). Their "Y" to HQ's text
            # confirms the same order instead.
            if self.book.resend_by_reply(order.id, f"sent again for an SMS reply: {why}", now):
                result.resent_by_reply += 1
                log.warning("order %s: confirmation refused; sent again for the customer's reply", order.id)
                again = self.book.get(order.id)
                if again is not None and again.state == PENDING:
                    return self._send(client, again, now, result)
            return True
        if e.status in _NOT_TAKEN or e.status == 403:
            self.book.quarantine(order.id, why)
            result.quarantined += 1
            result.errors.append(f"order {order.id} quarantined: {why}")
            log.error("order %s quarantined (tell staff): %s", order.id, why)
            self._answered(order.id, result, count=False)
            return True
        # 401 (HQ does not know this kiosk), 404, 429 and the rest: not the order's fault.
        return self._unreachable(kept, now, f"order {order.id} not sent: {e}", result, e.retry_after_s)

    def _unreachable(
        self, kept: KeptOrder, now: float, why: str, result: OrdersResult, at_least: float | None = None
    ) -> bool:
        why = scrubbed(why)
        wait = put_off(
            self.book, kept.order.id, kept.attempts, now, why, random=self._random, at_least=at_least
        )
        result.errors.append(why)
        log.warning("orders: %s; next try in %.0f s", why, wait)
        return False

    # -- asking after -----------------------------------------------------------------------
    def _poll_due(self, client: HqClient, now: float, result: OrdersResult) -> None:
        for kept in self.book.due(SENT, now, limit=500):
            order_id = kept.order.id
            try:
                answer = client.call("GET", f"v1/orders/{order_id}")
                status = _status(answer)
            except HqUnreachableError as e:
                self._unreachable(kept, now, f"order {order_id} not asked after: {e}", result)
                return
            except HqRefusedError as e:
                if e.status == 404:
                    # HQ acknowledged it, and no longer knows it (a database restored from
                    # before it?): for staff and HQ to settle; the number is masked already.
                    why = f"HQ no longer knows this order it acknowledged: {e}"
                    self.book.quarantine(order_id, why, from_state=SENT)
                    result.quarantined += 1
                    result.errors.append(f"order {order_id} quarantined: {why}")
                    self._answered(order_id, result, count=False)
                    continue
                why = f"order {order_id} not asked after: {e}"
                self._unreachable(kept, now, why, result, e.retry_after_s)
                return
            result.polled += 1
            if (
                self.book.polled(
                    order_id,
                    status=status,
                    reason=_text(answer.get("reason")),
                    reference=_text(answer.get("reference")),
                    test=_flag(answer.get("test")),
                    next_try_at=now + poll_every(_age(kept, now)),
                )
                and status in FINAL
            ):
                self._answered(order_id, result)

    def _answered(self, order_id: str, result: OrdersResult, *, count: bool = True) -> None:
        if count:
            result.answered += 1
        if self.on_answer is None:
            return
        answer = self.book.answer(order_id)
        if answer is not None:
            try:
                self.on_answer(order_id, answer)
            except Exception:
                log.exception("orders: the kiosk could not take order %s's answer", order_id)


_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def scrubbed(text: str) -> str:
    """`text` with any mobile number in it masked: HQ's reasons are stored and logged, and
    a reason that quotes a field could quote the number."""
    return _MOBILE.sub(r"\1****\3", text)


def request_body(kept: KeptOrder) -> dict[str, Any]:
    """The order as `POST /v1/orders` takes it (docs/hq-api.md)."""
    order = kept.order
    body: dict[str, Any] = {
        "id": order.id,
        "service": order.service,
        "offer": order.offer,
        "phone": order.phone,
        "price_fen": order.price_fen,
        "placed_at": _instant(order.placed_at),
        "consented_at": _instant(order.consented_at),
        "second_step": order.second_step.value,
        "status_token": order.status_token,
        "service_name": _languages(order.service_name),
        "price_text": _languages(order.price_text),
        "staff": order.staff,
        "marketing_opt_in": order.marketing_opt_in,
    }
    if order.second_step is SecondStep.CODE:
        body["confirmation"] = order.confirmation
    return body


class OrderWorker(PassWorker[OrdersResult]):
    """Passes of an `OrderSender` on a thread of its own (kiosk.sync.passes): when the book
    says an order is due, and at once after `kick()`. Not enrolled: nothing is sent (the
    orders wait; a kiosk that is not enrolled does not take orders: its confirmations are
    None)."""

    def __init__(
        self,
        data_dir: Path,
        ledger: Path,
        *,
        on_answer: OnAnswer | None = None,
        on_pass: Callable[[OrdersResult], None] | None = None,
        clock: Callable[[], float] = time.time,
        random: Callable[[], float] = _random.random,
        idle_s: float = 300.0,
    ) -> None:
        sender = OrderSender(
            LocalOrders(ledger, checkpoint=True), clock=clock, random=random, on_answer=on_answer
        )
        super().__init__(
            "orders",
            data_dir,
            sender,
            lambda error: OrdersResult(errors=[error]),
            timeout=TIMEOUT,
            on_pass=on_pass,
            clock=clock,
            idle_s=idle_s,
        )
        self.sender: OrderSender = sender


#: The languages HQ keeps an order's texts in (for its SMS and status page).
LANGUAGES = ("zh-CN", "en")


def _languages(texts: dict[str, str]) -> dict[str, str]:
    return {lang: texts[lang] for lang in LANGUAGES if texts.get(lang)}


def _status(answer: dict[str, Any]) -> str:
    status = answer.get("status")
    if not isinstance(status, str) or not status:
        raise HqUnreachableError("HQ's answer about an order has no status (not HQ?)")
    return status


def _age(kept: KeptOrder, now: float) -> float:
    try:
        return max(0.0, now - datetime.fromisoformat(kept.created_at).timestamp())
    except ValueError:
        return 0.0


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None
