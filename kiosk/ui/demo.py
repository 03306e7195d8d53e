"""The scripted demo player's logic: which scene shows, where taps lead, and Back.

A demo is a graph of scenes (`kiosk.packs.model.Demo`). The controller keeps the current
scene, the history of scenes visited (for Back), the step number ("step N of M" counts
scenes in the order the pack lists them), the Next button and the auto-advance timer.
QML only draws the scene and calls `tap`, `next`, `back` and `restart`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.packs.model import END, Demo, Scene
from kiosk.present.demo import HotspotRow
from kiosk.present.media import media_url
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.models import HotspotModel

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
        self, language: LanguageController, recorder: Recorder, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._recorder = recorder
        self._demo: Demo | None = None
        self._service_id = ""
        self._scene: Scene | None = None
        self._history: list[str] = []
        self._finished = False
        self._running = False
        self._visited = 0
        self._hotspots = HotspotModel(self)
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.timeout.connect(self.next)
        language.languageChanged.connect(self._retext)

    # -- lifecycle ----------------------------------------------------------------------
    def start(self, demo: Demo, service_id: str) -> None:
        self.stop()
        self._running = True
        self._demo = demo
        self._service_id = service_id
        self._recorder.record("demo_start", demo=demo.id, service=service_id)
        self._begin()

    def stop(self) -> None:
        """Leave the demo, recording how far the customer got if they left it unfinished.

        The last scene stays on show (the screen is sliding away); nothing reacts to taps.
        """
        self._auto.stop()
        if not self._running:
            return
        self._running = False
        if self._demo is not None and not self._finished and self._scene is not None:
            self._recorder.record(
                "demo_end",
                demo=self._demo.id,
                service=self._service_id,
                completed=False,
                scene=self._scene.id,
                steps=self._visited,
            )
        self.changed.emit()

    def _begin(self) -> None:
        assert self._demo is not None
        self._history = []
        self._scene = None
        self._finished = False
        self._visited = 0
        self._go(self._demo.start)

    # -- slots --------------------------------------------------------------------------
    @Slot(str)
    def tap(self, hotspot_id: str) -> None:
        if not self._running or self._scene is None or self._finished:
            return
        target = next((h.next for h in self._scene.hotspots if h.id == hotspot_id), None)
        if target is not None:
            self._advance(target)

    @Slot()
    def next(self) -> None:
        """The Next button (or the auto-advance): only on scenes without hotspots."""
        if not self._running or self._scene is None or self._finished or self._scene.hotspots:
            return
        self._advance(self._scene.next or END)

    @Slot()
    def back(self) -> None:
        if not self._running or self._demo is None:
            return
        if self._finished:
            self._finished = False
            self._go(self._history.pop() if self._history else self._demo.start, remember=False)
            return
        if self._history:
            self._go(self._history.pop(), remember=False)

    @Slot()
    def restart(self) -> None:
        if self._running and self._demo is not None:
            self._begin()

    @Slot(str, str)
    def reportMediaError(self, source: str, message: str) -> None:
        """A scene video or narration could not play; the demo goes on without it."""
        log.error("demo media %s cannot be played: %s", source, message)
        self._recorder.record(
            "media_error",
            screen="demo",
            demo=self._demo.id if self._demo else "",
            source=source,
            error=message,
        )

    # -- moving through the graph -------------------------------------------------------
    def _advance(self, target: str) -> None:
        assert self._demo is not None and self._scene is not None
        if target == END:
            self._auto.stop()
            self._history.append(self._scene.id)
            self._finished = True
            self._recorder.record(
                "demo_end",
                demo=self._demo.id,
                service=self._service_id,
                completed=True,
                scene=self._scene.id,
                steps=self._visited,
            )
            self._publish()
            return
        self._go(target)

    def _go(self, scene_id: str, remember: bool = True) -> None:
        assert self._demo is not None
        if remember and self._scene is not None:
            self._history.append(self._scene.id)
        self._scene = self._demo.scene(scene_id)
        self._visited += 1
        self._auto.stop()
        if self._scene.auto_advance_s and not self._scene.hotspots:
            self._auto.start(round(self._scene.auto_advance_s * 1000))
        self._recorder.record("demo_scene", demo=self._demo.id, scene=scene_id, step=self._step())
        self._publish()

    def _step(self) -> int:
        if self._demo is None or self._scene is None:
            return 0
        return 1 + [s.id for s in self._demo.scenes].index(self._scene.id)

    def _hotspot_rows(self) -> list[HotspotRow]:
        lang = self._language.language
        sc = self._scene
        shown = sc.hotspots if sc is not None and not self._finished else ()
        return [HotspotRow(h.id, h.label.get(lang), *h.rect) for h in shown]

    def _publish(self) -> None:
        self._hotspots.sync(self._hotspot_rows())
        self.changed.emit()
        self.textChanged.emit()

    def _retext(self) -> None:
        self._hotspots.sync(self._hotspot_rows())
        self.textChanged.emit()

    # -- properties ---------------------------------------------------------------------
    def _text(self, getter: str) -> str:
        lang = self._language.language
        sc = self._scene
        if sc is None:
            return ""
        if getter == "caption":
            return sc.caption.get(lang)
        narration = sc.narration
        if getter == "narration":
            return narration.text.get(lang) if narration and narration.text else ""
        if getter == "audio":
            path = narration.audio.get(lang) if narration and narration.audio else None
            return media_url(path)
        return ""

    def _get_active(self) -> bool:
        return self._running

    active = Property(bool, _get_active, notify=changed)

    def _get_title(self) -> str:
        return self._demo.title.get(self._language.language) if self._demo else ""

    title = Property(str, _get_title, notify=textChanged)

    def _get_scene_id(self) -> str:
        return self._scene.id if self._scene else ""

    sceneId = Property(str, _get_scene_id, notify=changed)

    def _get_image(self) -> str:
        return media_url(self._scene.image) if self._scene else ""

    image = Property(str, _get_image, notify=changed)

    def _get_video(self) -> str:
        return media_url(self._scene.video) if self._scene else ""

    video = Property(str, _get_video, notify=changed)

    def _get_caption(self) -> str:
        return self._text("caption")

    caption = Property(str, _get_caption, notify=textChanged)

    def _get_narration(self) -> str:
        return self._text("narration")

    narration = Property(str, _get_narration, notify=textChanged)

    def _get_narration_audio(self) -> str:
        return self._text("audio")

    narrationAudio = Property(str, _get_narration_audio, notify=textChanged)

    def _get_step(self) -> int:
        return self._step()

    step = Property(int, _get_step, notify=changed)

    def _get_step_count(self) -> int:
        return len(self._demo.scenes) if self._demo else 0

    stepCount = Property(int, _get_step_count, notify=changed)

    def _get_can_go_back(self) -> bool:
        return bool(self._history) or self._finished

    canGoBack = Property(bool, _get_can_go_back, notify=changed)

    def _get_has_next(self) -> bool:
        """The Next button shows: the scene leads on and has no hotspots to tap instead."""
        sc = self._scene
        return sc is not None and not self._finished and not sc.hotspots

    hasNext = Property(bool, _get_has_next, notify=changed)

    def _get_next_ends(self) -> bool:
        sc = self._scene
        return sc is not None and (sc.next is None or sc.next == END)

    #: Next leads to the end of the demo ("Finish" rather than "Next").
    nextEnds = Property(bool, _get_next_ends, notify=changed)

    def _get_auto_advance_ms(self) -> int:
        sc = self._scene
        if sc is None or self._finished or sc.hotspots or not sc.auto_advance_s:
            return 0
        return round(sc.auto_advance_s * 1000)

    autoAdvanceMs = Property(int, _get_auto_advance_ms, notify=changed)

    def _get_finished(self) -> bool:
        return self._finished

    finished = Property(bool, _get_finished, notify=changed)

    def _get_hotspots(self) -> HotspotModel:
        return self._hotspots

    hotspots = Property(QObject, _get_hotspots, constant=True)
