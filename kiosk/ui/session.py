"""The session's bridge: the window's input and Qt's timer to a `Session`, its state to QML.

The session and its idle clock (`kiosk.flow.session`) hold every rule: when the warning
shows, the countdown, what holds the clock, when the session ends. This controller gives
the session an id for the ledger, feeds it the window's input (an event filter that never
consumes an ordinary touch; the warning itself is modal and QML passes its touch to
`touch()`), wakes it when it asks, and emits what changed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow.clock import Now, monotonic
from kiosk.flow.session import Session
from kiosk.services.ledger import new_random_id
from kiosk.ui.events import Recorder
from kiosk.ui.props import readonly
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

_PRESS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}
_FOLLOW_UP = {
    QEvent.Type.MouseMove,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletMove,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchEnd,
    QEvent.Type.TabletRelease,
    QEvent.Type.KeyRelease,
}


@QmlElement
@QmlUncreatable("Made by the kiosk")
class SessionController(QObject):
    activeChanged = Signal()
    warningChanged = Signal()
    countdownChanged = Signal()
    started = Signal()
    ended = Signal(str)

    def __init__(
        self,
        timeout_s: float,
        countdown_s: int,
        recorder: Recorder,
        parent: QObject | None = None,
        now: Now = monotonic,
    ) -> None:
        super().__init__(parent)
        self._recorder = recorder
        self._session = Session(timeout_s, countdown_s, recorder.record, now)
        # What QML was last shown: the countdown keeps its last number while the warning
        # fades out.
        self._active = False
        self._warning = False
        self._countdown = 0
        self._waker = Waker(self._session.next_wake, self.tick, now, self)

    active = readonly(bool, "_active", activeChanged)
    #: The "still there?" countdown is showing.
    warning = readonly(bool, "_warning", warningChanged)
    countdown = readonly(int, "_countdown", countdownChanged)
    countdownTotal = readonly(int, "_session.countdown_total")

    # -- moves --------------------------------------------------------------------------
    def start(self) -> None:
        if self._session.active:
            return
        self._recorder.session = new_random_id()
        self._session.start()
        self._publish()

    def end(self, reason: str) -> None:
        self._session.end(reason)
        self._publish()

    @Slot()
    def touch(self) -> None:
        """The customer touched the screen: they are still here."""
        self._session.touch()
        self._publish()

    @Slot()
    def extend(self) -> None:
        """More time, asked for on the warning (the whole warning takes the same touch)."""
        self._session.extend()
        self._publish()

    def hold(self, held: bool) -> None:
        """Stop the idle clock while `held` (a video is playing)."""
        self._session.hold(held)
        self._publish()

    def expire(self) -> None:
        """Show the warning now, as if the idle time had passed (for tests and tools)."""
        self._session.expire()
        self._publish()

    def stop(self) -> None:
        self._waker.stop()

    # -- the window's input -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Never consumes: the warning itself is modal and takes the touch that dismisses it.
        if self._session.active and not self._session.warning:
            kind = event.type()
            if kind in _PRESS:
                self.touch()
            elif kind in _FOLLOW_UP:
                self._session.follow_up()
                self._waker.schedule()
        return False

    # -- showing the session ------------------------------------------------------------
    def tick(self) -> None:
        """Let the time pass (what the timer does when the machine asked to be woken; tests
        call it after moving a fake clock)."""
        self._session.tick()
        self._publish()

    def _publish(self) -> None:
        """Emit what changed since the last time, in the order QML has always seen."""
        s = self._session
        self._waker.schedule()
        # The countdown that ran out shows 0 as the warning fades.
        ran_out = self._warning and not s.active and s.ended_reason == "idle"
        countdown = s.countdown if s.warning else 0 if ran_out else self._countdown
        if countdown != self._countdown:
            self._countdown = countdown
            self.countdownChanged.emit()
        if s.warning != self._warning:
            self._warning = s.warning
            self.warningChanged.emit()
        if s.active != self._active:
            self._active = s.active
            self.activeChanged.emit()
            if s.active:
                self.started.emit()
            else:
                self._recorder.session = None
                self.ended.emit(s.ended_reason)
