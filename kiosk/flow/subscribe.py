"""Subscribing at the kiosk: the number, the review with consent, the second step, the
receipt (docs/subscribing.md).

One `Subscription` is one customer's way from Subscribe to a receipt, and holds every rule
of it; it does no I/O of its own. Steps:

    NUMBER --number_done--> REVIEW --confirm_review--> SENDING --code_sent--> CODE
      ^                      |  ^                        |                     |
      +------- back ---------+  +------- back -----------|---------------------+
                                                         | unreachable         | submit_code
                                                         v                     v
                                  OFFLINE <--unreachable-- CHECKING --verified--> RECEIPT
                                     | choose_sms_reply ------------------------> RECEIPT

and `cancel` (the customer, or the session's idle end) from any step closes the flow. Talking
to HQ is slow and happens off the UI thread: a move that needs HQ returns the `Effect` to
perform (`RequestCode`, `CheckCode`); the controller performs it and reports the outcome
(`code_sent`, `code_not_sent`, `code_checked`, `code_not_checked`) with the effect's
`ticket`, and an outcome whose ticket is not the one awaited (the customer cancelled or went
back meanwhile) changes nothing. Writing the order is local and quick, and it is the one
thing the receipt promises: the flow reaches RECEIPT only after `OrderBook.keep` returned,
which returns only once the order is durable (fsync'd). One flow keeps at most one order:
its id and status token are made when the flow opens, and a flow that reached its receipt
takes no other move than `done` or `cancel`.

The customer's number lives in this object only, and is dropped when the flow closes; events
never carry it. Every step is recorded (`subscribe_*` events, with the session id the
recorder adds), so HQ can count how far customers get (`kiosk-hq funnel`).
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from kiosk.errors import KioskError
from kiosk.flow.clock import Now, Record, monotonic
from kiosk.flow.mobile import MobileEntry, is_digit

CODE_DIGITS = 6
#: Wrong codes HQ takes before the code is spent (HQ's `[codes] max_attempts`): shown
#: before the first try; after one, HQ's own count is shown.
CODE_TRIES = 5


class Step(StrEnum):
    CLOSED = "closed"
    NUMBER = "number"  # the keypad
    REVIEW = "review"  # step one: what is ordered, consent
    SENDING = "sending"  # asking HQ to text a code
    CODE = "code"  # step two: typing the code
    CHECKING = "checking"  # HQ checks the code
    OFFLINE = "offline"  # HQ cannot be reached: the SMS-reply route is offered
    RECEIPT = "receipt"  # the order is kept; its receipt shows


class Problem(StrEnum):
    """Why the customer cannot go on now; worded for them by `kiosk.present.subscribe`."""

    NONE = ""
    NOT_MOBILE_START = "notMobileStart"  # the first digit is not 1
    NOT_MOBILE_PREFIX = "notMobilePrefix"  # the second digit is not 3-9
    TOO_FEW_DIGITS = "tooFewDigits"  # Continue with fewer than 11 digits
    NO_CONSENT = "noConsent"  # Confirm without the consent box ticked
    CODE_SHORT = "codeShort"  # Confirm with fewer than 6 digits
    CODE_WRONG = "codeWrong"  # `tries_left` tries left
    CODE_EXPIRED = "codeExpired"  # a new code must be sent
    CODE_SPENT = "codeSpent"  # too many wrong tries: a new code must be sent
    REFUSED = "refused"  # HQ said no; `refusal` holds its reason
    NOT_KEPT = "notKept"  # the order could not be written on this kiosk


class SecondStep(StrEnum):
    CODE = "code"  # the code HQ texted, typed at the kiosk
    SMS_REPLY = "sms_reply"  # the customer's "Y" to HQ's text, once the kiosk is online


class OrderNotKeptError(KioskError):
    """The order could not be made durable on this kiosk (disk full, read-only folder)."""


@dataclass(frozen=True)
class Offering:
    """What the customer subscribes to, as the review showed it."""

    service: str
    offer: str | None
    #: What the customer pays now (after any discount), in fen.
    price_fen: int
    #: The service's name and the price sentence, per language, for the order's status
    #: page and HQ's text message.
    service_name: dict[str, str] = field(default_factory=dict)
    price_text: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Order:
    """An order as the kiosk keeps it and sends it to HQ (`POST /v1/orders`)."""

    id: str
    status_token: str
    service: str
    offer: str | None
    phone: str
    price_fen: int
    placed_at: datetime
    consented_at: datetime
    second_step: SecondStep
    confirmation: str | None
    marketing_opt_in: bool
    staff: str | None
    session: str | None
    service_name: dict[str, str]
    price_text: dict[str, str]

    @property
    def reference(self) -> str:
        return reference(self.id)


def reference(order_id: str) -> str:
    """The order's reference as a customer reads it aloud: 'K-1A2B-3C4D'."""
    head = order_id.replace("-", "")[:8].upper()
    return f"K-{head[:4]}-{head[4:]}"


class OrderBook(Protocol):
    def keep(self, order: Order) -> None:
        """Make `order` durable (a second call with the same id keeps the first);
        OrderNotKeptError when it cannot be."""
        ...

    def answer(self, order_id: str) -> Answer | None:
        """The operator's answer, once HQ passed it back to this kiosk."""
        ...


@dataclass(frozen=True)
class Answer:
    """The operator's answer to the order, as HQ passed it back (`GET /v1/orders/{id}`)."""

    status: str  # accepted, rejected, failed, declined, expired
    reason: str = ""
    reference: str = ""


@dataclass(frozen=True)
class RequestCode:
    ticket: int
    phone: str


@dataclass(frozen=True)
class CheckCode:
    ticket: int
    challenge: str
    code: str


Effect = RequestCode | CheckCode


@dataclass(frozen=True)
class CodeSent:
    challenge: str
    expires_in_s: float
    resend_after_s: float


@dataclass(frozen=True)
class CodeNotSent:
    #: Nothing (or not HQ) answered: the SMS-reply route is offered.
    unreachable: bool
    #: HQ's reason for a refusal (a cap reached), for the customer and staff.
    reason: str = ""
    retry_after_s: float = 0.0


@dataclass(frozen=True)
class CodeChecked:
    verified: bool
    confirmation: str | None = None
    tries_left: int = 0


@dataclass(frozen=True)
class CodeNotChecked:
    unreachable: bool
    expired: bool = False  # HQ: 410, the code's time is up
    spent: bool = False  # HQ: 429, too many wrong tries
    reason: str = ""


Outcome = CodeSent | CodeNotSent | CodeChecked | CodeNotChecked


class Confirmations(Protocol):
    """HQ's confirmation codes as the kiosk asks for them (`POST /v1/otp`, `/v1/otp/verify`).
    Called off the UI thread; never raises: every failure is an outcome."""

    def request_code(self, phone: str) -> CodeSent | CodeNotSent: ...

    def check_code(self, challenge: str, code: str) -> CodeChecked | CodeNotChecked: ...


def perform(confirmations: Confirmations, effect: Effect) -> Outcome:
    """Does what `effect` asks of HQ (on a worker thread); the outcome goes to `report`."""
    if isinstance(effect, RequestCode):
        return confirmations.request_code(effect.phone)
    return confirmations.check_code(effect.challenge, effect.code)


def wall_clock() -> datetime:
    return datetime.now(UTC)


class Subscription:
    def __init__(
        self,
        record: Record,
        book: OrderBook,
        *,
        now: Now = monotonic,
        wall: Callable[[], datetime] = wall_clock,
        staff: Callable[[], str | None] = lambda: None,
        session: Callable[[], str | None] = lambda: None,
    ) -> None:
        self._record = record
        self._book = book
        self._now = now
        self._wall = wall
        #: Who is signed in at the kiosk now (the staff issue's hook): credited on the order.
        self._staff = staff
        self._session = session
        self._ticket = 0
        self._reset()

    def _reset(self) -> None:
        self.step = Step.CLOSED
        self.offering: Offering | None = None
        self.problem = Problem.NONE
        #: HQ's reason when `problem` is REFUSED.
        self.refusal = ""
        self.consent = False
        self.marketing = False
        #: The code route was tried and HQ could not be reached (OFFLINE came from CHECKING).
        self.code_was_sent = False
        self.tries_left = CODE_TRIES
        self.order: Order | None = None
        #: The operator's answer, when it came while the receipt still shows.
        self.answer: Answer | None = None
        self._number = MobileEntry()
        self._code = ""
        self._challenge: str | None = None
        self._confirmation: str | None = None
        self._consented_at: datetime | None = None
        self._code_expires: float | None = None
        self._resend_at: float | None = None
        self._awaiting: int | None = None
        self._order_id = ""
        self._token = ""

    # -- what shows -----------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.step != Step.CLOSED

    @property
    def digits(self) -> str:
        """The number typed so far (shown in full only on the keypad)."""
        return self._number.digits

    @property
    def masked_number(self) -> str:
        """The number once entered, as every later step shows it: 138****5678."""
        return self._number.masked

    @property
    def code_typed(self) -> int:
        """How many code digits are typed (the code shows as boxes filled in)."""
        return len(self._code)

    @property
    def code_digits(self) -> str:
        return self._code

    @property
    def code_expires_in_s(self) -> int:
        """Whole seconds until the code in hand expires (0: none, or expired)."""
        return self._seconds_to(self._code_expires)

    @property
    def resend_in_s(self) -> int:
        """Whole seconds until a new code may be asked for (0: now)."""
        return self._seconds_to(self._resend_at)

    @property
    def can_resend(self) -> bool:
        return self.step == Step.CODE and self.resend_in_s == 0

    @property
    def busy(self) -> bool:
        """HQ is being asked; the screen shows it is working and takes no confirm."""
        return self.step in (Step.SENDING, Step.CHECKING)

    # -- opening and closing --------------------------------------------------------------
    def open(self, offering: Offering) -> bool:
        """Subscribe was tapped: a new flow (one for another offering is cancelled first; a
        second tap for the same one is no move)."""
        if self.active and self.offering == offering:
            return False
        if self.active:
            self.cancel("restarted")
        self._reset()
        self.offering = offering
        self.step = Step.NUMBER
        self._order_id = str(uuid.uuid4())
        self._token = secrets.token_urlsafe(24)
        self._record("subscribe_start", service=offering.service, offer=offering.offer)
        return True

    def cancel(self, reason: str = "cancel") -> bool:
        """The flow ends without an order (Cancel, Home, idle, a restart); forgets the
        number. After the receipt this is `done`: the order stays kept."""
        if not self.active:
            return False
        if self.step == Step.RECEIPT:
            return self.done(reason)
        self._record("subscribe_cancel", step=self.step.value, reason=reason, service=self._service())
        self._ticket += 1
        self._reset()
        return True

    def done(self, reason: str = "done") -> bool:
        """The customer leaves the receipt."""
        if self.step != Step.RECEIPT:
            return False
        self._record("subscribe_done", reason=reason, order=self._order_id)
        self._reset()
        return True

    # -- step 0: the number ---------------------------------------------------------------
    def digit(self, d: str) -> bool:
        return self._edit(lambda number: number.type(d))

    def erase(self) -> bool:
        return self._edit(MobileEntry.erase)

    def clear_number(self) -> bool:
        return self._edit(MobileEntry.clear)

    def _edit(self, change: Callable[[MobileEntry], bool]) -> bool:
        if self.step != Step.NUMBER or not change(self._number):
            return False
        self._number_edited()
        return True

    def number_done(self) -> bool:
        """Continue from the keypad: on to the review if the number is a mobile number;
        otherwise the problem says why not."""
        if self.step != Step.NUMBER:
            return False
        self.problem = Problem(self._number.problem(done=True).value)
        if self.problem is not Problem.NONE:
            return False
        self.step = Step.REVIEW
        self._record("subscribe_number", service=self._service())
        self._record("subscribe_review", service=self._service())
        return True

    # -- step 1: the review ---------------------------------------------------------------
    def set_consent(self, on: bool) -> bool:
        if self.step != Step.REVIEW or on == self.consent:
            return False
        self.consent = on
        self._consented_at = self._wall() if on else None
        if on and self.problem is Problem.NO_CONSENT:
            self.problem = Problem.NONE
        return True

    def set_marketing(self, on: bool) -> bool:
        if self.step != Step.REVIEW or on == self.marketing:
            return False
        self.marketing = on
        return True

    def confirm_review(self) -> Effect | None:
        """Step one confirmed: HQ is asked to text a code (or, when a code for this number
        is still in hand from before Back, step two shows again at once)."""
        if self.step != Step.REVIEW:
            return None
        if not self.consent:
            self.problem = Problem.NO_CONSENT
            return None
        self.problem = Problem.NONE
        self._record("subscribe_consent", service=self._service(), marketing=self.marketing)
        if self._challenge is not None and self.code_expires_in_s > 0:
            self.step = Step.CODE
            return None
        return self._ask_for_code()

    # -- step 2: the code -----------------------------------------------------------------
    def code_sent(self, ticket: int, challenge: str, expires_in_s: float, resend_after_s: float) -> bool:
        if not self._awaits(ticket, Step.SENDING):
            return False
        now = self._now()
        self._challenge = challenge
        self._code_expires = now + max(0.0, expires_in_s)
        self._resend_at = now + max(0.0, resend_after_s)
        self._code = ""
        self.tries_left = CODE_TRIES
        self.code_was_sent = True
        self.problem = Problem.NONE
        self.step = Step.CODE
        self._record("subscribe_code_sent", service=self._service())
        return True

    def code_not_sent(
        self, ticket: int, *, unreachable: bool, reason: str = "", retry_after_s: float = 0
    ) -> bool:
        """HQ could not be asked (`unreachable`: the SMS-reply route is offered) or said no
        (the reason shows, and a new try is offered after `retry_after_s`)."""
        if not self._awaits(ticket, Step.SENDING):
            return False
        if unreachable:
            self._go_offline()
            return True
        self.step = Step.CODE
        self.problem = Problem.REFUSED
        self.refusal = reason
        self._resend_at = self._now() + max(0.0, retry_after_s)
        self._record("subscribe_refused", step="code", service=self._service())
        return True

    def code_digit(self, d: str) -> bool:
        if (
            self.step != Step.CODE
            or self._challenge is None
            or not is_digit(d)
            or len(self._code) >= CODE_DIGITS
        ):
            return False
        if self.problem in (Problem.CODE_EXPIRED, Problem.CODE_SPENT):
            return False
        self._code += d
        if self.problem in (Problem.CODE_WRONG, Problem.CODE_SHORT):
            self.problem = Problem.NONE
        return True

    def code_erase(self) -> bool:
        if self.step != Step.CODE or not self._code:
            return False
        self._code = self._code[:-1]
        return True

    def submit_code(self) -> Effect | None:
        """Confirm: HQ checks the code typed. A second tap while it does is no move."""
        if self.step != Step.CODE:
            return None
        if self._confirmation is not None:
            # Verified, but the order could not be kept: keep it now, without a new code.
            self._keep(SecondStep.CODE)
            return None
        if self._challenge is None or self.problem in (Problem.CODE_EXPIRED, Problem.CODE_SPENT):
            return None
        if self.code_expires_in_s == 0:
            self._code_gone(Problem.CODE_EXPIRED)
            return None
        if len(self._code) < CODE_DIGITS:
            self.problem = Problem.CODE_SHORT
            return None
        self.step = Step.CHECKING
        self.problem = Problem.NONE
        self._ticket += 1
        self._awaiting = self._ticket
        return CheckCode(self._ticket, self._challenge, self._code)

    def code_checked(
        self, ticket: int, *, verified: bool, confirmation: str | None = None, tries_left: int = 0
    ) -> bool:
        """HQ's verdict on the code. Verified: the order is kept and the receipt shows (or,
        if it cannot be kept, the problem says so and the customer may try again)."""
        if not self._awaits(ticket, Step.CHECKING):
            return False
        if verified and confirmation:
            self._confirmation = confirmation
            self._record("subscribe_confirmed", service=self._service(), second_step=SecondStep.CODE.value)
            self._keep(SecondStep.CODE)
            return True
        self._code = ""
        self.step = Step.CODE
        self.tries_left = max(0, tries_left)
        self._record("subscribe_code_wrong", service=self._service(), tries_left=self.tries_left)
        if self.tries_left == 0:
            self._code_gone(Problem.CODE_SPENT)
        else:
            self.problem = Problem.CODE_WRONG
        return True

    def code_not_checked(
        self, ticket: int, *, unreachable: bool, expired: bool = False, spent: bool = False, reason: str = ""
    ) -> bool:
        """HQ could not check the code: unreachable (the SMS-reply route is offered), the
        code expired or was spent at HQ (a new one must be sent), or another refusal."""
        if not self._awaits(ticket, Step.CHECKING):
            return False
        self._code = ""
        if unreachable:
            self._go_offline()
        elif expired or spent:
            self.step = Step.CODE
            self._code_gone(Problem.CODE_SPENT if spent else Problem.CODE_EXPIRED)
        else:
            self.step = Step.CODE
            self.problem = Problem.REFUSED
            self.refusal = reason
            self._record("subscribe_refused", step="check", service=self._service())
        return True

    def resend(self) -> Effect | None:
        """A new code, once the cooldown has passed."""
        if not self.can_resend:
            return None
        self._record("subscribe_code_resend", service=self._service())
        return self._ask_for_code()

    def report(self, effect: Effect, outcome: Outcome) -> bool:
        """What HQ said to `effect`, back on the UI thread; False when it no longer applies."""
        t = effect.ticket
        match outcome:
            case CodeSent():
                return self.code_sent(t, outcome.challenge, outcome.expires_in_s, outcome.resend_after_s)
            case CodeNotSent():
                return self.code_not_sent(
                    t,
                    unreachable=outcome.unreachable,
                    reason=outcome.reason,
                    retry_after_s=outcome.retry_after_s,
                )
            case CodeChecked():
                return self.code_checked(
                    t,
                    verified=outcome.verified,
                    confirmation=outcome.confirmation,
                    tries_left=outcome.tries_left,
                )
            case CodeNotChecked():
                return self.code_not_checked(
                    t,
                    unreachable=outcome.unreachable,
                    expired=outcome.expired,
                    spent=outcome.spent,
                    reason=outcome.reason,
                )

    # -- HQ unreachable: the customer's SMS reply instead -----------------------------------
    def retry_online(self) -> Effect | None:
        """From OFFLINE: try HQ again for a code."""
        if self.step != Step.OFFLINE:
            return None
        return self._ask_for_code()

    def choose_sms_reply(self) -> bool:
        """From OFFLINE: keep the order as awaiting the customer's "Y" to HQ's text."""
        if self.step != Step.OFFLINE:
            return False
        self._record("subscribe_sms_reply_chosen", service=self._service())
        self._keep(SecondStep.SMS_REPLY)
        return True

    # -- going back -----------------------------------------------------------------------
    def back(self) -> bool:
        """One step back: the review to the keypad (the number stays, to be corrected), the
        code or the offline choice to the review (a code in hand is kept for the number)."""
        if self.step == Step.REVIEW:
            self.step = Step.NUMBER
        elif self.step in (Step.CODE, Step.OFFLINE, Step.SENDING, Step.CHECKING):
            self._ticket += 1  # an answer on its way no longer applies
            self._awaiting = None
            self._code = ""
            self._confirmation = None
            self.step = Step.REVIEW
        else:
            return False
        self.problem = Problem.NONE
        self._record("subscribe_back", to=self.step.value, service=self._service())
        return True

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        """When a countdown shown next changes (whole seconds), or None."""
        if self.step != Step.CODE:
            return None
        now = self._now()
        wakes = [t for t in (self._code_expires, self._resend_at) if t is not None and t > now]
        if not wakes:
            return None
        return min(now + ((t - now) % 1.0 or 1.0) for t in wakes)

    def tick(self) -> None:
        if self.step == Step.CODE and self._code_expires is not None and self.code_expires_in_s == 0:
            self._code_gone(Problem.CODE_EXPIRED)

    # -- the operator's answer ------------------------------------------------------------
    @property
    def order_id(self) -> str:
        return self._order_id

    def answered(self, order_id: str, answer: Answer) -> bool:
        """HQ passed back the operator's answer; shown if this order's receipt still shows
        (a refusal's reason in plain words while the customer is still there)."""
        if self.step != Step.RECEIPT or order_id != self._order_id or answer == self.answer:
            return False
        self.answer = answer
        self._record("subscribe_answer_shown", order=order_id, status=answer.status)
        return True

    # -- internals ------------------------------------------------------------------------
    def _service(self) -> str:
        return self.offering.service if self.offering else ""

    def _seconds_to(self, at: float | None) -> int:
        if at is None:
            return 0
        return max(0, math.ceil(at - self._now() - 1e-9))

    def _awaits(self, ticket: int, step: Step) -> bool:
        if self.step != step or ticket != self._awaiting:
            return False
        self._awaiting = None
        return True

    def _ask_for_code(self) -> Effect:
        self.step = Step.SENDING
        self.problem = Problem.NONE
        self.refusal = ""
        self._challenge = None
        self._code = ""
        self._code_expires = None
        self._ticket += 1
        self._awaiting = self._ticket
        return RequestCode(self._ticket, self._number.digits)

    def _code_gone(self, problem: Problem) -> None:
        """The code in hand can no longer be used; a new one may be asked for once HQ's
        cooldown has passed."""
        self.problem = problem
        self._code = ""
        self._challenge = None
        self._code_expires = None

    def _number_edited(self) -> None:
        """A code or confirmation is for the number it was sent to: a changed number drops it."""
        self.problem = Problem(self._number.problem().value)
        self._challenge = None
        self._confirmation = None
        self._code_expires = None
        self._resend_at = None
        self.code_was_sent = False

    def _go_offline(self) -> None:
        self.step = Step.OFFLINE
        self.problem = Problem.NONE
        self._record("subscribe_offline", service=self._service(), code_was_sent=self.code_was_sent)

    def _keep(self, second_step: SecondStep) -> None:
        assert self.offering is not None and self._consented_at is not None
        order = Order(
            id=self._order_id,
            status_token=self._token,
            service=self.offering.service,
            offer=self.offering.offer,
            phone=self._number.digits,
            price_fen=self.offering.price_fen,
            placed_at=self._wall(),
            consented_at=self._consented_at,
            second_step=second_step,
            confirmation=self._confirmation if second_step is SecondStep.CODE else None,
            marketing_opt_in=self.marketing,
            staff=self._staff(),
            session=self._session(),
            service_name=dict(self.offering.service_name),
            price_text=dict(self.offering.price_text),
        )
        try:
            self._book.keep(order)
        except OrderNotKeptError:
            # No receipt for an order that is not kept: the customer is told to ask staff,
            # and may try the last step again (the same order id: never two orders).
            self.problem = Problem.NOT_KEPT
            self.step = Step.CODE if second_step is SecondStep.CODE else Step.OFFLINE
            self._record("subscribe_not_kept", service=self.offering.service)
            return
        self.order = order
        self.step = Step.RECEIPT
        self.problem = Problem.NONE
        self._record(
            "subscribe_receipt",
            order=order.id,
            service=order.service,
            offer=order.offer,
            price_fen=order.price_fen,
            second_step=second_step.value,
            marketing=order.marketing_opt_in,
            staff=order.staff,
        )
