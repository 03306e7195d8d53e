"""The way into the maintenance screen: a hidden gesture, the PIN pad, and the idle limits.

A press held HOLD_S seconds in the top-left corner (on any screen) opens the PIN pad; a
shorter press, or one that leaves the corner, does nothing. The pad takes digits, one
erased at a time, and a submitted PIN goes to the `Pins` (kiosk.flow.pin.PinGate: the
hash, the count of wrong tries and the lockout are its rules). The pad says what
happened: a wrong PIN with the tries left, a lockout with the time left (counted down
here, by the monotonic clock), or that no PIN was ever set. The pad closes after
PAD_IDLE_S without a touch; the maintenance screen after SCREEN_IDLE_S, so a kiosk left
open by a technician goes back to customers by itself.

Recorded: the pad opening, each wrong PIN (the tries left, never the digits), a lockout,
the screen opening and closing (with why). Plain Python: the clock and the record are
passed in; `next_wake()` says when the gate next changes by itself, `tick()` lets time pass.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Protocol

from kiosk.flow.clock import Now, Record
from kiosk.flow.mobile import is_digit
from kiosk.flow.pin import MAX_DIGITS, MIN_DIGITS, Verdict

#: How long the corner must be held to open the PIN pad.
HOLD_S = 3.0
#: The PIN pad closes after this long without a touch.
PAD_IDLE_S = 60.0
#: The maintenance screen closes (back to the attract loop) after this long without a touch.
SCREEN_IDLE_S = 120.0


class Pins(Protocol):
    """What the gate asks of the PIN's keeper (kiosk.flow.pin.PinGate)."""

    def is_set(self) -> bool: ...
    def locked_for_s(self) -> float: ...
    def try_pin(self, pin: str) -> Verdict: ...


class Stage(StrEnum):
    CLOSED = "closed"
    PAD = "pad"
    OPEN = "open"


class PadState(StrEnum):
    TYPING = "typing"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "noPin"


class MaintenanceGate:
    def __init__(self, pins: Pins, record: Record, now: Now) -> None:
        self._pins = pins
        self._record = record
        self._now = now
        self.stage = Stage.CLOSED
        self.pad_state = PadState.TYPING
        #: Wrong tries left before the lockout, after a wrong PIN (0 otherwise).
        self.tries_left = 0
        #: Why the screen last closed ("idle", "closed", "exit"); "" before.
        self.closed_reason = ""
        self._entered = ""
        self._held_since: float | None = None
        self._touched_at = 0.0
        self._locked_until: float | None = None

    # -- what shows -----------------------------------------------------------------------
    @property
    def digits(self) -> int:
        """How many digits are typed (the pad shows dots, never the digits)."""
        return len(self._entered)

    @property
    def locked_for_s(self) -> int:
        """Whole seconds until the pad takes a PIN again (0 when not locked)."""
        if self._locked_until is None:
            return 0
        return max(0, math.ceil(self._locked_until - self._now() - 1e-9))

    @property
    def can_submit(self) -> bool:
        return self.stage == Stage.PAD and self._open_for_digits() and self.digits >= MIN_DIGITS

    # -- the gesture ----------------------------------------------------------------------
    def corner_pressed(self) -> None:
        """A press began in the corner."""
        if self.stage == Stage.CLOSED:
            self._held_since = self._now()

    def corner_released(self) -> None:
        """The press ended, or left the corner, before the pad opened: nothing happens."""
        self._held_since = None

    def open_pad(self) -> bool:
        """The pad, as if the corner had been held (for tools and tests)."""
        if self.stage != Stage.CLOSED:
            return False
        self._held_since = None
        self._open_pad()
        return True

    def open_without_pin(self) -> bool:
        """The screen, as if the right PIN had been typed: for `kiosk screenshot` and tests
        only (Python's; QML has no way to it)."""
        if self.stage == Stage.OPEN:
            return False
        self._held_since = None
        self._open()
        return True

    # -- the pad --------------------------------------------------------------------------
    def touch(self) -> None:
        """Any touch while the pad or the screen shows: the idle clock starts again."""
        if self.stage != Stage.CLOSED:
            self._touched_at = self._now()

    def digit(self, d: str) -> bool:
        if self.stage != Stage.PAD or not self._open_for_digits():
            return False
        if not is_digit(d) or len(self._entered) >= MAX_DIGITS:
            return False
        self._entered += d
        self.pad_state = PadState.TYPING
        self.touch()
        return True

    def erase(self) -> bool:
        if self.stage != Stage.PAD or not self._entered:
            return False
        self._entered = self._entered[:-1]
        self.touch()
        return True

    def submit(self) -> Verdict | None:
        """Try the typed PIN; None when the pad takes none now (too short, locked, no PIN)."""
        if not self.can_submit:
            return None
        entered, self._entered = self._entered, ""
        self.touch()
        verdict = self._pins.try_pin(entered)
        if verdict.ok:
            self._open()
        elif verdict.no_pin:
            self.pad_state = PadState.NO_PIN
        elif verdict.locked_for_s > 0:
            self._lock(verdict.locked_for_s)
        else:
            self.pad_state = PadState.WRONG
            self.tries_left = verdict.tries_left or 0
            self._record("maintenance_pin_wrong", tries_left=self.tries_left)
        return verdict

    def cancel(self) -> bool:
        if self.stage != Stage.PAD:
            return False
        self._close_pad()
        return True

    # -- the screen -----------------------------------------------------------------------
    def close(self, reason: str = "closed") -> bool:
        if self.stage != Stage.OPEN:
            return False
        self.stage = Stage.CLOSED
        self.closed_reason = reason
        self._record("maintenance_close", reason=reason)
        return True

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        if self.stage == Stage.CLOSED:
            return None if self._held_since is None else self._held_since + HOLD_S
        idle = self._touched_at + (PAD_IDLE_S if self.stage == Stage.PAD else SCREEN_IDLE_S)
        if self.stage == Stage.PAD and self._locked_until is not None:
            # The wait shown counts down by whole seconds.
            left = self._locked_until - self._now()
            return min(idle, self._now() + (left % 1.0 or 1.0) if left > 0 else self._now())
        return idle

    def tick(self) -> None:
        now = self._now()
        if self.stage == Stage.CLOSED:
            if self._held_since is not None and now >= self._held_since + HOLD_S:
                self._held_since = None
                self._open_pad()
            return
        if self.stage == Stage.PAD:
            if self._locked_until is not None and now >= self._locked_until:
                self._locked_until = None
                self.pad_state = PadState.TYPING
            if now >= self._touched_at + PAD_IDLE_S:
                self._close_pad()
        elif now >= self._touched_at + SCREEN_IDLE_S:
            self.close("idle")

    # -- internals ------------------------------------------------------------------------
    def _open_for_digits(self) -> bool:
        return self.pad_state in (PadState.TYPING, PadState.WRONG)

    def _open_pad(self) -> None:
        self.stage = Stage.PAD
        self._entered = ""
        self.tries_left = 0
        self._locked_until = None
        self._touched_at = self._now()
        self.pad_state = PadState.TYPING
        if not self._pins.is_set():
            self.pad_state = PadState.NO_PIN
        elif (wait := self._pins.locked_for_s()) > 0:
            self._locked_until = self._now() + wait
            self.pad_state = PadState.LOCKED
        self._record("maintenance_pad_open")

    def _lock(self, wait: float) -> None:
        self._locked_until = self._now() + wait
        self.pad_state = PadState.LOCKED
        self.tries_left = 0
        self._record("maintenance_pin_locked", locked_for_s=round(wait))

    def _close_pad(self) -> None:
        self.stage = Stage.CLOSED
        self._entered = ""
        self._locked_until = None

    def _open(self) -> None:
        self.stage = Stage.OPEN
        self.pad_state = PadState.TYPING
        self.tries_left = 0
        self._touched_at = self._now()
        self._record("maintenance_open")
