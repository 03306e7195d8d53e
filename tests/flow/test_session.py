"""The session and its idle clock, without Qt: warning, countdown, holds, and the end."""

from __future__ import annotations

import pytest

from kiosk.flow.session import Session
from tests.fakes import EventLog as Log
from tests.fakes import ManualClock


@pytest.fixture
def session(clock: ManualClock, log: Log) -> Session:
    s = Session(60, 3, log, clock)
    s.start()
    return s


def pass_time(session: Session, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    session.tick()


def test_a_started_session_is_woken_when_its_idle_time_is_up(session: Session, clock: ManualClock) -> None:
    assert session.active and not session.warning
    assert session.next_wake() == clock() + 60


def test_the_warning_shows_after_the_idle_time_without_a_touch(session: Session, clock: ManualClock) -> None:
    pass_time(session, clock, 59.9)
    assert not session.warning

    pass_time(session, clock, 0.1)

    assert session.warning and session.countdown == 3


def test_the_countdown_falls_by_whole_seconds_and_ends_the_session_at_zero(
    session: Session, clock: ManualClock, log: Log
) -> None:
    pass_time(session, clock, 60)
    assert session.next_wake() == clock() + 1
    pass_time(session, clock, 1)
    assert session.countdown == 2
    pass_time(session, clock, 1.5)
    assert session.countdown == 1 and session.active

    pass_time(session, clock, 0.5)

    assert not session.active and not session.warning
    assert session.ended_reason == "idle"
    assert log.events[-1] == ("session_end", {"reason": "idle", "duration_s": 63.0})
    assert session.next_wake() is None


def test_a_touch_restarts_the_idle_clock(session: Session, clock: ManualClock) -> None:
    pass_time(session, clock, 50)
    session.touch()
    pass_time(session, clock, 50)

    assert not session.warning
    pass_time(session, clock, 10)
    assert session.warning


def test_a_touch_on_the_warning_carries_on(session: Session, clock: ManualClock) -> None:
    pass_time(session, clock, 61)
    session.touch()

    assert session.active and not session.warning and session.countdown == 0
    assert session.next_wake() == clock() + 60


def test_a_follow_up_restarts_the_clock_but_does_not_dismiss_the_warning(
    session: Session, clock: ManualClock
) -> None:
    pass_time(session, clock, 30)
    session.follow_up()
    assert session.next_wake() == clock() + 60
    pass_time(session, clock, 60)

    session.follow_up()

    assert session.warning


def test_a_held_clock_never_warns_and_starts_afresh_on_release(session: Session, clock: ManualClock) -> None:
    session.hold(True)
    assert session.next_wake() is None
    pass_time(session, clock, 3600)
    assert not session.warning

    session.hold(False)
    pass_time(session, clock, 59)
    assert not session.warning
    pass_time(session, clock, 1)
    assert session.warning


def test_a_hold_during_the_warning_does_not_stop_the_countdown(session: Session, clock: ManualClock) -> None:
    pass_time(session, clock, 60)
    session.hold(True)

    pass_time(session, clock, 3)

    assert not session.active


def test_expire_shows_the_warning_now_unless_held(session: Session, clock: ManualClock) -> None:
    session.hold(True)
    session.expire()
    assert not session.warning
    session.hold(False)

    session.expire()

    assert session.warning and session.countdown == 3


def test_ending_records_the_reason_and_duration_once(session: Session, clock: ManualClock, log: Log) -> None:
    clock.advance(12.34)

    assert session.end("user")
    assert not session.end("user")

    assert log.events == [("session_start", {}), ("session_end", {"reason": "user", "duration_s": 12.3})]


def test_nothing_happens_to_a_session_that_has_not_started(clock: ManualClock, log: Log) -> None:
    session = Session(60, 3, log, clock)

    session.touch()
    session.follow_up()
    session.hold(True)
    session.expire()
    pass_time(session, clock, 1000)

    assert not session.active and not session.warning
    assert session.next_wake() is None
    assert not session.end("user")
    assert log.events == []


def test_starting_twice_records_one_start(session: Session, log: Log) -> None:
    assert not session.start()
    assert log.kinds() == ["session_start"]


def test_more_time_on_the_warning_restarts_the_idle_clock_in_full_and_is_recorded(
    session: Session, clock: ManualClock, log: Log
) -> None:
    pass_time(session, clock, 60)
    pass_time(session, clock, 1.5)
    assert session.warning and session.countdown == 2

    assert session.extend()

    assert not session.warning and session.active
    assert log.events[-1] == ("session_extend", {"left_s": 2})
    assert session.next_wake() == clock() + 60
    pass_time(session, clock, 59.9)
    assert not session.warning


def test_more_time_needs_a_warning_on_show(session: Session, clock: ManualClock, log: Log) -> None:
    recorded = len(log.events)
    assert not session.extend()
    session.end("user")
    assert not session.extend()
    assert [k for k, _ in log.events[recorded:]] == ["session_end"]
