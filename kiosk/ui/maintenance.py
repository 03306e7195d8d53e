"""The maintenance screen's bridge: the hidden gesture, the PIN pad and the staff's buttons.

The rules (how long the corner is held, the pad, the lockout, the idle limits) are
`kiosk.flow.maintenance.MaintenanceGate`'s and `kiosk.flow.pin.PinGate`'s. This controller
feeds the gate the window's input (an event filter that never consumes: a press in the
top-left corner starts the hold, any press while the pad or the screen shows is a touch),
wakes it when it asks, and moves the Navigator when the screen opens or closes.

What the screen shows is gathered off the UI thread (status, self-test: both read disks
and ask HQ, which may take seconds when the network is bad) and delivered back by queued
signals. Sync now and roll back go through the running kiosk's `SyncController`; without
one (screenshots, tools) the screen says sync is not running and those buttons are off.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

# Not `Qt`: importing it builds all its enums, some 20 ms of the kiosk's start.
from PySide6.QtCore import QCoreApplication, QEvent, QMetaObject, QObject, QPointF, Signal, Slot
from PySide6.QtGui import QMouseEvent, QPointingDevice, QTouchEvent
from PySide6.QtQml import QmlElement, QmlUncreatable
from PySide6.QtQuick import QQuickWindow

from kiosk.config import Settings
from kiosk.flow.clock import Now, monotonic
from kiosk.flow.maintenance import MaintenanceGate, Stage
from kiosk.flow.pin import PinGate
from kiosk.present.maintenance import (
    CheckRow,
    MaintenanceFace,
    PadFace,
    StatusRow,
    SyncFace,
    check_rows,
    local_time,
    pad_face,
    size,
    status_rows,
)
from kiosk.ui.events import Recorder
from kiosk.ui.models import RowModel
from kiosk.ui.navigation import Navigator
from kiosk.ui.props import RowView, readonly
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: The corner that opens the PIN pad when held: this many pixels square on a window whose
#: short side is 1080 (scaled with the window, like the Theme's sizes).
CORNER_PX = 120

_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_MOVE = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
_RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


@QmlElement
@QmlUncreatable("Made by the maintenance controller")
class PinPadView(RowView, row=PadFace):
    """The PIN pad: shown, its state, how many digits are typed, tries left, the wait."""


@QmlElement
@QmlUncreatable("Made by the maintenance controller")
class MaintenanceView(RowView, row=MaintenanceFace):
    """The screen's own state: gathering, testing, what the last action said."""


@QmlElement
@QmlUncreatable("Made by the maintenance controller")
class SyncView(RowView, row=SyncFace):
    """The background sync as the screen shows it: running, progress, the last round."""


@QmlElement
@QmlUncreatable("Made by the maintenance controller")
class StatusModel(RowModel):
    ROW = StatusRow


@QmlElement
@QmlUncreatable("Made by the maintenance controller")
class CheckModel(RowModel):
    ROW = CheckRow


def _quit_app() -> None:
    app = QCoreApplication.instance()
    if app is not None:
        # Queued: the slot that asks returns before the windows close.
        from PySide6.QtCore import Qt

        QMetaObject.invokeMethod(app, "quit", Qt.ConnectionType.QueuedConnection)


def _gather(settings: Settings) -> dict[str, Any]:
    from kiosk.sync.commands import gather_status

    return gather_status(settings)


def _self_test(settings: Settings) -> list[Any]:
    from kiosk.sync.commands import run_checks

    return run_checks(settings)


@QmlElement
@QmlUncreatable("Made by the kiosk")
class MaintenanceController(QObject):
    #: From worker threads, delivered on the UI thread: (what, generation, result).
    _done = Signal(str, int, object)

    def __init__(
        self,
        settings: Settings,
        navigator: Navigator,
        recorder: Recorder,
        *,
        now: Now = monotonic,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        gather: Callable[[Settings], dict[str, Any]] | None = None,
        self_test: Callable[[Settings], list[Any]] | None = None,
        quit_app: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`gather`, `self_test`: what `kiosk status` and `kiosk doctor` run (called on threads
        of their own); `quit_app`: how "exit to the desktop" ends the program (default: the
        module's functions, looked up when the controller is made)."""
        super().__init__(parent)
        from kiosk.sync.admin import PinFile

        self._settings = settings
        self._nav = navigator
        self._recorder = recorder
        self._sync: Any = None
        self._window: QQuickWindow | None = None
        #: The touch screen of the press under way in the corner (None: a mouse's press).
        self._touch_device: QPointingDevice | None = None
        self._now = now
        self._clock = clock
        self._gather_fn = gather or _gather
        self._self_test_fn = self_test or _self_test
        self._quit_app = quit_app or _quit_app
        self._gate = MaintenanceGate(
            PinGate(PinFile(settings.data_dir), lambda: self._clock().timestamp()), recorder.record_staff, now
        )
        self._waker = Waker(self._gate.next_wake, self.tick, now, self)
        self._stage = Stage.CLOSED
        self._generation = 0
        self._status: dict[str, Any] | None = None
        self._sync_asked = False
        self._pad = PinPadView(self)
        self._face = MaintenanceView(self)
        self._sync_view = SyncView(self)
        self._rows = StatusModel(self)
        self._checks = CheckModel(self)
        self._done.connect(self._take)
        self._show_sync()

    def use_sync(self, sync: Any) -> None:
        """The running kiosk's `kiosk.ui.sync.SyncController`: Sync now and Roll back go
        through it. Without one (screenshots, tools) the screen says sync is not running."""
        self._sync = sync
        sync.busyChanged.connect(self._show_sync)
        sync.progressChanged.connect(self._show_sync)
        sync.roundFinished.connect(self._round_finished)
        self._show_sync()

    def attach(self, window: QQuickWindow) -> None:
        """Watch `window`'s input for the corner held and the touches that keep it open."""
        self._window = window
        window.installEventFilter(self)

    def detach(self) -> None:
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None

    pad = readonly(QObject, "_pad")
    face = readonly(QObject, "_face")
    sync = readonly(QObject, "_sync_view")
    status = readonly(QObject, "_rows")
    checks = readonly(QObject, "_checks")

    # Typed access for Python callers.
    @property
    def gate(self) -> MaintenanceGate:
        return self._gate

    @property
    def shown_face(self) -> MaintenanceFace:
        return self._face._row

    @property
    def shown_pad(self) -> PadFace:
        return self._pad._row

    @property
    def shown_sync(self) -> SyncFace:
        return self._sync_view._row

    # -- the PIN pad --------------------------------------------------------------------
    @Slot(str)
    def digit(self, d: str) -> None:
        self._gate.digit(d)
        self._publish()

    @Slot()
    def erase(self) -> None:
        self._gate.erase()
        self._publish()

    @Slot()
    def submit(self) -> None:
        # The slow hash (about 50 ms) runs here: a PIN is tried seldom, and the pad must
        # not take another digit until it is known.
        self._gate.submit()
        self._publish()

    @Slot()
    def cancel(self) -> None:
        self._gate.cancel()
        self._publish()

    def open_pad(self) -> None:
        """The pad, as if the corner had been held (for tools and tests)."""
        self._gate.open_pad()
        self._publish()

    def open_without_pin(self) -> None:
        """The screen, as if the right PIN had been typed (screenshots and tests only)."""
        self._gate.open_without_pin()
        self._publish()

    # -- the screen's buttons -----------------------------------------------------------
    @Slot()
    def touch(self) -> None:
        self._gate.touch()
        self._waker.schedule()

    @Slot()
    def close(self) -> None:
        self._gate.close("closed")
        self._publish()

    @Slot()
    def refresh(self) -> None:
        if self._stage == Stage.OPEN:
            self._start("status", self._gather_fn)

    @Slot()
    def syncNow(self) -> None:
        if self._stage != Stage.OPEN or self._sync is None or self._sync_busy():
            return
        self._recorder.record_staff("maintenance_sync")
        self._sync_asked = True
        self._sync.syncNow()
        self._show_sync()

    @Slot()
    def rollBack(self) -> None:
        if self._stage != Stage.OPEN or not self.shown_face.can_roll_back:
            return
        self._recorder.record_staff("maintenance_rollback")
        self._face.show(replace(self.shown_face, rolling_back=True, can_roll_back=False, notice=""))
        self._start("rollback", self._roll_back)

    @Slot()
    def runSelfTest(self) -> None:
        if self._stage != Stage.OPEN or self.shown_face.testing:
            return
        self._face.show(replace(self.shown_face, testing=True))
        self._start("checks", self._self_test_fn)

    @Slot()
    def exitToDesktop(self) -> None:
        if self._stage != Stage.OPEN:
            return
        self._recorder.record_staff("maintenance_exit")
        self._gate.close("exit")
        self._stage = Stage.CLOSED
        self._waker.stop()
        log.info("exit to the desktop from the maintenance screen")
        self._quit_app()

    def stop(self) -> None:
        self._waker.stop()

    # -- the window's input -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESS:
            if self._gate.stage == Stage.CLOSED:
                point = _point(event)
                self._touch_device = event.pointingDevice() if isinstance(event, QTouchEvent) else None
                if point is not None and _in_corner(point, watched):
                    self._gate.corner_pressed()
                    self._waker.schedule()
            else:
                self.touch()
        elif kind in _MOVE:
            point = _point(event)
            if self._gate.stage == Stage.CLOSED and point is not None and not _in_corner(point, watched):
                self._gate.corner_released()
                self._waker.schedule()
        elif kind in _RELEASE and self._gate.stage == Stage.CLOSED:
            self._gate.corner_released()
            self._waker.schedule()
        return False

    # -- showing ------------------------------------------------------------------------
    def tick(self) -> None:
        self._gate.tick()
        self._publish()

    def _publish(self) -> None:
        gate = self._gate
        self._waker.schedule()
        was, self._stage = self._stage, gate.stage
        if was == Stage.CLOSED and gate.stage == Stage.PAD:
            _cancel_press(self._window, self._touch_device)
        self._pad.show(pad_face(gate))
        if was != Stage.OPEN and gate.stage == Stage.OPEN:
            self._opened()
        elif was == Stage.OPEN and gate.stage != Stage.OPEN:
            self._nav.close_maintenance()

    def _opened(self) -> None:
        self._status = None
        self._rows.sync([])
        self._checks.sync([])
        self._face.show(MaintenanceFace(enrolled=self._enrolled()))
        self._nav.open_maintenance()
        self._show_sync()
        self._start("status", self._gather_fn)

    def _enrolled(self) -> bool:
        from kiosk.sync.identity import load_identity

        try:
            return load_identity(self._settings.data_dir) is not None
        except Exception:  # a damaged identity: the status (gathered next) says what is wrong
            return False

    def _sync_busy(self) -> bool:
        return self._sync is not None and (self._sync_asked or bool(self._sync.busy))

    @Slot()
    def _show_sync(self) -> None:
        sync = self._sync
        if sync is None:
            self._sync_view.show(SyncFace())
            return
        if sync.busy:
            self._sync_asked = False
        files_done, files, done, total = sync.progress
        face = SyncFace(
            available=True,
            busy=self._sync_busy(),
            files_done=files_done,
            files_total=files,
            bytes_done=done,
            bytes_total=total,
            done_text=size(done),
            total_text=size(total),
            pending=sync.pending or "",
        )
        last = sync.last_round
        if last is not None:
            summary = last.summary()
            face = replace(
                face,
                has_last=True,
                last_at=local_time(summary["at"], self._settings.timezone),
                last_ok=bool(summary["ok"]),
                last_files=summary["downloaded_files"],
                last_bytes=size(summary["downloaded_bytes"]),
                last_events=summary["events_sent"],
                last_error="; ".join(summary["errors"][:2]),
            )
        self._sync_view.show(face)
        self._refresh_face()

    @Slot()
    def _round_finished(self) -> None:
        self._sync_asked = False
        self._show_sync()
        self.refresh()

    def _start(self, what: str, work: Callable[[Settings], Any]) -> None:
        """Run `work(settings)` on a thread of its own; its result comes back to `_take`."""
        if what == "status":
            self._face.show(replace(self.shown_face, gathering=True))
        generation = self._generation = self._generation + 1
        settings = self._settings

        def run() -> None:
            try:
                result: Any = work(settings)
            except Exception as e:  # shown on the screen, not lost in a thread
                log.exception("maintenance: %s failed", what)
                result = e
            self._done.emit(what, generation, result)

        threading.Thread(target=run, name=f"kiosk-maintenance-{what}", daemon=True).start()

    @Slot(str, int, object)
    def _take(self, what: str, generation: int, result: Any) -> None:
        face = self.shown_face
        if what == "status":
            if isinstance(result, Exception):
                # Not "not enrolled" or any other guess: what failed, as it is.
                self._status = None
                self._rows.sync(
                    [StatusRow("status", "failed", False, detail=f"{type(result).__name__}: {result}")]
                )
                self._face.show(replace(face, gathering=False, gathered=True))
            else:
                self._status = result
                self._rows.sync(status_rows(result, self._settings.timezone, self._clock()))
                enrolled = result.get("identity") is not None
                self._face.show(replace(face, gathering=False, gathered=True, enrolled=enrolled))
        elif what == "checks":
            rows = [] if isinstance(result, Exception) else check_rows(result)
            if isinstance(result, Exception):
                rows = [CheckRow("self-test", False, f"{type(result).__name__}: {result}")]
            self._checks.sync(rows)
            bad = [r.name for r in rows if not r.ok]
            self._recorder.record_staff("maintenance_self_test", ok=not bad, problems=bad)
            self._face.show(
                replace(
                    face, testing=False, tested=True, checks_ok=len(rows) - len(bad), checks_total=len(rows)
                )
            )
        elif what == "rollback":
            self._rolled_back(result)
        self._refresh_face()

    def _refresh_face(self) -> None:
        face = self.shown_face
        previous = self._status is not None and self._status.get("previous") is not None
        can = (
            self._stage == Stage.OPEN
            and self._sync is not None
            and previous
            and not face.rolling_back
            and not self._sync_busy()
        )
        if can != face.can_roll_back:
            self._face.show(replace(face, can_roll_back=can))

    # -- rolling back -------------------------------------------------------------------
    def _roll_back(self, settings: Settings) -> tuple[bool, str, Any]:
        """On a worker thread: the pointer back to the previous set, and that set loaded.
        A set that does not load is rolled forward again: the kiosk keeps what it shows."""
        from kiosk.sync.packsets import PackSetError, PackSets

        sets = PackSets(settings.content_dir)
        before = sets.current()
        try:
            pointer = sets.rollback()
        except (PackSetError, OSError) as e:
            return False, str(e), None
        name = pointer.current or ""
        catalog = self._sync.load_set(name)
        if catalog is None:
            try:
                sets.rollback()
            except (PackSetError, OSError) as e:
                log.error("could not return to pack set %s after a failed rollback: %s", pointer.previous, e)
            return False, f"pack set {name} does not load; kept {before.name if before else '?'}", None
        now = sets.current()
        packs = [f"{p.id}@{p.version}" for p in now.packs] if now else []
        return True, name, (before.name if before else None, packs, catalog)

    def _rolled_back(self, result: Any) -> None:
        face = replace(self.shown_face, rolling_back=False)
        if isinstance(result, Exception):
            result = (False, f"{type(result).__name__}: {result}", None)
        ok, name, extra = result
        if ok:
            from kiosk.sync.packsets import PackSetError, PackSets

            try:
                current = PackSets(self._settings.content_dir).pointer().current
            except PackSetError:
                current = None
            if current != name:
                # A background round's set was switched to meanwhile (this screen is a quiet
                # moment): show nothing that is not current.
                ok, name = False, f"another pack set ({current}) became current meanwhile; try again"
        if ok:
            before, packs, catalog = extra
            self._recorder.record_staff("pack_rollback", **{"from": before, "to": name, "packs": packs})
            self._sync.show_set(name, catalog)
            face = replace(face, notice="rolledBack", notice_ok=True, notice_detail=name)
        else:
            face = replace(face, notice="rollbackFailed", notice_ok=False, notice_detail=name)
        self._face.show(face)
        self.refresh()


def _point(event: QEvent) -> QPointF | None:
    if isinstance(event, QMouseEvent):
        return event.position()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].position()
    return None


def _in_corner(point: QPointF, window: QObject) -> bool:
    if not isinstance(window, QQuickWindow):
        return False
    side = CORNER_PX * max(0.3, min(window.width(), window.height()) / 1080)
    return 0 <= point.x() < side and 0 <= point.y() < side


def _cancel_press(window: QQuickWindow | None, touch: QPointingDevice | None) -> None:
    """The press that opened the pad goes to nothing else: what it pressed (the attract loop,
    the top bar's Back) is told the press was taken from it, so lifting the finger clicks
    nothing. A touch is cancelled as the touch screen would; a mouse's grab is taken back."""
    if window is None:
        return
    if touch is not None:
        QCoreApplication.sendEvent(window, QTouchEvent(QEvent.Type.TouchCancel, touch))
        return
    grabber = window.mouseGrabberItem()
    if grabber is not None:
        grabber.ungrabMouse()
