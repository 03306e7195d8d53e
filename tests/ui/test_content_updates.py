"""Screens follow the content: validity windows opening and closing, and the language."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

from kiosk.packs.model import HourRange, Validity
from kiosk.ui.shell import KioskShell
from tests.ui.kit import (
    FakeClock,
    build_catalog,
    build_pack,
    events,
    find,
    local,
    tap,
    texts,
    wait_for,
    wait_idle,
)

DAY = date(2026, 11, 20)
LUNCH = Validity(hours=(HourRange(time(10), time(14)),))
AFTERNOON = Validity(hours=(HourRange(time(14), time(22)),))


def windowed_ui(make_ui: Any, media: dict[str, Path], start: tuple[int, int, float]) -> KioskShell:
    """The test content with the daily deal and the radio shown 10:00-14:00 and the cloud
    from 14:00, on a clock that starts at `start` (local time) and runs."""
    pack = build_pack(media)
    offers = tuple(replace(o, valid=LUNCH) if o.id == "off.daily" else o for o in pack.offers)
    services = tuple(
        replace(s, valid=LUNCH)
        if s.id == "svc.radio"
        else replace(s, valid=AFTERNOON)
        if s.id == "svc.cloud"
        else s
        for s in pack.services
    )
    catalog = build_catalog(replace(pack, offers=offers, services=services))
    return make_ui(catalog=catalog, clock=FakeClock(local(DAY, *start)))


def test_models_update_in_place_when_a_validity_window_closes_and_another_opens(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    ui = windowed_ui(make_ui, media, (13, 59, 59.0))
    content = ui.kiosk.content_controller
    top10 = content.property("top10")
    offers = content.property("offers")
    assert top10.ids() == ["svc.ringback", "svc.datapack", "svc.pay", "svc.radio"]
    assert offers.ids() == ["off.daily", "off.data"]
    assert top10.get(0)["priceNow"] == "¥4.00/月"
    assert content.next_check_ms() <= 1100  # a timer set to the window's edge

    qtbot.waitUntil(lambda: "svc.radio" not in top10.ids(), timeout=3000)

    assert top10.ids() == ["svc.ringback", "svc.datapack", "svc.cloud", "svc.pay"]
    assert offers.ids() == ["off.data"]
    assert top10.get(0)["priceNow"] == "¥5.00/月"
    assert not top10.get(0)["discounted"]


def test_home_screen_changes_without_a_restart_when_a_campaign_ends(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    ui = windowed_ui(make_ui, media, (13, 59, 58.5))
    tap(qtbot, ui, "attractTouchArea")
    wait_for(qtbot, ui, "homeScreen")
    assert find(ui, "offerCard_off.daily") is not None
    assert find(ui, "topTen_svc.radio") is not None

    qtbot.waitUntil(lambda: find(ui, "topTen_svc.radio") is None, timeout=4000)

    assert find(ui, "topTen_svc.cloud") is not None
    qtbot.waitUntil(lambda: find(ui, "offerCard_off.daily") is None)
    assert ui.kiosk.navigator.stack == ["home"]


def test_a_service_whose_window_closes_while_open_returns_the_customer_home(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    ui = windowed_ui(make_ui, media, (13, 59, 58.0))
    tap(qtbot, ui, "attractTouchArea")
    tap(qtbot, ui, "topTen_svc.radio")
    wait_for(qtbot, ui, "serviceScreen")

    qtbot.waitUntil(lambda: ui.kiosk.navigator.stack == ["home"], timeout=5000)

    wait_for(qtbot, ui, "homeScreen")


def test_the_view_is_rechecked_at_least_every_minute(qtbot: Any, ui: KioskShell) -> None:
    # The test content has no windows at all: nothing to wait for but clock jumps.
    assert 59_000 <= ui.kiosk.content_controller.next_check_ms() <= 60_000


def test_language_switch_changes_every_text_in_place(qtbot: Any, ui: KioskShell) -> None:
    tap(qtbot, ui, "attractTouchArea")
    tap(qtbot, ui, "topTen_svc.ringback")
    wait_for(qtbot, ui, "serviceScreen")
    wait_idle(qtbot, ui)
    before = texts(ui)
    assert {"彩铃", "体验演示", "立即办理", "¥4.00/月"} <= set(before)

    tap(qtbot, ui, "language_en")

    qtbot.waitUntil(lambda: "Ring-back tones" in texts(ui))
    after = set(texts(ui))
    assert {
        "Try the demo",
        "Watch the video",
        "Subscribe",
        "¥4.00/month",
        "Back",
        "Callers hear your favourite song.",
    } <= after
    assert not after & {"彩铃", "体验演示", "立即办理"}
    assert ui.kiosk.navigator.stack == ["home", "service"]
    changes = [e["data"] for e in events(ui) if e["kind"] == "language_change"]
    assert changes == [{"from": "zh-CN", "to": "en"}]


def test_language_switch_in_the_demo_keeps_the_step(qtbot: Any, ui: KioskShell) -> None:
    tap(qtbot, ui, "attractTouchArea")
    tap(qtbot, ui, "topTen_svc.ringback")
    tap(qtbot, ui, "tryDemoButton")
    tap(qtbot, ui, "hotspot_song1")
    qtbot.waitUntil(lambda: find(ui, "stepLabel").property("text") == "第2步，共3步")

    tap(qtbot, ui, "language_en")

    qtbot.waitUntil(lambda: find(ui, "stepLabel").property("text") == "Step 2 of 3")
    assert find(ui, "demoCaption").property("text") == "Listen"
