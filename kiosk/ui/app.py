"""`kiosk` (run): the store's touch screen, from content on disk to the window.

Into the window `Boot` already shows: loads the content through the fallback chain
(configured packs, installed packs, the bundled sample, or nothing: the out-of-service
screen), opens the ledger, builds the kiosk UI and runs until the window closes or the
process is told to stop. Keeps the attract loop's first picture on record for the next
start's first frame.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMetaObject, QTimer
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QPixmap

from kiosk.config import BUNDLED_CONTENT, Settings
from kiosk.domain.catalog import Catalog
from kiosk.packs.media import MediaChecks
from kiosk.services.content import LoadedContent, load_content
from kiosk.services.ledger import Ledger
from kiosk.sync.packsets import PackSetError, PackSets
from kiosk.ui.boot import Boot, application, remember_first_picture
from kiosk.ui.catalog import ContentController
from kiosk.ui.collector import MainThreadCollector
from kiosk.ui.qtlog import quiet_ffmpeg_messages, quiet_qt_messages
from kiosk.ui.shell import KioskShell
from kiosk.ui.voice import AUTO

log = logging.getLogger(__name__)

__all__ = ["application", "content_sources", "load", "run"]

#: When the background sync starts, after the window is up (ms).
SYNC_START_MS = 3000


def content_sources(settings: Settings, content: list[Path] | None = None) -> list[list[Path]]:
    """Where to look for packs, in the order to try them: `content` if given, else the
    configured folders, else the pack sets sync installed (the current one, then the one
    before it, should the current one fail to load). The bundled sample comes after these."""
    if content:
        return [list(content)]
    if settings.content:
        return [list(settings.content)]
    try:
        return [[folder] for folder in PackSets(settings.content_dir).shown_folders()]
    except PackSetError as e:
        log.error("the installed pack sets cannot be used: %s", e)
        return []


def load(settings: Settings, content: list[Path] | None = None) -> LoadedContent:
    """The content to show, down the chain: each of `content_sources` in turn, then the
    bundled sample, then none (the out-of-service screen)."""
    checks = MediaChecks(settings.media_checks_path)
    # A set HQ published was whole when it was validated: a pack of it that no longer loads
    # means the set is damaged, and the one before it is shown whole instead.
    whole_sets = not (content or settings.content)
    tried: list[str] = []
    for sources in content_sources(settings, content):
        loaded = load_content(sources, settings.store, settings.timezone, fallback=None, checks=checks)
        if loaded.catalog is not None and not (whole_sets and loaded.problems):
            if tried:
                log.error("showing %s: the newer content did not load (%s)", sources[0], "; ".join(tried[:3]))
            loaded.problems[:0] = tried
            return loaded
        tried += loaded.problems
    loaded = load_content([], settings.store, settings.timezone, fallback=BUNDLED_CONTENT, checks=checks)
    loaded.problems[:0] = tried
    return loaded


def run(settings: Settings, boot: Boot) -> int:
    """Build the kiosk into `boot`'s window and show it until it is closed; the exit code of
    the Qt event loop."""
    app = application()
    quiet_qt_messages()
    boot.prepare()  # compiled by Qt meanwhile (the modules it imports are loaded already)
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
        shell = KioskShell(settings, loaded.catalog, ledger=ledger, boot=boot, tts_engine=AUTO)
    except RuntimeError:
        log.exception("the kiosk window could not be built")
        ledger.close()
        return 1
    if boot.fullscreen:
        # A touch screen: no mouse pointer on show.
        app.setOverrideCursor(_no_pointer())
    shell.show()
    # Python's collector on Qt's thread only (kiosk/ui/collector.py); full walks of the heap
    # while the attract loop plays, not while a customer taps.
    collector = MainThreadCollector(quiet=lambda: shell.kiosk.navigator.screen == "attract")
    collector.start()
    _quiet_ffmpeg_before_the_first_player(shell)
    _keep_first_picture(settings, loaded.catalog, shell.kiosk.content_controller)
    previous = _quit_on_signals(app)
    syncing: list[Any] = []
    # Sync starts once the kiosk is up: its imports (requests, python-tuf) and its first
    # check of the files on screen must not delay the first touch.
    QTimer.singleShot(SYNC_START_MS, lambda: syncing.append(_start_sync(settings, shell, ledger, loaded)))
    log.info("the kiosk is up; SIGINT or SIGTERM closes it")
    try:
        code = app.exec()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for sync, book in syncing:
        sync.stop()
        if book is not None:
            book.close()
    collector.stop()
    shell.close()
    ledger.record("kiosk_stop", {"exit_code": code})
    ledger.close()
    return code


def _quiet_ffmpeg_before_the_first_player(shell: KioskShell) -> None:
    """FFmpeg quieted once the media screens are being made (Main.qml's
    homeReady: Qt Multimedia is not loaded before then, so no player exists yet), just after
    the next frame: a touch that took the home screen gets its frame first (starting Qt
    Multimedia's backend costs some 20-30 ms), and the media components, compiled in the
    background, need several frames before a player can exist."""

    def after_the_frame() -> None:
        shell.window.frameSwapped.disconnect(after_the_frame)
        QTimer.singleShot(0, quiet_ffmpeg_messages)

    def ready() -> None:
        if shell.ui.property("homeReady"):
            shell.ui.homeReadyChanged.disconnect(ready)
            shell.window.frameSwapped.connect(after_the_frame)

    shell.ui.homeReadyChanged.connect(ready)


def _start_sync(
    settings: Settings, shell: KioskShell, ledger: Ledger, loaded: LoadedContent
) -> tuple[Any, Any]:
    """The background sync with HQ (kiosk.ui.sync), holding the pack set on screen, and the
    order book subscribing uses (None when not enrolled)."""
    from kiosk.ui.sync import SyncController

    sync = SyncController(
        settings,
        shell.kiosk.content_controller,
        shell.kiosk.navigator,
        record=lambda kind, data: ledger.record(kind, data),
    )
    shown = loaded.packs[0].root.parent if loaded.packs else None
    if shown is not None and shown.parent == settings.content_dir / "sets":
        sync.hold_shown(shown)
    shell.use_sync(sync)  # the maintenance screen's "sync now" and "roll back"
    sync.start()
    connect_leads(settings, shell, sync.send_leads_now)
    return sync, connect_orders(settings, shell, sync.send_orders_now)


class SendingBook:
    """The order book, with each order sent to HQ as soon as it is kept (durably: `keep`
    returned), not at the next round."""

    def __init__(self, book: Any, send_now: Callable[[], None]) -> None:
        self.book = book
        self._send_now = send_now

    def keep(self, order: Any) -> None:
        self.book.keep(order)
        self._send_now()

    def answer(self, order_id: str) -> Any:
        return self.book.answer(order_id)


def connect_orders(settings: Settings, shell: KioskShell, send_now: Callable[[], None]) -> Any:
    """Subscribing at this kiosk, when it is enrolled at HQ: the order book in its ledger file
    and HQ's confirmation codes, plugged into the shell; the book (None when not enrolled:
    Subscribe then shows the counter screen). Made with the background sync, a few seconds
    after start: the HTTP client's imports stay off the first touch."""
    import sqlite3

    from kiosk.services.orders import LocalOrders
    from kiosk.sync.confirm import for_kiosk

    confirmations = for_kiosk(settings.data_dir)
    if confirmations is None:
        return None
    book = LocalOrders(settings.ledger_path)
    try:
        book.open()
    except (sqlite3.Error, OSError) as e:
        # Each keep tries again; until one succeeds the customer is told to ask staff.
        log.error("the order book cannot be opened: %s", e)
    shell.use_orders(SendingBook(book, send_now), confirmations)
    return book


def connect_leads(settings: Settings, shell: KioskShell, send_now: Callable[[], None]) -> Any:
    """The register of interested customers, when the kiosk is enrolled at HQ (the entries
    go there, and their numbers' 30 days are kept by the sender); None otherwise."""
    import sqlite3

    from kiosk.services.leads import LocalLeads
    from kiosk.sync.errors import SyncError
    from kiosk.sync.identity import load_identity

    try:
        if load_identity(settings.data_dir) is None:
            return None
    except SyncError as e:
        log.warning("the register is off: %s", e)
        return None
    book = LocalLeads(settings.ledger_path)
    try:
        book.open()
    except (sqlite3.Error, OSError) as e:
        log.error("the register cannot be opened: %s", e)  # each keep tries again
    shell.kiosk.register_controller.use_leads(book, send_now)
    return book


def _no_pointer() -> QCursor:
    """A pointer that shows nothing. Not Qt.CursorShape.BlankCursor: naming it makes PySide
    build every enum of Qt's namespace, some 20-25 ms before the kiosk can be touched."""
    pixmap = QPixmap(1, 1)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QCursor(pixmap)


def _keep_first_picture(settings: Settings, catalog: Catalog | None, content: ContentController) -> None:
    """Keep the record of the attract loop's first picture true, now and whenever the
    visible content changes (a validity window opens or closes, new packs arrive)."""

    def record() -> None:
        view = content.view
        first = view.attract[0] if view is not None and view.attract else None
        picture = first.image if first is not None and first.video is None else None
        change = catalog.aware(view.next_change) if catalog is not None and view is not None else None
        remember_first_picture(settings.data_dir, picture, change.timestamp() if change else None)

    record()
    content.viewChanged.connect(record)


def _quit_on_signals(app: QGuiApplication) -> dict[int, object]:
    """SIGINT/SIGTERM close the window cleanly; returns the handlers they replace.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter
    up now and then while Qt's event loop runs. The handler then runs inside that timer's
    slot, where quitting at once would close the windows while Qt is still going through
    its due timers (a window's pending update timer then crashes it): the quit is queued.
    """

    def quit_soon(*_: object) -> None:
        from PySide6.QtCore import Qt  # its enums cost 20 ms: not made at every start

        QMetaObject.invokeMethod(app, "quit", Qt.ConnectionType.QueuedConnection)

    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, quit_soon)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    app.aboutToQuit.connect(timer.stop)
    return previous
