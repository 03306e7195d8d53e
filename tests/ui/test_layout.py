"""Every screen fits both orientations, and a kiosk without content is never blank."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.ui.shell import KioskShell
from tests.ui.kit import find, items, texts, wait_for, wait_idle

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def go(ui: KioskShell, screen: str) -> None:
    nav = ui.kiosk.navigator
    if screen == "attract":
        return
    nav.start()
    if screen == "idle":
        ui.kiosk.session_controller.expire()
    if screen == "category":
        nav.openCategory("cat.music")
    if screen in ("service", "demo", "demo-end", "video", "subscribe"):
        nav.openService("svc.ringback", "top10")
    if screen in ("demo", "demo-end"):
        nav.openDemo()
    if screen == "demo-end":
        demo = ui.kiosk.demo_controller
        demo.tap("song1")
        demo.next()
        demo.next()
    if screen == "video":
        nav.openVideo()
    if screen == "subscribe":
        nav.openSubscribe()


def visible_rect(item: QQuickItem) -> QRectF:
    """The part of `item` on screen, after every clipping ancestor."""
    rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(parent.mapRectToScene(QRectF(0, 0, parent.width(), parent.height())))
        parent = parent.parentItem()
    return rect


def shown(item: QQuickItem) -> bool:
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True


def out_of_window(ui: KioskShell) -> list[str]:
    window = QRectF(0, 0, ui.window.width(), ui.window.height())
    bad = []
    for it in items(ui.window.contentItem()):
        text = it.property("text")
        named = bool(it.objectName())
        if not (named or (isinstance(text, str) and text)) or not shown(it):
            continue
        if it.width() <= 0 or it.height() <= 0:
            continue
        rect = visible_rect(it)
        if rect.isEmpty():
            continue  # scrolled or clipped out of sight
        if not window.adjusted(-1, -1, 1, 1).contains(rect):
            bad.append(f"{it.objectName() or text!r} at {rect}")
    return bad


def small_targets(ui: KioskShell) -> list[str]:
    """Buttons and tappable cards smaller than a finger (72 px at 1080p)."""
    bad = []
    for it in items(ui.window.contentItem()):
        name = it.objectName()
        if not name or not shown(it) or "Button" not in type(it).__name__ + name:
            continue
        if min(it.width(), it.height()) < 72:
            bad.append(f"{name} {it.width()}x{it.height()}")
    return bad


SCREENS = ["attract", "home", "category", "service", "demo", "demo-end", "video", "subscribe", "idle"]


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_every_screen_fits_the_window(qtbot: Any, make_ui: Any, size: tuple[int, int]) -> None:
    ui = make_ui(size=size)
    problems = {}
    for screen in SCREENS:
        if screen != "attract":
            ui.kiosk.navigator.endSession()
            wait_for(qtbot, ui, "attractScreen")
        go(ui, screen)
        wait_idle(qtbot, ui)
        bad = out_of_window(ui) + small_targets(ui)
        if bad:
            problems[screen] = bad
    assert problems == {}


def test_out_of_service_screen_shows_when_there_is_no_content(qtbot: Any, make_ui: Any) -> None:
    ui = make_ui(catalog=None)

    wait_for(qtbot, ui, "outOfServiceScreen")

    assert {"暂停服务", "Temporarily out of service"} <= set(texts(ui))
    assert ui.kiosk.navigator.stack == ["outOfService"]
    ui.kiosk.navigator.start()  # a touch does not start a session without content
    assert ui.kiosk.navigator.stack == ["outOfService"]
    assert find(ui, "attractScreen") is None


def test_out_of_service_screen_fits_portrait(qtbot: Any, make_ui: Any) -> None:
    ui = make_ui(catalog=None, size=PORTRAIT)

    wait_for(qtbot, ui, "outOfServiceScreen")

    assert out_of_window(ui) == []
