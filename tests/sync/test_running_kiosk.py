"""The running kiosk syncs in the background and switches between customers, never under
one's finger: the real window, the real worker thread, a real HQ on loopback."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import BUNDLED_CONTENT, load_settings
from kiosk.services.content import load_content
from kiosk.sync.packsets import PackSets
from kiosk.sync.schedule import Schedule
from kiosk.ui.navigation import ATTRACT, HOME
from kiosk.ui.shell import KioskShell
from kiosk.ui.sync import SyncController
from tests.sync.hqkit import Hq, enrolled

WAIT_MS = 60_000


@pytest.fixture
def running(
    hq: Hq, tmp_path: Path, qapp: Any, qtbot: Any
) -> Iterator[tuple[KioskShell, SyncController, Path]]:
    data = tmp_path / "kiosk"
    enrolled(hq, data)
    settings = load_settings(data)
    sample = load_content([], settings.store, settings.timezone, fallback=BUNDLED_CONTENT)
    shell = KioskShell(settings, sample.catalog)
    shell.show(fullscreen=False, size=(1280, 720))
    qtbot.waitExposed(shell.window)
    events: list[tuple[str, dict]] = []
    sync = SyncController(
        settings,
        shell.kiosk.content_controller,
        shell.kiosk.navigator,
        record=lambda k, d: events.append((k, d)),
        schedule=Schedule(rand=lambda: 1.0),  # no round due by itself for minutes
    )
    sync.events = events  # type: ignore[attr-defined]
    sync.start()
    yield shell, sync, data
    sync.stop()
    shell.close()
    qapp.processEvents()


def test_new_content_is_switched_to_at_once_while_the_attract_loop_shows(
    running: tuple[KioskShell, SyncController, Path], qtbot: Any
) -> None:
    shell, sync, data = running
    assert shell.kiosk.navigator.screen == ATTRACT

    with qtbot.waitSignal(sync.roundFinished, timeout=WAIT_MS):
        sync.syncNow()
    qtbot.waitUntil(lambda: PackSets(data / "content").pointer().current is not None, timeout=WAIT_MS)

    current = PackSets(data / "content").pointer().current
    packs = {p.root.parent for p in shell.kiosk.content_controller._catalog.content.packs}  # type: ignore[union-attr]
    assert packs == {PackSets(data / "content").folder(current)}
    assert ("pack_switch", {"set": current}) in sync.events  # type: ignore[attr-defined]


def test_during_a_customers_session_the_new_set_waits_until_the_session_ends(
    running: tuple[KioskShell, SyncController, Path], qtbot: Any
) -> None:
    shell, sync, data = running
    nav = shell.kiosk.navigator
    nav.start()  # a customer touches the screen
    assert nav.screen == HOME
    before = shell.kiosk.content_controller._catalog

    with qtbot.waitSignal(sync.roundFinished, timeout=WAIT_MS):
        sync.syncNow()
    qtbot.waitUntil(lambda: sync.pending is not None, timeout=WAIT_MS)

    assert PackSets(data / "content").pointer().current is None  # staged, not switched
    assert shell.kiosk.content_controller._catalog is before
    nav.endSession()
    assert nav.screen == ATTRACT
    assert PackSets(data / "content").pointer().current == sync.last_round.content.current.name  # type: ignore[union-attr]
    assert shell.kiosk.content_controller._catalog is not before


def test_a_file_changed_on_disk_is_found_at_start_and_fetched_again_at_once(
    hq: Hq, tmp_path: Path, qapp: Any, qtbot: Any
) -> None:
    from kiosk.sync.fetcher import sha256_of
    from tests.sync.hqkit import content_sync

    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    content_sync(data, identity).run()
    sets = PackSets(data / "content")
    name = sets.pointer().current
    video = next((sets.folder(name) / "national" / "media" / "video").glob("*.mp4"))
    damaged = bytearray(video.read_bytes())
    damaged[4000] ^= 0xFF
    video.write_bytes(bytes(damaged))
    settings = load_settings(data)
    shell = KioskShell(
        settings, load_content(sets.shown_folders(), settings.store, settings.timezone, None).catalog
    )
    events: list[tuple[str, dict]] = []
    sync = SyncController(
        settings,
        shell.kiosk.content_controller,
        shell.kiosk.navigator,
        record=lambda k, d: events.append((k, d)),
        schedule=Schedule(rand=lambda: 1.0),  # no round due by itself for minutes
    )
    try:
        with qtbot.waitSignal(sync.roundFinished, timeout=WAIT_MS):
            sync.start()  # the check at start asks for one
        assert sync.last_round is not None and sync.last_round.content.repaired  # type: ignore[union-attr]
    finally:
        sync.stop()
        shell.close()
        qapp.processEvents()
    assert sets.verify(name, sha256_of) == []
    assert [k for k, _ in events][:1] == ["content_damaged"]


def test_a_set_switched_outside_the_running_kiosk_is_taken_up_after_the_next_round(
    hq: Hq, running: tuple[KioskShell, SyncController, Path], qtbot: Any, tmp_path: Path
) -> None:
    from kiosk.sync.identity import load_identity
    from tests.sync.hqkit import content_sync, republish_store_pack
    from tests.sync.test_content_sync import OPENING, reencoded

    shell, sync, data = running
    with qtbot.waitSignal(sync.roundFinished, timeout=WAIT_MS):
        sync.syncNow()
    qtbot.waitUntil(lambda: PackSets(data / "content").pointer().current is not None, timeout=WAIT_MS)
    first = PackSets(data / "content").pointer().current
    republish_store_pack(hq, tmp_path, {OPENING: reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING)})
    identity = load_identity(data)
    assert identity is not None
    newer = content_sync(data, identity).run()  # as `kiosk sync --once` in a terminal would
    assert newer.switched and newer.current is not None and newer.current.name != first

    with qtbot.waitSignal(sync.roundFinished, timeout=WAIT_MS):
        sync.syncNow()
    folder = PackSets(data / "content").folder(newer.current.name)
    qtbot.waitUntil(
        lambda: {p.root.parent for p in shell.kiosk.content_controller._catalog.content.packs} == {folder},  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
