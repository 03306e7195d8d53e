"""Easy mode and reach mode's bridge: QML's toggles to an `Access`, its state to QML and to
the machines it paces.

The rules are `kiosk.flow.access`'s: what each mode does, reach only in portrait, the end
with the session, the lapse of modes chosen before one. This controller is told the
window's shape and the session's start and end, passes the pace on to the attract loop and
the demo run, wakes the machine when it asks, and emits what changed; the shell puts the
text size and the contrast on the QML Theme (`KioskShell`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow.access import Access
from kiosk.flow.attract import AttractLoop
from kiosk.flow.clock import Now, monotonic
from kiosk.flow.demo import DemoRun
from kiosk.ui.events import Recorder
from kiosk.ui.props import readonly
from kiosk.ui.session import SessionController
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the kiosk")
class AccessController(QObject):
    #: Easy mode, reach mode or whether reach mode is offered changed.
    changed = Signal()

    def __init__(
        self,
        lapse_s: float,
        session: SessionController,
        recorder: Recorder,
        paced: tuple[AttractLoop, DemoRun],
        parent: QObject | None = None,
        now: Now = monotonic,
    ) -> None:
        super().__init__(parent)
        self._access = Access(lapse_s, recorder.record, now)
        self._paced = paced
        self._shown = (False, False, False)
        self._waker = Waker(self._access.next_wake, self.tick, now, self)
        session.started.connect(self._session_started)
        session.ended.connect(self._session_ended)

    easy = readonly(bool, "_access.easy", changed)
    reach = readonly(bool, "_access.reach", changed)
    reachAvailable = readonly(bool, "_access.reach_available", changed)
    textScale = readonly(float, "_access.text_scale", changed)
    #: How many times as long what moves on by itself stays (the offers' carousel too).
    pace = readonly(float, "_access.pace", changed)

    @property
    def access(self) -> Access:
        return self._access

    # -- slots ----------------------------------------------------------------------------
    @Slot()
    def toggleEasy(self) -> None:
        self._access.toggle_easy()
        self._publish()

    @Slot()
    def toggleReach(self) -> None:
        if self._access.toggle_reach():
            self._publish()

    # -- what the shell tells ---------------------------------------------------------------
    def set_window(self, width: int, height: int) -> None:
        self._access.set_portrait(height > width)
        self._publish()

    def _session_started(self) -> None:
        self._access.session_started()
        self._publish()

    def _session_ended(self, _reason: str) -> None:
        self.end()

    def end(self) -> None:
        """Both modes off: the session ended, or the staff took the screen (modes chosen on
        the attract loop do not follow them into the maintenance screen)."""
        self._access.session_ended()
        self._publish()

    def tick(self) -> None:
        """Let the time pass (what the timer does; tests call it after moving a fake clock)."""
        self._access.tick()
        self._publish()

    def stop(self) -> None:
        self._waker.stop()

    def _publish(self) -> None:
        a = self._access
        self._waker.schedule()
        for machine in self._paced:
            machine.pace = a.pace
        shown = (a.easy, a.reach, a.reach_available)
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()
