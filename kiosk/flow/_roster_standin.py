"""A private stand-in for `kiosk.domain.staff` (helper "roster" writes the real one).

Exactly the names and shapes ISSUE15.md gives, so the lead can swap the import in
`kiosk/flow/staff.py` and `kiosk/ui/staff.py` for the real module and delete this file. The
JSON it reads is this stand-in's guess at the roster's format; the real `parse_roster`
decides.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any, Literal

from kiosk.errors import KioskError

PIN_DIGITS = 6
_N, _R, _P = 2**14, 8, 1


class RosterError(KioskError):
    """A roster that cannot be read; the message names the field and the reason."""


@dataclass(frozen=True)
class StaffMember:
    number: str
    #: A text per language ({"zh-CN": ..., "en": ...}) or one string.
    name: dict[str, str] | str
    store: str
    role: Literal["staff", "manager"]
    pin_hash: str
    active: bool = True


@dataclass(frozen=True)
class Roster:
    store: str
    version: int
    issued_at: str
    members: tuple[StaffMember, ...]

    def member(self, number: str) -> StaffMember | None:
        """The active member with that number (None for an unknown or disabled one)."""
        for m in self.members:
            if m.number == number and m.active:
                return m
        return None


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(pin, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        kind, n, r, p, salt, digest = pin_hash.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def parse_roster(data: bytes) -> Roster:
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise RosterError(f"roster: not JSON ({e})") from None
    if not isinstance(raw, dict):
        raise RosterError("roster: must be an object")
    members = raw.get("members")
    if not isinstance(members, list):
        raise RosterError("roster.members: must be a list")
    out = []
    for i, m in enumerate(members):
        if not isinstance(m, dict):
            raise RosterError(f"roster.members[{i}]: must be an object")
        try:
            out.append(
                StaffMember(
                    number=_str(m, "number"),
                    name=m["name"] if isinstance(m.get("name"), dict) else _str(m, "name"),
                    store=_str(m, "store"),
                    role="manager" if m.get("role") == "manager" else "staff",
                    pin_hash=_str(m, "pin_hash"),
                    active=bool(m.get("active", True)),
                )
            )
        except KeyError as e:
            raise RosterError(f"roster.members[{i}].{e.args[0]}: missing") from None
    version = int(raw.get("version", 0))
    return Roster(str(raw.get("store", "")), version, str(raw.get("issued_at", "")), tuple(out))


def roster_json(roster: Roster) -> bytes:
    return json.dumps(
        {
            "store": roster.store,
            "version": roster.version,
            "issued_at": roster.issued_at,
            "members": [m.__dict__ for m in roster.members],
        },
        ensure_ascii=False,
    ).encode()


def _str(m: dict[str, Any], key: str) -> str:
    value = m[key]
    if not isinstance(value, str):
        raise RosterError(f"{key}: must be text")
    return value


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int = 32) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=dklen)


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()
