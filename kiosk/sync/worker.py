"""The running kiosk's sync: rounds on a thread of their own, when the schedule says so.

Never on the UI thread: a round may download for minutes. A round here stages a new pack
set but does not switch to it (`switch=False`): the kiosk switches between customers
(kiosk.ui.sync decides when) and the screen changes at the next attract loop. Whatever a
round raises, the thread carries on: a bug in one round is logged and counted as a failed
round, and the schedule backs off.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.sync.errors import SyncError
from kiosk.sync.identity import load_identity
from kiosk.sync.round import Record, RoundReport, sync_round
from kiosk.sync.schedule import Schedule

log = logging.getLogger(__name__)


class SyncWorker:
    def __init__(
        self,
        data_dir: Path,
        timezone: str,
        *,
        on_round: Callable[[RoundReport], None],
        schedule: Schedule | None = None,
        ledger: Path | None = None,
        record: Record | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data_dir = data_dir
        self.timezone = timezone
        self.on_round = on_round
        self.schedule = schedule or Schedule()
        self.ledger = ledger
        self.record = record
        self.clock = clock
        self._started = clock()
        self._wake = threading.Event()
        self._stopping = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
        #: True while a round runs (the maintenance screen shows it).
        self.busy = False

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to end after the step it is in; wait up to `timeout` s."""
        self._stopping = True
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def request_now(self) -> None:
        """A round at once (or right after the one running)."""
        with self._lock:
            self.schedule.request_now(self.clock())
        self._wake.set()

    def _loop(self) -> None:
        while not self._stopping:
            with self._lock:
                wait = self.schedule.wait_s(self.clock())
            if wait > 0 and self._wake.wait(wait):
                self._wake.clear()
                continue  # asked for a round, or to stop: look again
            if self._stopping:
                return
            ok = self._round()
            with self._lock:
                self.schedule.done(self.clock(), ok)

    def _round(self) -> bool:
        self.busy = True
        try:
            identity = load_identity(self.data_dir)
            if identity is None:
                return True  # not enrolled: nothing to sync, look again at the next interval
            report = sync_round(
                self.data_dir,
                identity,
                self.timezone,
                ledger=self.ledger,
                record=self.record,
                switch=False,
                uptime_s=self.clock() - self._started,
            )
        except SyncError as e:
            log.warning("sync: %s", e)
            return False
        except Exception:
            log.exception("sync: the round failed unexpectedly; trying again later")
            return False
        finally:
            self.busy = False
        try:
            self.on_round(report)
        except Exception:
            log.exception("sync: the kiosk could not take the round's result")
        return report.ok
