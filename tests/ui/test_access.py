"""A kiosk everyone can use, through the real window: easy mode (text, contrast, fewer a
row, the slower pace), reach mode (everything to touch in the lower two thirds), an
accessible role and name on everything a finger can use, on every screen of the journey in
both languages, and the idle warning's More time."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import SIGNAL, QRectF
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.flow.access import EASY_PACE, EASY_TEXT_SCALE
from kiosk.ui.scene import items, shown
from kiosk.ui.screenshot import SESSION_STAFF_SCREENS, SUBSCRIBE_SCREENS, drive_staff, walk_subscribe
from kiosk.ui.shell import KioskShell
from tests.fakes import ManualClock
from tests.ui.kit import build_catalog, build_pack, events, find, tap, wait_for, wait_idle
from tests.ui.test_layout import go, visible_rect
from tests.ui.test_subscribe import HQ, TERMS, Book, Hq

LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)
#: The journey's screens (tests.ui.test_layout.go reaches them) and the subscribe steps.
JOURNEY = ["attract", "home", "category", "service", "demo", "demo-end", "video", "idle", "subscribe"]
STEPS = list(SUBSCRIBE_SCREENS)


@pytest.fixture
def terms_catalog(media: dict[str, Path]) -> Catalog:
    """The test content with subscription terms on every service but the cloud storage (the
    counter screen's)."""
    pack = build_pack(media)
    services = tuple(s if s.id == "svc.cloud" else replace(s, terms=TERMS) for s in pack.services)
    return build_catalog(replace(pack, services=services))


@pytest.fixture
def shop(make_ui: Any, terms_catalog: Catalog) -> Any:
    """A kiosk enrolled at HQ, so the subscribe flow shows: `shop(**make_ui_args)`."""

    def make(**kwargs: Any) -> KioskShell:
        ui: KioskShell = make_ui(catalog=terms_catalog, **kwargs)
        ui.use_orders(Book(), Hq(), lambda: HQ)
        return ui

    return make


def theme(ui: KioskShell) -> Any:
    t = ui.engine.singletonInstance("Kiosk", "Theme")
    assert t is not None
    return t


def qml(item: QQuickItem, expression: str) -> Any:
    context = QQmlEngine.contextForObject(item)
    assert context is not None
    value, error = QQmlExpression(context, item, expression).evaluate()
    assert not error, expression
    return value


def show(qtbot: Any, ui: KioskShell, screen: str, lang: str) -> None:
    """`screen` (a journey's screen, a subscribe step, or the maintenance screen) in `lang`,
    from a fresh attract loop."""
    nav = ui.kiosk.navigator
    nav.endSession()
    if nav.screen != "attract":
        ui.kiosk.maintenance_controller.close()
    wait_for(qtbot, ui, "attractScreen")
    ui.kiosk.language_controller.choose(lang)
    if screen == "maintenance":
        ui.kiosk.maintenance_controller.open_without_pin()
        ui.kiosk.language_controller.choose(lang)
    elif screen in STEPS:
        nav.start()
        ui.kiosk.language_controller.choose(lang)
        nav.openService("svc.ringback", "top10")
        nav.openSubscribe()
        walk_subscribe(ui, screen)
    else:
        go(ui, screen)
        ui.kiosk.language_controller.choose(lang)
    wait_idle(qtbot, ui)
    # Laid out as drawn: positioners and layouts settle when a frame is made.
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.update()


# -- what a finger can use --------------------------------------------------------------
_TOUCH_SIGNALS = ("clicked", "pressed", "released", "pressAndHold", "doubleClicked")


def label(item: QQuickItem) -> str:
    """The item's name for a message (a MouseArea goes by the item it fills)."""
    parent = item.parentItem()
    owner = parent.objectName() if parent is not None else ""
    return item.objectName() or owner or item.metaObject().className()


def reacts(item: QQuickItem) -> bool:
    """A finger can use it: a button or a slider, a MouseArea with a handler (one without
    any only keeps touches from what lies under it), or an item with a TapHandler."""
    if item.inherits("QQuickAbstractButton") or item.inherits("QQuickSlider"):
        return True
    if item.inherits("QQuickMouseArea"):
        return item.isEnabled() and any(
            item.receivers(SIGNAL(f"{s}(QQuickMouseEvent*)")) > 0 for s in _TOUCH_SIGNALS
        )
    return any(c.inherits("QQuickTapHandler") for c in item.children())


def accessible(item: QQuickItem) -> tuple[str, int]:
    """The item's accessible name and role, or its parent's: a MouseArea filling a tile
    leaves them to the tile it belongs to."""
    for node in (item, item.parentItem()):
        if node is None:
            continue
        role = int(qml(node, "Accessible.role"))
        name = str(qml(node, "Accessible.name") or "")
        if role != QAccessible.Role.NoRole.value and name.strip():
            return name, role
    return "", 0


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _latin(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


#: Names that are the same in both languages: the language switch's own options.
EITHER = {"中文", "EN"}


def in_language(name: str, lang: str) -> bool:
    """A name a reader of `lang` reads: Chinese has some Chinese in it (or no letters at all,
    a digit), English has some Latin letters (a bilingual name has both)."""
    if name in EITHER:
        return True
    return _cjk(name) or not _latin(name) if lang == "zh-CN" else _latin(name) or not _cjk(name)


def unnamed(ui: KioskShell, lang: str) -> list[str]:
    bad = []
    for it in items(ui.window.contentItem()):
        if not shown(it) or not reacts(it) or visible_rect(it).isEmpty():
            continue
        name, _role = accessible(it)
        what = f"{label(it)} {str(it.property('text') or '')[:20]!r}"
        if not name:
            bad.append(f"{what}: no accessible role and name")
        elif not in_language(name, lang):
            bad.append(f"{what}: named {name!r}, not in {lang}")
    return bad


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_everything_a_finger_can_use_has_a_role_and_a_name_in_the_language_on_every_screen(
    qtbot: Any, shop: Any, lang: str
) -> None:
    ui: KioskShell = shop()
    problems = {}
    for screen in [*JOURNEY, *STEPS, "maintenance"]:
        show(qtbot, ui, screen, lang)
        if bad := unnamed(ui, lang):
            problems[screen] = bad
    # The counter screen: a service without terms.
    show(qtbot, ui, "home", lang)
    ui.kiosk.navigator.openService("svc.cloud", "top10")
    ui.kiosk.navigator.openSubscribe()
    wait_for(qtbot, ui, "subscribeTitle")
    wait_idle(qtbot, ui)
    if bad := unnamed(ui, lang):
        problems["subscribe (counter)"] = bad
    assert problems == {}, "\n".join(f"{k}: {p}" for k, ps in problems.items() for p in ps)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_staff_screens_have_a_role_and_a_name_in_the_language(
    qtbot: Any, ui: KioskShell, lang: str
) -> None:
    staff = ui.kiosk.staff_controller
    problems = {}
    for screen in SESSION_STAFF_SCREENS:
        staff.closeFigures()
        staff.signOut()
        staff.cancel()
        show(qtbot, ui, "attract", lang)
        drive_staff(ui, screen)
        wait_idle(qtbot, ui)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.update()
        if bad := unnamed(ui, lang):
            problems[screen] = bad
    assert problems == {}, "\n".join(f"{k}: {p}" for k, ps in problems.items() for p in ps)


def test_the_check_finds_an_unnamed_button_and_a_name_in_the_wrong_language(
    qtbot: Any, ui: KioskShell
) -> None:
    ui.kiosk.navigator.start()
    wait_for(qtbot, ui, "homeScreen")
    wait_idle(qtbot, ui)
    assert unnamed(ui, "zh-CN") == []
    tile = find(ui, "categoryTile_cat.music")
    assert tile is not None and reacts(tile.childItems()[-1])
    tile.setProperty("name", "")
    assert any(p.startswith("categoryTile_cat.music") for p in unnamed(ui, "zh-CN"))
    tile.setProperty("name", "Music")
    assert any("not in zh-CN" in p for p in unnamed(ui, "zh-CN"))


# -- easy mode --------------------------------------------------------------------------
def test_easy_mode_from_the_top_bar_grows_the_text_darkens_the_palette_and_ends_with_the_session(
    qtbot: Any, ui: KioskShell
) -> None:
    ui.kiosk.language_controller.choose("en")
    ui.kiosk.navigator.start()
    wait_for(qtbot, ui, "homeScreen")
    t = theme(ui)
    ink = QColor(t.property("ink"))
    toggle = wait_for(qtbot, ui, "easyToggle")
    assert accessible(toggle) == ("Easy mode", QAccessible.Role.CheckBox.value)
    assert not qml(toggle, "Accessible.checked")

    tap(qtbot, ui, "easyToggle")

    qtbot.waitUntil(lambda: ui.kiosk.access_controller.property("easy"))
    assert t.property("textScale") == EASY_TEXT_SCALE and t.property("easy")
    assert QColor(t.property("ink")) != ink
    assert qml(toggle, "Accessible.checked") and toggle.property("on")
    assert find(ui, "categoryGrid").property("cellWidth") == find(ui, "categoryGrid").property("width") // 2
    assert ("access_change", {"mode": "easy", "on": True}) in [(e["kind"], e["data"]) for e in events(ui)]

    ui.kiosk.navigator.endSession()

    wait_for(qtbot, ui, "attractScreen")
    assert not ui.kiosk.access_controller.property("easy")
    assert t.property("textScale") == 1.0 and not t.property("easy")
    assert QColor(t.property("ink")) == ink


def test_easy_mode_slows_the_attract_loop_and_the_demo(qtbot: Any, make_ui: Any, settings: Settings) -> None:
    clock = ManualClock()
    ui: KioskShell = make_ui(settings=replace(settings, idle_timeout_s=3600), now=clock)
    kiosk = ui.kiosk
    tap(qtbot, ui, "easyToggle")  # on the attract loop, before any session
    qtbot.waitUntil(lambda: kiosk.access_controller.property("easy"))
    assert kiosk.attract_controller.loop.pace == EASY_PACE
    assert kiosk.demo_controller.run.pace == EASY_PACE
    assert kiosk.navigator.screen == "attract"  # the tap toggled; it did not start

    kiosk.navigator.start()
    assert kiosk.access_controller.property("easy")  # chosen before, kept by the session
    kiosk.session_controller.end("idle")
    assert kiosk.attract_controller.loop.pace == 1.0 and kiosk.demo_controller.run.pace == 1.0


def test_modes_chosen_on_the_attract_loop_lapse_when_nobody_starts(
    qtbot: Any, make_ui: Any, settings: Settings
) -> None:
    clock = ManualClock()
    ui: KioskShell = make_ui(settings=replace(settings, idle_timeout_s=60), now=clock, size=PORTRAIT)
    access = ui.kiosk.access_controller
    tap(qtbot, ui, "easyToggle")
    tap(qtbot, ui, "reachToggle")
    assert access.property("easy") and access.property("reach")
    clock.advance(60)
    access.tick()
    assert not access.property("easy") and not access.property("reach")


def test_contrast_of_easy_modes_main_text_and_backgrounds_is_at_least_4_5_to_1(ui: KioskShell) -> None:
    t = theme(ui)
    ui.kiosk.access_controller.toggleEasy()
    assert t.property("easy")

    def c(name: str) -> QColor:
        return QColor(t.property(name))

    def over(top: QColor, under: QColor) -> QColor:
        a = top.alphaF()
        return QColor.fromRgbF(
            *(a * x + (1 - a) * y for x, y in zip(top.getRgbF()[:3], under.getRgbF()[:3], strict=True))
        )

    texts = ["ink", "inkSoft", "inkFaint", "brand", "teal", "accentDeep", "success"]
    pages = ["surface", "surfaceAlt", "background", "backgroundGlow"]
    pairs = [(fg, bg, c(fg), c(bg)) for fg in texts for bg in pages]
    pairs += [
        ("accentDeep", "accentSoft", c("accentDeep"), c("accentSoft")),
        ("ink", "accentSoft", c("ink"), c("accentSoft")),
        ("teal", "tealSoft", c("teal"), c("tealSoft")),
        ("ink", "tealSoft", c("ink"), c("tealSoft")),
        ("brandDeep", "onDark", c("brandDeep"), c("onDark")),  # a toggle that is on
    ]
    for bg in ["brand", "brandDeep", "brandNight", "accent", "accentDeep", "teal", "success"]:
        pairs.append(("onDark", bg, c("onDark"), c(bg)))
    for bg in ["brandDeep", "brandNight"]:
        pairs.append(("onDarkSoft", bg, c("onDarkSoft"), c(bg)))
    for bg in ["brand", "brandDeep"]:  # glass buttons on the top bar
        pairs.append(("onDark", f"glass over {bg}", c("onDark"), over(c("glass"), c(bg))))
    low = {f"{fg} on {bg}": round(ratio(f, b), 2) for fg, bg, f, b in pairs if ratio(f, b) < 4.5}
    assert low == {}
    # Borders and the lines between things (WCAG's 3:1 for what is not text).
    assert ratio(c("line"), c("surface")) >= 3 and ratio(c("line"), c("surfaceAlt")) >= 3


def test_a_packs_colour_under_white_text_is_deepened_in_easy_mode_only(ui: KioskShell) -> None:
    item = ui.window.contentItem().childItems()[0]
    white = QColor("#FFFFFF")
    colours = ["#E4572E", "#3BB273", "#FFD23F", "#2E86AB", "#00A3A6"]
    assert [QColor(qml(item, f"Theme.deepen('{c}')")).name().upper() for c in colours] == colours
    ui.kiosk.access_controller.toggleEasy()
    for c in colours:
        assert ratio(white, QColor(qml(item, f"Theme.deepen('{c}')"))) >= 4.5, c


def ratio(a: QColor, b: QColor) -> float:
    """WCAG 2.2's contrast ratio of two opaque colours."""

    def lum(c: QColor) -> float:
        def lin(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        r, g, bl = c.redF(), c.greenF(), c.blueF()
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl)

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# -- reach mode -------------------------------------------------------------------------
def out_of_reach(ui: KioskShell) -> list[str]:
    """Every shown item a finger can use that lies above the lower two thirds (one that
    covers the whole window is in reach anywhere)."""
    w, h = ui.window.width(), ui.window.height()
    reach = QRectF(0, h / 3 - 1, w, h - h / 3 + 2)
    bad = []
    for it in items(ui.window.contentItem()):
        if not shown(it) or not reacts(it):
            continue
        rect = visible_rect(it)
        if rect.isEmpty() or (rect.width() >= w - 1 and rect.height() >= h - 1):
            continue
        if not reach.contains(rect):
            bad.append(f"{label(it)} at {rect}")
    return bad


def test_reach_mode_is_offered_in_portrait_only(qtbot: Any, make_ui: Any) -> None:
    ui: KioskShell = make_ui(size=LANDSCAPE)
    assert find(ui, "reachToggle") is None
    ui.kiosk.access_controller.toggleReach()
    assert not ui.kiosk.access_controller.property("reach")
    ui.window.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: find(ui, "reachToggle") is not None)


def test_in_reach_mode_everything_to_touch_lies_in_the_lower_two_thirds_on_every_screen(
    qtbot: Any, shop: Any
) -> None:
    ui: KioskShell = shop(size=PORTRAIT)
    problems = {}
    for screen in [*JOURNEY, *STEPS]:
        show(qtbot, ui, screen, "en")
        if not ui.kiosk.access_controller.property("reach"):  # chosen on the attract loop, it stays
            ui.kiosk.access_controller.toggleReach()
        wait_idle(qtbot, ui)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.update()
        assert ui.kiosk.access_controller.property("reach")
        if bad := out_of_reach(ui):
            problems[screen] = bad
        if screen != "attract":
            header = find(ui, "reachTitle")
            assert header is not None and header.property("text"), screen
        if screen in STEPS:
            # The lower two thirds are about square: too narrow for two columns of text.
            flow = find(ui, "subscribeFlow")
            assert flow is not None and not flow.property("landscape"), screen
    assert problems == {}, "\n".join(f"{k}: {p}" for k, ps in problems.items() for p in ps)


def test_the_check_finds_a_button_out_of_reach(qtbot: Any, make_ui: Any) -> None:
    ui: KioskShell = make_ui(size=PORTRAIT)
    ui.kiosk.navigator.start()
    wait_for(qtbot, ui, "homeScreen")
    wait_idle(qtbot, ui)
    assert any(name.startswith("language_") for name in " ".join(out_of_reach(ui)).split())
    ui.kiosk.access_controller.toggleReach()
    qtbot.waitUntil(lambda: not out_of_reach(ui))


# -- the idle warning -------------------------------------------------------------------
def test_the_idle_warning_says_the_time_left_and_more_time_gives_it_back_in_one_tap(
    qtbot: Any, make_ui: Any
) -> None:
    ui: KioskShell = make_ui()
    ui.kiosk.language_controller.choose("en")
    ui.kiosk.navigator.start()
    wait_for(qtbot, ui, "homeScreen")
    ui.kiosk.session_controller.expire()
    left = wait_for(qtbot, ui, "idleTimeLeft")
    assert "3 second" in left.property("text")
    button = wait_for(qtbot, ui, "idleContinueButton")
    assert accessible(button) == ("More time", QAccessible.Role.Button.value)
    assert min(button.width(), button.height()) >= 100

    tap(qtbot, ui, "idleContinueButton")

    qtbot.waitUntil(lambda: not ui.kiosk.session_controller.property("warning"))
    assert ui.kiosk.session_controller.property("active")
    assert [e["data"] for e in events(ui) if e["kind"] == "session_extend"] == [{"left_s": 3}]


def test_a_screenshot_in_reach_mode_needs_a_portrait_window_and_the_staffs_screens_have_neither(
    settings: Settings, tmp_path: Path
) -> None:
    from kiosk.ui.screenshot import screenshot

    with pytest.raises(ValueError, match="portrait"):
        screenshot(settings, "home", tmp_path / "x.png", lang="en", size=LANDSCAPE, reach=True)
    for screen in ("maintenance", "maintenance-pin", "out-of-service"):
        with pytest.raises(ValueError, match="customer's"):
            screenshot(settings, screen, tmp_path / "x.png", lang="en", size=PORTRAIT, easy=True)
    assert not (tmp_path / "x.png").exists()


def test_easy_mode_turns_the_offers_carousel_slower(qtbot: Any, ui: KioskShell) -> None:
    ui.kiosk.navigator.start()
    carousel = wait_for(qtbot, ui, "homeOffers")
    timer = next(c for c in carousel.children() if c.inherits("QQmlTimer"))
    assert timer.property("interval") == 7000
    ui.kiosk.access_controller.toggleEasy()
    assert timer.property("interval") == round(7000 * EASY_PACE)
