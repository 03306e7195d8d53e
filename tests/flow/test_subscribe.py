"""Subscribing, without Qt: every move of the flow, the legal ones and the ones that must
change nothing, on a hand-moved clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.flow.subscribe import (
    CODE_TRIES,
    Answer,
    CheckCode,
    CodeChecked,
    CodeNotChecked,
    CodeNotSent,
    CodeSent,
    Offering,
    Order,
    OrderNotKeptError,
    Problem,
    RequestCode,
    SecondStep,
    Step,
    Subscription,
    perform,
    reference,
)
from tests.fakes import EventLog, ManualClock

NUMBER = "13812345678"
OFFERING = Offering(
    "5g-plus",
    "spring",
    1990,
    service_name={"zh-CN": "5G畅享套餐", "en": "5G Unlimited"},
    price_text={"zh-CN": "¥19.90/月", "en": "¥19.90/month"},
)


class Book:
    """Keeps orders in memory, or fails like a full disk while `broken`."""

    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}
        self.broken = False

    def keep(self, order: Order) -> None:
        if self.broken:
            raise OrderNotKeptError("disk full")
        self.orders.setdefault(order.id, order)

    def answer(self, order_id: str) -> Answer | None:
        return None


@pytest.fixture
def book() -> Book:
    return Book()


@pytest.fixture
def flow(clock: ManualClock, log: EventLog, book: Book) -> Subscription:
    wall = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    return Subscription(
        log, book, now=clock, wall=lambda: wall, staff=lambda: "S042", session=lambda: "sess-1"
    )


def type_number(flow: Subscription, number: str = NUMBER) -> None:
    for d in number:
        assert flow.digit(d)


def to_review(flow: Subscription) -> None:
    flow.open(OFFERING)
    type_number(flow)
    assert flow.number_done()
    assert flow.step is Step.REVIEW


def to_code(flow: Subscription, *, expires_in: float = 300, resend_after: float = 60) -> RequestCode:
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert isinstance(effect, RequestCode) and effect.phone == NUMBER
    assert flow.step is Step.SENDING and flow.busy
    assert flow.code_sent(effect.ticket, "ch-1", expires_in, resend_after)
    assert flow.step is Step.CODE
    return effect


def type_code(flow: Subscription, code: str = "123456") -> CheckCode:
    for d in code:
        assert flow.code_digit(d)
    effect = flow.submit_code()
    assert isinstance(effect, CheckCode)
    return effect


def to_offline(flow: Subscription) -> None:
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert isinstance(effect, RequestCode)
    assert flow.code_not_sent(effect.ticket, unreachable=True)
    assert flow.step is Step.OFFLINE


# -- opening -----------------------------------------------------------------------------------
def test_a_flow_opens_on_the_keypad_with_nothing_typed_and_no_box_ticked(
    flow: Subscription, log: EventLog
) -> None:
    assert not flow.active
    assert flow.open(OFFERING)
    assert flow.step is Step.NUMBER
    assert flow.digits == "" and not flow.consent and not flow.marketing
    assert log.events[-1] == ("subscribe_start", {"service": "5g-plus", "offer": "spring"})


def test_a_second_tap_on_subscribe_for_the_same_service_is_no_move(flow: Subscription, log: EventLog) -> None:
    flow.open(OFFERING)
    flow.digit("1")
    order_id = flow.order_id
    assert not flow.open(OFFERING)
    assert flow.digits == "1" and flow.order_id == order_id
    assert log.kinds().count("subscribe_start") == 1


def test_subscribe_for_another_service_cancels_the_flow_open_and_starts_afresh(
    flow: Subscription, log: EventLog
) -> None:
    flow.open(OFFERING)
    type_number(flow)
    first = flow.order_id
    assert flow.open(Offering("cloud", None, 500))
    assert flow.digits == "" and flow.order_id != first
    assert ("subscribe_cancel", {"step": "number", "reason": "restarted", "service": "5g-plus"}) in log.events


def test_every_flow_gets_its_own_order_id_and_unguessable_status_token(
    flow: Subscription, book: Book
) -> None:
    seen = set()
    for _ in range(3):
        to_code(flow)
        assert flow.code_checked(type_code(flow).ticket, verified=True, confirmation="conf")
        order = flow.order
        assert order is not None
        assert len(order.status_token) >= 32
        seen.add((order.id, order.status_token))
        flow.done()
    assert len(seen) == 3 and len(book.orders) == 3


# -- the number --------------------------------------------------------------------------------
def test_the_keypad_takes_eleven_digits_and_no_more(flow: Subscription) -> None:
    flow.open(OFFERING)
    type_number(flow)
    assert not flow.digit("9")
    assert flow.digits == NUMBER


@pytest.mark.parametrize("key", ["a", "12", "", "١", "+"])
def test_the_keypad_takes_only_single_ascii_digits(flow: Subscription, key: str) -> None:
    flow.open(OFFERING)
    assert not flow.digit(key)
    assert flow.digits == ""


def test_a_number_not_starting_with_1_is_explained_as_it_is_typed(flow: Subscription) -> None:
    flow.open(OFFERING)
    flow.digit("2")
    assert flow.problem is Problem.NOT_MOBILE_START
    flow.erase()
    assert flow.problem is Problem.NONE


def test_a_second_digit_that_no_mobile_number_has_is_explained_as_it_is_typed(flow: Subscription) -> None:
    flow.open(OFFERING)
    flow.digit("1")
    flow.digit("2")
    assert flow.problem is Problem.NOT_MOBILE_PREFIX
    flow.erase()
    flow.digit("5")
    assert flow.problem is Problem.NONE


def test_continue_with_too_few_digits_says_so_and_stays(flow: Subscription) -> None:
    flow.open(OFFERING)
    type_number(flow, "1381234")
    assert not flow.number_done()
    assert flow.step is Step.NUMBER and flow.problem is Problem.TOO_FEW_DIGITS


def test_continue_with_a_wrong_number_keeps_its_reason(flow: Subscription) -> None:
    flow.open(OFFERING)
    type_number(flow, "12812345678")
    assert not flow.number_done()
    assert flow.problem is Problem.NOT_MOBILE_PREFIX and flow.step is Step.NUMBER


def test_clear_empties_the_number_and_its_problem(flow: Subscription) -> None:
    flow.open(OFFERING)
    type_number(flow, "29")
    assert flow.clear_number()
    assert flow.digits == "" and flow.problem is Problem.NONE
    assert not flow.clear_number()


def test_an_entered_number_shows_masked_after_the_keypad(flow: Subscription, log: EventLog) -> None:
    to_review(flow)
    assert flow.masked_number == "138****5678"
    assert log.kinds()[-2:] == ["subscribe_number", "subscribe_review"]


def test_no_event_ever_carries_the_number(flow: Subscription, log: EventLog) -> None:
    to_code(flow)
    flow.code_checked(type_code(flow).ticket, verified=True, confirmation="conf")
    flow.done()
    to_offline(flow)
    flow.choose_sms_reply()
    flow.cancel()
    assert NUMBER not in repr(log.events) and "5678" not in repr(log.events)


# -- the review --------------------------------------------------------------------------------
def test_confirm_without_consent_says_so_and_asks_hq_nothing(flow: Subscription) -> None:
    to_review(flow)
    assert flow.confirm_review() is None
    assert flow.problem is Problem.NO_CONSENT and flow.step is Step.REVIEW
    flow.set_consent(True)
    assert flow.problem is Problem.NONE


def test_marketing_alone_is_not_consent(flow: Subscription) -> None:
    to_review(flow)
    flow.set_marketing(True)
    assert flow.confirm_review() is None and flow.problem is Problem.NO_CONSENT


def test_the_boxes_can_be_ticked_only_on_the_review(flow: Subscription) -> None:
    flow.open(OFFERING)
    assert not flow.set_consent(True) and not flow.set_marketing(True)
    assert not flow.consent and not flow.marketing


def test_consent_then_confirm_asks_hq_for_a_code_once(flow: Subscription, log: EventLog) -> None:
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert isinstance(effect, RequestCode)
    assert flow.confirm_review() is None, "a double tap asks HQ once"
    assert log.kinds()[-1] == "subscribe_consent"


# -- the code ----------------------------------------------------------------------------------
def test_a_code_sent_shows_its_expiry_and_resend_countdowns(flow: Subscription, clock: ManualClock) -> None:
    to_code(flow, expires_in=300, resend_after=60)
    assert flow.code_expires_in_s == 300 and flow.resend_in_s == 60
    assert flow.tries_left == CODE_TRIES and not flow.can_resend
    clock.advance(59.5)
    assert flow.resend_in_s == 1
    clock.advance(0.5)
    assert flow.can_resend and flow.code_expires_in_s == 240


def test_next_wake_is_the_next_whole_second_of_a_countdown(flow: Subscription, clock: ManualClock) -> None:
    to_code(flow, expires_in=300.25, resend_after=0)
    assert flow.next_wake() == pytest.approx(clock.t + 0.25)
    clock.advance(0.25)
    assert flow.next_wake() == pytest.approx(clock.t + 1.0)


def test_the_code_expires_by_the_clock_and_then_takes_no_digits(
    flow: Subscription, clock: ManualClock
) -> None:
    to_code(flow, expires_in=300)
    flow.code_digit("1")
    clock.advance(300)
    flow.tick()
    assert flow.problem is Problem.CODE_EXPIRED and flow.code_typed == 0
    assert not flow.code_digit("1") and flow.submit_code() is None
    assert flow.can_resend


def test_confirm_with_a_short_code_says_so(flow: Subscription) -> None:
    to_code(flow)
    flow.code_digit("1")
    assert flow.submit_code() is None and flow.problem is Problem.CODE_SHORT
    flow.code_digit("2")
    assert flow.problem is Problem.NONE


def test_the_code_takes_six_digits_and_erase_takes_one_back(flow: Subscription) -> None:
    to_code(flow)
    for d in "1234567":
        flow.code_digit(d)
    assert flow.code_digits == "123456"
    assert flow.code_erase() and flow.code_digits == "12345"


def test_a_wrong_code_shows_the_tries_left_and_clears_the_boxes(flow: Subscription, log: EventLog) -> None:
    to_code(flow)
    effect = type_code(flow, "000000")
    assert flow.step is Step.CHECKING and flow.busy
    assert flow.code_checked(effect.ticket, verified=False, tries_left=4)
    assert flow.step is Step.CODE and flow.problem is Problem.CODE_WRONG
    assert flow.tries_left == 4 and flow.code_typed == 0
    assert ("subscribe_code_wrong", {"service": "5g-plus", "tries_left": 4}) in log.events


def test_the_last_wrong_try_spends_the_code(flow: Subscription) -> None:
    to_code(flow)
    flow.code_checked(type_code(flow, "000000").ticket, verified=False, tries_left=0)
    assert flow.problem is Problem.CODE_SPENT
    assert not flow.code_digit("1") and flow.submit_code() is None


def test_a_double_tap_on_confirm_sends_the_code_once(flow: Subscription) -> None:
    to_code(flow)
    type_code(flow)
    assert flow.submit_code() is None


def test_resend_waits_for_the_cooldown(flow: Subscription, clock: ManualClock, log: EventLog) -> None:
    to_code(flow, resend_after=60)
    assert flow.resend() is None
    clock.advance(60)
    effect = flow.resend()
    assert isinstance(effect, RequestCode) and flow.step is Step.SENDING
    assert "subscribe_code_resend" in log.kinds()
    assert flow.code_sent(effect.ticket, "ch-2", 300, 60)
    assert flow.code_expires_in_s == 300


def test_hq_refusing_a_code_shows_its_reason_and_offers_a_new_try_after_the_wait(
    flow: Subscription, clock: ManualClock
) -> None:
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert isinstance(effect, RequestCode)
    reason = "a code was sent to 138****5678 just now; a new one can be sent in 40 s"
    assert flow.code_not_sent(effect.ticket, unreachable=False, reason=reason, retry_after_s=40)
    assert flow.step is Step.CODE and flow.problem is Problem.REFUSED and flow.refusal == reason
    assert not flow.code_digit("1"), "no code is in hand"
    assert flow.resend_in_s == 40
    clock.advance(40)
    assert isinstance(flow.resend(), RequestCode)


def test_hq_saying_the_code_expired_or_was_spent_asks_for_a_new_one(flow: Subscription) -> None:
    to_code(flow)
    assert flow.code_not_checked(type_code(flow).ticket, unreachable=False, expired=True)
    assert flow.problem is Problem.CODE_EXPIRED
    assert not flow.code_digit("1") and flow.submit_code() is None
    assert flow.code_not_checked is not None
    effect = type_code_after_resend(flow)
    assert flow.code_not_checked(effect.ticket, unreachable=False, spent=True)
    assert flow.problem is Problem.CODE_SPENT


def type_code_after_resend(flow: Subscription) -> CheckCode:
    flow._resend_at = None  # the cooldown is tested on its own
    effect = flow.resend()
    assert isinstance(effect, RequestCode)
    flow.code_sent(effect.ticket, "ch-2", 300, 60)
    return type_code(flow)


def test_a_right_code_keeps_the_order_then_shows_the_receipt(
    flow: Subscription, book: Book, log: EventLog
) -> None:
    to_code(flow)
    flow.set_marketing(True)  # too late: not on the review
    assert flow.code_checked(type_code(flow).ticket, verified=True, confirmation="conf-1")
    assert flow.step is Step.RECEIPT
    order = book.orders[flow.order_id]
    assert order == flow.order
    assert order.phone == NUMBER and order.confirmation == "conf-1"
    assert order.second_step is SecondStep.CODE and not order.marketing_opt_in
    assert order.staff == "S042" and order.session == "sess-1"
    assert order.price_fen == 1990 and order.offer == "spring"
    assert order.service_name["en"] == "5G Unlimited"
    assert log.kinds()[-2:] == ["subscribe_confirmed", "subscribe_receipt"]


def test_the_marketing_choice_travels_with_the_order(flow: Subscription, book: Book) -> None:
    to_review(flow)
    flow.set_marketing(True)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert isinstance(effect, RequestCode)
    flow.code_sent(effect.ticket, "ch", 300, 60)
    flow.code_checked(type_code(flow).ticket, verified=True, confirmation="c")
    assert book.orders[flow.order_id].marketing_opt_in


# -- answers that no longer apply --------------------------------------------------------------
def test_an_answer_after_cancel_changes_nothing(flow: Subscription, book: Book) -> None:
    to_code(flow)
    effect = type_code(flow)
    flow.cancel()
    assert not flow.code_checked(effect.ticket, verified=True, confirmation="c")
    assert not flow.active and not book.orders


def test_an_answer_after_back_changes_nothing(flow: Subscription) -> None:
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert isinstance(effect, RequestCode)
    assert flow.back() and flow.step is Step.REVIEW
    assert not flow.code_sent(effect.ticket, "late", 300, 60)
    assert flow.step is Step.REVIEW


def test_an_old_ticket_is_not_taken_for_the_new_request(flow: Subscription) -> None:
    to_code(flow, resend_after=0)
    old = type_code(flow, "000000")
    flow.code_checked(old.ticket, verified=False, tries_left=4)
    assert not flow.code_checked(old.ticket, verified=True, confirmation="c")
    assert flow.step is Step.CODE


# -- back and forth ----------------------------------------------------------------------------
def test_back_from_the_review_keeps_the_number_to_correct(flow: Subscription) -> None:
    to_review(flow)
    assert flow.back() and flow.step is Step.NUMBER and flow.digits == NUMBER


def test_back_and_forth_with_the_same_number_reuses_the_code_in_hand(flow: Subscription) -> None:
    to_code(flow)
    assert flow.back() and flow.step is Step.REVIEW
    assert flow.confirm_review() is None
    assert flow.step is Step.CODE, "no second code for the same number"


def test_a_changed_number_drops_the_code_sent_to_the_old_one(flow: Subscription) -> None:
    to_code(flow)
    flow.back()
    flow.back()
    flow.erase()
    flow.digit("9")
    flow.number_done()
    assert isinstance(flow.confirm_review(), RequestCode)


def test_back_has_nowhere_to_go_from_the_keypad_or_the_receipt(flow: Subscription) -> None:
    assert not flow.back()
    flow.open(OFFERING)
    assert not flow.back()
    to_offline(flow)
    flow.choose_sms_reply()
    assert not flow.back() and flow.step is Step.RECEIPT


def test_going_back_and_forth_many_times_makes_one_order(flow: Subscription, book: Book) -> None:
    to_code(flow)
    for _ in range(5):
        flow.back()
        flow.confirm_review()
    effect = type_code(flow)
    for _ in range(3):
        flow.code_checked(effect.ticket, verified=True, confirmation="c")
        flow.submit_code()
        flow.choose_sms_reply()
    assert len(book.orders) == 1


# -- HQ unreachable ----------------------------------------------------------------------------
def test_hq_unreachable_for_the_code_offers_the_sms_reply_route(flow: Subscription, log: EventLog) -> None:
    to_offline(flow)
    assert not flow.code_was_sent
    assert log.events[-1] == ("subscribe_offline", {"service": "5g-plus", "code_was_sent": False})


def test_hq_unreachable_while_checking_the_code_offers_the_same_route(flow: Subscription) -> None:
    to_code(flow)
    assert flow.code_not_checked(type_code(flow).ticket, unreachable=True)
    assert flow.step is Step.OFFLINE and flow.code_was_sent


def test_the_sms_reply_route_keeps_the_order_awaiting_the_reply(flow: Subscription, book: Book) -> None:
    to_offline(flow)
    assert flow.choose_sms_reply()
    order = book.orders[flow.order_id]
    assert order.second_step is SecondStep.SMS_REPLY and order.confirmation is None
    assert flow.step is Step.RECEIPT


def test_try_again_from_offline_asks_hq_again(flow: Subscription) -> None:
    to_offline(flow)
    effect = flow.retry_online()
    assert isinstance(effect, RequestCode) and flow.step is Step.SENDING


def test_the_offline_moves_are_only_offered_offline(flow: Subscription, book: Book) -> None:
    to_review(flow)
    assert not flow.choose_sms_reply() and flow.retry_online() is None
    assert not book.orders


# -- the order could not be kept ---------------------------------------------------------------
def test_no_receipt_when_the_order_cannot_be_kept_and_confirm_again_keeps_it(
    flow: Subscription, book: Book
) -> None:
    to_code(flow)
    book.broken = True
    flow.code_checked(type_code(flow).ticket, verified=True, confirmation="c")
    assert flow.step is Step.CODE and flow.problem is Problem.NOT_KEPT and flow.order is None
    book.broken = False
    assert flow.submit_code() is None, "no second check at HQ: the confirmation is in hand"
    assert flow.step is Step.RECEIPT and list(book.orders) == [flow.order_id]


def test_the_sms_reply_route_not_kept_can_be_chosen_again(flow: Subscription, book: Book) -> None:
    to_offline(flow)
    book.broken = True
    assert flow.choose_sms_reply()
    assert flow.step is Step.OFFLINE and flow.problem is Problem.NOT_KEPT
    book.broken = False
    flow.choose_sms_reply()
    assert flow.step is Step.RECEIPT


# -- the receipt and the end -------------------------------------------------------------------
def test_the_receipt_takes_only_done_and_cancel_ends_it_as_done(flow: Subscription, log: EventLog) -> None:
    to_offline(flow)
    flow.choose_sms_reply()
    order_id = flow.order_id
    assert not flow.digit("1") and flow.submit_code() is None and flow.confirm_review() is None
    assert flow.cancel("idle")
    assert log.events[-1] == ("subscribe_done", {"reason": "idle", "order": order_id})


def test_cancel_forgets_the_number_and_the_code(flow: Subscription, log: EventLog) -> None:
    to_code(flow)
    flow.code_digit("4")
    assert flow.cancel("idle")
    assert flow.digits == "" and flow.code_digits == "" and flow.masked_number == ""
    assert flow.offering is None and flow.step is Step.CLOSED
    assert log.events[-1] == ("subscribe_cancel", {"step": "code", "reason": "idle", "service": "5g-plus"})
    assert not flow.cancel()


def test_the_operators_answer_shows_on_the_receipt_while_it_is_there(flow: Subscription) -> None:
    to_offline(flow)
    flow.choose_sms_reply()
    refused = Answer("rejected", "this number already has this service")
    assert flow.answered(flow.order_id, refused)
    assert flow.answer == refused
    assert not flow.answered("another-order", Answer("accepted"))
    flow.done()
    assert flow.answer is None


def test_nothing_moves_a_closed_flow(flow: Subscription) -> None:
    assert not flow.digit("1") and not flow.erase() and not flow.number_done()
    assert not flow.set_consent(True) and flow.confirm_review() is None
    assert not flow.code_digit("1") and flow.submit_code() is None and flow.resend() is None
    assert not flow.choose_sms_reply() and not flow.back() and not flow.done()
    assert flow.next_wake() is None


def test_reference_is_short_and_read_aloud_easily() -> None:
    assert reference("1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809") == "K-1A2B-3C4D"


class Hq:
    """Answers as HQ would: a code for any number, 246810 is the right code."""

    def request_code(self, phone: str) -> CodeSent | CodeNotSent:
        return CodeSent(f"ch-{phone[-4:]}", 300, 60)

    def check_code(self, challenge: str, code: str) -> CodeChecked | CodeNotChecked:
        if code == "246810":
            return CodeChecked(True, confirmation=f"conf-{challenge}")
        return CodeChecked(False, tries_left=4)


def test_outcomes_reported_back_drive_the_flow_to_the_receipt(flow: Subscription, book: Book) -> None:
    hq = Hq()
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert effect is not None and flow.report(effect, perform(hq, effect))
    assert flow.step is Step.CODE
    wrong = type_code(flow, "000000")
    assert flow.report(wrong, perform(hq, wrong)) and flow.tries_left == 4
    right = type_code(flow, "246810")
    assert flow.report(right, perform(hq, right))
    assert book.orders[flow.order_id].confirmation == "conf-ch-5678"


@pytest.mark.parametrize(
    ("outcome", "step", "problem"),
    [
        (CodeNotSent(unreachable=True), Step.OFFLINE, Problem.NONE),
        (CodeNotSent(unreachable=False, reason="capped", retry_after_s=30), Step.CODE, Problem.REFUSED),
    ],
)
def test_a_code_not_sent_is_reported_as_offline_or_refused(
    flow: Subscription, outcome: CodeNotSent, step: Step, problem: Problem
) -> None:
    to_review(flow)
    flow.set_consent(True)
    effect = flow.confirm_review()
    assert effect is not None and flow.report(effect, outcome)
    assert flow.step is step and flow.problem is problem


@pytest.mark.parametrize(
    ("outcome", "step", "problem"),
    [
        (CodeNotChecked(unreachable=True), Step.OFFLINE, Problem.NONE),
        (CodeNotChecked(unreachable=False, expired=True), Step.CODE, Problem.CODE_EXPIRED),
        (CodeNotChecked(unreachable=False, spent=True), Step.CODE, Problem.CODE_SPENT),
        (CodeNotChecked(unreachable=False, reason="made at another kiosk"), Step.CODE, Problem.REFUSED),
    ],
)
def test_a_code_not_checked_is_reported_by_its_cause(
    flow: Subscription, outcome: CodeNotChecked, step: Step, problem: Problem
) -> None:
    to_code(flow)
    effect = type_code(flow)
    assert flow.report(effect, outcome)
    assert flow.step is step and flow.problem is problem
