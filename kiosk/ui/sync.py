"""The running kiosk's sync: the worker thread's rounds, brought onto the screen between
customers.

`kiosk.sync.worker.SyncWorker` runs the rounds off the UI thread and stages new pack sets
without switching. When a round staged one, the worker thread also loads it (reading,
layering, media checks: Qt-free) and hands the catalog over; this controller, on the UI
thread, switches to it at the first quiet moment: at once when the attract loop (or the
out-of-service screen) is showing, else when the customer's session has ended. No customer
ever sees the content change under their finger. The set on screen is held (a shared lock
on its SET.json) so that collecting old sets never removes the files it shows.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.packs.media import MediaChecks
from kiosk.services.content import load_content
from kiosk.sync.content import Progress
from kiosk.sync.packsets import PackSetError, PackSets, hold
from kiosk.sync.round import RoundReport
from kiosk.sync.schedule import Schedule
from kiosk.sync.worker import SyncWorker
from kiosk.ui.catalog import ContentController
from kiosk.ui.navigation import ATTRACT, MAINTENANCE, OUT_OF_SERVICE, Navigator
from kiosk.ui.props import readonly

log = logging.getLogger(__name__)

#: Records one event in the ledger (kind, data).
RecordEvent = Callable[[str, dict[str, Any]], object]

#: Where no customer can be: a new set may be switched to while one of these shows.
QUIET_SCREENS = (ATTRACT, OUT_OF_SERVICE, MAINTENANCE)


class _Downloads(Progress):
    """A round's downloads, counted on the fetching threads and reported to the UI thread at
    most every 0.2 s (and at each whole file)."""

    def __init__(self, report: Callable[[int, int, int, int], None]) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._files = self._files_done = self._bytes = self._bytes_done = 0
        self._sent = 0.0

    def start(self, files: int, total_bytes: int) -> None:
        with self._lock:
            self._files, self._bytes, self._files_done, self._bytes_done = files, total_bytes, 0, 0
        self._send(force=True)

    def advance(self, nbytes: int) -> None:
        with self._lock:
            self._bytes_done += nbytes
        self._send()

    def file_done(self) -> None:
        with self._lock:
            self._files_done += 1
        self._send(force=True)

    def _send(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._sent < 0.2:
            return
        self._sent = now
        with self._lock:
            figures = (self._files_done, self._files, self._bytes_done, self._bytes)
        self._report(*figures)


class SyncController(QObject):
    roundFinished = Signal()
    busyChanged = Signal()
    progressChanged = Signal()
    #: From the worker thread: a staged set, loaded (name, catalog); delivered on the UI thread.
    _staged = Signal(str, object)
    _begun = Signal()
    _progress = Signal(int, int, int, int)
    #: A customer's order has its final answer (order id, kiosk.flow.subscribe.Answer):
    #: emitted on the orders' thread, delivered on the UI thread to what connects to it.
    orderAnswered = Signal(str, object)

    def __init__(
        self,
        settings: Settings,
        content: ContentController,
        navigator: Navigator,
        record: RecordEvent | None = None,
        schedule: Schedule | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._content = content
        self._navigator = navigator
        self._record = record
        self._sets = PackSets(settings.content_dir)
        self._pending: tuple[str, Catalog] | None = None
        self._held: IO[bytes] | None = None
        #: The name of the set on screen (None: the bundled sample or configured folders).
        self._shown: str | None = None
        self._last: RoundReport | None = None
        self._busy = False
        #: The running round's downloads: files done, files, bytes done, bytes.
        self.progress: tuple[int, int, int, int] = (0, 0, 0, 0)
        self._worker = SyncWorker(
            settings.data_dir,
            settings.timezone,
            on_round=self._round_done,
            schedule=schedule or Schedule(interval_s=settings.sync_interval_s),
            ledger=settings.ledger_path,
            record=record,
            on_start=self._begun.emit,
            progress=_Downloads(self._progress.emit),
            on_answer=self.orderAnswered.emit,
        )
        self._staged.connect(self._take)
        self._begun.connect(self._round_begun)
        # Emitted on the worker's thread: delivered here on the UI thread, after the round.
        self.roundFinished.connect(self._round_ended)
        self._progress.connect(self._show_progress)
        navigator.screenChanged.connect(self._switch_if_quiet)

    #: A round is running (as the UI thread last heard: from its start to its end).
    busy = readonly(bool, "_busy", busyChanged)

    @property
    def last_round(self) -> RoundReport | None:
        return self._last

    @property
    def pending(self) -> str | None:
        """The staged set waiting for a quiet moment, if any."""
        return self._pending[0] if self._pending else None

    def hold_shown(self, folder: Path | None) -> None:
        """Keep the set in `folder` (the one on screen) from being collected."""
        if self._held is not None:
            self._held.close()
        self._held = hold(folder) if folder is not None else None
        self._shown = folder.name if self._held is not None and folder is not None else None

    def start(self) -> None:
        """Start the rounds, and check the set on screen against what HQ signed, both off
        the UI thread: a file changed on disk (bit rot, a technician's copy) is noted and
        fetched again by a round asked for at once, which puts the good copy in place."""
        self._worker.start()
        threading.Thread(target=self._verify_shown, name="kiosk-verify", daemon=True).start()

    def _verify_shown(self) -> None:
        from kiosk.sync.fetcher import sha256_of

        try:
            name = self._sets.pointer().current
            if name is None:
                return
            problems = self._sets.verify(name, sha256_of)
        except (OSError, PackSetError) as e:
            log.warning("could not check the pack set on screen: %s", e)
            return
        if problems:
            log.warning(
                "pack set %s: %d file(s) changed on disk: %s", name, len(problems), "; ".join(problems[:3])
            )
            if self._record is not None:
                self._record("content_damaged", {"set": name, "files": len(problems), "first": problems[:3]})
            self._worker.request_now()

    def stop(self) -> None:
        self._worker.stop()
        if self._held is not None:
            self._held.close()
            self._held = None

    @Slot()
    def syncNow(self) -> None:
        self._worker.request_now()

    def send_orders_now(self) -> None:
        """An order was just kept (`OrderBook.keep` returned): send it to HQ now."""
        self._worker.send_orders_now()

    def send_leads_now(self) -> None:
        """A register entry was just kept: send it to HQ now."""
        self._worker.send_leads_now()

    def load_set(self, name: str) -> Catalog | None:
        """The catalog of the installed set `name` (reading, layering, media checks: slow, and
        Qt-free, so any thread may call it); None when it does not load."""
        loaded = load_content(
            [self._sets.folder(name)],
            self._settings.store,
            self._settings.timezone,
            fallback=None,
            checks=MediaChecks(self._settings.media_checks_path),
        )
        if loaded.catalog is None:
            log.error("pack set %s did not load: %s", name, "; ".join(loaded.problems[:3]))
        return loaded.catalog

    def show_set(self, name: str, catalog: Catalog) -> None:
        """Show the set `name` (already current on disk, e.g. after a rollback) at once: the
        caller knows no customer is on screen. A set staged before is dropped: it is what
        was rolled back from."""
        self._pending = None
        self._show(name, catalog)

    # -- the worker's thread ------------------------------------------------------------------
    def _round_done(self, report: RoundReport) -> None:
        self._last = report
        content = report.content
        name = None
        if content is not None and content.changed and not content.switched and content.current is not None:
            name = content.current.name
        elif (current := self._sets.pointer().current) is not None and current != self._shown:
            name = current  # switched outside the kiosk: `kiosk rollback`, `kiosk sync --once`
        if name is not None and (self._pending is None or self._pending[0] != name):
            catalog = self.load_set(name)
            if catalog is not None:
                self._staged.emit(name, catalog)
        self.roundFinished.emit()

    # -- the UI thread ------------------------------------------------------------------------
    @Slot()
    def _round_begun(self) -> None:
        self.progress = (0, 0, 0, 0)
        self._busy = True
        self.busyChanged.emit()
        self.progressChanged.emit()

    @Slot()
    def _round_ended(self) -> None:
        if self._busy:
            self._busy = False
            self.busyChanged.emit()

    @Slot(int, int, int, int)
    def _show_progress(self, files_done: int, files: int, bytes_done: int, total: int) -> None:
        self.progress = (files_done, files, bytes_done, total)
        self.progressChanged.emit()

    @Slot(str, object)
    def _take(self, name: str, catalog: Catalog) -> None:
        self._pending = (name, catalog)
        self._switch_if_quiet()

    def _switch_if_quiet(self) -> None:
        if self._pending is None or self._navigator.screen not in QUIET_SCREENS:
            return
        name, catalog = self._pending
        self._pending = None
        try:
            if self._sets.pointer().current != name:
                self._sets.switch(name)
        except (OSError, PackSetError) as e:
            log.error("could not switch to pack set %s: %s", name, e)
            return
        self._show(name, catalog)

    def _show(self, name: str, catalog: Catalog) -> None:
        self.hold_shown(self._sets.folder(name))
        self._content.set_catalog(catalog)
        self._navigator.content_arrived()
        if self._record is not None:
            self._record("pack_switch", {"set": name})
        log.info("now showing pack set %s", name)
        try:
            self._sets.collect()
        except OSError as e:
            log.warning("could not remove old pack sets: %s", e)
