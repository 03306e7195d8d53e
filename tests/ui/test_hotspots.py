"""A demo scene's hotspots by touch: two targets close together (a Confirm over a Not now,
as in the sample's ring-back demo) each take their own touches, in a portrait window where
the picture is small and a finger-sized margin reaches into the neighbour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.domain.catalog import Catalog
from kiosk.packs.model import Demo, Hotspot, Scene
from kiosk.ui.driver import placed
from kiosk.ui.shell import KioskShell
from tests.ui.kit import build_catalog, build_pack, find, t, tap, wait_for, wait_idle


@pytest.fixture
def catalog(media: dict[str, Path]) -> Catalog:
    pack = build_pack(media)
    demo = Demo(
        "demo.ringback",
        t("彩铃体验", "Try ring-back tones"),
        "confirm",
        (
            Scene(
                "confirm",
                t("确认", "Confirm"),
                image=media["scene1"],
                hotspots=(
                    Hotspot("yes", (0.2271, 0.7963, 0.2125, 0.0833), t("确认", "Confirm"), "yes"),
                    Hotspot("no", (0.2708, 0.887, 0.125, 0.0426), t("再想想", "Not now"), "no"),
                ),
            ),
            Scene("yes", t("已开通", "Done"), image=media["scene2"]),
            Scene("no", t("没关系", "Maybe later"), image=media["scene3"]),
        ),
    )
    return build_catalog(replace(pack, demos=(demo,)))


def open_demo(qtbot: Any, ui: KioskShell) -> None:
    nav = ui.kiosk.navigator
    nav.start()
    nav.openService("svc.ringback", "top10")
    nav.openDemo()
    wait_idle(qtbot, ui)
    # The hotspots are sized from the scene's picture, which loads asynchronously.
    for name in ("hotspot_yes", "hotspot_no", "hotspotLabel_no"):
        item = wait_for(qtbot, ui, name)
        qtbot.waitUntil(lambda item=item: placed(item))


def press_at(ui: KioskShell, name: str, x: float, y: float) -> None:
    """A touch at (x, y) of the item's own box."""
    item = find(ui, name)
    assert item is not None
    p = item.mapToScene(QPointF(x, y))
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p.toPoint())


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_each_of_two_close_hotspots_takes_the_touches_on_it(
    make_ui: Callable[..., KioskShell], qtbot: Any, size: tuple[int, int]
) -> None:
    ui = make_ui(size=size)
    demo = ui.kiosk.demo_controller
    open_demo(qtbot, ui)
    yes, no = find(ui, "hotspot_yes"), find(ui, "hotspot_no")
    assert yes is not None and no is not None
    # The small one's finger-sized margin reaches over the other's area.
    assert no.height() < 80  # Theme.touchMin at this size

    # Its lower edge, where the neighbour's margin lies: still the one touched.
    press_at(ui, "hotspot_yes", yes.width() / 2, yes.height() - 2)
    qtbot.waitUntil(lambda: demo.property("sceneId") == "yes")
    demo.restart()
    qtbot.waitUntil(lambda: demo.property("sceneId") == "confirm")
    tap(qtbot, ui, "hotspot_no")
    qtbot.waitUntil(lambda: demo.property("sceneId") == "no")


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_a_hotspots_label_covers_no_other_hotspot_and_a_touch_on_it_counts(
    make_ui: Callable[..., KioskShell], qtbot: Any, size: tuple[int, int]
) -> None:
    ui = make_ui(size=size)
    demo = ui.kiosk.demo_controller
    open_demo(qtbot, ui)
    yes = find(ui, "hotspot_yes")
    label = find(ui, "hotspotLabel_no")
    assert yes is not None and label is not None
    a = yes.mapRectToScene(yes.boundingRect())
    b = label.mapRectToScene(label.boundingRect())
    overlap = a.intersected(b)
    assert overlap.width() * overlap.height() < 0.15 * a.width() * a.height(), (a, b)

    press_at(ui, "hotspotLabel_no", label.width() / 2, label.height() / 2)
    qtbot.waitUntil(lambda: demo.property("sceneId") == "no")
