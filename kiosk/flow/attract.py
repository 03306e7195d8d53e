"""The attract loop: the playlist, its two slots, and what happens to items that cannot play.

Two slots take turns so that no blank frame ever shows between items: while the front slot
shows an item, the back slot loads the next one; the switch happens when the item on show
is done (its time is up, or its video ended) and the next one is ready (an image loaded, a
video's first frame arrived), whichever comes last. QML loads what a slot is given and
reports facts: `ready`, `ended`, `failed`. The rules are here:

- an image shows for its duration (`DEFAULT_IMAGE_MS` when the pack gives none); a video
  plays to its end, or for its duration when it has one;
- an item that fails is reported once (`media_error`) and skipped from then on; a video
  with no picture `NO_PICTURE_S` after it was loaded has failed;
- when the item on show fails and the next is ready, the next shows at once; otherwise the
  slot loads the item after the failed one;
- with nothing playable, the branded still shows (`show_still`); when something becomes
  playable and the loop never started, it starts.

The loop runs while the attract screen is on (`begin` ... `leave`). `pace` stretches the
time an item shows (easy mode: 1.5); a video that plays to its end plays as it is. A new
pace applies from the next item shown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.flow.clock import Now, Record, monotonic
from kiosk.packs.model import AttractItem

log = logging.getLogger(__name__)

#: How long an image item shows when the pack gives no duration (the format requires one).
DEFAULT_IMAGE_MS = 8000
#: A video that shows no picture this long after it was loaded is as good as broken.
NO_PICTURE_S = 10.0


@dataclass(frozen=True)
class Clip:
    """What a slot plays: an item's picture or video, and for how long."""

    item_id: str
    source: Path
    video: bool
    #: Shown this long (images; videos cut short); 0: a video plays to its end.
    duration_ms: int

    @classmethod
    def of(cls, a: AttractItem) -> Clip:
        duration = round(a.duration_s * 1000) if a.duration_s else 0
        source = a.video or a.image
        assert source is not None
        return cls(a.id, source, a.video is not None, duration if (duration or a.video) else DEFAULT_IMAGE_MS)


class Slot:
    """One of the two slots: the clip loaded into it and how far it got."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.clip: Clip | None = None
        #: Counts loads, so that loading the same item again is still a new load.
        self.generation = 0
        self.ready = False
        self.failed = False
        self.loaded_at = 0.0
        #: When the clip on show is done (None: not on show, or plays to its end).
        self.ends_at: float | None = None

    def load(self, clip: Clip | None, now: float) -> None:
        self.clip = clip
        self.generation += 1
        self.ready = False
        self.failed = False
        self.loaded_at = now
        self.ends_at = None

    def play(self, now: float, pace: float = 1.0) -> None:
        if self.clip is not None and self.clip.duration_ms > 0:
            self.ends_at = now + self.clip.duration_ms * pace / 1000
        else:
            self.ends_at = None

    @property
    def watched_until(self) -> float | None:
        """When a loading video that shows no picture has failed (None: not watched)."""
        if self.clip is None or not self.clip.video or self.ready or self.failed:
            return None
        return self.loaded_at + NO_PICTURE_S


class AttractLoop:
    def __init__(self, record: Record, now: Now = monotonic) -> None:
        self._record = record
        self._now = now
        self._items: tuple[AttractItem, ...] = ()
        self._failed: set[tuple[str, str]] = set()
        self.a = Slot("A")
        self.b = Slot("B")
        self.front = self.a
        #: The item on show is done but the next is not ready: switch as soon as it is.
        self.waiting = False
        #: The loop started with an item (the still alone does not count).
        self.running = False
        #: The attract screen is on; its number (`begin` gives it) or 0.
        self.screen = 0
        #: How many times as long an item shows (easy mode: more than 1).
        self.pace = 1.0

    # -- the playlist ---------------------------------------------------------------------
    def set_items(self, items: Sequence[AttractItem]) -> None:
        """The playlist of the catalogue's view now (items come and go with their windows)."""
        still = self.show_still
        self._items = tuple(items)
        if still and not self.show_still and self.screen and not self.running:
            self._start()

    @property
    def playable(self) -> list[AttractItem]:
        return [a for a in self._items if _key(a) not in self._failed]

    @property
    def show_still(self) -> bool:
        """Nothing in the playlist can play: show the branded still."""
        return not self.playable

    @property
    def presentable(self) -> bool:
        """Something is on show: an item, or the still when nothing can play."""
        return self.a.ready or self.b.ready or self.show_still

    @property
    def back(self) -> Slot:
        return self.b if self.front is self.a else self.a

    def slot(self, name: str) -> Slot:
        return self.a if name == self.a.name else self.b

    def next_after(self, current_id: str) -> AttractItem | None:
        """The playable item after `current_id` (the first when it is '' or gone)."""
        items = self.playable
        if not items:
            return None
        ids = [a.id for a in self._items]
        if current_id in ids:
            after = ids.index(current_id)
            for a in items:
                if ids.index(a.id) > after:
                    return a
        return items[0]

    # -- the screen -----------------------------------------------------------------------
    def begin(self) -> int:
        """The attract screen came on: the loop starts from the first item. Returns the
        screen's number for `leave`."""
        self.screen += 1
        self._start()
        return self.screen

    def leave(self, screen: int) -> None:
        """The attract screen `screen` is gone: the loop stops (a newer screen's goes on)."""
        if screen == self.screen:
            self.screen = 0

    # -- facts reported by the slots ------------------------------------------------------
    def ready(self, name: str) -> None:
        """The slot's image loaded, or its video's first frame arrived."""
        s = self.slot(name)
        if not self.screen or s.clip is None or s.ready or s.failed:
            return
        s.ready = True
        if s is self.front:
            # The very first item: show it and prepare the next.
            s.play(self._now(), self.pace)
            self._preload_after(s)
        elif self.waiting:
            self._swap()

    def ended(self, name: str) -> None:
        """The slot's video played to its end."""
        if self.screen and self.slot(name) is self.front:
            self._done()

    def failed(self, name: str, message: str) -> None:
        """The slot's item cannot be shown."""
        s = self.slot(name)
        if not self.screen or s.clip is None or s.failed:
            return
        s.failed = True
        clip = s.clip
        self._mark_failed(clip.item_id, message)
        if s is self.front and self.back.ready:
            # The item on show broke mid-way: the next one is ready, go to it.
            self._swap()
            return
        s.load(self._clip_after(clip.item_id), self._now())

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        """The next moment something changes by itself: the item on show is done, or a
        loading video has shown no picture for too long."""
        if not self.screen:
            return None
        times = [self.front.ends_at, self.a.watched_until, self.b.watched_until]
        due = [t for t in times if t is not None]
        return min(due) if due else None

    def tick(self) -> None:
        """Let the time pass: an item whose time is up is done; a silent video has failed."""
        if not self.screen:
            return
        now = self._now()
        for s in (self.a, self.b):
            if (until := s.watched_until) is not None and now >= until:
                self.failed(s.name, f"no picture after {NO_PICTURE_S:.0f} s")
        front = self.front
        if front.ends_at is not None and now >= front.ends_at:
            front.ends_at = None
            self._done()

    # -- internals ------------------------------------------------------------------------
    def _start(self) -> None:
        first = self.next_after("")
        self.waiting = False
        self.running = first is not None
        self.front = self.a
        now = self._now()
        self.a.load(Clip.of(first) if first else None, now)
        self.b.load(None, now)

    def _clip_after(self, item_id: str) -> Clip | None:
        item = self.next_after(item_id)
        return Clip.of(item) if item is not None else None

    def _preload_after(self, shown: Slot) -> None:
        self.back.load(self._clip_after(shown.clip.item_id if shown.clip else ""), self._now())

    def _done(self) -> None:
        if self.back.ready:
            self._swap()
        else:
            self.waiting = True

    def _swap(self) -> None:
        incoming, outgoing = self.back, self.front
        self.waiting = False
        self.front = incoming
        incoming.play(self._now(), self.pace)
        outgoing.ends_at = None
        self._preload_after(incoming)

    def _mark_failed(self, item_id: str, message: str) -> None:
        item = next((a for a in self._items if a.id == item_id), None)
        if item is None or _key(item) in self._failed:
            return
        source = str(item.video or item.image)
        log.error("attract item %s (%s) cannot be played, skipped: %s", item_id, source, message)
        self._record("media_error", screen="attract", item=item_id, source=source, error=message)
        self._failed.add(_key(item))


def _key(a: AttractItem) -> tuple[str, str]:
    return (a.id, str(a.video or a.image))
