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
