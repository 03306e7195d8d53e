"""The attract loop's bridge: the slots' reports to an `AttractLoop`, its decisions to QML.

The loop (`kiosk.flow.attract`) holds every rule: which item each of the two slots loads,
when the front one is done, when they switch, which items have failed. QML's attract
screen calls `begin()` when it comes on and `leave()` when it goes; each `AttractSlot`
loads what its `AttractSlotView` says and reports `ready`, `ended` and `failed` to it.
This controller feeds the loop the catalogue's playlist, wakes it when it asks, and shows
its state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow.attract import AttractLoop
from kiosk.flow.clock import Now, monotonic
from kiosk.present.attract import SlotFace, slot_face
from kiosk.ui.catalog import ContentController
from kiosk.ui.events import Recorder
from kiosk.ui.props import RowView, readonly
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("Made by the attract controller")
class AttractSlotView(RowView, row=SlotFace):
    """One slot of the loop for QML: what to load, and where its reports go."""

    def __init__(self, name: str, controller: AttractController) -> None:
        super().__init__(controller)
        self._name = name
        self._controller = controller

    @Slot()
    def reportReady(self) -> None:
        self._controller.report(self._controller.loop.ready, self._name)

    @Slot()
    def reportEnded(self) -> None:
        self._controller.report(self._controller.loop.ended, self._name)

    @Slot(str)
    def reportFailed(self, message: str) -> None:
        self._controller.report(self._controller.loop.failed, self._name, message)


@QmlElement
@QmlUncreatable("Made by the kiosk")
class AttractController(QObject):
    #: The still, or whether anything shows, changed.
    changed = Signal()

    def __init__(
        self,
        content: ContentController,
        recorder: Recorder,
        parent: QObject | None = None,
        now: Now = monotonic,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._loop = AttractLoop(recorder.record, now)
        self._slot_a = AttractSlotView("A", self)
        self._slot_b = AttractSlotView("B", self)
        self._show_still = True
        self._presentable = True
        self._publishing = False
        self._again = False
        self._waker = Waker(self._loop.next_wake, self.tick, now, self)
        content.viewChanged.connect(self._playlist)
        self._playlist()

    #: Nothing in the playlist can play: show the branded still.
    showStill = readonly(bool, "_show_still", changed)
    #: Something is on show: an item, or the still.
    presentable = readonly(bool, "_presentable", changed)
    slotA = readonly(QObject, "_slot_a")
    slotB = readonly(QObject, "_slot_b")

    @property
    def loop(self) -> AttractLoop:
        return self._loop

    @Slot(result=int)
    def begin(self) -> int:
        """The attract screen came on; its number, for `leave`."""
        screen = self._loop.begin()
        self._publish()
        return screen

    @Slot(int)
    def leave(self, screen: int) -> None:
        """The attract screen `screen` is being destroyed: nothing to show, only the timer
        to stop (QML is going away, so no signal is emitted)."""
        self._loop.leave(screen)
        self._waker.schedule()

    def report(self, fact: Callable[..., None], *args: str) -> None:
        """A slot's report: `fact` is the loop's move for it (ready, ended, failed)."""
        fact(*args)
        self._publish()

    def stop(self) -> None:
        self._waker.stop()

    def _playlist(self) -> None:
        view = self._content.view
        self._loop.set_items(view.attract if view is not None else ())
        self._publish()

    def tick(self) -> None:
        """Let the time pass (what the timer does when the machine asked to be woken; tests
        call it after moving a fake clock)."""
        self._loop.tick()
        self._publish()

    def _publish(self) -> None:
        # A slot may report back from inside the handler of what it was just shown (a file
        # that fails at once): that report is shown after the current round, not inside it,
        # so no QML handler runs inside itself.
        self._again = True
        if self._publishing:
            return
        self._publishing = True
        try:
            while self._again:
                self._again = False
                self._waker.schedule()
                self._slot_a.show(slot_face(self._loop, self._loop.a))
                self._slot_b.show(slot_face(self._loop, self._loop.b))
                state = (self._loop.show_still, self._loop.presentable)
                if state != (self._show_still, self._presentable):
                    self._show_still, self._presentable = state
                    self.changed.emit()
        finally:
            self._publishing = False
