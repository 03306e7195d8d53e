"""What the kiosk and HQ must agree on beyond the API's JSON (docs/hq-api.md): how an
enrolment code is written. Imports nothing, so that both sides can use it."""

from __future__ import annotations

#: Crockford's base 32: no I, L, O or U to misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12


def canonical_code(typed: str) -> str:
    """The code as issued, from what a person typed (any case, with or without dashes or
    spaces, O for 0 and I/L for 1)."""
    raw = "".join(typed.split()).replace("-", "").upper()
    return raw.translate(str.maketrans("OIL", "011"))
