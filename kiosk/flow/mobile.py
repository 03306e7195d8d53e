"""A mainland mobile number typed on the kiosk's keypad, digit by digit: what the
subscription flow (kiosk.flow.subscribe) and the register form (kiosk.flow.register) both
take before anything else. Plain Python; each flow checks its own step first and words the
problems in its own `Problem` enum, whose values for these are the same strings.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.domain.phone import PhoneError, masked, normalize_mobile

PHONE_DIGITS = 11


class NumberProblem(StrEnum):
    NONE = ""
    NOT_MOBILE_START = "notMobileStart"  # the first digit is not 1
    NOT_MOBILE_PREFIX = "notMobilePrefix"  # the second digit is not 3-9 (or not a mobile prefix)
    TOO_FEW_DIGITS = "tooFewDigits"  # done with fewer than 11 digits


def is_digit(key: str) -> bool:
    """A keypad's key that is a digit: one ASCII digit (not "٣", not "12", not ""). Every
    keypad's rule: the number's, the code's, the staff pad's and the maintenance pad's."""
    return len(key) == 1 and key in "0123456789"


class MobileEntry:
    """The digits typed so far; each change says whether it took."""

    def __init__(self) -> None:
        self.digits = ""

    @property
    def full(self) -> bool:
        return len(self.digits) >= PHONE_DIGITS

    @property
    def masked(self) -> str:
        """138****5678 once the number is whole; "" before."""
        return masked(self.digits) if len(self.digits) == PHONE_DIGITS else ""

    def type(self, key: str) -> bool:
        if not is_digit(key) or self.full:
            return False
        self.digits += key
        return True

    def erase(self) -> bool:
        if not self.digits:
            return False
        self.digits = self.digits[:-1]
        return True

    def clear(self) -> bool:
        if not self.digits:
            return False
        self.digits = ""
        return True

    def problem(self, *, done: bool = False) -> NumberProblem:
        """What is already wrong with the number as typed (NONE while it may still be
        right); `done`: the keypad's Continue, for which a short number is wrong too."""
        digits = self.digits
        if digits and digits[0] != "1":
            return NumberProblem.NOT_MOBILE_START
        if len(digits) >= 2 and digits[1] not in "3456789":
            return NumberProblem.NOT_MOBILE_PREFIX
        if len(digits) == PHONE_DIGITS:
            try:
                normalize_mobile(digits)
            except PhoneError:  # the checks above are normalize_mobile's: kept in step
                return NumberProblem.NOT_MOBILE_PREFIX
        elif done:
            return NumberProblem.TOO_FEW_DIGITS
        return NumberProblem.NONE
