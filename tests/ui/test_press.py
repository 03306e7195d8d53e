"""A pressed tile or card looks pressed in the first frame after the touch, and eases back."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.ui.shell import KioskShell
from tests.ui.kit import centre, tap, wait_for, wait_idle


@pytest.mark.parametrize(
    ("screen", "name", "pressed"),
    [
        ("home", "categoryTile_cat.music", 0.97),
        ("home", "offerCard_off.daily", 0.985),
        ("category", "serviceCard_svc.ringback", 0.97),
    ],
)
def test_a_press_shows_at_once_and_a_release_eases_back(
    qtbot: Any, ui: KioskShell, screen: str, name: str, pressed: float
) -> None:
    tap(qtbot, ui, "attractTouchArea")
    if screen == "category":
        tap(qtbot, ui, "categoryTile_cat.music")
    item = wait_for(qtbot, ui, name)
    wait_idle(qtbot, ui)
    nothing_there = QPoint(1, ui.window.height() - 2)

    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(item))
    # No event loop has run: the value the next frame draws is the pressed one, not the
    # start of an animation towards it (an unchanged first frame).
    assert item.scale() == pytest.approx(pressed)

    # Let go elsewhere (no click, the screen stays): it eases back, not in one jump (on a busy
    # machine a frame of the easing may already have run).
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, nothing_there)
    assert pressed - 1e-6 <= item.scale() < 1
    qtbot.waitUntil(lambda: item.scale() == 1)
