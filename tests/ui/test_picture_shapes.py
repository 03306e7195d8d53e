"""Pictures of the wrong shape are shown whole where it matters: a banner in its offer card,
a portrait attract image above the "Touch to start" button of a landscape screen. And the
home screen lays itself out without a binding loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF

from kiosk.packs.model import AttractItem
from kiosk.ui.scene import named
from tests.ui.kit import _png, build_catalog, build_pack, wait_for, wait_idle


def shown_picture(qtbot: Any, ui: Any) -> Any:
    """The picture of the attract slot that is ready (its fit to the screen settled)."""

    def ready_slot() -> Any:
        slots = [named(ui.window.contentItem(), n) for n in ("attractSlotA", "attractSlotB")]
        return next((s for s in slots if s is not None and s.property("ready")), None)

    qtbot.waitUntil(lambda: ready_slot() is not None)
    picture = named(ready_slot(), "attractPicture")
    assert picture is not None
    return picture


def test_a_portrait_attract_image_on_a_landscape_screen_stays_above_the_button(
    qtbot: Any, make_ui: Any, media: dict[str, Path], tmp_path: Path
) -> None:
    tall = _png(tmp_path / "tall.png", (1080, 1920), (200, 40, 90))
    catalog = build_catalog(build_pack(media, attract=(AttractItem("a.tall", image=tall, duration_s=5),)))
    ui = make_ui(catalog=catalog, size=(1920, 1080))
    hint = wait_for(qtbot, ui, "attractHint")
    picture = shown_picture(qtbot, ui)

    qtbot.waitUntil(lambda: picture.property("paintedHeight") < 1080)
    painted = picture.property("paintedHeight")
    bottom = picture.mapToScene(QPointF(0, (picture.height() + painted) / 2)).y()
    top_of_button = hint.mapToScene(QPointF(0, 0)).y()

    assert 0 < painted < 1080
    assert bottom <= top_of_button


def test_a_landscape_attract_image_fills_the_landscape_screen(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    ui = make_ui(size=(1920, 1080))
    picture = shown_picture(qtbot, ui)

    assert (picture.width(), picture.height()) == (1920, 1080)


def test_an_offer_banner_is_asked_for_whole(qtbot: Any, make_ui: Any) -> None:
    ui = make_ui(size=(1920, 1080))
    ui.kiosk.navigator.start()
    wait_idle(qtbot, ui)
    card = wait_for(qtbot, ui, "offerCard_off.daily")

    sources = [it.property("source").toString() for it in _images(card)]

    assert any(s.startswith("image://rounded/") and "w-" in s.split("/")[3] for s in sources), sources


def _images(root: Any) -> list[Any]:
    from kiosk.ui.scene import items

    return [it for it in items(root) if it.inherits("QQuickImage")]


def test_the_home_screen_lays_out_without_a_binding_loop(qtbot: Any, make_ui: Any, qtlog: Any) -> None:
    for size in ((1920, 1080), (1080, 1920)):
        ui = make_ui(size=size)
        ui.kiosk.navigator.start()
        wait_idle(qtbot, ui)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.update()

    loops = [r.message for r in qtlog.records if "Binding loop" in r.message]
    assert loops == []
