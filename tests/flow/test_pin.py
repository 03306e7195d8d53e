"""The maintenance PIN's rules, with a clock the test moves: what may be a PIN, the lockout."""

from __future__ import annotations

import pytest

from kiosk.flow.pin import LOCKOUT_S, MAX_LOCKOUT_S, KeptPin, PinError, PinGate, check_new_pin, keep
from tests.fakes import ManualClock


class MemoryStore:
    def __init__(self, kept: KeptPin | None) -> None:
        self.kept = kept

    def load(self) -> KeptPin | None:
        return self.kept

    def save(self, kept: KeptPin) -> None:
        self.kept = kept


@pytest.fixture(scope="module")
def kept() -> KeptPin:
    return keep("802413")


def gate(kept: KeptPin | None) -> tuple[PinGate, ManualClock, MemoryStore]:
    clock = ManualClock(1_000_000.0)
    store = MemoryStore(kept)
    return PinGate(store, clock), clock, store


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("12345", "6 to 12 digits"),
        ("12a456", "6 to 12 digits"),
        ("１２３４５６", "6 to 12 digits"),
        ("777777", "one digit repeated"),
        ("123456", "run of digits"),
        ("987654", "run of digits"),
    ],
)
def test_a_pin_too_short_or_too_easy_is_refused_with_the_reason(pin: str, why: str) -> None:
    with pytest.raises(PinError, match=why):
        check_new_pin(pin)


def test_the_pin_is_kept_only_as_a_salted_slow_hash(kept: KeptPin) -> None:
    assert "802413" not in repr(kept)
    assert keep("802413").hash != kept.hash  # a new salt each time
    assert kept.n >= 2**14


def test_the_right_pin_opens_and_a_wrong_one_says_how_many_tries_are_left(kept: KeptPin) -> None:
    g, _, _ = gate(kept)
    assert g.try_pin("802413").ok
    wrong = g.try_pin("802414")
    assert not wrong.ok and wrong.tries_left == 4


def test_five_wrong_pins_lock_the_gate_even_to_the_right_pin_until_the_time_has_passed(kept: KeptPin) -> None:
    g, clock, _ = gate(kept)
    verdicts = [g.try_pin("000001") for _ in range(5)]
    assert [v.tries_left for v in verdicts[:4]] == [4, 3, 2, 1]
    assert verdicts[4].locked_for_s == LOCKOUT_S

    clock.advance(LOCKOUT_S - 1)
    assert not g.try_pin("802413").ok and g.locked_for_s() == 1
    clock.advance(1)
    assert g.try_pin("802413").ok
    assert g.try_pin("000001").tries_left == 4  # the right PIN reset the count


def test_each_wrong_pin_after_the_lockout_doubles_the_wait_up_to_an_hour(kept: KeptPin) -> None:
    g, clock, _ = gate(kept)
    waits = []
    for _ in range(10):
        v = g.try_pin("000001")
        if v.locked_for_s and not v.tries_left:
            waits.append(v.locked_for_s)
            clock.advance(v.locked_for_s)
    assert waits == [300, 600, 1200, 2400, 3600, MAX_LOCKOUT_S]


def test_the_count_of_wrong_tries_outlives_a_restart(kept: KeptPin) -> None:
    g, clock, store = gate(kept)
    for _ in range(5):
        g.try_pin("000001")
    restarted = PinGate(MemoryStore(store.kept), clock)
    assert restarted.locked_for_s() == LOCKOUT_S


def test_with_no_pin_set_the_gate_stays_shut_and_says_so() -> None:
    g, _, _ = gate(None)
    verdict = g.try_pin("802413")
    assert not verdict.ok and verdict.no_pin
