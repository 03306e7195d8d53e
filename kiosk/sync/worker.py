"""The running kiosk's sync: rounds on a thread of their own, when the schedule says so.

Never on the UI thread: a round may download for minutes. A round here stages a new pack
set but does not switch to it (`switch=False`): the kiosk switches between customers
(kiosk.ui.sync decides when) and the screen changes at the next attract loop. Whatever a
round raises, the thread carries on: a bug in one round is logged and counted as a failed
round, and the schedule backs off.

With a ledger, customers' orders go on a second thread (`OrderWorker`): an order is sent
the moment it is kept (`send_orders_now`), not at the next round, which may be minutes
away or busy downloading; the round's own orders pass uses the same sender.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kiosk.sync.content import Progress
from kiosk.sync.errors import SyncError
from kiosk.sync.identity import load_identity
from kiosk.sync.leads import LeadWorker
from kiosk.sync.orders import OnAnswer, OrderWorker
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
        on_start: Callable[[], None] | None = None,
        progress: Progress | None = None,
        on_answer: OnAnswer | None = None,
    ) -> None:
        """`on_start`: called (on the worker's thread) when a round begins; `progress`: told
        how the round's downloads go; `on_answer`: told of an order's final answer (on the
        orders' thread)."""
        self.data_dir = data_dir
        self.timezone = timezone
        self.on_round = on_round
        self.schedule = schedule or Schedule()
        self.ledger = ledger
        self.record = record
        self.clock = clock
        self.on_start = on_start
        self.progress = progress
        self._started = clock()
        self._wake = threading.Event()
        self._stopping = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
        #: True while a round runs (the maintenance screen shows it).
        self.busy = False
        #: Customers' orders to HQ, on a thread of their own (None without a ledger).
        self.orders = OrderWorker(data_dir, ledger, on_answer=on_answer) if ledger is not None else None
        #: Register entries to HQ, likewise (kiosk.sync.leads).
        self.leads = LeadWorker(data_dir, ledger) if ledger is not None else None

    def start(self) -> None:
        self._thread.start()
        if self.orders is not None:
            self.orders.start()
        if self.leads is not None:
            self.leads.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the threads to end after the step they are in; wait up to `timeout` s each."""
        self._stopping = True
        self._wake.set()
        if self.orders is not None:
            self.orders.stop(timeout)
        if self.leads is not None:
            self.leads.stop(timeout)
        if self._thread.is_alive():
            self._thread.join(timeout)

    def send_orders_now(self) -> None:
        """An order was just kept: send it now (the orders' thread wakes)."""
        if self.orders is not None:
            self.orders.kick()

    def send_leads_now(self) -> None:
        """A register entry was just kept: send it now."""
        if self.leads is not None:
            self.leads.kick()

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
        identity = load_identity(self.data_dir)
        if identity is None:
            return True  # not enrolled: nothing to sync, look again at the next interval
        self.busy = True
        if self.on_start is not None:
            self.on_start()
        try:
            report = sync_round(
                self.data_dir,
                identity,
                self.timezone,
                ledger=self.ledger,
                record=self.record,
                progress=self.progress,
                switch=False,
                uptime_s=self.clock() - self._started,
                orders=self.orders.sender if self.orders is not None else None,
                leads=self.leads.sender if self.leads is not None else None,
            )
        except SyncError as e:
            log.warning("sync: %s", e)
            report = _failed(str(e))
        except Exception as e:
            log.exception("sync: the round failed unexpectedly; trying again later")
            report = _failed(f"unexpected: {type(e).__name__}: {e}")
        finally:
            self.busy = False
        # A round that began always ends with a report: whoever showed it starting (the
        # maintenance screen's progress) sees it end, failed rounds included.
        try:
            self.on_round(report)
        except Exception:
            log.exception("sync: the kiosk could not take the round's result")
        return report.ok


def _failed(reason: str) -> RoundReport:
    return RoundReport(at=datetime.now(UTC).isoformat(timespec="seconds"), ok=False, errors=[reason])
