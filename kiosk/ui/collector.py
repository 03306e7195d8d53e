"""Python's cyclic garbage collection, run on Qt's thread only.

Left to itself, the collector runs on whichever thread allocates when a threshold is
crossed: the ledger's writer, the order sender, the sync worker, a subscribe step's worker.
Garbage holding QObjects collected there is destroyed off the thread that owns it; a QObject
with a timer then stays registered with the event loop and the next timer event reaches
freed memory (a segfault in QTimerInfoList::activateTimers, caught under gdb in the UI
tests). So the automatic collector is off while the kiosk runs, and a timer on Qt's thread
does the same work at the same thresholds: the young generation when enough objects were
made, the middle one every tenth time, and a full collection every tenth of those, but only
when no customer is at the screen (`quiet()`), since a full walk of the heap is the one
that can cost a frame.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: How often the count of new objects is looked at (ms). Cycles wait this long at most.
CHECK_MS = 500
#: When, after start, what exists is frozen (ms): the window is up by then.
SETTLE_MS = 2000
#: Python's own thresholds (gc.get_threshold() by default): young objects, then collections.
YOUNG = 700
EVERY = 10


class MainThreadCollector(QObject):
    """Runs the cyclic collector from a timer on the thread this object lives on."""

    def __init__(self, quiet: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quiet = quiet
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.tick)
        self._young_runs = 0
        self._middle_runs = 0
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        QTimer.singleShot(SETTLE_MS, self, self.settle)

    def settle(self) -> None:
        """What exists now (the window, the content, the compiled QML) lives as long as the
        kiosk: once frozen, full collections do not walk it again."""
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def tick(self) -> int | None:
        """One look at the counts; the generation collected, or None."""
        if gc.get_count()[0] < YOUNG:
            return None
        generation = 0
        self._young_runs += 1
        if self._young_runs >= EVERY:
            self._young_runs = 0
            generation = 1
            self._middle_runs += 1
            if self._middle_runs >= EVERY and self._quiet():
                self._middle_runs = 0
                generation = 2
        gc.collect(generation)
        return generation
