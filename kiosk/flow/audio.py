"""One audio focus: spoken guides, demo narration and video sound never talk over each other.

Sources: the screen's spoken guide (GUIDE), a demo scene's narration (NARRATION), and the
sound of every video (the promo video, a demo scene's video, the attract loop's video), which
all play at `media_volume`. The rule:

- While any speech plays, `media_volume` is 0: a video keeps playing, silent, under the
  guide or the narration, and comes back at the customer's volume when speech ends.
- Speech of the same kind replaces speech of that kind: a new guide stops the guide playing
  (the customer moved on, the old guide describes a screen no longer shown, a digit read back
  is stale once the next is typed), a new scene's narration stops the last scene's.
- Speech of the other kind waits for the speech playing to end, then plays: a guide never
  cuts a narration short, nor a narration a guide. On arriving at a demo the screen's guide
  ("touch the highlighted areas...") plays first and the first scene's narration after it;
  "say it again" during a narration waits for the sentence to end. Cutting either would
  leave the customer with half a sentence of each; both are short, so waiting costs seconds.
  Only one item waits (the newest of its kind).
- `stop(kind)`: what leaves with a screen (the demo's narration when the demo is left) goes
  whether playing or waiting; `stop_all()` at the session's end or when voice goes off.
- Volume 0-100 in steps of `VOLUME_STEP`, for speech and media alike.

`speaking` is what may play now; the caller plays it and reports `finished(item)`. Items
are compared by identity (`Speech.serial`), so a late report about an item already
replaced changes nothing. No Qt, no clock: the rule has no time of its own.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

VOLUME_STEP = 10
MAX_VOLUME = 100

_serials = itertools.count(1)


class Kind(StrEnum):
    GUIDE = "guide"
    NARRATION = "narration"


@dataclass(frozen=True)
class Speech:
    """One thing to say: a guide or a narration, with what the caller needs to play it."""

    kind: Kind
    payload: Any = None
    serial: int = field(default_factory=lambda: next(_serials))


class AudioFocus:
    def __init__(self, volume: int = 70) -> None:
        self.volume = _clamp(volume)
        self.speaking: Speech | None = None
        self.waiting: Speech | None = None
        #: Whether what is speaking is heard (False: shown as captions only, media not ducked).
        self.aloud = True

    @property
    def media_volume(self) -> float:
        """What every video's sound plays at now (0.0-1.0)."""
        if self.speaking is not None and self.aloud:
            return 0.0
        return self.volume / MAX_VOLUME

    @property
    def speech_volume(self) -> float:
        return self.volume / MAX_VOLUME

    # -- moves ----------------------------------------------------------------------------
    def request(self, speech: Speech) -> bool:
        """`speech` wants to play; True when it plays now (False: it waits)."""
        current = self.speaking
        if current is None or current.kind == speech.kind:
            self.speaking = speech
            if self.waiting is not None and self.waiting.kind == speech.kind:
                self.waiting = None
            return True
        self.waiting = speech
        return False

    def finished(self, speech: Speech) -> Speech | None:
        """`speech` ended (or failed); the item that plays next, if any."""
        if self.speaking is None or self.speaking.serial != speech.serial:
            return None
        self.speaking, self.waiting = self.waiting, None
        return self.speaking

    def stop(self, kind: Kind) -> Speech | None:
        """Everything of `kind` goes; the item that plays instead, if any."""
        if self.waiting is not None and self.waiting.kind == kind:
            self.waiting = None
        if self.speaking is not None and self.speaking.kind == kind:
            self.speaking, self.waiting = self.waiting, None
            return self.speaking
        return None

    def stop_all(self) -> None:
        self.speaking = None
        self.waiting = None

    def louder(self) -> bool:
        return self._set_volume(self.volume + VOLUME_STEP)

    def softer(self) -> bool:
        return self._set_volume(self.volume - VOLUME_STEP)

    def _set_volume(self, volume: int) -> bool:
        volume = _clamp(volume)
        if volume == self.volume:
            return False
        self.volume = volume
        return True


def _clamp(volume: int) -> int:
    return max(0, min(MAX_VOLUME, int(volume)))
