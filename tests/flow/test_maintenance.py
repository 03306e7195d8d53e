"""The way into the maintenance screen, without Qt: the corner held, the PIN pad, the idle limits."""

from __future__ import annotations

import pytest

from kiosk.flow.maintenance import HOLD_S, PAD_IDLE_S, SCREEN_IDLE_S, MaintenanceGate, PadState, Stage
from kiosk.flow.pin import LOCKOUT_S, KeptPin, PinGate, keep
from tests.fakes import EventLog, ManualClock
from tests.flow.test_pin import MemoryStore

PIN = "802413"


@pytest.fixture(scope="module")
def kept() -> KeptPin:
    return keep(PIN)


def make(kept: KeptPin | None, clock: ManualClock, log: EventLog) -> MaintenanceGate:
    # One clock for both: the PIN's lockout reads wall-clock seconds, the gate monotonic ones.
    return MaintenanceGate(PinGate(MemoryStore(kept), clock), log, clock)


def pass_time(gate: MaintenanceGate, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    gate.tick()


def open_pad(gate: MaintenanceGate, clock: ManualClock) -> None:
    gate.corner_pressed()
    pass_time(gate, clock, HOLD_S)
    assert gate.stage == Stage.PAD


def type_pin(gate: MaintenanceGate, pin: str) -> None:
    for d in pin:
        assert gate.digit(d)
    gate.submit()


@pytest.fixture
def gate(kept: KeptPin, clock: ManualClock, log: EventLog) -> MaintenanceGate:
    return make(kept, clock, log)


def test_the_corner_held_for_three_seconds_opens_the_pad(
    gate: MaintenanceGate, clock: ManualClock, log: EventLog
) -> None:
    gate.corner_pressed()
    assert gate.next_wake() == clock() + HOLD_S
    pass_time(gate, clock, HOLD_S - 0.01)
    assert gate.stage == Stage.CLOSED

    pass_time(gate, clock, 0.01)

    assert gate.stage == Stage.PAD and gate.pad_state == PadState.TYPING and gate.digits == 0
    assert log.kinds() == ["maintenance_pad_open"]


def test_a_shorter_press_does_nothing_and_the_next_one_counts_from_its_own_start(
    gate: MaintenanceGate, clock: ManualClock
) -> None:
    gate.corner_pressed()
    pass_time(gate, clock, 2.0)
    gate.corner_released()
    assert gate.next_wake() is None
    pass_time(gate, clock, 5.0)
    assert gate.stage == Stage.CLOSED

    gate.corner_pressed()
    pass_time(gate, clock, 2.0)
    assert gate.stage == Stage.CLOSED


def test_the_right_pin_opens_the_screen_and_the_digits_are_never_recorded(
    gate: MaintenanceGate, clock: ManualClock, log: EventLog
) -> None:
    open_pad(gate, clock)
    assert not gate.digit("x") and not gate.digit("12")
    for d in PIN[:-1]:
        gate.digit(d)
    assert not gate.can_submit
    gate.digit(PIN[-1])
    assert gate.digits == 6 and gate.can_submit

    assert gate.submit() is not None
    assert gate.stage == Stage.OPEN
    assert log.kinds() == ["maintenance_pad_open", "maintenance_open"]
    assert PIN not in repr(log.events)


def test_a_pin_too_short_is_not_tried_and_erase_takes_the_last_digit(
    gate: MaintenanceGate, clock: ManualClock
) -> None:
    open_pad(gate, clock)
    for d in "80241":
        gate.digit(d)
    assert gate.submit() is None and gate.stage == Stage.PAD
    assert gate.erase() and gate.digits == 4
    for _ in range(4):
        gate.erase()
    assert not gate.erase()


def test_a_wrong_pin_says_how_many_tries_are_left_and_clears_the_digits(
    gate: MaintenanceGate, clock: ManualClock, log: EventLog
) -> None:
    open_pad(gate, clock)
    type_pin(gate, "000001")
    assert gate.stage == Stage.PAD and gate.pad_state == PadState.WRONG
    assert gate.tries_left == 4 and gate.digits == 0
    assert log.events[-1] == ("maintenance_pin_wrong", {"tries_left": 4})
    assert "000001" not in repr(log.events)

    gate.digit("8")
    assert gate.pad_state == PadState.TYPING  # the message goes once typing begins again


def test_the_fifth_wrong_pin_locks_the_pad_and_the_wait_counts_down_by_seconds(
    gate: MaintenanceGate, clock: ManualClock, log: EventLog
) -> None:
    open_pad(gate, clock)
    for _ in range(5):
        type_pin(gate, "000001")
    assert gate.pad_state == PadState.LOCKED and gate.locked_for_s == LOCKOUT_S
    assert log.events[-1] == ("maintenance_pin_locked", {"locked_for_s": LOCKOUT_S})
    assert not gate.digit("8") and gate.submit() is None

    assert gate.next_wake() == clock() + 1
    pass_time(gate, clock, 0.5)
    assert gate.locked_for_s == LOCKOUT_S  # 299.5 s show as 300
    assert gate.next_wake() == pytest.approx(clock() + 0.5)


def test_the_lock_ends_when_its_time_has_passed_and_the_right_pin_opens(
    gate: MaintenanceGate, clock: ManualClock
) -> None:
    open_pad(gate, clock)
    for _ in range(5):
        type_pin(gate, "000001")
    for _ in range(int(LOCKOUT_S)):
        gate.touch()  # someone is waiting at the pad: it stays open
        pass_time(gate, clock, 1.0)
    assert gate.stage == Stage.PAD and gate.pad_state == PadState.TYPING and gate.locked_for_s == 0
    type_pin(gate, PIN)
    assert gate.stage == Stage.OPEN


def test_a_pad_opened_during_a_lockout_says_so_at_once(
    kept: KeptPin, clock: ManualClock, log: EventLog
) -> None:
    gate = make(kept, clock, log)
    open_pad(gate, clock)
    for _ in range(5):
        type_pin(gate, "000001")
    gate.cancel()
    pass_time(gate, clock, 100)

    open_pad(gate, clock)

    assert gate.pad_state == PadState.LOCKED and gate.locked_for_s == LOCKOUT_S - 100 - HOLD_S


def test_with_no_pin_set_the_pad_says_so_and_takes_no_digits(clock: ManualClock, log: EventLog) -> None:
    gate = make(None, clock, log)
    open_pad(gate, clock)
    assert gate.pad_state == PadState.NO_PIN
    assert not gate.digit("1") and gate.submit() is None


def test_the_pad_closes_after_a_minute_without_a_touch(gate: MaintenanceGate, clock: ManualClock) -> None:
    open_pad(gate, clock)
    pass_time(gate, clock, PAD_IDLE_S - 1)
    gate.digit("8")  # a touch starts the minute again
    pass_time(gate, clock, PAD_IDLE_S - 1)
    assert gate.stage == Stage.PAD
    pass_time(gate, clock, 1)
    assert gate.stage == Stage.CLOSED and gate.digits == 0


def test_cancel_closes_the_pad_and_only_the_pad(gate: MaintenanceGate, clock: ManualClock) -> None:
    assert not gate.cancel()
    open_pad(gate, clock)
    gate.digit("8")
    assert gate.cancel() and gate.stage == Stage.CLOSED
    open_pad(gate, clock)
    assert gate.digits == 0


def test_the_screen_closes_after_two_minutes_without_a_touch(
    gate: MaintenanceGate, clock: ManualClock, log: EventLog
) -> None:
    open_pad(gate, clock)
    type_pin(gate, PIN)
    pass_time(gate, clock, SCREEN_IDLE_S - 1)
    gate.touch()
    assert gate.next_wake() == clock() + SCREEN_IDLE_S
    pass_time(gate, clock, SCREEN_IDLE_S - 0.5)
    assert gate.stage == Stage.OPEN
    pass_time(gate, clock, 0.5)
    assert gate.stage == Stage.CLOSED and gate.closed_reason == "idle"
    assert log.events[-1] == ("maintenance_close", {"reason": "idle"})


def test_closing_is_only_for_an_open_screen_and_the_corner_does_nothing_while_it_is_open(
    gate: MaintenanceGate, clock: ManualClock
) -> None:
    assert not gate.close()
    open_pad(gate, clock)
    assert not gate.close()
    type_pin(gate, PIN)
    gate.corner_pressed()
    pass_time(gate, clock, HOLD_S)
    assert gate.stage == Stage.OPEN
    assert gate.close("exit") and gate.closed_reason == "exit"
