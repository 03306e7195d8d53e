"""The voice's bridge: screens' guides and demo narration said aloud, or shown as captions.

Every rule is `kiosk.flow.voice.Voice`'s (and the audio focus under it); every sentence is
`kiosk.present.guide`'s. This controller only translates:
- arrivals (the Navigator's `navigated`), the demo's scenes, the subscribe flow's steps and
  keypad digits, the idle warning and the language switch to the guide or narration to say;
- the machine's cues to sound: a recording through QMediaPlayer + QAudioOutput on this
  thread, a text through Qt's text-to-speech on a thread of its own (`TtsWorker`: making
  a QTextToSpeech for speech-dispatcher takes seconds, and its calls talk to a daemon);
  their ends back to the machine;
- the machine's state to QML as `kiosk.voice` (on, volume, caption, captionsShown,
  speaking, mediaVolume, silentReason; toggle, sayAgain, louder, softer), and the kiosk's
  voice status to `voice.json` for `kiosk status`, the maintenance screen and the heartbeat.

Nothing waits for audio: an arrival's guide is started after the navigation's own work
(a zero timer), Qt Multimedia and Qt TextToSpeech are imported only when first needed, and
the engine is looked for on the worker thread.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.config import Settings
from kiosk.flow.audio import Kind
from kiosk.flow.clock import Now, monotonic
from kiosk.flow.voice import Cue, Engine, Perform, Silence, Utterance, Voice, VoiceSettings
from kiosk.present import guide
from kiosk.services.voicefile import VoiceNote, read_voice, write_voice
from kiosk.ui.props import readonly
from kiosk.ui.waker import Waker

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How long after the kiosk starts the text-to-speech engine is looked for (unless needed
#: sooner): after the first frames, on the worker thread.
ENGINE_LOOKUP_MS = 1500
#: When, after start, the recordings' player opens the first guide a customer will hear:
#: a media player's first file in a process takes half a second or more (Qt Multimedia's
#: backend and audio output start), paid here rather than by the first customer's guide.
PLAYER_WARM_MS = 1000
#: Quiet hours begin and end on the minute: the status is looked at again every minute.
RECHECK_MS = 60_000
#: `tts_engine`: pick one (the first that works, Qt's `mock` test engine last).
AUTO = "auto"

#: A decoded buffer starting later than this (µs) in its recording is not its first sound.
FIRST_BUFFER_US = 50_000

#: The recordings' player (see VoiceController._play_recording_setup).
_PLAYER_QML = b"""
import QtMultimedia
MediaPlayer {
    id: player
    property real speechVolume: 1
    audioOutput: AudioOutput { volume: player.speechVolume }
}
"""

#: Every text-to-speech thread not yet ended. Held here, not by their controller: a
#: controller deleted without `stop()` (its parent gone first) took its running thread with
#: it, and Qt said "QThread: Destroyed while thread 'kiosk-tts' is still running".
_LEFT: set[QThread] = set()
#: How long the process's exit waits for each of them (speech-dispatcher's start takes
#: seconds): a QThread destroyed while running makes Qt complain, or abort.
LEFT_EXIT_WAIT_MS = 10_000


def wait_for_left_threads(timeout_ms: int = LEFT_EXIT_WAIT_MS) -> None:
    """At the process's exit: every text-to-speech thread told to end, and waited for."""
    for thread in list(_LEFT):
        # RuntimeError: already deleted by Qt, nothing left to wait for.
        with contextlib.suppress(RuntimeError):
            thread.quit()
            thread.wait(timeout_ms)


atexit.register(wait_for_left_threads)

#: The languages' locales as Qt's text-to-speech names them.
LOCALES = {"zh-CN": ("zh_CN", "zh"), "en": ("en_US", "en")}


class TtsWorker(QObject):
    """Qt's text-to-speech on a thread of its own. Every slot is called by a queued signal."""

    found = Signal(str, list)  # engine name ("" none), languages with a voice
    began = Signal(int)  # the cue's serial: the engine started speaking it
    ended = Signal(int)  # the cue's serial: spoken, stopped or failed

    def __init__(self, engine: str) -> None:
        super().__init__()
        self._wanted = engine
        self._tts: Any = None
        self._locales: dict[str, Any] = {}
        self._serial = 0

    @Slot()
    def start(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        names = QTextToSpeech.availableEngines()
        if self._wanted == AUTO:
            order = [n for n in names if n != "mock"]
        else:
            order = [self._wanted] if self._wanted in names else []
        for name in order:
            tts = QTextToSpeech(name, self)
            if tts.state() == QTextToSpeech.State.Error:
                log.warning("text-to-speech engine %s does not work: %s", name, tts.errorString())
                tts.deleteLater()
                continue
            self._tts = tts
            available = {loc.name(): loc for loc in tts.availableLocales()}
            for lang, (exact, language) in LOCALES.items():
                match = available.get(exact) or next(
                    (loc for n, loc in sorted(available.items()) if n.split("_")[0] == language), None
                )
                if match is not None:
                    self._locales[lang] = match
            tts.stateChanged.connect(self._state)
            log.info("text-to-speech: %s, voices for %s", name, ", ".join(self._locales) or "no language")
            self.found.emit(name, sorted(self._locales))
            return
        log.warning("no text-to-speech engine works here (%s): texts show as captions", ", ".join(names))
        self.found.emit("", [])

    @Slot(int, str, str, float)
    def speak(self, serial: int, text: str, lang: str, volume: float) -> None:
        tts = self._tts
        if tts is None or lang not in self._locales:
            self.ended.emit(serial)
            return
        if self._serial:
            self.ended.emit(self._serial)
        self._serial = serial
        if tts.locale() != self._locales[lang]:
            tts.setLocale(self._locales[lang])
        tts.setVolume(volume)
        tts.say(text)

    @Slot()
    def stop(self) -> None:
        if self._tts is not None:
            serial, self._serial = self._serial, 0
            self._tts.stop()
            if serial:
                self.ended.emit(serial)

    def _state(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not self._serial:
            return
        if state == QTextToSpeech.State.Speaking:
            self.began.emit(self._serial)
        elif state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            serial, self._serial = self._serial, 0
            self.ended.emit(serial)


@dataclass(frozen=True)
class VoiceFace:
    on: bool = False
    volume: int = 0
    caption: str = ""
    captions_shown: bool = True
    speaking: bool = False
    media_volume: float = 1.0
    silent_reason: str = ""
    staff_muted: bool = False


@QmlElement
@QmlUncreatable("Made by the kiosk")
class VoiceController(QObject):
    changed = Signal()
    #: A recording's first decoded audio, or the engine starting to speak a text: (the
    #: cue's key, how). Only for benchmarks and tests.
    firstSound = Signal(str, str)
    _speak = Signal(int, str, str, float)
    _stop_tts = Signal()
    _start_tts = Signal()

    def __init__(
        self,
        settings: Settings,
        content: Any,
        language: Any,
        session: Any,
        demo: Any,
        video: Any,
        subscribe: Any,
        navigator: Any,
        *,
        now: Now = monotonic,
        clock: Callable[[], datetime] | None = None,
        tts_engine: str = AUTO,
        parent: QObject | None = None,
    ) -> None:
        """`clock`: the wall clock (UTC) quiet hours are read by, in the store's time zone;
        `tts_engine`: Qt's text-to-speech engine to use (AUTO: the first that works; "":
        none)."""
        super().__init__(parent)
        self._settings = settings
        self._content = content
        self._language = language
        self._session = session
        self._demo = demo
        self._video = video
        self._subscribe = subscribe
        self._nav = navigator
        self._now = now
        tz = ZoneInfo(settings.timezone)
        wall = clock or (lambda: datetime.now(tz))
        note = read_voice(settings.data_dir)
        self._voice = Voice(
            VoiceSettings(settings.voice_on, settings.voice_hours, settings.voice_volume),
            Engine(),
            lambda: wall().astimezone(tz),
            staff_muted=note.staff_muted,
            now=now,
        )
        self._engine_known = tts_engine == ""
        self._tts_engine = tts_engine
        self._note = note
        self._cue: Cue | None = None
        self._heard_first = False
        self._player: Any = None
        self._engine: Any = None
        self._buffers: Any = None
        self._scene = ("", "")  # the scene whose narration was said, and its language
        self._digits = ""
        self._step = ""
        self._waker = Waker(self._voice.next_wake, self.tick, now, self)
        self._face = self._make_face()

        self._thread: QThread | None = None
        self._worker: TtsWorker | None = None
        if tts_engine:
            QTimer.singleShot(ENGINE_LOOKUP_MS, self._look_for_engine)
        # A timer of its own, stopped with the voice: a kiosk closed within the first second
        # must not open a file on a player whose QML engine is gone.
        self._warm = QTimer(self)
        self._warm.setSingleShot(True)
        self._warm.setInterval(PLAYER_WARM_MS)
        self._warm.timeout.connect(self._warm_player)
        self._warm.start()
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._publish)
        self._recheck.start()

        navigator.navigated.connect(self._arrived)
        session.ended.connect(self._session_ended)
        session.warningChanged.connect(self._warning)
        demo.changed.connect(self._demo_changed)
        demo.textChanged.connect(self._demo_changed)
        subscribe.face.changed.connect(self._subscribe_changed)
        language.languageChanged.connect(self._language_changed)
        self._write_note()

    # -- QML ------------------------------------------------------------------------------
    on = readonly(bool, "_face.on", changed)
    volume = readonly(int, "_face.volume", changed)
    #: What is being said now, as words (texts always; a recording's when not heard).
    caption = readonly(str, "_face.caption", changed)
    #: The kiosk is not heard (muted, off, quiet hours, no voice, volume 0): captions show.
    captionsShown = readonly(bool, "_face.captions_shown", changed)
    speaking = readonly(bool, "_face.speaking", changed)
    #: What every video, demo and attract player's AudioOutput.volume binds to.
    mediaVolume = readonly(float, "_face.media_volume", changed)
    #: Why the customer does not hear the kiosk, in their language ("" when they do).
    silentReason = readonly(str, "_face.silent_reason", changed)
    staffMuted = readonly(bool, "_face.staff_muted", changed)

    @Slot()
    def toggle(self) -> None:
        if self._voice.toggle():
            self._say_screen(asked=False)
        else:
            # Off: the guide stops (a demo's narration plays on).
            self._perform(self._voice.cue)
        self._publish()

    @Slot()
    def sayAgain(self) -> None:
        self._say_screen(asked=True)

    @Slot()
    def louder(self) -> None:
        if self._voice.louder():
            self._volume_changed()

    @Slot()
    def softer(self) -> None:
        if self._voice.softer():
            self._volume_changed()

    @Slot(bool)
    def setStaffMuted(self, muted: bool) -> None:
        """The maintenance screen's mute: kept in the data folder until unmuted."""
        if self._voice.set_staff_muted(muted):
            self._perform(self._voice.cue)
            self._publish()

    # -- for Python -------------------------------------------------------------------------
    @property
    def machine(self) -> Voice:
        return self._voice

    @property
    def current_cue(self) -> Cue | None:
        return self._cue

    def look_for_engine_now(self) -> None:
        """Start the engine's lookup at once (tests, benchmarks) rather than after the start."""
        self._look_for_engine()

    @property
    def engine_known(self) -> bool:
        return self._engine_known

    def say_screen(self, asked: bool = True) -> None:
        self._say_screen(asked=asked)

    def stop(self) -> None:
        self._waker.stop()
        self._recheck.stop()
        self._warm.stop()
        self._voice.stop_all()
        if self._player is not None:
            self._player.stop()
        if self._thread is not None:
            thread, self._thread = self._thread, None
            self._stop_tts.emit()
            thread.quit()
            if not thread.wait(3000):
                # Still making the engine (speech-dispatcher can take seconds): the thread
                # ends by itself once it is made (it is in _LEFT until then).
                log.warning("the text-to-speech thread is still starting; left to finish")

    # -- the engine ------------------------------------------------------------------------
    def _look_for_engine(self) -> None:
        if self._thread is not None or not self._tts_engine:
            return
        thread = QThread()  # no parent: see _LEFT
        thread.setObjectName("kiosk-tts")
        _LEFT.add(thread)
        thread.finished.connect(lambda: _LEFT.discard(thread))
        worker = TtsWorker(self._tts_engine)
        worker.moveToThread(thread)
        thread.finished.connect(worker.deleteLater)
        self._start_tts.connect(worker.start)
        self._speak.connect(worker.speak)
        self._stop_tts.connect(worker.stop)
        worker.found.connect(self._found)
        worker.began.connect(self._tts_began)
        worker.ended.connect(self._tts_ended)
        self._thread, self._worker = thread, worker
        thread.start()
        self._start_tts.emit()

    @Slot(str, list)
    def _found(self, name: str, languages: list[str]) -> None:
        self._voice.engine = Engine(name, frozenset(languages))
        self._engine_known = True
        self._publish()

    # -- what the kiosk's moves mean for the voice ----------------------------------------
    def _arrived(self, op: str, screen: str) -> None:
        # After the navigation's own work: the screen is shown first, its guide follows.
        QTimer.singleShot(0, self._on_arrival)

    def _on_arrival(self) -> None:
        self._say_screen(asked=False)
        if self._nav.screen == "demo" and self._scene == ("", ""):
            self._demo_changed()

    def _say_screen(self, asked: bool) -> None:
        if not asked and not self._voice.on:
            return
        utterance = self._screen_guide()
        if utterance is not None:
            self._say(guide_asked(utterance, asked), Kind.GUIDE)
        if self._nav.screen == "demo" and (asked or self._scene == ("", "")):
            # The scene's narration after the demo's guide (it waits for the guide).
            self._scene = ("", "")
            self._demo_changed()

    def _screen_guide(self) -> Utterance | None:
        lang = self._language.language
        guides = self._guides()
        screen = self._nav.screen
        view = self._content.view
        sid = self._content.service_id
        if screen == "attract":
            return guide.attract(lang, guides)
        if view is None:
            return None
        if self._session.warning:
            return guide.idle(lang, guides)
        if screen == "home":
            return guide.home(view, lang, guides)
        if screen == "category":
            cat = view.category(self._content.category_id)
            return guide.category(view, cat, lang, guides) if cat is not None else None
        if screen == "service":
            svc = view.service(sid)
            return guide.service(view, svc, lang, guides) if svc is not None else None
        if screen == "demo":
            d = self._content.demo_of(sid)
            return guide.demo(d, lang, guides) if d is not None else None
        if screen == "video":
            v = self._content.video_of(sid)
            return guide.video(v, lang, guides) if v is not None else None
        if screen == "subscribe":
            if not self._subscribe.active:
                return guide.counter(lang)
            return guide.subscribe(self._subscribe.shown_face.step, lang, guides)
        return None

    def _guides(self) -> dict[str, Any]:
        return self._content.guides

    def _demo_changed(self) -> None:
        run = self._demo.run
        lang = self._language.language
        if not run.running or run.scene is None or run.finished:
            if self._scene != ("", ""):
                self._scene = ("", "")
                self._perform(self._voice.stop(Kind.NARRATION))
                self._publish()
            return
        key = (run.scene.id, lang)
        # Not before the demo screen has arrived: its guide comes first.
        if key == self._scene or self._nav.screen != "demo":
            return
        self._scene = key
        utterance = guide.scene_narration(run.scene, lang)
        if utterance.parts:
            self._say(utterance, Kind.NARRATION)
        else:
            self._perform(self._voice.stop(Kind.NARRATION))
            self._publish()

    def _subscribe_changed(self) -> None:
        face = self._subscribe.shown_face
        sub = self._subscribe.subscription
        digits = sub.digits if sub is not None and face.step == "number" else ""
        # The machine's own state: the controller's `active` follows the face's change.
        step = face.step if sub is not None and sub.active else ""
        if step != self._step:
            self._step = step
            self._digits = digits
            # A step reached inside the subscribe screen is an arrival (the screen's own
            # arrival is the Navigator's).
            if step and self._nav.screen == "subscribe" and self._voice.on:
                utterance = guide.subscribe(step, self._language.language, self._guides())
                if utterance is not None:
                    QTimer.singleShot(0, lambda: self._say(utterance, Kind.GUIDE))
            return
        typed = digits[len(self._digits) :] if digits.startswith(self._digits) else ""
        self._digits = digits
        if len(typed) == 1 and self._voice.on:
            utterance = guide.digit(typed, self._language.language, self._guides())
            if utterance is not None:
                self._say(utterance, Kind.GUIDE)

    def _warning(self) -> None:
        if self._session.warning and self._voice.on:
            self._say(guide.idle(self._language.language, self._guides()), Kind.GUIDE)

    def _session_ended(self, reason: str) -> None:
        self._voice.end_session()
        self._scene = ("", "")
        self._perform(None)
        self._publish()

    def _language_changed(self) -> None:
        if self._voice.on and self._nav.screen != "attract":
            self._say_screen(asked=False)
        self._publish()

    def _volume_changed(self) -> None:
        if self._voice.cue is None:
            self._perform(None)
        self._set_volume()
        self._publish()

    # -- sound ------------------------------------------------------------------------------
    def _say(self, utterance: Utterance, kind: Kind) -> None:
        cue = self._voice.say(utterance, kind)
        if cue is not None:
            self._perform(cue)
        self._publish()

    def tick(self) -> None:
        """Let the time pass (the timer's call; tests call it after moving a fake clock)."""
        cue = self._voice.tick()
        if cue is not None or self._voice.cue is None:
            self._perform(cue)
        self._publish()

    def _perform(self, cue: Cue | None) -> None:
        """Play `cue`, having stopped whatever played before it (None: silence)."""
        previous, self._cue = self._cue, cue
        if previous is not None and (cue is None or previous.serial != cue.serial):
            if previous.how == Perform.RECORDING and self._player is not None:
                self._player.stop()
            elif previous.how == Perform.SPEECH:
                self._stop_tts.emit()
        if cue is None or (previous is not None and previous.serial == cue.serial):
            return
        self._heard_first = False
        if cue.how == Perform.RECORDING:
            self._play_recording(cue)
        elif cue.how == Perform.SPEECH:
            if not self._engine_known:
                self._look_for_engine()
            self._speak.emit(cue.serial, cue.text, cue.lang, self._voice.focus.speech_volume)

    def _play_recording(self, cue: Cue) -> None:
        if self._player is None:
            self._play_recording_setup()
        self._set_volume()
        self._player.setSource(QUrl(cue.audio))
        self._player.play()

    def _warm_player(self) -> None:
        """Open the home screen's recorded guide, without playing it (see PLAYER_WARM_MS).
        A player given the file it holds does not open it again, so the first customer's
        guide also starts at once."""
        if self._cue is not None or self._nav.screen != "attract":
            return  # something is said already: the player warmed on it
        view = self._content.view
        if view is None:
            return
        utterance = guide.home(view, self._language.language, self._guides())
        audio = next((p.audio for p in utterance.parts if p.audio), "")
        if not audio:
            return  # no recording to open: text-to-speech or captions only
        if self._player is None:
            self._play_recording_setup()
        self._player.setSource(QUrl(audio))

    @property
    def player_source(self) -> str:
        """The file the recordings' player holds ("" none): for tests and benchmarks."""
        return self._player.source().toString() if self._player is not None else ""

    def listen_for_first_sound(self) -> None:
        """Report a recording's first decoded audio buffer (`firstSound`): for benchmarks.

        The QAudioBufferOutput is made from Python, which Qt Multimedia's threads then call
        into: a benchmark's risk, not the kiosk's."""
        from PySide6.QtMultimedia import QAudioBufferOutput

        if self._player is None:
            self._play_recording_setup()
        self._buffers = QAudioBufferOutput(self)
        self._buffers.audioBufferReceived.connect(self._buffer)
        self._player.setAudioBufferOutput(self._buffers)

    def use_engine(self, engine: Any) -> None:
        """The QML engine the recordings' player is made by (the shell's)."""
        self._engine = engine

    def _play_recording_setup(self) -> None:
        # Made by QML, not from Python: Qt Multimedia's audio thread looks up virtual
        # methods of the player and its output, and on an object made from Python each
        # lookup takes the interpreter's lock, which the UI thread holds while it waits for
        # that thread to stop (a deadlock seen when a recording was cut short).
        from PySide6.QtMultimedia import QMediaPlayer  # noqa: F401  (Qt's types for Python)
        from PySide6.QtQml import QQmlComponent, QQmlEngine

        if self._engine is None:
            self._engine = QQmlEngine(self)
        component = QQmlComponent(self._engine)
        component.setData(_PLAYER_QML, QUrl())
        player = component.create()
        if player is None:
            raise RuntimeError(f"the voice's player cannot be made: {component.errorString()}")
        player.setParent(self)
        self._player = player
        self._player.mediaStatusChanged.connect(self._media_status)
        self._player.errorOccurred.connect(self._media_error)

    def _buffer(self, buffer: Any) -> None:
        cue = self._cue
        # A buffer from well into a recording is the last one's, delivered late.
        if buffer.startTime() > FIRST_BUFFER_US:
            return
        if cue is not None and cue.how == Perform.RECORDING and not self._heard_first:
            self._heard_first = True
            self.firstSound.emit(cue.key, str(cue.how))

    def _set_volume(self) -> None:
        if self._player is not None:
            self._player.setProperty("speechVolume", self._voice.focus.speech_volume)

    def _media_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._cue_ended(Perform.RECORDING)

    def _media_error(self, error: Any, message: str) -> None:
        cue = self._cue
        log.warning("voice recording %s cannot be played: %s", cue.audio if cue else "?", message)
        self._cue_ended(Perform.RECORDING)

    @Slot(int)
    def _tts_began(self, serial: int) -> None:
        cue = self._cue
        if cue is not None and cue.serial == serial and not self._heard_first:
            self._heard_first = True
            self.firstSound.emit(cue.key, str(cue.how))

    @Slot(int)
    def _tts_ended(self, serial: int) -> None:
        cue = self._cue
        if cue is not None and cue.serial == serial:
            self._cue_ended(Perform.SPEECH)

    def _cue_ended(self, how: Perform) -> None:
        cue = self._cue
        if cue is None or cue.how != how:
            return
        self._perform(self._voice.done(cue))
        self._publish()

    # -- showing -----------------------------------------------------------------------------
    def _publish(self) -> None:
        self._waker.schedule()
        face = self._make_face()
        if face != self._face:
            self._face = face
            self.changed.emit()
        self._write_note()

    def _make_face(self) -> VoiceFace:
        v = self._voice
        lang = self._language.language
        return VoiceFace(
            on=v.on,
            volume=v.focus.volume,
            caption=v.caption,
            captions_shown=v.reason(lang) != Silence.NONE or v.focus.volume == 0,
            speaking=v.speaking,
            media_volume=v.media_volume,
            silent_reason=self._reason_words(lang),
            staff_muted=v.staff_muted,
        )

    def _reason_words(self, lang: str) -> str:
        reason = self._voice.reason(lang)
        if reason == Silence.NONE or (
            reason in (Silence.NO_ENGINE, Silence.NO_VOICE) and not self._engine_known
        ):
            return ""
        return guide.silence_words(reason, lang, self._settings.voice_hours)

    def kiosk_note(self) -> VoiceNote:
        """The kiosk's voice as staff and HQ see it: ok, or why customers do not hear it."""
        v = self._voice
        silence = v.silence()
        if silence in (Silence.MUTED, Silence.QUIET_HOURS):
            status = str(silence)
        elif not self._engine_known or not self._tts_engine:
            # Not known yet, or not looked for (screenshots and tools make a kiosk with no
            # engine): what the running kiosk last wrote stands.
            return replace(self._note, staff_muted=v.staff_muted)
        elif not v.engine.name:
            status = str(Silence.NO_ENGINE)
        elif missing := [lang for lang in LOCALES if lang not in v.engine.languages]:
            status = f"{Silence.NO_VOICE}:{','.join(missing)}"
        else:
            status = "ok"
        detail = f"{v.engine.name}: {', '.join(sorted(v.engine.languages)) or '-'}" if v.engine.name else ""
        return VoiceNote(staff_muted=v.staff_muted, status=status, detail=detail)

    def _write_note(self) -> None:
        note = self.kiosk_note()
        if note != self._note:
            self._note = note
            write_voice(self._settings.data_dir, note)


def guide_asked(utterance: Utterance, asked: bool) -> Utterance:
    return replace(utterance, asked=True) if asked else utterance
