"""The one Qt timer a state machine needs: it asks the machine when to wake it next.

A controller calls `schedule()` after every change it passes to its machine; at the time
the machine named, `woken` runs (the controller ticks the machine, shows what changed and
schedules again). Timers decide nothing: the rules are the machine's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.flow.clock import Now, due_in_ms

#: Qt.TimerType.PreciseTimer, by number: naming it makes PySide build every enum of Qt's
#: namespace, some 20-25 ms of a start that does not otherwise need them.
_PRECISE_TIMER = 0


def precise_timer(parent: QObject) -> QTimer:
    """A single-shot timer that fires on time: a coarse one may fire up to 5% early."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setProperty("timerType", _PRECISE_TIMER)
    return timer


class Waker(QObject):
    def __init__(
        self,
        next_wake: Callable[[], float | None],
        woken: Callable[[], None],
        now: Now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._next_wake = next_wake
        self._now = now
        # Precise: a machine woken early only asks to be woken again.
        self._timer = precise_timer(self)
        self._timer.timeout.connect(woken)

    def schedule(self) -> None:
        ms = due_in_ms(self._next_wake(), self._now())
        if ms is None:
            self._timer.stop()
        else:
            self._timer.start(ms)

    def stop(self) -> None:
        self._timer.stop()
