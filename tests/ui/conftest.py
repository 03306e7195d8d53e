"""Fixtures for the touch UI tests: the test content, and the kiosk window to drive.

Qt runs offscreen here (set before any Qt object exists); helpers live in `tests.ui.kit`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.services.ledger import Ledger
from kiosk.ui.shell import KioskShell
from tests.ui.kit import build_catalog, build_pack, make_media


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_media(tmp_path_factory.mktemp("ui-media"))


@pytest.fixture
def catalog(media: dict[str, Path]) -> Catalog:
    return build_catalog(build_pack(media))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", idle_timeout_s=60, idle_countdown_s=3)


@pytest.fixture
def make_ui(
    qapp: Any, qtbot: Any, tmp_path: Path, settings: Settings, catalog: Catalog
) -> Iterator[Callable[..., KioskShell]]:
    shells: list[KioskShell] = []
    ledgers: list[Ledger] = []

    def make(
        *,
        catalog: Catalog | None = catalog,
        settings: Settings = settings,
        clock: Callable[[], datetime] | None = None,
        now: Callable[[], float] | None = None,
        size: tuple[int, int] = (1920, 1080),
        tts_engine: str = "",
    ) -> KioskShell:
        ledger = Ledger(settings.ledger_path)
        ledgers.append(ledger)
        # No text-to-speech unless a test asks for one ("mock": Qt's test engine): a
        # machine's speech-dispatcher would make tests depend on it.
        kwargs: dict[str, Any] = {"ledger": ledger, "tts_engine": tts_engine}
        if clock is not None:
            kwargs["clock"] = clock
        if now is not None:
            kwargs["now"] = now
        shell = KioskShell(settings, catalog, **kwargs)
        shell.ledger = ledger  # type: ignore[attr-defined]
        shells.append(shell)
        shell.show(fullscreen=False, size=size)
        qtbot.waitExposed(shell.window)
        content = shell.window.contentItem()
        qtbot.waitUntil(lambda: (content.width(), content.height()) == size)
        return shell

    yield make
    for shell in shells:
        shell.close()
    for ledger in ledgers:
        ledger.close()
    qapp.processEvents()


@pytest.fixture
def ui(make_ui: Callable[..., KioskShell]) -> KioskShell:
    return make_ui()
