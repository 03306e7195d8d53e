"""The idle clock: "still there?", a touch that carries on, and the reset to attract."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtQuick import QQuickItem

from kiosk.config import Settings
from kiosk.ui.shell import KioskShell
from tests.fakes import ManualClock
from tests.ui.kit import events, find, find_object, kinds, tap, texts, wait_for, wait_idle


def start(qtbot: Any, ui: KioskShell) -> None:
    tap(qtbot, ui, "attractTouchArea")
    wait_for(qtbot, ui, "homeScreen")
    wait_idle(qtbot, ui)


def test_idle_session_warns_then_resets_to_attract_with_everything_cleared(
    qtbot: Any, make_ui: Any, settings: Settings
) -> None:
    clock = ManualClock()
    ui = make_ui(settings=replace(settings, idle_timeout_s=60, idle_countdown_s=3), now=clock)
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "language_en")
    tap(qtbot, ui, "tryDemoButton")
    wait_for(qtbot, ui, "demoScreen")
    wait_idle(qtbot, ui)

    clock.advance(60)
    ui.kiosk.session_controller.tick()
    wait_for(qtbot, ui, "idleOverlay")
    clock.advance(3)
    ui.kiosk.session_controller.tick()
    wait_for(qtbot, ui, "attractScreen")

    wait_idle(qtbot, ui)
    k = ui.kiosk
    assert k.navigator.stack == ["attract"]
    assert k.language_controller.language == "zh-CN"
    assert not k.session_controller.property("active")
    assert not k.session_controller.property("warning")
    assert not k.demo_controller.property("active")
    assert find(ui, "demoScreen") is None
    ended = [e for e in events(ui) if e["kind"] == "session_end"]
    assert ended[0]["data"]["reason"] == "idle"
    assert kinds(ui).count("demo_end") == 1  # the unfinished demo was recorded as left


def test_a_touch_on_the_warning_carries_on_where_the_customer_was(
    qtbot: Any, make_ui: Any, settings: Settings
) -> None:
    ui = make_ui(settings=replace(settings, idle_countdown_s=30))
    start(qtbot, ui)
    tap(qtbot, ui, "categoryTile_cat.music")
    wait_for(qtbot, ui, "categoryScreen")
    wait_idle(qtbot, ui)
    ui.kiosk.session_controller.expire()
    wait_for(qtbot, ui, "idleOverlay")

    # A touch anywhere: here, where the Back button is under the warning.
    tap(qtbot, ui, "idleContinueArea")

    qtbot.waitUntil(lambda: not ui.kiosk.session_controller.property("warning"))
    assert ui.kiosk.navigator.stack == ["home", "category"]  # Back was not pressed
    assert ui.kiosk.session_controller.property("active")


def test_start_over_ends_the_session_at_once(qtbot: Any, make_ui: Any, settings: Settings) -> None:
    ui = make_ui(settings=replace(settings, idle_countdown_s=30))
    start(qtbot, ui)
    ui.kiosk.session_controller.expire()

    tap(qtbot, ui, "idleStartOverButton")

    wait_for(qtbot, ui, "attractScreen")
    ended = [e["data"]["reason"] for e in events(ui) if e["kind"] == "session_end"]
    assert ended == ["user"]


def test_touches_keep_the_session_alive(qtbot: Any, make_ui: Any, settings: Settings) -> None:
    clock = ManualClock()
    ui = make_ui(settings=replace(settings, idle_timeout_s=60, idle_countdown_s=3), now=clock)
    session = ui.kiosk.session_controller
    start(qtbot, ui)

    for name in ("categoryTile_cat.music", "backButton", "categoryTile_cat.data", "backButton"):
        clock.advance(59)  # customer-paced: each pause is shorter than the idle time
        session.tick()
        tap(qtbot, ui, name)

    clock.advance(59)
    session.tick()
    assert not session.property("warning")
    assert session.property("active")
    clock.advance(1)
    session.tick()
    assert session.property("warning")  # a minute after the last touch


def test_a_playing_video_holds_the_idle_clock(qtbot: Any, make_ui: Any, settings: Settings) -> None:
    clock = ManualClock()
    ui = make_ui(settings=replace(settings, idle_timeout_s=60, idle_countdown_s=3), now=clock)
    session = ui.kiosk.session_controller
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "watchVideoButton")
    video = ui.kiosk.video_controller
    qtbot.waitUntil(lambda: video.property("playing"))

    clock.advance(600)  # ten minutes of watching
    session.tick()
    assert not session.property("warning")

    qtbot.waitUntil(lambda: ui.kiosk.navigator.stack[-1] == "service", timeout=6000)
    assert [e["data"]["completed"] for e in events(ui) if e["kind"] == "video_end"] == [True]
    assert "session_end" not in kinds(ui)
    clock.advance(60)  # the clock runs again once the video is over
    session.tick()
    assert session.property("warning")


def test_every_event_of_a_session_carries_its_id(qtbot: Any, ui: KioskShell) -> None:
    start(qtbot, ui)
    tap(qtbot, ui, "topTen_svc.cloud")
    tap(qtbot, ui, "language_en")
    tap(qtbot, ui, "homeButton")
    ui.kiosk.navigator.endSession()
    wait_for(qtbot, ui, "attractScreen")
    start(qtbot, ui)

    recorded = events(ui)
    sessions = [e["session"] for e in recorded]
    assert None not in sessions
    assert len(set(sessions)) == 2
    assert [e["kind"] for e in recorded][:5] == [
        "session_start",
        "service_open",
        "language_change",
        "session_end",
        "session_start",
    ]


def test_home_is_made_while_the_attract_loop_runs_and_afresh_for_every_session(
    qtbot: Any, ui: KioskShell
) -> None:
    nursery = find_object(ui, "homeNursery")
    assert isinstance(nursery, QQuickItem)
    qtbot.waitUntil(lambda: len(nursery.childItems()) == 1, timeout=5000)
    first = nursery.childItems()[0]
    assert first.objectName() == "homeScreen"
    assert find(ui, "homeScreen") is None  # made, but not on show
    stack = find(ui, "stack")
    assert stack is not None

    start(qtbot, ui)  # the touch only shows it
    assert stack.property("currentItem") == first
    assert nursery.childItems() == []
    offers = find(ui, "offersList")
    assert offers is not None and offers.property("count") > 1
    offers.setProperty("currentIndex", 1)
    tap(qtbot, ui, "language_en")
    assert "Offers for you" in texts(ui)

    ui.kiosk.navigator.endSession()
    wait_for(qtbot, ui, "attractScreen")
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))  # the session's home is gone
    qtbot.waitUntil(lambda: len(nursery.childItems()) == 1, timeout=5000)
    second = nursery.childItems()[0]

    start(qtbot, ui)
    assert stack.property("currentItem") == second
    offers = find(ui, "offersList")
    assert offers is not None and offers.property("currentIndex") == 0
    assert ui.kiosk.language_controller.language == "zh-CN"
    assert "Offers for you" not in texts(ui)
