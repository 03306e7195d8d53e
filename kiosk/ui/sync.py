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
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.config import Settings
from kiosk.domain.catalog import Catalog
from kiosk.packs.media import MediaChecks
from kiosk.services.content import load_content
from kiosk.sync.packsets import PackSetError, PackSets, hold
from kiosk.sync.round import RoundReport
from kiosk.sync.schedule import Schedule
from kiosk.sync.worker import SyncWorker
from kiosk.ui.catalog import ContentController
from kiosk.ui.navigation import ATTRACT, OUT_OF_SERVICE, Navigator
from kiosk.ui.props import readonly

log = logging.getLogger(__name__)

#: Records one event in the ledger (kind, data).
RecordEvent = Callable[[str, dict[str, Any]], object]


class SyncController(QObject):
    roundFinished = Signal()
    #: From the worker thread: a staged set, loaded (name, catalog); delivered on the UI thread.
    _staged = Signal(str, object)

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
        self._worker = SyncWorker(
            settings.data_dir,
            settings.timezone,
            on_round=self._round_done,
            schedule=schedule or Schedule(interval_s=settings.sync_interval_s),
            ledger=settings.ledger_path,
            record=record,
        )
        self._staged.connect(self._take)
        navigator.screenChanged.connect(self._switch_if_quiet)

    busy = readonly(bool, "_busy", roundFinished)

    @property
    def _busy(self) -> bool:
        return self._worker.busy

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
            loaded = load_content(
                [self._sets.folder(name)],
                self._settings.store,
                self._settings.timezone,
                fallback=None,
                checks=MediaChecks(self._settings.media_checks_path),
            )
            if loaded.catalog is None:
                log.error("the staged pack set %s did not load: %s", name, "; ".join(loaded.problems[:3]))
            else:
                self._staged.emit(name, loaded.catalog)
        self.roundFinished.emit()

    # -- the UI thread ------------------------------------------------------------------------
    @Slot(str, object)
    def _take(self, name: str, catalog: Catalog) -> None:
        self._pending = (name, catalog)
        self._switch_if_quiet()

    def _switch_if_quiet(self) -> None:
        if self._pending is None or self._navigator.screen not in (ATTRACT, OUT_OF_SERVICE):
            return
        name, catalog = self._pending
        self._pending = None
        try:
            if self._sets.pointer().current != name:
                self._sets.switch(name)
        except (OSError, PackSetError) as e:
            log.error("could not switch to pack set %s: %s", name, e)
            return
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
