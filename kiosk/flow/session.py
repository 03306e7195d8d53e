"""A customer's session and the idle clock that ends it.

A session starts with a touch on the attract loop. Every touch restarts the idle clock;
after `timeout_s` without one, the "still there?" warning counts down `countdown_s`
seconds (the number shown is the whole seconds left, from `countdown_s` down to 1) and
at zero the session ends ("idle"). A touch during the warning carries on; so does its
"More time" button, which is `extend` and is recorded (`session_extend{left_s}`). While the
clock is held (a video plays: watching is not idling) no warning comes; the clock starts
afresh when the hold is released. The session records `session_start` and `session_end`
(with its reason and duration).
"""

from __future__ import annotations

import math

from kiosk.flow.clock import Now, Record, monotonic


class Session:
    def __init__(self, timeout_s: float, countdown_s: int, record: Record, now: Now = monotonic) -> None:
        self.timeout_s = max(0.001, timeout_s)
        self.countdown_total = max(1, int(countdown_s))
        self._record = record
        self._now = now
        self.active = False
        self.held = False
        #: Why the last session ended ("idle" or what `end` was given); "" before any.
        self.ended_reason = ""
        self._started_at = 0.0
        self._idle_at: float | None = None
        self._warned_at: float | None = None

    # -- what shows -----------------------------------------------------------------------
    @property
    def warning(self) -> bool:
        """The "still there?" countdown is showing."""
        return self._warned_at is not None

    @property
    def countdown(self) -> int:
        """Whole seconds left before the session ends (0 when no warning shows)."""
        if self._warned_at is None:
            return 0
        passed = math.floor(self._now() - self._warned_at + 1e-9)
        return max(0, self.countdown_total - passed)

    # -- moves ----------------------------------------------------------------------------
    def start(self) -> bool:
        if self.active:
            return False
        self._started_at = self._now()
        self.active = True
        self._record("session_start")
        self._restart_idle()
        return True

    def end(self, reason: str) -> bool:
        if not self.active:
            return False
        self._idle_at = None
        self._warned_at = None
        self._record("session_end", reason=reason, duration_s=round(self._now() - self._started_at, 1))
        self.active = False
        self.held = False
        self.ended_reason = reason
        return True

    def touch(self) -> None:
        """The customer pressed the screen (or the warning): they are still here."""
        if not self.active:
            return
        self._warned_at = None
        self._restart_idle()

    def extend(self) -> bool:
        """The customer asked for more time on the warning: it goes, and the idle clock
        starts again in full (recorded, with the seconds that were left)."""
        if not self.active or self._warned_at is None:
            return False
        left = self.countdown
        self._warned_at = None
        self._restart_idle()
        self._record("session_extend", left_s=left)
        return True

    def follow_up(self) -> None:
        """A press goes on (a move, a release): the idle clock restarts, a warning stays."""
        if self.active and not self.warning:
            self._restart_idle()

    def hold(self, held: bool) -> None:
        """Stop the idle clock while `held` (a video is playing)."""
        self.held = held
        if self.active and not self.warning:
            self._restart_idle()

    def expire(self) -> None:
        """Show the warning now, as if the idle time had passed (for tests and tools)."""
        if self.active:
            self._idle_at = None
            self._warn()

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        """The next moment something changes by itself: the warning, or the next second of
        its countdown (None: nothing until the customer acts)."""
        if not self.active:
            return None
        if self._warned_at is not None:
            return self._warned_at + (self.countdown_total - self.countdown + 1)
        return self._idle_at

    def tick(self) -> None:
        """Let the time pass: the warning shows when the idle time is up; the session ends
        when the countdown reaches zero."""
        if not self.active:
            return
        now = self._now()
        if self._warned_at is None and self._idle_at is not None and now >= self._idle_at:
            self._idle_at = None
            self._warn()
        if self._warned_at is not None and self.countdown <= 0:
            self.end("idle")

    # -- internals ------------------------------------------------------------------------
    def _restart_idle(self) -> None:
        self._idle_at = None if self.held else self._now() + self.timeout_s

    def _warn(self) -> None:
        if self.held:
            return
        self._warned_at = self._now()
