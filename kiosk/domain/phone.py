"""Mainland China mobile numbers: what a customer types, checked and written one way.

Accepts the 11 digits with optional spaces or dashes between groups and an optional +86 /
0086 prefix; gives back the 11 digits. Anything else is refused with a reason a customer or
an API client can act on.
"""

from __future__ import annotations

import re

from kiosk.errors import KioskError

_SEPARATORS = re.compile(r"[\s\-]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


class PhoneError(KioskError):
    """Not a mainland mobile number; the message says why."""


def normalize_mobile(text: str) -> str:
    """The 11-digit form of a mainland China mobile number; PhoneError if it is not one."""
    raw = _SEPARATORS.sub("", text)
    for prefix in ("+86", "0086"):
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
            break
    if not text.strip():
        raise PhoneError("no phone number was given")
    if not raw:
        raise PhoneError(f"'{text}' has no digits")
    if not raw.isdigit() or not raw.isascii():
        raise PhoneError(f"'{text}' is not a phone number: only digits, spaces, dashes and +86 are allowed")
    if len(raw) != 11:
        raise PhoneError(f"'{text}' has {len(raw)} digits; a mobile number has 11")
    if not _MOBILE.fullmatch(raw):
        raise PhoneError(f"'{text}' is not a mobile number: mobile numbers start with 13 to 19")
    return raw


def masked(phone: str) -> str:
    """The number as it may be shown or logged: 138****5678."""
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else "***"
