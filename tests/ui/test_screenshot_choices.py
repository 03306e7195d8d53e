"""`kiosk screenshot --category / --demo --scene / --offer`: the screen reached is the one
named, checked on the live UI the screenshot is taken of, and a name that is not on show is
refused with the names that are."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from kiosk.packs.model import Demo
from kiosk.ui.screenshot import Choice, drive, scene_path
from kiosk.ui.shell import KioskShell
from tests.ui.kit import build_catalog, build_pack, find, texts, wait_idle


def test_the_category_asked_for_is_opened(qtbot: Any, ui: KioskShell) -> None:
    drive(ui, "category", Choice(category="cat.data"))
    wait_idle(qtbot, ui)

    assert ui.kiosk.navigator.screen == "category"
    shown = texts(ui)
    assert "流量包" in shown and "云盘" in shown and "彩铃" not in shown


def test_an_unknown_category_is_refused_with_those_on_show(ui: KioskShell) -> None:
    with pytest.raises(
        ValueError, match=r"no category 'cat\.nope' on show; .*: cat\.music, cat\.data, cat\.pay"
    ):
        drive(ui, "category", Choice(category="cat.nope"))


@pytest.mark.parametrize(("scene", "shown"), [("set", "set"), ("2", "preview"), ("1", "pick")])
def test_the_demo_scene_asked_for_is_reached_by_tapping_through(
    qtbot: Any, ui: KioskShell, scene: str, shown: str
) -> None:
    drive(ui, "demo", Choice(demo="demo.ringback", scene=scene))
    wait_idle(qtbot, ui)

    assert ui.kiosk.navigator.screen == "demo"
    assert ui.kiosk.demo_controller.property("sceneId") == shown


def test_the_path_to_a_scene_is_the_shortest_run_of_taps_and_nexts(media: Any) -> None:
    demo: Demo = build_pack(media).demos[0]

    assert scene_path(demo, "pick") == ("pick", [])
    assert scene_path(demo, "set") == ("set", ["song1", None])
    with pytest.raises(
        ValueError, match=r"has no scene 'nope'; its scenes are: pick, preview, set \(or 1 to 3\)"
    ):
        scene_path(demo, "nope")
    with pytest.raises(ValueError, match=r"scene 'pick' of demo 'demo\.ringback' cannot be reached"):
        scene_path(replace(demo, start="preview"), "pick")


def test_a_demo_is_shown_only_through_a_service_that_opens_it(make_ui: Any, media: Any) -> None:
    pack = build_pack(media)
    hidden = build_catalog(replace(pack, services=tuple(replace(s, demo=None) for s in pack.services)))
    ui = make_ui(catalog=hidden)

    with pytest.raises(ValueError, match=r"demo 'demo\.ringback' is opened by no service on show"):
        drive(ui, "demo", Choice(demo="demo.ringback"))


def test_a_service_that_does_not_open_the_demo_is_refused(ui: KioskShell) -> None:
    with pytest.raises(ValueError, match=r"service 'svc\.radio' does not open demo 'demo\.ringback'"):
        drive(ui, "demo", Choice(service="svc.radio", demo="demo.ringback"))


def test_the_offer_asked_for_is_the_card_on_the_home_carousel(qtbot: Any, ui: KioskShell) -> None:
    drive(ui, "home", Choice(offer="off.data"))
    wait_idle(qtbot, ui)

    carousel = find(ui, "offersList")
    assert carousel is not None and carousel.property("currentIndex") == 1
    qtbot.waitUntil(lambda: carousel.property("contentX") == carousel.property("currentItem").x())


def test_the_offer_asked_for_shows_on_its_service(qtbot: Any, ui: KioskShell) -> None:
    drive(ui, "service", Choice(offer="off.data"))
    wait_idle(qtbot, ui)

    assert ui.kiosk.content_controller.service_id == "svc.datapack"
    assert any("首月立减5元" in t or "流量节" in t for t in texts(ui))


def test_an_offer_not_on_show_is_refused_with_those_that_are(ui: KioskShell) -> None:
    with pytest.raises(
        ValueError, match=r"no offer 'off\.nope' on show now; the offers on show are: off\.daily, off\.data"
    ):
        drive(ui, "home", Choice(offer="off.nope"))
