"""`kiosk` (run): the store's touch screen, from content on disk to the window.

Loads the content through the fallback chain (configured packs, installed packs, the bundled
sample, or nothing: the out-of-service screen), opens the ledger, shows the window full
screen (or in a window for development) and runs until the window closes or the process is
told to stop.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication

from kiosk.config import BUNDLED_CONTENT, Settings
from kiosk.packs.media import MediaChecks
from kiosk.services.content import LoadedContent, load_content, pack_folders
from kiosk.services.ledger import Ledger
from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

FONT_FAMILY = "Noto Sans CJK SC"


def content_sources(settings: Settings, content: list[Path] | None = None) -> list[Path]:
    """Where to look for packs: `content` if given, the configured folders, else the
    installed packs (when there are any); the bundled sample is the fallback after these."""
    if content:
        return list(content)
    if settings.content:
        return list(settings.content)
    return [settings.packs_dir] if pack_folders(settings.packs_dir) else []


def load(settings: Settings, content: list[Path] | None = None) -> LoadedContent:
    return load_content(
        content_sources(settings, content),
        settings.store,
        settings.timezone,
        fallback=BUNDLED_CONTENT,
        checks=MediaChecks(settings.media_checks_path),
    )


def application() -> QGuiApplication:
    """The running application, created (with the kiosk's font) if there is none yet."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        app = QGuiApplication(sys.argv[:1])
        app.setApplicationName("kiosk")
        app.setFont(QFont(FONT_FAMILY))
    return app


def run(settings: Settings, *, fullscreen: bool, size: tuple[int, int] | None = None) -> int:
    """Show the kiosk until it is closed; the exit code of the Qt event loop."""
    app = application()
    loaded = load(settings)
    log.info("content: %s (%d packs, %d problems)", loaded.origin, len(loaded.packs), len(loaded.problems))
    ledger = Ledger(settings.ledger_path)
    ledger.record(
        "kiosk_start",
        {
            "origin": loaded.origin,
            "packs": [f"{p.id}@{p.version}" for p in loaded.packs],
            "problems": len(loaded.problems),
        },
    )
    try:
        shell = KioskShell(settings, loaded.catalog, ledger=ledger)
    except RuntimeError:
        log.exception("the kiosk window could not be built")
        ledger.close()
        return 1
    if fullscreen:
        # A touch screen: no mouse pointer on show.
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    shell.show(fullscreen=fullscreen, size=size)
    previous = _quit_on_signals(app)
    try:
        code = app.exec()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    shell.close()
    ledger.record("kiosk_stop", {"exit_code": code})
    ledger.close()
    return code


def _quit_on_signals(app: QGuiApplication) -> dict[int, object]:
    """SIGINT/SIGTERM close the window cleanly; returns the handlers they replace.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter
    up now and then while Qt's event loop runs.
    """
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, lambda *_: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    app.aboutToQuit.connect(timer.stop)
    return previous
