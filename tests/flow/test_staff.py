"""The staff session without Qt: sign-in, the lockout, the sign-outs, and what is refused."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.staff import Roster, StaffMember, hash_pin
from kiosk.flow.pin import LOCKOUT_S, MAX_LOCKOUT_S, MAX_TRIES, lockout_for
from kiosk.flow.staff import (
    IDLE_S,
    PAD_IDLE_S,
    Lock,
    MemoryLock,
    PadState,
    Reason,
    StaffSession,
    Stage,
    day_ends,
)
from tests.fakes import EventLog, ManualClock

SHANGHAI = ZoneInfo("Asia/Shanghai")
PIN = "802413"
OTHER_PIN = "551902"


@pytest.fixture(scope="module")
def roster() -> Roster:
    h = hash_pin(PIN)
    return Roster(
        "GD-SZ-0001",
        3,
        "2026-12-01T00:00:00Z",
        (
            StaffMember("1001", "李娜", "GD-SZ-0001", "staff", h, True),
            StaffMember("1002", "王伟", "GD-SZ-0001", "manager", hash_pin(OTHER_PIN), True),
            StaffMember("1003", "Gone", "GD-SZ-0001", "staff", "", False),
        ),
    )


class Wall:
    """The wall clock, moved with the monotonic one."""

    def __init__(self, clock: ManualClock, start: datetime) -> None:
        self.clock, self.start, self.t0 = clock, start, clock.t

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=self.clock.t - self.t0)


#: 10:00 in Shenzhen.
MORNING = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


class Kit:
    def __init__(self, roster: Roster | None, clock: ManualClock, log: EventLog, **kw: object) -> None:
        self.roster = roster
        self.clock = clock
        self.log = log
        self.locks = MemoryLock()
        self.wall = Wall(clock, kw.pop("start", MORNING))  # type: ignore[arg-type]
        self.s = StaffSession(
            lambda: self.roster,
            self.locks,
            log,
            clock,
            self.wall,
            tz=SHANGHAI,
            **kw,  # type: ignore[arg-type]
        )

    def type(self, text: str) -> None:
        for d in text:
            assert self.s.digit(d), d

    def attempt(self, number: str, pin: str) -> bool | None:
        if self.s.stage == Stage.SIGNED_OUT:
            assert self.s.open_pad()
        if self.s.stage == Stage.PIN:
            self.s.back()
        while self.s.erase():
            pass
        self.type(number)
        assert self.s.next()
        self.type(pin)
        return self.s.submit()

    def pass_time(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.s.tick()


@pytest.fixture
def kit(roster: Roster, clock: ManualClock, log: EventLog) -> Kit:
    return Kit(roster, clock, log)


# -- signing in ---------------------------------------------------------------------------
def test_number_then_pin_signs_in_and_records_who(kit: Kit) -> None:
    assert kit.s.open_pad()
    assert kit.s.stage == Stage.NUMBER
    kit.type("1001")
    assert kit.s.number == "1001"
    assert kit.s.next()
    assert kit.s.stage == Stage.PIN
    kit.type(PIN)
    assert kit.s.pin_digits == 6
    assert kit.s.submit() is True
    assert kit.s.signed_in and kit.s.current == "1001"
    assert kit.s.member is not None and kit.s.member.role == "staff"
    assert kit.log.events == [("staff_sign_in", {"staff": "1001", "role": "staff"})]
    # Nothing typed is kept once signed in.
    assert kit.s.number == "" and kit.s.pin_digits == 0


def test_the_pin_is_never_recorded(kit: Kit) -> None:
    kit.attempt("1001", "000000")
    for _ in range(MAX_TRIES - 1):
        kit.attempt("1001", "111111")
    assert kit.s.pad_state == PadState.LOCKED
    kit.pass_time(MAX_LOCKOUT_S)
    kit.attempt("1001", PIN)
    assert kit.s.signed_in
    kit.s.sign_out()
    text = repr(kit.log.events)
    assert PIN not in text and "111111" not in text and "000000" not in text


def test_unknown_disabled_and_wrong_pin_answer_the_same(kit: Kit) -> None:
    faces = []
    for number, pin in (("1001", OTHER_PIN), ("9999", PIN), ("1003", PIN)):
        assert kit.attempt(number, pin) is False
        faces.append((kit.s.stage, kit.s.pad_state))
    assert faces == [(Stage.PIN, PadState.WRONG)] * 3
    assert kit.s.tries_left == MAX_TRIES - 3
    assert kit.log.events == []


def test_another_members_pin_does_not_sign_in(kit: Kit) -> None:
    assert kit.attempt("1002", PIN) is False
    assert kit.attempt("1002", OTHER_PIN) is True
    assert kit.s.member is not None and kit.s.member.role == "manager"


def test_a_wrong_try_clears_the_pin_and_keeps_the_number(kit: Kit) -> None:
    kit.attempt("1001", "000000")
    assert kit.s.pin_digits == 0
    assert kit.s.back()
    assert kit.s.number == "1001" and kit.s.pad_state == PadState.TYPING
    assert kit.s.next()
    kit.type(PIN)
    assert kit.s.submit() is True


def test_a_right_pin_clears_the_wrong_count(kit: Kit) -> None:
    for _ in range(MAX_TRIES - 1):
        kit.attempt("1001", "000000")
    assert kit.attempt("1001", PIN) is True
    assert kit.locks.load() == Lock()
    kit.s.sign_out()
    kit.attempt("1001", "000000")
    assert kit.s.tries_left == MAX_TRIES - 1


def test_no_roster_installed_says_so_and_takes_no_digits(clock: ManualClock, log: EventLog) -> None:
    kit = Kit(None, clock, log)
    assert kit.s.open_pad()
    assert kit.s.pad_state == PadState.NO_ROSTER
    assert not kit.s.digit("1")
    assert kit.s.cancel()


# -- the keypad's rules -------------------------------------------------------------------
def test_the_keypad_refuses_what_is_not_a_digit_or_too_long(kit: Kit) -> None:
    kit.s.open_pad()
    for bad in ("a", "", "12", "٣", "-"):
        assert not kit.s.digit(bad)
    kit.type("1" * 12)
    assert not kit.s.digit("1")
    assert kit.s.next()
    kit.type("123456")
    assert not kit.s.digit("7")
    assert kit.s.pin_digits == 6


def test_next_needs_a_number_and_submit_six_digits(kit: Kit) -> None:
    kit.s.open_pad()
    kit.type("10")
    assert not kit.s.can_next and not kit.s.next()
    kit.type("0")
    assert kit.s.next()
    kit.type("12345")
    assert not kit.s.can_submit
    assert kit.s.submit() is None
    assert kit.log.events == [] and kit.locks.load() == Lock()


def test_erase_takes_one_digit_of_the_step_on_show(kit: Kit) -> None:
    kit.s.open_pad()
    assert not kit.s.erase()
    kit.type("1001")
    assert kit.s.erase() and kit.s.number == "100"
    kit.type("1")
    kit.s.next()
    assert not kit.s.erase()
    kit.type("12")
    assert kit.s.erase() and kit.s.pin_digits == 1
    assert kit.s.number == "1001"


def test_moves_the_stage_does_not_allow_change_nothing(kit: Kit) -> None:
    s = kit.s
    # Signed out, the pad closed.
    assert not s.digit("1") and not s.erase() and not s.next() and not s.back()
    assert s.submit() is None and not s.cancel() and not s.sign_out()
    assert s.stage == Stage.SIGNED_OUT
    # On the number: no back, no submit.
    s.open_pad()
    assert not s.open_pad() and not s.back() and s.submit() is None and not s.sign_out()
    assert s.stage == Stage.NUMBER
    # Signed in: no pad.
    kit.attempt("1001", PIN)
    assert not s.open_pad() and not s.digit("1") and not s.erase() and not s.next()
    assert not s.back() and s.submit() is None and not s.cancel()
    assert s.stage == Stage.SIGNED_IN
    assert kit.log.kinds() == ["staff_sign_in"]


def test_cancel_closes_the_pad_and_forgets_what_was_typed(kit: Kit) -> None:
    kit.s.open_pad()
    kit.type("1001")
    kit.s.next()
    kit.type("80")
    assert kit.s.cancel()
    assert kit.s.stage == Stage.SIGNED_OUT
    kit.s.open_pad()
    assert kit.s.number == "" and kit.s.pin_digits == 0


def test_the_pad_closes_after_a_minute_untouched(kit: Kit) -> None:
    kit.s.open_pad()
    kit.type("10")
    assert kit.s.next_wake() == pytest.approx(kit.clock.t + PAD_IDLE_S)
    kit.pass_time(PAD_IDLE_S - 1)
    kit.s.touch()
    kit.pass_time(PAD_IDLE_S - 1)
    assert kit.s.stage == Stage.NUMBER
    kit.pass_time(1)
    assert kit.s.stage == Stage.SIGNED_OUT
    assert kit.s.next_wake() is None


# -- the lockout ------------------------------------------------------------------------
def test_five_wrong_tries_lock_the_pad_for_five_minutes_and_say_how_long(kit: Kit) -> None:
    for i in range(MAX_TRIES - 1):
        assert kit.attempt("1001", "000000") is False
        assert kit.s.tries_left == MAX_TRIES - 1 - i
    assert kit.attempt("9999", "000000") is False
    assert kit.s.pad_state == PadState.LOCKED
    assert kit.s.locked_for_s == LOCKOUT_S
    assert kit.log.events == [("staff_lockout", {"locked_for_s": round(LOCKOUT_S)})]
    # Locked: no digits, not even the right PIN.
    assert not kit.s.digit("1")
    kit.pass_time(PAD_IDLE_S)
    assert kit.s.stage == Stage.SIGNED_OUT
    kit.clock.advance(LOCKOUT_S - PAD_IDLE_S - 0.5)
    assert kit.s.open_pad()
    assert kit.s.pad_state == PadState.LOCKED and kit.s.locked_for_s == 1
    assert kit.s.next_wake() == pytest.approx(kit.clock.t + 0.5)
    kit.pass_time(0.5)
    assert kit.s.pad_state == PadState.TYPING and kit.s.locked_for_s == 0
    kit.type("1001")
    kit.s.next()
    kit.type(PIN)
    assert kit.s.submit() is True


def test_the_wait_counts_down_by_whole_seconds(kit: Kit) -> None:
    for _ in range(MAX_TRIES):
        kit.attempt("1001", "000000")
    kit.clock.advance(0.25)
    assert kit.s.next_wake() == pytest.approx(kit.clock.t + 0.75)


def test_each_wrong_try_after_the_lockout_doubles_the_wait(kit: Kit) -> None:
    assert lockout_for(MAX_TRIES - 1) == 0
    assert [lockout_for(MAX_TRIES + i) for i in range(3)] == [LOCKOUT_S, 2 * LOCKOUT_S, 4 * LOCKOUT_S]
    assert lockout_for(MAX_TRIES + 20) == MAX_LOCKOUT_S
    for _ in range(MAX_TRIES):
        kit.attempt("1001", "000000")
    kit.clock.advance(LOCKOUT_S)
    kit.s.touch()
    kit.s.tick()
    kit.type("000000")
    assert kit.s.submit() is False
    assert kit.s.locked_for_s == 2 * LOCKOUT_S
    assert kit.log.events[-1] == ("staff_lockout", {"locked_for_s": round(2 * LOCKOUT_S)})


def test_the_lockout_outlives_a_restart(roster: Roster, clock: ManualClock, log: EventLog) -> None:
    kit = Kit(roster, clock, log)
    for _ in range(MAX_TRIES):
        kit.attempt("1001", "000000")
    # A new session (the kiosk restarted) over the same kept lock.
    again = Kit(roster, clock, log)
    again.locks = kit.locks
    again.s._locks = kit.locks
    clock.advance(60)
    assert again.s.open_pad()
    assert again.s.pad_state == PadState.LOCKED
    assert again.s.locked_for_s == LOCKOUT_S - 60


def test_a_lock_submitted_into_does_not_count(kit: Kit) -> None:
    kit.s.open_pad()
    kit.type("1001")
    kit.s.next()
    kit.type("000000")
    # Another kiosk process locked meanwhile (the lock is the data folder's).
    kit.locks.save(Lock(MAX_TRIES, kit.wall().timestamp() + 100))
    assert kit.s.submit() is None
    assert kit.s.pad_state == PadState.LOCKED
    assert kit.locks.load().failures == MAX_TRIES


# -- signing out -------------------------------------------------------------------------
def test_sign_out_by_the_member(kit: Kit) -> None:
    kit.attempt("1001", PIN)
    assert kit.s.sign_out()
    assert kit.s.stage == Stage.SIGNED_OUT and kit.s.current is None
    assert kit.log.events[-1] == ("staff_sign_out", {"staff": "1001", "reason": "user"})
    assert not kit.s.sign_out()


def test_ten_minutes_untouched_without_a_customer_signs_out(kit: Kit) -> None:
    kit.attempt("1001", PIN)
    kit.pass_time(IDLE_S - 10)
    kit.s.touch()
    kit.pass_time(IDLE_S - 1)
    assert kit.s.signed_in
    assert kit.s.next_wake() == pytest.approx(kit.clock.t + 1)
    kit.pass_time(1)
    assert not kit.s.signed_in
    assert kit.log.events[-1] == ("staff_sign_out", {"staff": "1001", "reason": "idle"})


def test_a_customers_session_keeps_the_member_and_the_idle_time_counts_from_its_end(kit: Kit) -> None:
    kit.attempt("1001", PIN)
    kit.s.customer(True)
    kit.pass_time(IDLE_S * 2)
    assert kit.s.signed_in
    kit.s.customer(False)
    kit.pass_time(IDLE_S - 1)
    assert kit.s.signed_in
    kit.pass_time(1)
    assert kit.s.signed_out_reason == "idle"


def test_the_idle_time_is_a_setting(roster: Roster, clock: ManualClock, log: EventLog) -> None:
    kit = Kit(roster, clock, log, idle_s=120)
    kit.attempt("1001", PIN)
    kit.pass_time(120)
    assert kit.s.signed_out_reason == "idle"


def test_the_end_of_the_day_is_local_midnight(roster: Roster, clock: ManualClock, log: EventLog) -> None:
    # 23:50 in Shenzhen, a customer on: midnight signs out all the same.
    kit = Kit(roster, clock, log, start=datetime(2026, 12, 3, 15, 50, tzinfo=UTC))
    kit.attempt("1001", PIN)
    kit.s.customer(True)
    assert kit.s.ends_at == datetime(2026, 12, 4, 0, 0, tzinfo=SHANGHAI)
    # Woken at least every five minutes: a wall clock set meanwhile is seen.
    assert kit.s.next_wake() == pytest.approx(kit.clock.t + 300)
    kit.pass_time(599)
    assert kit.s.signed_in
    kit.pass_time(1)
    assert kit.log.events[-1] == ("staff_sign_out", {"staff": "1001", "reason": "end_of_day"})


def test_a_closing_hour_ends_the_day_sooner(roster: Roster, clock: ManualClock, log: EventLog) -> None:
    kit = Kit(roster, clock, log, closing=time(21, 30))
    kit.attempt("1001", PIN)
    kit.s.customer(True)
    assert kit.s.ends_at == datetime(2026, 12, 3, 21, 30, tzinfo=SHANGHAI)
    # Woken at least every five minutes: a wall clock set meanwhile is seen.
    assert kit.s.next_wake() == pytest.approx(kit.clock.t + 300)
    kit.pass_time(11.5 * 3600)
    assert kit.s.signed_out_reason == "end_of_day"


def test_day_ends_after_the_closing_hour_is_midnight() -> None:
    late = datetime(2026, 12, 3, 22, 15, tzinfo=SHANGHAI)
    assert day_ends(late, SHANGHAI, time(21, 30)) == datetime(2026, 12, 4, tzinfo=SHANGHAI)
    assert day_ends(late, SHANGHAI, None) == datetime(2026, 12, 4, tzinfo=SHANGHAI)
    early = datetime(2026, 12, 3, 8, 0, tzinfo=SHANGHAI)
    assert day_ends(early, SHANGHAI, time(21, 30)) == datetime(2026, 12, 3, 21, 30, tzinfo=SHANGHAI)


def test_a_member_the_new_roster_disables_is_signed_out(kit: Kit, roster: Roster) -> None:
    kit.attempt("1001", PIN)
    kit.s.roster_changed()
    assert kit.s.signed_in
    kit.roster = Roster(roster.store, 4, "", tuple(m for m in roster.members if m.number != "1001"))
    kit.s.roster_changed()
    assert not kit.s.signed_in
    assert kit.log.events[-1] == ("staff_sign_out", {"staff": "1001", "reason": "removed"})
    # Signed out already: nothing more.
    kit.s.roster_changed()
    assert kit.log.kinds().count("staff_sign_out") == 1


def test_a_roster_gone_altogether_signs_out(kit: Kit) -> None:
    kit.attempt("1001", PIN)
    kit.roster = None
    kit.s.roster_changed()
    assert kit.s.signed_out_reason == str(Reason.REMOVED)


def test_signed_out_sleeps(kit: Kit) -> None:
    assert kit.s.next_wake() is None
    kit.s.tick()
    kit.s.touch()
    kit.s.customer(True)
    kit.s.customer(False)
    assert kit.s.stage == Stage.SIGNED_OUT and kit.log.events == []
