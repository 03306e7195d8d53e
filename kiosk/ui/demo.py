"""The demo player's bridge: QML's taps to a `DemoRun`, and the run's scene to QML.

The run (`kiosk.flow.demo`) holds every rule: which scene shows, where taps lead, Back,
the step and the auto-advance. This controller passes QML's `tap`, `next`, `back` and
`restart` on, wakes the run when its scene is due to move on, and shows the run as a
`DemoFrame` and hotspot rows (`kiosk.present.demo`) in the customer's language.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow.clock import Now, monotonic
from kiosk.flow.demo import DemoRun
from kiosk.packs.model import Demo
from kiosk.present.demo import DemoFrame, demo_frame, hotspot_rows
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.models import HotspotModel
from kiosk.ui.props import readonly
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("Made by the kiosk")
class DemoController(QObject):
    #: The scene or the demo's state changed (what shows, the step, the buttons).
    changed = Signal()
    #: Texts in the customer's language (and the narration audio, which is by language).
    textChanged = Signal()

    def __init__(
        self,
        language: LanguageController,
        recorder: Recorder,
        parent: QObject | None = None,
        now: Now = monotonic,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._recorder = recorder
        self._run = DemoRun(recorder.record, now)
        self._frame = DemoFrame()
        self._hotspots = HotspotModel(self)
        self._waker = Waker(self._run.next_wake, self.tick, now, self)
        language.languageChanged.connect(self._retext)

    @property
    def run(self) -> DemoRun:
        """The run itself, for Python readers (the voice says its scenes' narration)."""
        return self._run

    # -- lifecycle ----------------------------------------------------------------------
    def start(self, demo: Demo, service_id: str) -> None:
        self._run.start(demo, service_id)
        self._publish()

    def stop(self) -> None:
        """Leave the demo (the last scene stays on show while its screen slides away)."""
        left = self._run.stop()
        self._waker.stop()
        if left:
            self._frame = demo_frame(self._run, self._language.language)
            self.changed.emit()

    # -- slots --------------------------------------------------------------------------
    @Slot(str)
    def tap(self, hotspot_id: str) -> None:
        if self._run.tap(hotspot_id):
            self._publish()

    @Slot()
    def next(self) -> None:
        if self._run.next():
            self._publish()

    @Slot()
    def back(self) -> None:
        if self._run.back():
            self._publish()

    @Slot()
    def restart(self) -> None:
        if self._run.restart():
            self._publish()

    @Slot(str, str)
    def reportMediaError(self, source: str, message: str) -> None:
        """A scene video or narration could not play; the demo goes on without it."""
        log.error("demo media %s cannot be played: %s", source, message)
        demo = self._run.demo
        self._recorder.record(
            "media_error", screen="demo", demo=demo.id if demo else "", source=source, error=message
        )

    # -- showing the run ----------------------------------------------------------------
    def tick(self) -> None:
        """Let the time pass (what the timer does when the machine asked to be woken; tests
        call it after moving a fake clock)."""
        if self._run.tick():
            self._publish()
        else:
            self._waker.schedule()

    def _publish(self) -> None:
        self._waker.schedule()
        lang = self._language.language
        self._frame = demo_frame(self._run, lang)
        self._hotspots.sync(hotspot_rows(self._run, lang))
        self.changed.emit()
        self.textChanged.emit()

    def _retext(self) -> None:
        lang = self._language.language
        self._frame = demo_frame(self._run, lang)
        self._hotspots.sync(hotspot_rows(self._run, lang))
        self.textChanged.emit()

    # -- properties ---------------------------------------------------------------------
    active = readonly(bool, "_frame.active", changed)
    sceneId = readonly(str, "_frame.scene_id", changed)
    image = readonly(str, "_frame.image", changed)
    video = readonly(str, "_frame.video", changed)
    step = readonly(int, "_frame.step", changed)
    stepCount = readonly(int, "_frame.step_count", changed)
    canGoBack = readonly(bool, "_frame.can_go_back", changed)
    #: The Next button shows: the scene leads on and has no hotspots to tap instead.
    hasNext = readonly(bool, "_frame.has_next", changed)
    #: Next leads to the end of the demo ("Finish" rather than "Next").
    nextEnds = readonly(bool, "_frame.next_ends", changed)
    autoAdvanceMs = readonly(int, "_frame.auto_advance_ms", changed)
    finished = readonly(bool, "_frame.finished", changed)
    title = readonly(str, "_frame.title", textChanged)
    caption = readonly(str, "_frame.caption", textChanged)
    narration = readonly(str, "_frame.narration", textChanged)
    narrationAudio = readonly(str, "_frame.narration_audio", textChanged)
    hotspots = readonly(QObject, "_hotspots")
