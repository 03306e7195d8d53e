"""The maintenance screen in the real window: the corner held, the PIN pad, the screen's
buttons, and going back to customers. The gate's rules are tested in tests/flow; here the
wiring, with the same hand-moved clock (`now`) where time matters."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.config import Settings
from kiosk.flow.maintenance import HOLD_S, PAD_IDLE_S, SCREEN_IDLE_S
from kiosk.flow.pin import KeptPin, keep
from kiosk.sync.admin import PinFile
from kiosk.ui.navigation import ATTRACT, CATEGORY, HOME, MAINTENANCE
from kiosk.ui.scene import named
from kiosk.ui.shell import KioskShell
from tests.fakes import ManualClock
from tests.ui.kit import events, find, kinds, tap, texts, wait_for, wait_idle

PIN = "802413"


@pytest.fixture(scope="module")
def kept() -> KeptPin:
    return keep(PIN)


@pytest.fixture
def with_pin(settings: Settings, kept: KeptPin) -> Settings:
    PinFile(settings.data_dir).save(kept)
    return replace(settings, language="en")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def gathered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The status as `kiosk status` would give it for a kiosk not enrolled, gathered instantly;
    the threads it was gathered on, kept."""
    threads: list[str] = []

    def gather(settings: Settings) -> dict[str, Any]:
        threads.append(threading.current_thread().name)
        return {
            "identity": None,
            "hq": None,
            "active": None,
            "previous": None,
            "showing": "bundled sample",
            "last_sync": None,
            "outbox": {"pending": 3, "by_kind": {"session_start": 3}},
            "disk": {"free_bytes": 80_000_000_000, "total_bytes": 200_000_000_000},
            "clock_skew_s": None,
        }

    monkeypatch.setattr("kiosk.ui.maintenance._gather", gather)
    return threads


def corner(shell: KioskShell) -> QPoint:
    return QPoint(60, 60)


def hold_corner(shell: KioskShell, clock: ManualClock, seconds: float) -> None:
    QTest.mousePress(shell.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner(shell))
    clock.advance(seconds)
    shell.kiosk.maintenance_controller.tick()


def release_corner(shell: KioskShell) -> None:
    QTest.mouseRelease(shell.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner(shell))


def type_pin(qtbot: Any, shell: KioskShell, pin: str) -> None:
    for d in pin:
        tap(qtbot, shell, f"pinKey_{d}")
    tap(qtbot, shell, "pinKey_ok")


def pad_shown(shell: KioskShell) -> bool:
    return find(shell, "pinPad") is not None


def open_screen(qtbot: Any, shell: KioskShell) -> None:
    shell.kiosk.maintenance_controller.open_pad()
    type_pin(qtbot, shell, PIN)
    wait_for(qtbot, shell, "maintenanceScreen")
    wait_idle(qtbot, shell)


@pytest.fixture
def ui_at(
    gathered: list[str], make_ui: Callable[..., KioskShell], clock: ManualClock, with_pin: Settings
) -> KioskShell:
    return make_ui(now=clock, settings=with_pin)


# -- the way in -------------------------------------------------------------------------


def test_the_pad_is_made_in_the_background_before_anyone_asks_for_it(
    make_ui: Callable[..., KioskShell], qtbot: Any
) -> None:
    shell = make_ui()
    loader = named(shell.window.contentItem(), "pinPadLoader")
    assert loader is not None

    qtbot.waitUntil(lambda: loader.property("item") is not None)

    assert not pad_shown(shell)


def test_the_corner_held_three_seconds_opens_the_pad_and_the_press_touches_nothing_under_it(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any
) -> None:
    nav = ui_at.kiosk.navigator
    hold_corner(ui_at, clock, HOLD_S - 0.1)
    assert not pad_shown(ui_at)

    clock.advance(0.1)
    ui_at.kiosk.maintenance_controller.tick()
    qtbot.waitUntil(lambda: pad_shown(ui_at))
    release_corner(ui_at)

    assert nav.screen == ATTRACT  # the release started no session
    assert "Enter the maintenance PIN." in texts(ui_at)
    assert "maintenance_pad_open" in kinds(ui_at)


def test_a_short_press_in_the_corner_is_an_ordinary_touch(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any
) -> None:
    hold_corner(ui_at, clock, 1.0)
    release_corner(ui_at)
    clock.advance(HOLD_S)
    ui_at.kiosk.maintenance_controller.tick()

    assert not pad_shown(ui_at)
    assert ui_at.kiosk.navigator.screen == HOME  # the attract loop took the tap as usual


def test_holding_the_corner_over_the_back_button_does_not_go_back(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any
) -> None:
    nav = ui_at.kiosk.navigator
    nav.start()
    view = ui_at.kiosk.content_controller.view
    nav.openCategory(view.categories[0].id)
    back = wait_for(qtbot, ui_at, "backButton")
    wait_idle(qtbot, ui_at)
    assert back.contains(back.mapFromScene(corner(ui_at).toPointF()))

    hold_corner(ui_at, clock, HOLD_S)
    qtbot.waitUntil(lambda: pad_shown(ui_at))
    release_corner(ui_at)

    assert nav.screen == CATEGORY


def test_a_wrong_pin_says_how_many_tries_are_left_and_the_digits_are_not_recorded(
    ui_at: KioskShell, qtbot: Any
) -> None:
    ui_at.kiosk.maintenance_controller.open_pad()
    type_pin(qtbot, ui_at, "000001")

    qtbot.waitUntil(lambda: "Wrong PIN. Tries left before the pad locks: 4." in texts(ui_at))
    wrong = [e for e in events(ui_at) if e["kind"] == "maintenance_pin_wrong"]
    assert [e["data"] for e in wrong] == [{"tries_left": 4}]
    assert "000001" not in repr(events(ui_at))


def test_after_five_wrong_pins_the_pad_shows_the_wait_counting_down_and_takes_no_digits(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any
) -> None:
    ui_at.kiosk.maintenance_controller.open_pad()
    for _ in range(5):
        type_pin(qtbot, ui_at, "000001")

    qtbot.waitUntil(lambda: "Too many wrong PINs. Try again in 5:00." in texts(ui_at))
    key = find(ui_at, "pinKey_8")
    assert key is not None and not key.isEnabled()
    assert "maintenance_pin_locked" in kinds(ui_at)
    clock.advance(61)
    ui_at.kiosk.maintenance_controller.touch()
    ui_at.kiosk.maintenance_controller.tick()
    qtbot.waitUntil(lambda: "Too many wrong PINs. Try again in 3:59." in texts(ui_at))


def test_the_pad_closes_itself_after_a_minute_untouched(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any
) -> None:
    ui_at.kiosk.maintenance_controller.open_pad()
    tap(qtbot, ui_at, "pinKey_8")
    clock.advance(PAD_IDLE_S)
    ui_at.kiosk.maintenance_controller.tick()
    qtbot.waitUntil(lambda: not pad_shown(ui_at))
    assert ui_at.kiosk.maintenance_controller.shown_pad.digits == 0


def test_with_no_pin_set_the_pad_says_how_to_set_one(make_ui: Callable[..., KioskShell], qtbot: Any) -> None:
    shell = make_ui()
    shell.kiosk.maintenance_controller.open_pad()
    qtbot.waitUntil(lambda: any("kiosk admin-pin" in t for t in texts(shell)))


def test_the_right_pin_ends_the_customers_session_and_opens_the_screen_with_the_status(
    ui_at: KioskShell, qtbot: Any, gathered: list[str]
) -> None:
    nav = ui_at.kiosk.navigator
    nav.start()
    assert ui_at.kiosk.session_controller.property("active")

    open_screen(qtbot, ui_at)

    assert nav.screen == MAINTENANCE and nav.stack == [MAINTENANCE]
    assert not ui_at.kiosk.session_controller.property("active")
    assert not pad_shown(ui_at)
    qtbot.waitUntil(lambda: "Not enrolled (kiosk enroll)" in texts(ui_at))
    assert "3 waiting" in texts(ui_at)
    assert threads_were_not_the_ui_thread(gathered)
    staff = [e for e in events(ui_at) if e["kind"].startswith("maintenance_")]
    assert [e["kind"] for e in staff] == ["maintenance_pad_open", "maintenance_open"]
    assert all(e["session"] is None for e in staff)  # the staff's, not the customer's


def threads_were_not_the_ui_thread(threads: list[str]) -> bool:
    return bool(threads) and threading.main_thread().name not in threads


def test_the_status_is_what_kiosk_status_gathers_without_hq_it_says_so_plainly(
    make_ui: Callable[..., KioskShell], with_pin: Settings, qtbot: Any
) -> None:
    shell = make_ui(settings=with_pin)
    open_screen(qtbot, shell)
    qtbot.waitUntil(lambda: shell.kiosk.maintenance_controller.shown_face.gathered, timeout=30_000)
    shown = texts(shell)
    assert "Not enrolled (kiosk enroll)" in shown and "None: this kiosk is not enrolled" in shown
    assert "Bundled sample content" in shown


def test_without_sync_running_sync_and_roll_back_are_off_and_it_says_why(
    ui_at: KioskShell, qtbot: Any, gathered: list[str]
) -> None:
    open_screen(qtbot, ui_at)
    qtbot.waitUntil(lambda: ui_at.kiosk.maintenance_controller.shown_face.gathered)
    assert "Sync is not running in this window." in texts(ui_at)
    for name in ("maintenanceSync", "maintenanceRollBack"):
        button = find(ui_at, name)
        assert button is not None and not button.isEnabled()


def test_the_self_test_lists_its_checks(ui_at: KioskShell, qtbot: Any, gathered: list[str]) -> None:
    open_screen(qtbot, ui_at)
    tap(qtbot, ui_at, "maintenanceSelfTest")

    controller = ui_at.kiosk.maintenance_controller
    qtbot.waitUntil(lambda: controller.shown_face.tested, timeout=60_000)
    names = [
        controller.property("checks").get(i)["name"] for i in range(controller.property("checks").rowCount())
    ]
    assert {"enrolment", "ledger", "disk"} <= set(names)
    summary = find(ui_at, "maintenanceChecksSummary")
    assert summary is not None and "checks passed" in summary.property("text")
    # The results take the status's place; the status is a tap away.
    qtbot.waitUntil(lambda: any(t.startswith("Event ledger — ") for t in texts(ui_at)))
    assert "This kiosk" not in texts(ui_at)
    tap(qtbot, ui_at, "maintenanceTab_status")
    qtbot.waitUntil(lambda: "This kiosk" in texts(ui_at))
    assert "maintenance_self_test" in kinds(ui_at)


def test_exit_to_the_desktop_asks_first_then_quits_and_is_recorded(
    make_ui: Callable[..., KioskShell],
    with_pin: Settings,
    qtbot: Any,
    gathered: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    quits: list[bool] = []
    monkeypatch.setattr("kiosk.ui.maintenance._quit_app", lambda: quits.append(True))
    shell = make_ui(settings=with_pin)
    open_screen(qtbot, shell)

    tap(qtbot, shell, "maintenanceExit")
    assert quits == []
    tap(qtbot, shell, "maintenanceExitConfirm")

    assert quits == [True]
    recorded = events(shell)
    assert [e["kind"] for e in recorded][-2:] == ["maintenance_exit", "maintenance_close"]
    assert recorded[-1]["data"] == {"reason": "exit"}


def test_back_to_customers_and_two_minutes_idle_both_return_to_the_attract_loop(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any, gathered: list[str]
) -> None:
    nav = ui_at.kiosk.navigator
    open_screen(qtbot, ui_at)
    tap(qtbot, ui_at, "maintenanceClose")
    assert nav.screen == ATTRACT

    open_screen(qtbot, ui_at)
    clock.advance(SCREEN_IDLE_S - 1)
    QTest.mouseClick(
        ui_at.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(900, 900)
    )
    clock.advance(SCREEN_IDLE_S - 1)
    ui_at.kiosk.maintenance_controller.tick()
    assert nav.screen == MAINTENANCE  # a touch kept it open

    clock.advance(1)
    ui_at.kiosk.maintenance_controller.tick()
    assert nav.screen == ATTRACT
    wait_for(qtbot, ui_at, "attractScreen")
    closes = [e["data"] for e in events(ui_at) if e["kind"] == "maintenance_close"]
    assert closes == [{"reason": "closed"}, {"reason": "idle"}]


def test_the_screen_and_the_pad_fit_both_orientations_with_large_keys(
    make_ui: Callable[..., KioskShell], with_pin: Settings, qtbot: Any, gathered: list[str], tmp_path: Path
) -> None:
    for size in ((1920, 1080), (1080, 1920)):
        shell = make_ui(settings=with_pin, size=size)
        shell.kiosk.maintenance_controller.open_pad()
        key = wait_for(qtbot, shell, "pinKey_5")
        assert min(key.width(), key.height()) >= 64
        card_bottom = key.mapToScene(key.boundingRect().bottomRight())
        assert card_bottom.y() < size[1] and card_bottom.x() < size[0]
        type_pin(qtbot, shell, PIN)
        for name in ("maintenanceSync", "maintenanceRollBack", "maintenanceSelfTest", "maintenanceExit"):
            button = wait_for(qtbot, shell, name)
            assert button.height() >= 64 and button.width() <= size[0]


def test_a_finger_on_a_touch_screen_opens_the_pad_the_same_way(
    ui_at: KioskShell, clock: ManualClock, qtbot: Any
) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(ui_at.window, device).press(0, corner(ui_at)).commit()
    clock.advance(HOLD_S)
    ui_at.kiosk.maintenance_controller.tick()
    qtbot.waitUntil(lambda: pad_shown(ui_at))
    QTest.touchEvent(ui_at.window, device).release(0, corner(ui_at)).commit()

    assert ui_at.kiosk.navigator.screen == ATTRACT


def test_a_status_that_cannot_be_gathered_says_what_failed(
    make_ui: Callable[..., KioskShell], with_pin: Settings, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(settings: Settings) -> dict[str, Any]:
        raise OSError("the data folder cannot be read")

    monkeypatch.setattr("kiosk.ui.maintenance._gather", broken)
    shell = make_ui(settings=with_pin)
    open_screen(qtbot, shell)
    qtbot.waitUntil(lambda: "OSError: the data folder cannot be read" in texts(shell))
    assert "Failed" in texts(shell) and "Not enrolled (kiosk enroll)" not in texts(shell)
