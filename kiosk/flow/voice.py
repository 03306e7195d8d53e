"""The kiosk's voice for one session: whether it speaks, why not, and what it says now.

Whether it speaks:
- `on`: off unless the store's settings turn it on for everyone (`voice_on`): a kiosk that
  talks to every passer-by annoys a store. A customer's toggle holds for their session; the
  session's end puts it back to the setting (and the volume to `voice_volume`).
- Silent whatever the customer chose: outside the voice hours (`voice_hours`, the store's
  local time), and while staff have muted it from the maintenance screen (kept in the data
  folder by the caller until unmuted).
- A text without a recording needs a text-to-speech engine with a voice for the customer's
  language; without one it shows as a caption only. A recording needs neither.
`reason(lang)` says, in one word QML and the heartbeat translate, why the kiosk is not
speaking (Silence), "" when it speaks. The on/off is for the spoken guidance only: a demo's
narration is the demo's own sound, as before voice existed, and like a video's sound it
follows the volume, the staff's mute and the quiet hours (`heard`).

What it says: an `Utterance` (a guide or a narration) is a sequence of `Part`s, each a
recording or a text. The audio focus (`kiosk.flow.audio`) decides which utterance plays; the
machine walks its parts and says, as a `Cue`, how the current one is performed: a recording,
text-to-speech, or a caption alone (silent: voice off, muted, quiet hours, volume 0, no
engine or voice). The caller performs the cue and reports `done(cue)`. A caption alone lasts
its reading time; a cue played aloud that never reports its end gives the focus back after
a generous deadline (a stuck player must not keep the videos silent). Text is always shown
as the caption while it plays, a recording's text only when it is not heard.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum

from kiosk.flow.audio import AudioFocus, Kind, Speech
from kiosk.flow.clock import Now, monotonic
from kiosk.packs.model import HourRange

#: Reading time of a caption shown alone: a pause, then per character (Chinese is read at
#: about 4-5 characters a second, English at about 15 letters).
CAPTION_BASE_S = 1.5
CAPTION_PER_CHAR_S = {"zh-CN": 0.22, "en": 0.065}
CAPTION_MAX_S = 15.0
#: A cue played aloud that has not reported its end by then is taken as ended.
ALOUD_GRACE_S = 10.0

_cues = itertools.count(1)


class Silence(StrEnum):
    """Why the kiosk does not speak aloud (most binding first); NONE: it speaks."""

    NONE = ""
    MUTED = "mutedByStaff"
    QUIET_HOURS = "quietHours"
    OFF = "turnedOff"
    NO_ENGINE = "noEngine"
    NO_VOICE = "noVoice"


class Perform(StrEnum):
    RECORDING = "recording"
    SPEECH = "speech"  # text-to-speech
    CAPTION = "caption"  # shown only


@dataclass(frozen=True)
class Part:
    """One piece of a guide: a recording (`audio`, a file URL) with its words as `text`, or
    words alone (spoken by text-to-speech)."""

    text: str = ""
    audio: str = ""


@dataclass(frozen=True)
class Utterance:
    """What a screen says (`key`: the screen, `narration:<scene>`, `digit.3`)."""

    key: str
    lang: str
    parts: tuple[Part, ...] = ()
    #: The customer asked for it ("say it again"): heard even with the voice turned off.
    asked: bool = False

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts if p.text)


@dataclass(frozen=True)
class Cue:
    """The part to perform now."""

    how: Perform
    text: str
    audio: str
    lang: str
    key: str
    serial: int = field(default_factory=lambda: next(_cues))


@dataclass(frozen=True)
class VoiceSettings:
    #: Voice is on when a session begins (a customer can turn it on or off).
    default_on: bool = False
    #: When the kiosk may speak, in the store's local time (None: at any hour).
    hours: HourRange | None = None
    #: The volume a session begins with, 0-100.
    volume: int = 70


@dataclass(frozen=True)
class Engine:
    """The text-to-speech available: its name ("" when none) and the languages it has a
    voice for."""

    name: str = ""
    languages: frozenset[str] = frozenset()


def within(hours: HourRange, t: time) -> bool:
    """`t` lies in `hours` (start inclusive, end exclusive, across midnight if need be)."""
    if hours.to_midnight:
        return t >= hours.start
    if hours.crosses_midnight:
        return t >= hours.start or t < hours.end
    return hours.start <= t < hours.end


def reading_time(text: str, lang: str) -> float:
    per = CAPTION_PER_CHAR_S.get(lang, CAPTION_PER_CHAR_S["en"])
    return min(CAPTION_MAX_S, CAPTION_BASE_S + per * len(text))


class Voice:
    def __init__(
        self,
        settings: VoiceSettings,
        engine: Engine,
        local_time: Callable[[], datetime],
        *,
        staff_muted: bool = False,
        now: Now = monotonic,
    ) -> None:
        """`local_time`: the store's wall clock (quiet hours); `now`: monotonic seconds."""
        self.settings = settings
        self.engine = engine
        self._local_time = local_time
        self._now = now
        self.staff_muted = staff_muted
        self.on = settings.default_on
        self.focus = AudioFocus(settings.volume)
        self._part = 0
        self.cue: Cue | None = None
        self._cue_ends: float | None = None

    # -- why silent -----------------------------------------------------------------------
    def quiet_hours(self) -> bool:
        hours = self.settings.hours
        return hours is not None and not within(hours, self._local_time().time())

    def silence(self) -> Silence:
        """Why nothing is spoken aloud, whatever the language (NONE: it may be)."""
        if self.staff_muted:
            return Silence.MUTED
        if self.quiet_hours():
            return Silence.QUIET_HOURS
        if not self.on:
            return Silence.OFF
        return Silence.NONE

    def engine_problem(self, lang: str) -> Silence:
        """Why a text without a recording in `lang` is shown rather than spoken."""
        if not self.engine.name:
            return Silence.NO_ENGINE
        if lang not in self.engine.languages:
            return Silence.NO_VOICE
        return Silence.NONE

    def reason(self, lang: str) -> Silence:
        """Why the customer does not hear the kiosk (texts, in `lang`); NONE: they do."""
        return self.silence() or self.engine_problem(lang)

    @property
    def aloud(self) -> bool:
        """Guides are heard: nothing silences them and the volume is above 0."""
        return self.silence() == Silence.NONE and self.focus.volume > 0

    def heard(self, kind: Kind, asked: bool = False) -> bool:
        """Speech of `kind` is heard now. The voice's on/off is for the spoken guidance: a
        demo's narration is the demo's own sound (as a video's is) and plays unless staff
        muted the kiosk, it is quiet hours or the volume is 0; a guide the customer asked
        for ("say it again") plays with the voice off."""
        silence = self.silence()
        if silence in (Silence.MUTED, Silence.QUIET_HOURS) or self.focus.volume == 0:
            return False
        return silence == Silence.NONE or kind == Kind.NARRATION or asked

    @property
    def speaking(self) -> bool:
        return self.cue is not None and self.cue.how != Perform.CAPTION

    @property
    def caption(self) -> str:
        """What shows as the caption now: a text as it is spoken, or any words not heard."""
        cue = self.cue
        return cue.text if cue is not None and cue.how != Perform.RECORDING else ""

    @property
    def media_volume(self) -> float:
        return self.focus.media_volume

    # -- the customer's and staff's moves ---------------------------------------------------
    def toggle(self) -> bool:
        """Voice on or off for this session; off stops what is said."""
        self.on = not self.on
        if not self.on and self.focus.speaking is not None and self.focus.speaking.kind == Kind.GUIDE:
            self.stop(Kind.GUIDE)
        return self.on

    def louder(self) -> bool:
        return self.focus.louder()

    def softer(self) -> bool:
        changed = self.focus.softer()
        if changed and self.focus.volume == 0:
            self._stop_aloud()
        return changed

    def set_staff_muted(self, muted: bool) -> bool:
        if muted == self.staff_muted:
            return False
        self.staff_muted = muted
        if muted:
            self._stop_aloud()
        return True

    def end_session(self) -> None:
        """The next customer starts with the store's settings, and in silence."""
        self.stop_all()
        self.on = self.settings.default_on
        self.focus = AudioFocus(self.settings.volume)

    # -- what is said -----------------------------------------------------------------------
    def say(self, utterance: Utterance, kind: Kind = Kind.GUIDE) -> Cue | None:
        """`utterance` wants to be said; the cue to perform now (None: nothing new, it waits
        for the speech of the other kind to end)."""
        speech = Speech(kind, utterance)
        if not self.focus.request(speech):
            return None
        return self._begin(speech)

    def stop(self, kind: Kind) -> Cue | None:
        """Everything of `kind` stops (its screen is gone); the cue that plays instead."""
        current = self.focus.speaking
        if current is None or current.kind != kind:
            self.focus.stop(kind)
            return None
        following = self.focus.stop(kind)
        return self._begin(following) if following is not None else self._clear()

    def stop_all(self) -> None:
        self.focus.stop_all()
        self._clear()

    def done(self, cue: Cue) -> Cue | None:
        """`cue` ended (played, failed, or its time is up); the next cue, if any."""
        if self.cue is None or cue.serial != self.cue.serial:
            return None
        speech = self.focus.speaking
        assert speech is not None
        parts = speech.payload.parts
        self._part += 1
        if self._part < len(parts):
            return self._perform(speech)
        following = self.focus.finished(speech)
        return self._begin(following) if following is not None else self._clear()

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        return self._cue_ends

    def tick(self) -> Cue | None:
        """A caption's reading time (or a stuck cue's deadline) passed: the next cue."""
        if self.cue is None or self._cue_ends is None or self._now() < self._cue_ends:
            return None
        return self.done(self.cue)

    # -- internals --------------------------------------------------------------------------
    def _begin(self, speech: Speech) -> Cue | None:
        self._part = 0
        return self._perform(speech)

    def _perform(self, speech: Speech) -> Cue | None:
        utterance: Utterance = speech.payload
        heard = self.heard(speech.kind, utterance.asked)
        while self._part < len(utterance.parts):
            part = utterance.parts[self._part]
            how = self._how(part, utterance.lang, heard)
            if how is not None:
                cue = Cue(how, part.text, part.audio, utterance.lang, utterance.key)
                self.cue = cue
                self.focus.aloud = how != Perform.CAPTION
                seconds = reading_time(part.text, utterance.lang)
                self._cue_ends = self._now() + (
                    seconds if how == Perform.CAPTION else 2 * seconds + ALOUD_GRACE_S
                )
                return cue
            self._part += 1
        following = self.focus.finished(speech)
        return self._begin(following) if following is not None else self._clear()

    def _how(self, part: Part, lang: str, heard: bool) -> Perform | None:
        if not heard:
            return Perform.CAPTION if part.text else None
        if part.audio:
            return Perform.RECORDING
        if not part.text:
            return None
        return Perform.SPEECH if self.engine_problem(lang) == Silence.NONE else Perform.CAPTION

    def _stop_aloud(self) -> None:
        if self.cue is not None and self.cue.how != Perform.CAPTION:
            self.stop_all()

    def _clear(self) -> None:
        self.cue = None
        self._cue_ends = None
        self._part = 0
        self.focus.aloud = True
