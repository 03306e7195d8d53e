"""Subscribing through the real window: the keypad, the review, both second steps, the
receipt and its QR code, and every way out, with small fakes of the two ports (the order
book and HQ's confirmation codes)."""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtTest import QTest

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.flow.subscribe import (
    Answer,
    CodeChecked,
    CodeNotChecked,
    CodeNotSent,
    CodeSent,
    Order,
    SecondStep,
)
from kiosk.packs.model import Starts, Terms
from kiosk.ui.scene import items
from kiosk.ui.screenshot import SUBSCRIBE_SCREENS, walk_subscribe
from kiosk.ui.shell import KioskShell
from tests.fakes import ManualClock
from tests.ui.fit import clipped, long_text
from tests.ui.kit import build_catalog, build_pack, centre, events, find, t, tap, wait_for, wait_idle
from tests.ui.test_text_fit import longest_pack

NUMBER = "13812345678"
HQ = "http://hq.test"
TERMS = Terms(Starts.NOW, t("发送0000到10086退订。", "Text 0000 to 10086 to cancel."))


class Book:
    """The order book, in memory: what was kept, and the operator's answers to hand back."""

    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}
        self.answers: dict[str, Answer] = {}
        self.keeps = 0

    def keep(self, order: Order) -> None:
        self.keeps += 1
        self.orders.setdefault(order.id, order)

    def answer(self, order_id: str) -> Answer | None:
        return self.answers.get(order_id)


class Hq:
    """HQ's confirmation codes: the code is 123456; `reachable` False answers as a network
    that is down; `gate`, when set, holds every answer until the test opens it."""

    CODE = "123456"

    def __init__(self) -> None:
        self.reachable = True
        self.requests: list[str] = []
        self.checks: list[str] = []
        self.gate: threading.Event | None = None

    def _wait(self) -> None:
        if self.gate is not None:
            self.gate.wait(30)

    def request_code(self, phone: str) -> CodeSent | CodeNotSent:
        self.requests.append(phone)
        self._wait()
        if not self.reachable:
            return CodeNotSent(unreachable=True)
        return CodeSent(f"ch{len(self.requests)}", expires_in_s=300, resend_after_s=60)

    def check_code(self, challenge: str, code: str) -> CodeChecked | CodeNotChecked:
        self.checks.append(code)
        self._wait()
        if not self.reachable:
            return CodeNotChecked(unreachable=True)
        if code == self.CODE:
            return CodeChecked(verified=True, confirmation=f"conf-{challenge}")
        return CodeChecked(verified=False, tries_left=4)


@pytest.fixture
def terms_catalog(media: dict[str, Path]) -> Catalog:
    """The test content with terms on every service but the cloud storage."""
    pack = build_pack(media)
    services = tuple(s if s.id == "svc.cloud" else replace(s, terms=TERMS) for s in pack.services)
    return build_catalog(replace(pack, services=services))


@pytest.fixture
def book() -> Book:
    return Book()


@pytest.fixture
def hq() -> Hq:
    return Hq()


@pytest.fixture
def shop(make_ui: Any, terms_catalog: Catalog, book: Book, hq: Hq) -> Any:
    """A kiosk enrolled at HQ, with the order book and HQ's codes: `shop(**make_ui_args)`."""

    def make(**kwargs: Any) -> KioskShell:
        ui: KioskShell = make_ui(catalog=terms_catalog, **kwargs)
        ui.use_orders(book, hq, lambda: HQ)
        return ui

    return make


def every_text(ui: KioskShell) -> list[str]:
    """Every text of every item in the window, shown or not."""
    out = []
    for it in items(ui.window.contentItem()):
        text = it.property("text")
        if isinstance(text, str) and text:
            out.append(text)
    return out


def shows_number(ui: KioskShell) -> bool:
    return any(NUMBER in s.replace(" ", "") or "1381234" in s.replace(" ", "") for s in every_text(ui))


def face(ui: KioskShell) -> Any:
    return ui.kiosk.subscribe_controller.shown_face


def to_subscribe(qtbot: Any, ui: KioskShell, service: str = "svc.ringback") -> None:
    tap(qtbot, ui, "attractTouchArea")
    wait_for(qtbot, ui, "homeScreen")
    tap(qtbot, ui, f"topTen_{service}")
    wait_for(qtbot, ui, "serviceScreen")
    tap(qtbot, ui, "subscribeButton")
    wait_for(qtbot, ui, "subscribeScreen")
    wait_idle(qtbot, ui)


def type_keys(qtbot: Any, ui: KioskShell, prefix: str, digits: str) -> None:
    for d in digits:
        tap(qtbot, ui, f"{prefix}Key{d}")


def to_review(qtbot: Any, ui: KioskShell) -> None:
    to_subscribe(qtbot, ui)
    wait_for(qtbot, ui, "subscribeKey1")
    type_keys(qtbot, ui, "subscribe", NUMBER)
    tap(qtbot, ui, "subscribeContinue")
    wait_for(qtbot, ui, "subscribeConsent")


def consent_and_confirm(qtbot: Any, ui: KioskShell, then: str) -> None:
    """Tick consent on the review, Confirm, and wait for the step that follows."""
    tap(qtbot, ui, "subscribeConsent")
    tap(qtbot, ui, "subscribeConfirm")
    step_is(qtbot, ui, then)


def problem(qtbot: Any, ui: KioskShell) -> str:
    label = wait_for(qtbot, ui, "subscribeProblem")
    return str(label.property("text"))


def step_is(qtbot: Any, ui: KioskShell, step: str) -> None:
    qtbot.waitUntil(lambda: face(ui).step == step)


def test_through_the_code_to_a_receipt_whose_qr_code_opens_the_order_status(
    qtbot: Any, shop: Any, book: Book, hq: Hq, tmp_path: Path
) -> None:
    ui = shop()
    to_review(qtbot, ui)
    assert find(ui, "subscribeMasked").property("text").endswith("138****5678")
    consent_and_confirm(qtbot, ui, "code")
    assert hq.requests == [NUMBER]

    type_keys(qtbot, ui, "subscribeCode", Hq.CODE)
    tap(qtbot, ui, "subscribeCodeConfirm")
    step_is(qtbot, ui, "receipt")
    wait_for(qtbot, ui, "subscribeDone")

    (order,) = book.orders.values()
    assert order.phone == NUMBER and order.second_step is SecondStep.CODE
    assert order.confirmation == "conf-ch1" and order.service == "svc.ringback"
    assert order.offer == "off.daily" and order.price_fen == 400  # the daily deal's 20% off
    assert find(ui, "subscribeReference").property("text") == order.reference
    # The brand stands in for Back, and for the title: beside it "Subscribe" read "…".
    title = find(ui, "topBarTitle")
    assert title is None or (title.property("text") == "" and not title.property("truncated"))
    assert face(ui).status_url == f"{HQ}/o/{order.status_token}"
    assert "nothing more to enter" in face(ui).pending or "无需再做任何操作" in face(ui).pending
    assert not any(NUMBER in repr(e["data"]) for e in events(ui))
    decoded = decode_qr(qtbot, ui, tmp_path)
    if decoded is not None:
        assert decoded == f"{HQ}/o/{order.status_token}"


def decode_qr(qtbot: Any, ui: KioskShell, tmp_path: Path) -> str | None:
    """The receipt's QR code as the screen shows it, read by zbarimg (zbar-tools)."""
    qr = wait_for(qtbot, ui, "subscribeQr")
    qtbot.waitUntil(lambda: qr.property("implicitWidth") > 0)  # the PNG is decoded
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.update()
    rect = qr.mapRectToScene(QRectF(0, 0, qr.width(), qr.height())).toAlignedRect()
    assert rect.width() >= 300, "the QR code is too small to scan at arm's length"
    shot = ui.window.grabWindow().copy(rect.adjusted(-24, -24, 24, 24))
    path = tmp_path / "qr.png"
    assert shot.save(str(path))
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg (Debian's zbar-tools) is not installed: the QR code was not decoded")
    out = subprocess.run([zbarimg, "--raw", "-q", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_hq_out_of_reach_offers_the_sms_reply_and_the_receipt_says_it_is_pending(
    qtbot: Any, shop: Any, book: Book, hq: Hq
) -> None:
    hq.reachable = False
    ui = shop()
    ui.kiosk.language_controller.choose("en")
    to_review(qtbot, ui)
    consent_and_confirm(qtbot, ui, "offline")
    tap(qtbot, ui, "subscribeSmsReply")
    step_is(qtbot, ui, "receipt")

    (order,) = book.orders.values()
    assert order.second_step is SecondStep.SMS_REPLY and order.confirmation is None
    pending = wait_for(qtbot, ui, "subscribePending").property("text")
    assert "Reply Y" in pending and "138****5678" in pending


def test_a_wrong_number_is_explained_and_continue_says_what_is_missing(qtbot: Any, shop: Any) -> None:
    ui = shop()
    ui.kiosk.language_controller.choose("en")
    to_subscribe(qtbot, ui)
    type_keys(qtbot, ui, "subscribe", "12")
    assert problem(qtbot, ui) == "The second digit of a mobile number is 3 to 9."
    tap(qtbot, ui, "subscribeErase")
    type_keys(qtbot, ui, "subscribe", "3812")
    qtbot.waitUntil(lambda: find(ui, "subscribeProblem") is None)
    tap(qtbot, ui, "subscribeContinue")
    assert problem(qtbot, ui) == "A mobile number has 11 digits."
    assert face(ui).step == "number"


def test_confirm_without_consent_explains_and_asks_hq_nothing(qtbot: Any, shop: Any, hq: Hq) -> None:
    ui = shop()
    ui.kiosk.language_controller.choose("en")
    to_review(qtbot, ui)
    confirm = find(ui, "subscribeConfirm")
    assert confirm is not None and confirm.isEnabled()
    tap(qtbot, ui, "subscribeConfirm")
    assert problem(qtbot, ui).startswith('Please tick "I agree" first')
    assert hq.requests == []
    tap(qtbot, ui, "subscribeConsent")
    qtbot.waitUntil(lambda: find(ui, "subscribeProblem") is None)


def test_cancel_ends_the_flow_and_clears_the_number_from_the_screen(qtbot: Any, shop: Any) -> None:
    ui = shop()
    to_review(qtbot, ui)
    assert any("138****5678" in s for s in every_text(ui))
    tap(qtbot, ui, "subscribeCancel")
    wait_for(qtbot, ui, "serviceScreen")
    wait_idle(qtbot, ui)
    assert ui.kiosk.navigator.stack[-1] == "service"
    assert not shows_number(ui) and not any("5678" in s for s in every_text(ui))
    sub = ui.kiosk.subscribe_controller.subscription
    assert sub is not None and sub.digits == "" and not sub.active
    cancelled = [e for e in events(ui) if e["kind"] == "subscribe_cancel"]
    assert cancelled[-1]["data"]["reason"] == "cancel"


def test_the_idle_end_clears_the_number_after_the_warning(qtbot: Any, shop: Any, settings: Settings) -> None:
    clock = ManualClock()
    ui = shop(settings=replace(settings, idle_timeout_s=60, idle_countdown_s=3), now=clock)
    to_subscribe(qtbot, ui)
    type_keys(qtbot, ui, "subscribe", "1381234")
    assert shows_number(ui)

    clock.advance(60)
    ui.kiosk.session_controller.tick()
    wait_for(qtbot, ui, "idleOverlay")
    assert ui.kiosk.subscribe_controller.subscription.digits == "1381234"  # the warning first
    clock.advance(3)
    ui.kiosk.session_controller.tick()
    wait_for(qtbot, ui, "attractScreen")
    wait_idle(qtbot, ui)

    assert not shows_number(ui)
    assert ui.kiosk.subscribe_controller.subscription.digits == ""
    cancelled = [e for e in events(ui) if e["kind"] == "subscribe_cancel"]
    assert cancelled[-1]["data"]["reason"] == "idle"


def test_a_double_tap_on_confirm_asks_hq_once_and_keeps_one_order(
    qtbot: Any, shop: Any, book: Book, hq: Hq
) -> None:
    ui = shop()
    to_review(qtbot, ui)
    tap(qtbot, ui, "subscribeConsent")
    qtbot.waitUntil(lambda: face(ui).consent)
    hq.gate = threading.Event()
    point = centre(find(ui, "subscribeConfirm"))
    for _ in range(2):  # as fast as a finger can: no event processed between the two
        QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    ui.kiosk.subscribe_controller.confirm()  # and a third, straight to the slot
    step_is(qtbot, ui, "sending")
    hq.gate.set()
    step_is(qtbot, ui, "code")
    assert hq.requests == [NUMBER]

    hq.gate = threading.Event()
    type_keys(qtbot, ui, "subscribeCode", Hq.CODE)
    point = centre(find(ui, "subscribeCodeConfirm"))
    for _ in range(2):
        QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    ui.kiosk.subscribe_controller.submitCode()
    step_is(qtbot, ui, "checking")
    hq.gate.set()
    step_is(qtbot, ui, "receipt")
    assert hq.checks == [Hq.CODE]
    assert len(book.orders) == 1 and book.keeps == 1


def test_a_wrong_code_shows_the_tries_left_and_back_returns_to_the_review(
    qtbot: Any, shop: Any, hq: Hq
) -> None:
    ui = shop()
    ui.kiosk.language_controller.choose("en")
    to_review(qtbot, ui)
    consent_and_confirm(qtbot, ui, "code")
    assert wait_for(qtbot, ui, "subscribeExpiry").property("text").startswith("The code expires in ")
    assert not find(ui, "subscribeResend").isEnabled()  # its cooldown, said beside it
    assert find(ui, "subscribeResendWait").property("text").startswith("You can ask for a new code in")
    type_keys(qtbot, ui, "subscribeCode", "000000")
    tap(qtbot, ui, "subscribeCodeConfirm")
    qtbot.waitUntil(lambda: face(ui).problem_kind == "codeWrong")
    assert "4 tries left" in problem(qtbot, ui)
    tap(qtbot, ui, "subscribeBack")
    step_is(qtbot, ui, "review")
    tap(qtbot, ui, "subscribeBack")
    step_is(qtbot, ui, "number")
    assert find(ui, "subscribeNumber").property("text") == "138 1234 5678"


def test_the_operators_answer_shows_on_the_receipt_while_the_customer_is_there(
    qtbot: Any, shop: Any, book: Book
) -> None:
    ui = shop()
    ui.kiosk.language_controller.choose("en")
    to_review(qtbot, ui)
    consent_and_confirm(qtbot, ui, "code")
    type_keys(qtbot, ui, "subscribeCode", Hq.CODE)
    tap(qtbot, ui, "subscribeCodeConfirm")
    step_is(qtbot, ui, "receipt")
    (order,) = book.orders.values()
    book.answers[order.id] = Answer("rejected", "this number already has this service")
    answer = wait_for(qtbot, ui, "subscribeAnswer")
    assert answer.property("text") == "The operator could not set it up: this number already has this service"

    tap(qtbot, ui, "subscribeDone")
    wait_for(qtbot, ui, "homeScreen")
    assert not shows_number(ui)
    assert "subscribe_done" in [e["kind"] for e in events(ui)]


def test_a_service_without_terms_is_subscribed_at_the_counter(qtbot: Any, shop: Any) -> None:
    ui = shop()
    to_subscribe(qtbot, ui, "svc.cloud")
    assert find(ui, "subscribeTitle") is not None
    assert find(ui, "subscribeFlow") is None
    assert not ui.kiosk.subscribe_controller.property("active")


def test_a_kiosk_not_enrolled_at_hq_sends_the_customer_to_the_counter(
    qtbot: Any, make_ui: Any, terms_catalog: Catalog, book: Book, hq: Hq
) -> None:
    ui: KioskShell = make_ui(catalog=terms_catalog)
    ui.use_orders(book, hq)  # the data folder holds no identity
    to_subscribe(qtbot, ui)
    assert find(ui, "subscribeTitle") is not None
    assert find(ui, "subscribeFlow") is None


def accessible(ui: KioskShell, item: Any) -> tuple[str, int]:
    """The item's Accessible.name and Accessible.role, as a screen reader (and the dial
    test) reads them."""
    context = QQmlEngine.contextForObject(item)
    name = QQmlExpression(context, item, "Accessible.name").evaluate()[0]
    role = QQmlExpression(context, item, "Accessible.role").evaluate()[0]
    return str(name), int(role)


def test_every_tappable_item_of_the_flow_has_an_accessible_name_and_role(qtbot: Any, shop: Any) -> None:
    ui = shop()
    ui.kiosk.language_controller.choose("en")
    to_subscribe(qtbot, ui)
    wanted = {
        "subscribeKey5": ("5", QAccessible.Role.Button),
        "subscribeErase": ("Erase", QAccessible.Role.Button),
        "subscribeClear": ("Clear", QAccessible.Role.Button),
        "subscribeContinue": ("Continue", QAccessible.Role.Button),
        "subscribeCancel": ("Cancel", QAccessible.Role.Button),
    }
    type_keys(qtbot, ui, "subscribe", NUMBER)
    for name, (label, role) in wanted.items():
        assert accessible(ui, wait_for(qtbot, ui, name)) == (label, role.value), name
    tap(qtbot, ui, "subscribeContinue")
    consent = wait_for(qtbot, ui, "subscribeConsent")
    assert accessible(ui, consent) == (face(ui).consent_text, QAccessible.Role.CheckBox.value)
    assert accessible(ui, find(ui, "subscribeConfirm")) == ("Confirm", QAccessible.Role.Button.value)


def test_keys_are_large_enough_for_a_finger(qtbot: Any, shop: Any) -> None:
    ui = shop()
    to_subscribe(qtbot, ui)
    for name in ["subscribeKey0", "subscribeKey5", "subscribeErase", "subscribeContinue", "subscribeCancel"]:
        item = wait_for(qtbot, ui, name)
        assert min(item.width(), item.height()) >= 96, name


STEPS = list(SUBSCRIBE_SCREENS)


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["text100", "text150"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_step_holds_the_longest_texts_uncut(
    qtbot: Any, make_ui: Any, media: dict[str, Path], book: Book, hq: Hq, size: tuple[int, int], scale: float
) -> None:
    pack = longest_pack(media)
    services = tuple(replace(s, terms=Terms(Starts.NEXT_MONTH, long_text(120))) for s in pack.services)
    ui: KioskShell = make_ui(catalog=build_catalog(replace(pack, services=services)), size=size)
    ui.use_orders(book, hq, lambda: HQ)
    ui.set_text_scale(scale)
    problems = {}
    for lang in ("zh-CN", "en"):
        for step in STEPS:
            ui.kiosk.navigator.endSession()
            wait_for(qtbot, ui, "attractScreen")
            ui.kiosk.language_controller.choose(lang)
            nav = ui.kiosk.navigator
            nav.start()
            nav.openService("svc.ringback", "top10")
            nav.openSubscribe()
            walk_subscribe(ui, step)
            wait_idle(qtbot, ui)
            with qtbot.waitSignal(ui.window.frameSwapped):
                ui.window.update()
            bad = clipped(ui.window.contentItem())
            if bad:
                problems[f"{lang} {step}"] = bad
    assert problems == {}, "\n".join(f"{k}: {p}" for k, ps in problems.items() for p in ps)


def test_the_countdowns_run_resend_opens_after_its_cooldown_and_an_expired_code_is_explained(
    qtbot: Any, shop: Any, settings: Settings, hq: Hq
) -> None:
    clock = ManualClock()
    ui = shop(settings=replace(settings, idle_timeout_s=3600), now=clock)
    ui.kiosk.language_controller.choose("en")
    to_review(qtbot, ui)
    consent_and_confirm(qtbot, ui, "code")
    controller = ui.kiosk.subscribe_controller
    assert face(ui).expiry == "The code expires in 5:00"

    clock.advance(30)
    controller.tick()
    qtbot.waitUntil(lambda: find(ui, "subscribeExpiry").property("text") == "The code expires in 4:30")
    assert find(ui, "subscribeResendWait").property("text") == "You can ask for a new code in 30 s"
    clock.advance(30)
    controller.tick()
    qtbot.waitUntil(lambda: find(ui, "subscribeResend").isEnabled())
    clock.advance(240)
    controller.tick()
    assert problem(qtbot, ui) == "This code has expired. Tap Resend for a new one."
    tap(qtbot, ui, "subscribeResend")
    qtbot.waitUntil(lambda: len(hq.requests) == 2 and face(ui).step == "code" and face(ui).problem == "")
    assert face(ui).expiry == "The code expires in 5:00"


def test_a_language_switch_rewords_the_step_in_place(qtbot: Any, shop: Any) -> None:
    ui = shop()
    to_review(qtbot, ui)
    assert find(ui, "subscribeHeading").property("text") == "核对订购内容"
    tap(qtbot, ui, "language_en")
    qtbot.waitUntil(lambda: find(ui, "subscribeHeading").property("text") == "Check your order")
    assert face(ui).step == "review" and face(ui).masked_number == "138****5678"
