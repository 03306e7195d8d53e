"""A customer's session: its id, and the idle clock that ends it.

The session starts with a touch on the attract loop. Any touch on the window (seen by an
event filter, which never consumes an ordinary touch) restarts the idle clock. After
`timeout` without a touch the "still there?" warning counts down `countdown` seconds;
the warning is modal (QML covers the screen with it) and a touch on it calls `touch()`;
at zero the session ends. While a video plays the idle clock is held: watching is not
idling.
"""

from __future__ import annotations

import logging
import time
import uuid

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.ui.events import Recorder
from kiosk.ui.props import readonly

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
        self, timeout_s: float, countdown_s: int, recorder: Recorder, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._recorder = recorder
        self._countdown_total = max(1, int(countdown_s))
        self._active = False
        self._warning = False
        self._countdown = 0
        self._held = False
        self._started_at = 0.0
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, round(timeout_s * 1000)))
        self._idle.timeout.connect(self._warn)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)

    # -- properties ---------------------------------------------------------------------
    active = readonly(bool, "_active", activeChanged)
    #: The "still there?" countdown is showing.
    warning = readonly(bool, "_warning", warningChanged)
    countdown = readonly(int, "_countdown", countdownChanged)
    countdownTotal = readonly(int, "_countdown_total")

    @property
    def session_id(self) -> str | None:
        return self._recorder.session

    # -- slots --------------------------------------------------------------------------
    def start(self) -> None:
        if self._active:
            return
        self._recorder.session = str(uuid.uuid4())
        self._started_at = time.monotonic()
        self._active = True
        self._recorder.record("session_start")
        self.activeChanged.emit()
        self._restart_idle()
        self.started.emit()

    def end(self, reason: str) -> None:
        if not self._active:
            return
        self._idle.stop()
        self._tick.stop()
        self._set_warning(False)
        self._recorder.record(
            "session_end", reason=reason, duration_s=round(time.monotonic() - self._started_at, 1)
        )
        self._recorder.session = None
        self._active = False
        self._held = False
        self.activeChanged.emit()
        self.ended.emit(reason)

    @Slot()
    def touch(self) -> None:
        """The customer touched the screen: they are still here."""
        if not self._active:
            return
        self._tick.stop()
        self._set_warning(False)
        self._restart_idle()

    def hold(self, held: bool) -> None:
        """Stop the idle clock while `held` (a video is playing)."""
        self._held = held
        if self._active and not self._warning:
            self._restart_idle()

    def expire(self) -> None:
        """Show the warning now, as if the idle time had passed (for tests and tools)."""
        if self._active:
            self._idle.stop()
            self._warn()

    def _restart_idle(self) -> None:
        if self._held:
            self._idle.stop()
        else:
            self._idle.start()

    def _warn(self) -> None:
        if not self._active or self._held:
            return
        self._countdown = self._countdown_total
        self.countdownChanged.emit()
        self._set_warning(True)
        self._tick.start()

    def _count_down(self) -> None:
        self._countdown -= 1
        self.countdownChanged.emit()
        if self._countdown <= 0:
            self._tick.stop()
            self.end("idle")

    def _set_warning(self, on: bool) -> None:
        if on != self._warning:
            self._warning = on
            self.warningChanged.emit()

    # -- the window's input -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Never consumes: the warning itself is modal and takes the touch that dismisses it.
        if self._active and not self._warning:
            kind = event.type()
            if kind in _PRESS:
                self.touch()
            elif kind in _FOLLOW_UP:
                self._restart_idle()
        return False

    def stop(self) -> None:
        self._idle.stop()
        self._tick.stop()
