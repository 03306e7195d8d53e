"""The keypad's mobile number, as both the subscription flow and the register take it."""

from __future__ import annotations

import pytest

from kiosk.flow.mobile import MobileEntry, NumberProblem


def typed(digits: str) -> MobileEntry:
    number = MobileEntry()
    for d in digits:
        number.type(d)
    return number


@pytest.mark.parametrize(
    ("digits", "as_typed", "when_done"),
    [
        ("", NumberProblem.NONE, NumberProblem.TOO_FEW_DIGITS),
        ("138", NumberProblem.NONE, NumberProblem.TOO_FEW_DIGITS),
        ("2", NumberProblem.NOT_MOBILE_START, NumberProblem.NOT_MOBILE_START),
        ("12", NumberProblem.NOT_MOBILE_PREFIX, NumberProblem.NOT_MOBILE_PREFIX),
        ("13812345678", NumberProblem.NONE, NumberProblem.NONE),
    ],
)
def test_a_number_s_problem_as_typed_and_when_done(digits: str, as_typed: str, when_done: str) -> None:
    number = typed(digits)
    assert (number.problem(), number.problem(done=True)) == (as_typed, when_done)


def test_eleven_ascii_digits_and_no_more_are_taken_and_shown_masked_once_whole() -> None:
    number = typed("1381234567")
    assert number.masked == ""
    assert not number.type("٣") and not number.type("12") and not number.type("")
    assert number.type("8") and not number.type("9")
    assert (number.digits, number.masked) == ("13812345678", "138****5678")
    assert number.erase() and number.digits == "1381234567"
    assert number.clear() and not number.clear() and not number.erase()
