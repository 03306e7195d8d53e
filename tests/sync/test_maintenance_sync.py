"""The maintenance screen's Sync now and Roll back against a real HQ on loopback: the real
window, the real worker thread, the sets on disk."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import BUNDLED_CONTENT, load_settings
from kiosk.services.content import load_content
from kiosk.services.ledger import Ledger
from kiosk.sync.packsets import PackSets
from kiosk.ui.navigation import MAINTENANCE
from kiosk.ui.shell import KioskShell
from kiosk.ui.sync import SyncController
from tests.sync.hqkit import Hq, enrolled, republish_store_pack
from tests.ui.kit import events, tap, texts, wait_for, wait_idle

WAIT_MS = 60_000


@pytest.fixture
def kiosk(hq: Hq, tmp_path: Path, qapp: Any, qtbot: Any) -> Iterator[tuple[KioskShell, SyncController, Path]]:
    data = tmp_path / "kiosk"
    enrolled(hq, data)
    settings = replace(load_settings(data), language="en")
    sample = load_content([], settings.store, settings.timezone, fallback=BUNDLED_CONTENT)
    ledger = Ledger(settings.ledger_path)
    shell = KioskShell(settings, sample.catalog, ledger=ledger)
    shell.ledger = ledger  # type: ignore[attr-defined]
    shell.show(fullscreen=False, size=(1920, 1080))
    qtbot.waitExposed(shell.window)
    sync = SyncController(
        settings, shell.kiosk.content_controller, shell.kiosk.navigator, record=ledger.record
    )
    shell.use_sync(sync)
    sync.start()
    yield shell, sync, data
    sync.stop()
    shell.close()
    ledger.close()
    qapp.processEvents()


def shown_set(shell: KioskShell) -> set[Path]:
    return {p.root.parent for p in shell.kiosk.content_controller._catalog.content.packs}  # type: ignore[union-attr]


def sync_from_the_screen(shell: KioskShell, qtbot: Any) -> None:
    maintenance = shell.kiosk.maintenance_controller
    qtbot.waitUntil(lambda: maintenance.shown_face.gathered, timeout=WAIT_MS)
    with qtbot.waitSignal(shell.kiosk.maintenance_controller.sync.changed, timeout=WAIT_MS):
        tap(qtbot, shell, "maintenanceSync")
    assert maintenance.shown_sync.busy
    qtbot.waitUntil(lambda: not maintenance.shown_sync.busy, timeout=WAIT_MS)


def test_sync_now_shows_the_round_and_the_new_set_at_once_then_roll_back_shows_the_previous(
    kiosk: tuple[KioskShell, SyncController, Path], hq: Hq, tmp_path: Path, qtbot: Any
) -> None:
    shell, _, data = kiosk
    sets = PackSets(data / "content")
    maintenance = shell.kiosk.maintenance_controller
    maintenance.open_without_pin()
    wait_for(qtbot, shell, "maintenanceScreen")
    wait_idle(qtbot, shell)
    assert shell.kiosk.navigator.screen == MAINTENANCE

    sync_from_the_screen(shell, qtbot)

    face = maintenance.shown_sync
    assert face.has_last and face.last_ok and face.last_files > 0
    # No customer on the maintenance screen: the new set is switched to and shown at once.
    first = sets.pointer().current
    assert first is not None and shown_set(shell) == {sets.folder(first)}
    qtbot.waitUntil(lambda: any(t.startswith("Last round") for t in texts(shell)))

    republish_store_pack(hq, tmp_path, {})  # version 2 of the store's pack
    sync_from_the_screen(shell, qtbot)
    second = sets.pointer().current
    assert second != first and shown_set(shell) == {sets.folder(second)}
    qtbot.waitUntil(lambda: maintenance.shown_face.can_roll_back, timeout=WAIT_MS)

    tap(qtbot, shell, "maintenanceRollBack")

    qtbot.waitUntil(lambda: maintenance.shown_face.notice == "rolledBack", timeout=WAIT_MS)
    assert sets.pointer().current == first
    assert shown_set(shell) == {sets.folder(first)}
    assert f"Rolled back: now showing pack set {first}." in texts(shell)
    recorded = events(shell)
    kinds = [e["kind"] for e in recorded]
    assert kinds.count("maintenance_sync") == 2 and "maintenance_rollback" in kinds
    rollback = next(e for e in recorded if e["kind"] == "pack_rollback")
    assert rollback["data"]["from"] == second and rollback["data"]["to"] == first
