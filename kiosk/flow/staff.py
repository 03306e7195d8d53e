"""The staff session at the kiosk: sign-in with staff number and PIN, lockout, sign-out.

The pad asks for the staff number, then the 6-digit PIN, checked against the store's roster
(the PIN's slow hash is the roster's: `pin_matches`). An unknown or disabled number is
checked against a dummy hash as long as a real one, and answers in the same words as a
wrong PIN, so the pad tells nobody which numbers exist. After MAX_TRIES wrong tries in a
row (whatever the numbers) the pad locks for LOCKOUT_S, and each wrong try after that
doubles the wait (up to MAX_LOCKOUT_S); the count and the lock are the kiosk's, kept by a
`LockStore` in the data folder so a restart does not clear them. A right PIN clears them.

Signed in, the member is signed out by themselves, after `idle_s` without a touch while no
customer's session runs (a session keeps its staff), at the end of the day (the store's
closing hour, or local midnight, whichever comes first after the sign-in), and when the
roster no longer holds them (disabled at HQ, delivered by the next sync).

Recorded (never a PIN): `staff_sign_in{staff, role}`, `staff_sign_out{staff, reason:
user|idle|end_of_day|removed}`, `staff_lockout{locked_for_s}`. Plain Python: the monotonic
clock (`now`: idle and the pad), the wall clock (`wall`, aware: the lockout and the end of
the day, which must outlive a restart) and the record are passed in; `next_wake()` says
when the session next changes by itself, `tick()` lets time pass.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Protocol

from kiosk.domain.staff import Roster, StaffMember, pin_matches
from kiosk.flow.clock import Now, Record
from kiosk.flow.mobile import is_digit
from kiosk.flow.pin import MAX_TRIES, lockout_for

PIN_DIGITS = 6
#: A staff number as typed on the pad (badge numbers are digits).
MIN_NUMBER, MAX_NUMBER = 3, 12
#: The pad closes after this long without a touch.
PAD_IDLE_S = 60.0
#: Signed out after this long without a touch while no customer's session runs (default of
#: the `staff_idle_s` setting).
IDLE_S = 600.0
#: The end of the day is looked at again at least this often (the wall clock may be set).
_DAY_CHECK_S = 300.0

#: Checked when the number is unknown, so that a wrong number costs the same as a wrong PIN.
_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


@dataclass(frozen=True)
class Lock:
    """Wrong tries in a row and until when (wall-clock seconds) the pad is locked."""

    failures: int = 0
    locked_until: float = 0.0


class LockStore(Protocol):
    def load(self) -> Lock: ...
    def save(self, lock: Lock) -> None: ...


class MemoryLock:
    """A LockStore that forgets at exit (tools, screenshots, tests)."""

    def __init__(self, lock: Lock | None = None) -> None:
        self.lock = lock or Lock()

    def load(self) -> Lock:
        return self.lock

    def save(self, lock: Lock) -> None:
        self.lock = lock


class Stage(StrEnum):
    SIGNED_OUT = "signedOut"
    NUMBER = "number"
    PIN = "pin"
    SIGNED_IN = "signedIn"


class PadState(StrEnum):
    TYPING = "typing"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_ROSTER = "noRoster"


class Reason(StrEnum):
    USER = "user"
    IDLE = "idle"
    END_OF_DAY = "end_of_day"
    REMOVED = "removed"


def day_ends(signed_in: datetime, tz: tzinfo, closing: time | None) -> datetime:
    """When a sign-in at `signed_in` ends: the closing hour that day if still ahead, else
    the store's next local midnight."""
    local = signed_in.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tz)
    if closing is not None:
        close = datetime.combine(local.date(), closing, tz)
        if local < close < midnight:
            return close
    return midnight


class StaffSession:
    def __init__(
        self,
        roster: Callable[[], Roster | None],
        locks: LockStore,
        record: Record,
        now: Now,
        wall: Callable[[], datetime],
        *,
        tz: tzinfo,
        closing: time | None = None,
        idle_s: float = IDLE_S,
    ) -> None:
        """`roster`: the installed roster now (None: none installed); `closing`: the store's
        closing hour (None: midnight ends the day)."""
        self._roster = roster
        self._locks = locks
        self._record = record
        self._now = now
        self._wall = wall
        self._tz = tz
        self._closing = closing
        self.idle_s = idle_s
        self.stage = Stage.SIGNED_OUT
        self.pad_state = PadState.TYPING
        #: Wrong tries left before the lockout, after a wrong try (0 otherwise).
        self.tries_left = 0
        #: Who is signed in (None when nobody).
        self.member: StaffMember | None = None
        #: Why the last sign-out happened ("" before any).
        self.signed_out_reason = ""
        self._number = ""
        self._pin = ""
        self._touched_at = 0.0
        self._customer = False
        self._ends_at: datetime | None = None

    def settings(self) -> dict[str, object]:
        """The keyword settings this session was made with (to make another like it)."""
        return {"tz": self._tz, "closing": self._closing, "idle_s": self.idle_s}

    # -- what shows -----------------------------------------------------------------------
    @property
    def number(self) -> str:
        """The staff number typed so far (shown: it is on the badge)."""
        return self._number

    @property
    def pin_digits(self) -> int:
        """How many PIN digits are typed (the pad shows dots, never the digits)."""
        return len(self._pin)

    @property
    def signed_in(self) -> bool:
        return self.stage == Stage.SIGNED_IN

    @property
    def current(self) -> str | None:
        """The signed-in member's number, for attribution."""
        return self.member.number if self.member is not None else None

    @property
    def locked_for_s(self) -> int:
        """Whole seconds until the pad takes a PIN again (0 when not locked)."""
        left = self._locks.load().locked_until - self._wall().timestamp()
        return max(0, math.ceil(left - 1e-9))

    @property
    def can_next(self) -> bool:
        return self.stage == Stage.NUMBER and self._open() and len(self._number) >= MIN_NUMBER

    @property
    def can_submit(self) -> bool:
        return self.stage == Stage.PIN and self._open() and len(self._pin) == PIN_DIGITS

    @property
    def ends_at(self) -> datetime | None:
        """When the day's sign-in ends (None when nobody is signed in)."""
        return self._ends_at

    # -- the pad --------------------------------------------------------------------------
    def open_pad(self) -> bool:
        """The staff button: the number's keypad (not while someone is signed in)."""
        if self.stage != Stage.SIGNED_OUT:
            return False
        self.stage = Stage.NUMBER
        self._number = self._pin = ""
        self.tries_left = 0
        self._touched_at = self._now()
        self._show_state()
        return True

    def touch(self) -> None:
        """Any touch on the kiosk: the pad's and the signed-in idle clocks start again."""
        if self.stage != Stage.SIGNED_OUT:
            self._touched_at = self._now()

    def digit(self, d: str) -> bool:
        if self.stage not in (Stage.NUMBER, Stage.PIN) or not self._open():
            return False
        if not is_digit(d):
            return False
        if self.stage == Stage.NUMBER:
            if len(self._number) >= MAX_NUMBER:
                return False
            self._number += d
        else:
            if len(self._pin) >= PIN_DIGITS:
                return False
            self._pin += d
        self.pad_state = PadState.TYPING
        self.touch()
        return True

    def erase(self) -> bool:
        if self.stage == Stage.NUMBER and self._number:
            self._number = self._number[:-1]
        elif self.stage == Stage.PIN and self._pin:
            self._pin = self._pin[:-1]
        else:
            return False
        self.touch()
        return True

    def next(self) -> bool:
        """The number is typed: on to the PIN."""
        if not self.can_next:
            return False
        self.stage = Stage.PIN
        self._pin = ""
        self.pad_state = PadState.TYPING
        self.touch()
        return True

    def back(self) -> bool:
        """From the PIN back to the number (kept, to correct it)."""
        if self.stage != Stage.PIN:
            return False
        self.stage = Stage.NUMBER
        self._pin = ""
        if self.pad_state == PadState.WRONG:
            self.pad_state = PadState.TYPING
        self.touch()
        return True

    def submit(self) -> bool | None:
        """Try the number and PIN: True signed in, False refused, None when the pad takes
        no try now (not six digits, locked, no roster)."""
        if not self.can_submit:
            return None
        pin, self._pin = self._pin, ""
        self.touch()
        lock = self._locks.load()
        now = self._wall().timestamp()
        if lock.locked_until > now:
            self._show_state()
            return None
        roster = self._roster()
        member = roster.member(self._number) if roster is not None else None
        # The same slow check whether the number exists or not.
        ok = pin_matches(member.pin_hash if member is not None else _DUMMY_HASH, pin) and member is not None
        if ok and member is not None:
            if lock.failures or lock.locked_until:
                self._locks.save(Lock())
            self._sign_in(member)
            return True
        failures = lock.failures + 1
        wait = lockout_for(failures)
        self._locks.save(Lock(failures, now + wait if wait else 0.0))
        if wait:
            self.pad_state = PadState.LOCKED
            self.tries_left = 0
            self._record("staff_lockout", locked_for_s=round(wait))
        else:
            self.pad_state = PadState.WRONG
            self.tries_left = MAX_TRIES - failures
        return False

    def cancel(self) -> bool:
        if self.stage not in (Stage.NUMBER, Stage.PIN):
            return False
        self._close_pad()
        return True

    # -- signed in ------------------------------------------------------------------------
    def sign_out(self, reason: Reason = Reason.USER) -> bool:
        if self.stage != Stage.SIGNED_IN or self.member is None:
            return False
        number = self.member.number
        self.stage = Stage.SIGNED_OUT
        self.member = None
        self._ends_at = None
        self.signed_out_reason = str(reason)
        self._record("staff_sign_out", staff=number, reason=str(reason))
        return True

    def customer(self, active: bool) -> None:
        """A customer's session began (True) or ended (False): while one runs the staff
        member is not signed out for idleness; the idle time counts from its end."""
        if self._customer and not active:
            self._touched_at = self._now()
        self._customer = active

    def roster_changed(self) -> None:
        """A new roster was installed: a member it no longer holds (or holds disabled) is out."""
        if self.stage != Stage.SIGNED_IN or self.member is None:
            return
        roster = self._roster()
        if roster is None or roster.member(self.member.number) is None:
            self.sign_out(Reason.REMOVED)
        else:
            self.member = roster.member(self.member.number)

    # -- time -----------------------------------------------------------------------------
    def next_wake(self) -> float | None:
        now = self._now()
        if self.stage == Stage.SIGNED_OUT:
            return None
        if self.stage == Stage.SIGNED_IN:
            assert self._ends_at is not None
            to_end = max(0.0, (self._ends_at - self._wall()).total_seconds())
            wake = now + min(to_end, _DAY_CHECK_S)
            if not self._customer:
                wake = min(wake, self._touched_at + self.idle_s)
            return wake
        wake = self._touched_at + PAD_IDLE_S
        left = self._locks.load().locked_until - self._wall().timestamp()
        if left > 0:
            # The wait shown counts down by whole seconds.
            wake = min(wake, now + (left % 1.0 or 1.0))
        return wake

    def tick(self) -> None:
        now = self._now()
        if self.stage == Stage.SIGNED_IN:
            assert self._ends_at is not None
            if self._wall() >= self._ends_at:
                self.sign_out(Reason.END_OF_DAY)
            elif not self._customer and now >= self._touched_at + self.idle_s:
                self.sign_out(Reason.IDLE)
        elif self.stage in (Stage.NUMBER, Stage.PIN):
            if now >= self._touched_at + PAD_IDLE_S:
                self._close_pad()
            else:
                self._show_state()

    # -- internals ------------------------------------------------------------------------
    def _open(self) -> bool:
        return self.pad_state in (PadState.TYPING, PadState.WRONG)

    def _show_state(self) -> None:
        """The pad's state from what is kept: locked, no roster, or typing."""
        if self.locked_for_s > 0:
            self.pad_state = PadState.LOCKED
            self.tries_left = 0
        elif self._roster() is None:
            self.pad_state = PadState.NO_ROSTER
        elif self.pad_state in (PadState.LOCKED, PadState.NO_ROSTER):
            self.pad_state = PadState.TYPING

    def _close_pad(self) -> None:
        self.stage = Stage.SIGNED_OUT
        self._number = self._pin = ""
        self.pad_state = PadState.TYPING
        self.tries_left = 0

    def _sign_in(self, member: StaffMember) -> None:
        self.stage = Stage.SIGNED_IN
        self.member = member
        self._number = ""
        self.pad_state = PadState.TYPING
        self.tries_left = 0
        self._touched_at = self._now()
        self._ends_at = day_ends(self._wall(), self._tz, self._closing)
        self._record("staff_sign_in", staff=member.number, role=member.role)
