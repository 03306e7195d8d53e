"""The promo video player's logic: what plays, the subtitle on screen, and its events.

QML owns the `MediaPlayer` (it must, to draw frames) and reports what it does: position,
playing or paused, the end, an error. The controller turns the position into the current
subtitle cue (WebVTT parsed in Python, in the customer's language), records `video_play`
and `video_end`, holds the idle clock while the video plays, and says when the video is
over so the navigator can return to the service.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.packs.model import Video
from kiosk.packs.webvtt import Cue, cue_at, parse_vtt
from kiosk.present.media import media_url
from kiosk.ui.events import Recorder
from kiosk.ui.language import LanguageController
from kiosk.ui.props import readonly

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


def load_cues(video: Video | None, lang: str) -> list[Cue]:
    """The subtitle cues of `video` in `lang` ([] when it has none or they cannot be read)."""
    if video is None or video.subtitles is None:
        return []
    path = video.subtitles.get(lang)
    if path is None:
        return []
    try:
        return parse_vtt(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        log.warning("subtitles %s not shown: %s", path, e)
        return []


@QmlElement
@QmlUncreatable("Made by the kiosk")
class VideoController(QObject):
    #: What plays (source, poster): only when a video is opened, so a language switch
    #: never reloads the player.
    opened = Signal()
    #: Texts in the customer's language.
    changed = Signal()
    cueChanged = Signal()
    playingChanged = Signal()
    #: The video played to its end; the navigator returns to the service.
    finished = Signal()

    def __init__(
        self, language: LanguageController, recorder: Recorder, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._recorder = recorder
        self._video: Video | None = None
        self._service_id = ""
        self._cues: list[Cue] = []
        self._cue = ""
        self._position = 0
        self._playing = False
        self._played = False
        self._open = False
        self._title = ""
        self._source = ""
        self._poster = ""
        self._has_subtitles = False
        language.languageChanged.connect(self._reload_cues)

    def open(self, video: Video, service_id: str) -> None:
        self.stop()
        self._video = video
        self._service_id = service_id
        self._source = media_url(video.file)
        self._poster = media_url(video.poster)
        self._open = True
        self._position = 0
        self._played = False
        self._set_cue("")
        self._reload_cues()
        self.opened.emit()

    def stop(self) -> None:
        """Leave the player, recording how far the customer watched if it played.

        The screen that owns the MediaPlayer is destroyed as it leaves, which stops the
        playback; the title and poster stay on show while it slides away.
        """
        if not self._open:
            return
        self._open = False
        if self._video is not None and self._played:
            self._recorder.record(
                "video_end",
                video=self._video.id,
                service=self._service_id,
                completed=False,
                position_ms=self._position,
            )
        self._played = False
        self._set_playing(False)
        self.opened.emit()

    # -- reports from the player --------------------------------------------------------
    @Slot(int)
    def reportPosition(self, ms: int) -> None:
        if not self._open:
            return
        self._position = ms
        self._set_cue(cue_at(self._cues, ms))

    @Slot(bool)
    def reportPlaying(self, playing: bool) -> None:
        if not self._open:
            return
        if playing and not self._played and self._video is not None:
            self._played = True
            self._recorder.record("video_play", video=self._video.id, service=self._service_id)
        self._set_playing(playing)

    @Slot()
    def reportEnd(self) -> None:
        if not self._open or self._video is None:
            return
        self._recorder.record(
            "video_end",
            video=self._video.id,
            service=self._service_id,
            completed=True,
            position_ms=self._position,
        )
        self._played = False
        self._set_playing(False)
        self.finished.emit()

    @Slot(str)
    def reportError(self, message: str) -> None:
        source = str(self._video.file) if self._video else ""
        log.error("video %s cannot be played: %s", source, message)
        self._recorder.record("media_error", screen="video", source=source, error=message)
        self._set_playing(False)

    # -- internals ----------------------------------------------------------------------
    def _reload_cues(self) -> None:
        lang = self._language.language
        self._cues = load_cues(self._video, lang)
        self._has_subtitles = bool(self._cues)
        self._title = self._video.title.get(lang) if self._video else ""
        self._set_cue(cue_at(self._cues, self._position))
        self.changed.emit()

    def _set_cue(self, text: str) -> None:
        if text != self._cue:
            self._cue = text
            self.cueChanged.emit()

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playingChanged.emit()

    # -- properties ---------------------------------------------------------------------
    @property
    def is_playing(self) -> bool:
        return self._playing

    title = readonly(str, "_title", changed)
    source = readonly(str, "_source", opened)
    poster = readonly(str, "_poster", opened)
    hasSubtitles = readonly(bool, "_has_subtitles", changed)
    #: The subtitle on screen now ('' between cues).
    cue = readonly(str, "_cue", cueChanged)
    playing = readonly(bool, "_playing", playingChanged)
