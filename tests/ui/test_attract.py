"""The attract loop: gapless alternation, broken items skipped, a still when nothing plays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.packs.model import AttractItem
from kiosk.ui.shell import KioskShell
from tests.ui.kit import build_catalog, build_pack, events, find


def slots(ui: KioskShell) -> list[Any]:
    return [find(ui, "attractSlotA"), find(ui, "attractSlotB")]


def shown(ui: KioskShell) -> str:
    """The item on top of the loop ('' when no slot shows anything)."""
    visible = [s for s in slots(ui) if s is not None and s.property("ready")]
    return max(visible, key=lambda s: s.z()).property("itemId") if visible else ""


def test_loop_alternates_items_without_a_frame_between_them(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    items = (
        AttractItem("a.hello", image=media["attract.hello"], duration_s=2, order=1),
        AttractItem("a.video", video=media["video"], order=2),
    )
    ui = make_ui(catalog=build_catalog(build_pack(media, attract=items)))
    qtbot.waitUntil(lambda: shown(ui) == "a.hello", timeout=5000)
    seen: list[str] = []

    def after_frame() -> None:
        seen.append(shown(ui))

    ui.window.frameSwapped.connect(after_frame)
    qtbot.waitUntil(lambda: seen.count("a.video") > 3 and seen[-1] == "a.hello", timeout=9000)
    ui.window.frameSwapped.disconnect(after_frame)

    assert "" not in seen  # every frame after the first showed an item
    order = [x for i, x in enumerate(seen) if i == 0 or seen[i - 1] != x]
    assert order[:3] == ["a.hello", "a.video", "a.hello"]


def test_a_video_that_cannot_be_decoded_is_skipped_and_reported(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    items = (
        AttractItem("a.broken", video=media["broken"], order=1),
        AttractItem("a.hello", image=media["attract.hello"], duration_s=2, order=2),
    )
    ui = make_ui(catalog=build_catalog(build_pack(media, attract=items)))

    qtbot.waitUntil(lambda: shown(ui) == "a.hello", timeout=5000)

    assert not ui.kiosk.attract_controller.property("showStill")
    errors = [e["data"] for e in events(ui) if e["kind"] == "media_error"]
    assert [(e["screen"], e["item"]) for e in errors] == [("attract", "a.broken")]
    after = ui.kiosk.attract_controller.loop.next_after("a.hello")
    assert after is not None and after.id == "a.hello"


def test_branded_still_shows_when_nothing_in_the_playlist_can_play(
    qtbot: Any, make_ui: Any, media: dict[str, Path]
) -> None:
    items = (AttractItem("a.broken", video=media["broken"], order=1),)
    ui = make_ui(catalog=build_catalog(build_pack(media, attract=items)))

    qtbot.waitUntil(lambda: ui.kiosk.attract_controller.property("showStill"), timeout=5000)

    still = find(ui, "attractStill")
    assert still is not None and still.z() > 1  # above both slots (z 0 and 1)
    assert find(ui, "attractHint") is not None  # and the customer can still start


def test_empty_playlist_shows_the_still(qtbot: Any, make_ui: Any, media: dict[str, Path]) -> None:
    ui = make_ui(catalog=build_catalog(build_pack(media, attract=())))

    assert ui.kiosk.attract_controller.property("showStill")
    assert find(ui, "attractStill") is not None
