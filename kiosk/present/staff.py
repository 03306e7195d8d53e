"""The staff session as the screens show it: the sign-in pad and the signed-in badge."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.staff import PIN_DIGITS, StaffSession, Stage


@dataclass(frozen=True)
class StaffPadFace:
    shown: bool = False
    #: "number" (the staff number's keypad) or "pin".
    step: str = "number"
    #: "typing", "wrong", "locked", "noRoster" (kiosk.flow.staff.PadState).
    state: str = "typing"
    #: The staff number typed (shown as typed: it is printed on the badge).
    number: str = ""
    #: PIN digits typed: the pad shows dots, never the digits.
    pin_digits: int = 0
    pin_length: int = PIN_DIGITS
    tries_left: int = 0
    locked_for_s: int = 0
    can_next: bool = False
    can_submit: bool = False


@dataclass(frozen=True)
class BadgeFace:
    signed_in: bool = False
    number: str = ""
    #: The member's name in the customer's language (the roster's text, or its one string).
    name: str = ""
    #: "staff" or "manager".
    role: str = ""


def pad_face(session: StaffSession) -> StaffPadFace:
    if session.stage not in (Stage.NUMBER, Stage.PIN):
        return StaffPadFace()
    return StaffPadFace(
        shown=True,
        step=str(session.stage),
        state=str(session.pad_state),
        number=session.number,
        pin_digits=session.pin_digits,
        tries_left=session.tries_left,
        locked_for_s=session.locked_for_s,
        can_next=session.can_next,
        can_submit=session.can_submit,
    )


def display_name(name: dict[str, str] | str, lang: str) -> str:
    """A roster name in `lang`, else in the other language (a name is better than none)."""
    if isinstance(name, str):
        return name
    return name.get(lang) or next((v for v in name.values() if v), "")


def badge_face(session: StaffSession, lang: str) -> BadgeFace:
    member = session.member
    if member is None or not session.signed_in:
        return BadgeFace()
    return BadgeFace(True, member.number, display_name(member.name, lang), member.role)
