"""The register form through the real window: only for signed-in staff, the consent box
first and never ticked for the customer, the number on the keypad, the service and when to
call, Save and its receipt line; Cancel and the session's idle end forget the number."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.flow.register import Lead
from kiosk.ui.scene import items
from kiosk.ui.shell import KioskShell
from tests.ui.kit import find, tap, wait_for, wait_idle

NUMBER = "13812345678"


class Book:
    def __init__(self) -> None:
        self.kept: list[Lead] = []

    def keep(self, lead: Lead) -> None:
        self.kept.append(lead)


@pytest.fixture
def book() -> Book:
    return Book()


@pytest.fixture
def staffed(make_ui: Any, book: Book) -> Any:
    """A kiosk whose register is at hand, with S-1001 signed in (as the staff sign-in will say)."""

    def make(signed_in: bool = True) -> tuple[KioskShell, list[int]]:
        ui: KioskShell = make_ui()
        sent: list[int] = []
        register = ui.kiosk.register_controller
        register.use_leads(book, lambda: sent.append(1))
        register.use_staff(lambda: "S-1001")
        register.setProperty("staffSignedIn", signed_in)
        return ui, sent

    return make


def texts(ui: KioskShell, shown: bool = False) -> list[str]:
    out = []
    for it in items(ui.window.contentItem()):
        if shown and not it.isVisible():
            continue
        text = it.property("text")
        if isinstance(text, str) and text:
            out.append(text.replace(" ", ""))
    return out


def on_a_service(qtbot: Any, ui: KioskShell, service: str = "svc.ringback") -> None:
    tap(qtbot, ui, "attractTouchArea")
    wait_for(qtbot, ui, "homeScreen")
    tap(qtbot, ui, f"topTen_{service}")
    wait_for(qtbot, ui, "serviceScreen")
    wait_idle(qtbot, ui)


def open_form(qtbot: Any, ui: KioskShell) -> None:
    on_a_service(qtbot, ui)
    assert ui.kiosk.register_controller.open(ui.kiosk.content_controller.service_id)
    wait_for(qtbot, ui, "registerConsent")


def to_number(qtbot: Any, ui: KioskShell) -> None:
    open_form(qtbot, ui)
    tap(qtbot, ui, "registerConsent")
    tap(qtbot, ui, "registerContinue")
    wait_for(qtbot, ui, "registerKey1")
    for d in NUMBER:
        tap(qtbot, ui, f"registerKey{d}")


def test_the_form_does_not_open_unless_staff_are_signed_in(qtbot: Any, staffed: Any) -> None:
    ui, _ = staffed(signed_in=False)
    on_a_service(qtbot, ui)

    assert not ui.kiosk.register_controller.open("svc.ringback")
    assert not ui.kiosk.register_controller.property("available")
    assert find(ui, "registerForm") is None


def test_staff_register_a_customer_who_agreed_and_the_receipt_line_shows_it_masked(
    qtbot: Any, staffed: Any, book: Book
) -> None:
    ui, sent = staffed()
    open_form(qtbot, ui)
    box = find(ui, "registerConsent")
    assert box is not None and box.property("ticked") is False

    tap(qtbot, ui, "registerContinue")  # not ticked: it says why and stays
    problem = wait_for(qtbot, ui, "registerProblem")
    assert "must tick the box" in problem.property("text") or "勾选" in problem.property("text")
    to_continue = ui.kiosk.register_controller.shown_face
    assert to_continue.step == "consent"

    tap(qtbot, ui, "registerConsent")
    tap(qtbot, ui, "registerContinue")
    wait_for(qtbot, ui, "registerKey1")
    for d in NUMBER:
        tap(qtbot, ui, f"registerKey{d}")
    assert find(ui, "registerNumber").property("text") == "138 1234 5678"  # type: ignore[union-attr]
    tap(qtbot, ui, "registerContinue")
    wait_for(qtbot, ui, "register_part_afternoon")
    assert not any(NUMBER in t for t in texts(ui, shown=True))  # once entered, only masked
    assert find(ui, "registerIntro").property("text").endswith("138****5678")  # type: ignore[union-attr]
    tap(qtbot, ui, "register_part_afternoon")
    tap(qtbot, ui, "registerSave")
    saved = wait_for(qtbot, ui, "registerSaved")

    [lead] = book.kept
    assert lead.phone == NUMBER and lead.staff == "S-1001" and lead.call_part == "afternoon"
    assert lead.service == "svc.ringback" and sent == [1]
    assert "138****5678" in saved.property("text")
    tap(qtbot, ui, "registerDone")
    qtbot.waitUntil(lambda: find(ui, "registerForm") is None)
    assert ui.kiosk.navigator.screen == "service"  # staff are back where they were


def test_cancel_forgets_the_number_on_screen_and_in_memory(qtbot: Any, staffed: Any, book: Book) -> None:
    ui, _ = staffed()
    to_number(qtbot, ui)

    tap(qtbot, ui, "registerCancel")

    qtbot.waitUntil(lambda: find(ui, "registerForm") is None)
    assert not any(NUMBER in t or "1381234" in t for t in texts(ui))
    assert ui.kiosk.register_controller.registration.digits == ""  # type: ignore[union-attr]
    assert book.kept == []


def test_the_sessions_idle_end_closes_the_form_and_forgets_the_number(qtbot: Any, staffed: Any) -> None:
    ui, _ = staffed()
    to_number(qtbot, ui)

    ui.kiosk.session_controller.end("idle")

    qtbot.waitUntil(lambda: find(ui, "registerForm") is None)
    assert not any(NUMBER in t or "1381234" in t for t in texts(ui))
    assert not ui.kiosk.register_controller.property("active")


def test_signing_out_closes_the_form(qtbot: Any, staffed: Any) -> None:
    ui, _ = staffed()
    to_number(qtbot, ui)

    ui.kiosk.register_controller.setProperty("staffSignedIn", False)

    qtbot.waitUntil(lambda: find(ui, "registerForm") is None)
    assert ui.kiosk.register_controller.registration.digits == ""  # type: ignore[union-attr]


def test_opened_with_no_service_on_show_the_form_is_about_the_top_tens_first(
    qtbot: Any, staffed: Any, book: Book
) -> None:
    ui, _ = staffed()
    tap(qtbot, ui, "attractTouchArea")
    wait_for(qtbot, ui, "homeScreen")

    assert ui.kiosk.register_controller.open("")

    registration = ui.kiosk.register_controller.registration
    assert registration is not None and registration.service is not None
    assert registration.service.service == ui.kiosk.content_controller.view.top10[0].id  # type: ignore[union-attr]
    wait_for(qtbot, ui, "registerConsent")
