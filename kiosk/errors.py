"""The root of every error a person can cause in the kiosk program.

A settings file, a content pack, subtitles or a typed phone number that is wrong raises a
subclass of `KioskError` whose message is written for the person who must fix it; what
catches one shows the message, never a traceback. A bug raises anything else.
"""

from __future__ import annotations


class KioskError(Exception):
    """Something a person did or wrote that the kiosk cannot accept; the message says what."""


class UsageError(KioskError):
    """A command asked for something that cannot be done as asked (an unknown screen, a
    missing option, no display to show the kiosk on)."""


class ContentError(KioskError):
    """Content given to show (`kiosk screenshot --pack`) that the kiosk would not show as
    given; `problems` are its problems, one a line, as `kiosk pack validate` prints them."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems
