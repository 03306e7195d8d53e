"""Easy mode and reach mode, without Qt: toggles, reach only in portrait, the end with the
session, and modes chosen before a session lapsing."""

from __future__ import annotations

import pytest

from kiosk.flow.access import EASY_PACE, EASY_TEXT_SCALE, Access
from tests.fakes import EventLog as Log
from tests.fakes import ManualClock


@pytest.fixture
def access(clock: ManualClock, log: Log) -> Access:
    return Access(60, log, clock)


def test_easy_mode_grows_the_text_and_slows_what_moves_on_by_itself(access: Access, log: Log) -> None:
    assert (access.easy, access.text_scale, access.pace) == (False, 1.0, 1.0)

    assert access.toggle_easy()

    assert (access.easy, access.text_scale, access.pace) == (True, EASY_TEXT_SCALE, EASY_PACE)
    assert EASY_TEXT_SCALE == 1.5 and EASY_PACE > 1
    access.toggle_easy()
    assert not access.easy
    assert log.events == [
        ("access_change", {"mode": "easy", "on": True}),
        ("access_change", {"mode": "easy", "on": False}),
    ]


def test_reach_mode_is_offered_in_portrait_only(access: Access, log: Log) -> None:
    assert not access.reach_available
    assert not access.toggle_reach()
    assert not access.reach and log.events == []

    access.set_portrait(True)
    assert access.reach_available
    assert access.toggle_reach()
    assert access.reach
    assert log.events == [("access_change", {"mode": "reach", "on": True})]


def test_turning_the_window_to_landscape_ends_reach_mode(access: Access) -> None:
    access.set_portrait(True)
    access.session_started()
    access.toggle_reach()
    access.toggle_easy()

    access.set_portrait(False)

    assert not access.reach and not access.reach_available
    assert access.easy
    access.set_portrait(True)
    assert not access.reach  # not back by itself


def test_both_modes_end_with_the_session_unrecorded(access: Access, log: Log, clock: ManualClock) -> None:
    access.set_portrait(True)
    access.session_started()
    access.toggle_easy()
    access.toggle_reach()
    assert access.next_wake() is None  # in a session they last as long as it does
    clock.advance(3600)
    access.tick()
    assert access.easy and access.reach
    recorded = len(log.events)

    access.session_ended()

    assert not access.easy and not access.reach
    assert len(log.events) == recorded


def test_modes_chosen_before_a_session_lapse_when_none_starts(access: Access, clock: ManualClock) -> None:
    access.set_portrait(True)
    access.toggle_easy()
    clock.advance(30)
    access.toggle_reach()  # the lapse counts from the last choice
    assert access.next_wake() == clock() + 60

    clock.advance(59.9)
    access.tick()
    assert access.easy and access.reach
    clock.advance(0.1)
    access.tick()

    assert not access.easy and not access.reach
    assert access.next_wake() is None


def test_a_session_started_keeps_the_modes_chosen_before_it(access: Access, clock: ManualClock) -> None:
    access.toggle_easy()
    access.session_started()

    assert access.next_wake() is None
    clock.advance(600)
    access.tick()
    assert access.easy


def test_nothing_to_lapse_once_both_are_off_again(access: Access) -> None:
    access.toggle_easy()
    access.toggle_easy()
    assert access.next_wake() is None
