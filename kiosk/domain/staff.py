"""A store's staff roster: who may sign in at its kiosks, and how a PIN is checked.

HQ keeps the roster (`kiosk-hq staff ...`) and publishes it to the store's kiosks as a
signed TUF target (`store/<ID>/roster.json`); the kiosk keeps the verified copy at
`DATA/staff/roster.json` (docs/staff.md). The same code writes it at HQ (`roster_json`)
and reads it at the kiosk (`parse_roster`), so the format is in one place.

TUF vouches for the bytes, but a bug or a compromised key at HQ must not crash a kiosk:
`parse_roster` believes nothing it has not checked and raises only `RosterError`, naming
the field and the reason, whatever the bytes.

A PIN (6 digits) is kept only as a slow hash: scrypt from the standard library, its
parameters and salt inside the string (`scrypt$16384$8$1$<salt>$<hash>`, base64), so the
cost can be raised later without breaking the hashes already issued.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from kiosk.errors import KioskError

ROSTER_FORMAT = 1
ROLES = ("staff", "manager")
Role = Literal["staff", "manager"]

#: A staff number: what the badge says and the kiosk's keypad types.
NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")
#: Store ids as the pack format spells them (kiosk.packs.values.SCOPE_ID_RE).
STORE_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
PIN_RE = re.compile(r"^[0-9]{6}$")
MAX_NAME_CHARS = 40
MAX_MEMBERS = 2000
#: Far above any store's roster (2,000 members are about 300 KB), and refused unread beyond.
MAX_ROSTER_BYTES = 1024 * 1024

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_SALT_BYTES = 16
_HASH_BYTES = 32
#: Bounds on the parameters a hash may name: a roster from HQ must not make a kiosk spend
#: seconds or gigabytes on one sign-in.
_MAX_N, _MAX_R, _MAX_P = 2**16, 8, 4
_MAXMEM = 128 * 1024 * 1024
_HASH_RE = re.compile(
    r"^scrypt\$([0-9]{1,7})\$([0-9]{1,2})\$([0-9])\$([A-Za-z0-9+/]{22,88}={0,2})\$([A-Za-z0-9+/]{43}=)$"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class RosterError(KioskError):
    """A roster (or a PIN given to hash) that is not what HQ writes; the message names the
    field and the reason."""


@dataclass(frozen=True, slots=True)
class StaffMember:
    number: str
    name: str
    store: str
    role: Role
    #: "" for a disabled member: HQ does not send a hash nobody may use.
    pin_hash: str
    active: bool


@dataclass(frozen=True, slots=True)
class Points:
    """What a staff member is credited in points (My figures): set at HQ (`[staff_points]` in
    hq.toml), which counts them in `GET /v1/staff/{number}/figures`, and delivered with the
    roster, so that the kiosk's own count, when HQ cannot be asked, weighs the same."""

    #: An order the operator accepted.
    confirmed_order: int = 10
    #: An entry in the register of interested customers.
    lead: int = 2
    #: A demo watched to its end.
    demo: int = 1


#: HQ's defaults, what a roster without `points` means.
DEFAULT_POINTS = Points()
#: Most points one record may be worth (a bound on what a roster may say).
MAX_POINTS = 1000


@dataclass(frozen=True, slots=True)
class Roster:
    store: str
    #: Raised by HQ at every change; a kiosk never takes a lower one than it holds.
    version: int
    #: When HQ issued this version, RFC 3339 with its offset.
    issued_at: str
    members: tuple[StaffMember, ...]
    #: HQ's weights; a roster written before they were delivered has HQ's defaults.
    points: Points = DEFAULT_POINTS

    def member(self, number: str) -> StaffMember | None:
        """The active member with this staff number; None for an unknown or disabled one."""
        for m in self.members:
            if m.number == number and m.active:
                return m
        return None

    @property
    def active_count(self) -> int:
        return sum(1 for m in self.members if m.active)


# -- PINs --------------------------------------------------------------------------------------
def hash_pin(pin: str) -> str:
    """`pin` (6 digits) as `scrypt$N$r$p$<salt>$<hash>`; RosterError for anything else."""
    if not isinstance(pin, str) or not PIN_RE.match(pin):
        raise RosterError("pin: must be 6 digits")
    salt = os.urandom(_SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def pin_matches(pin_hash: str, pin: str) -> bool:
    """Whether `pin` is the PIN `pin_hash` was made from; False for a malformed hash or PIN.
    The digests are compared in constant time."""
    parsed = _parse_hash(pin_hash)
    if parsed is None or not isinstance(pin, str) or not PIN_RE.match(pin):
        return False
    n, r, p, salt, expected = parsed
    try:
        actual = _scrypt(pin, salt, n, r, p, len(expected))
    except (ValueError, MemoryError):  # parameters this machine cannot afford
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int = _HASH_BYTES) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=dklen)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _parse_hash(text: object) -> tuple[int, int, int, bytes, bytes] | None:
    if not isinstance(text, str):
        return None
    m = _HASH_RE.match(text)
    if m is None:
        return None
    n, r, p = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        return None
    try:
        salt = base64.b64decode(m.group(4), validate=True)
        digest = base64.b64decode(m.group(5), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(salt) < _SALT_BYTES or len(digest) != _HASH_BYTES:
        return None
    return n, r, p, salt, digest


# -- the roster's JSON ---------------------------------------------------------------------------
def roster_json(roster: Roster) -> bytes:
    """The roster as HQ publishes it: UTF-8 JSON, keys sorted, members by number."""
    doc = {
        "format": ROSTER_FORMAT,
        "store": roster.store,
        "version": roster.version,
        "issued_at": roster.issued_at,
        "members": [
            {"number": m.number, "name": m.name, "role": m.role, "pin_hash": m.pin_hash, "active": m.active}
            for m in sorted(roster.members, key=lambda m: m.number)
        ],
        "points": {name: getattr(roster.points, name) for name in Points.__slots__},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def parse_roster(data: bytes) -> Roster:
    """The roster in `data`; RosterError naming the first field that is wrong and why."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise RosterError("roster: must be bytes")
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(f"roster: larger than {MAX_ROSTER_BYTES // 1024} KB")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError as e:
        raise RosterError(f"roster: not UTF-8 ({e.reason} at byte {e.start})") from None
    try:
        raw = json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_no_constant)
    except _RefusedJsonError as e:
        raise RosterError(f"roster: {e}") from None
    except RecursionError:
        raise RosterError("roster: nested too deeply to be a roster") from None
    except ValueError as e:  # JSONDecodeError, and integers too long to read
        raise RosterError(f"roster: not JSON ({e})") from None
    if not isinstance(raw, dict):
        raise RosterError("roster: must be a JSON object")
    _known(raw, ("format", "store", "version", "issued_at", "members"), "", optional=("points",))
    if raw.get("format") != ROSTER_FORMAT or isinstance(raw.get("format"), bool):
        raise RosterError(f"format: must be {ROSTER_FORMAT}")
    store = _text(raw, "store", STORE_RE, "a store id (letters, digits, '-' and '_')")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version < 2**31:
        raise RosterError("version: must be a whole number from 1")
    issued_at = raw.get("issued_at")
    if not isinstance(issued_at, str) or not _is_instant(issued_at):
        raise RosterError(
            "issued_at: must be a date and time with its UTC offset, e.g. 2026-12-03T10:00:00+08:00"
        )
    members = raw.get("members")
    if not isinstance(members, list):
        raise RosterError("members: must be a list")
    if len(members) > MAX_MEMBERS:
        raise RosterError(f"members: more than {MAX_MEMBERS}")
    seen: set[str] = set()
    parsed = []
    for i, entry in enumerate(members):
        member = _member(entry, f"members[{i}]", store)
        if member.number in seen:
            raise RosterError(f"members[{i}].number: {member.number} is listed twice")
        seen.add(member.number)
        parsed.append(member)
    return Roster(store, version, issued_at, tuple(parsed), _points(raw.get("points", {})))


def _points(raw: Any) -> Points:
    if not isinstance(raw, dict):
        raise RosterError("points: must be an object")
    _known(raw, (), "points", optional=Points.__slots__)
    for name, value in raw.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_POINTS:
            raise RosterError(f"points.{name}: must be a whole number from 0 to {MAX_POINTS}")
    return Points(**raw)


def _member(entry: Any, at: str, store: str) -> StaffMember:
    if not isinstance(entry, dict):
        raise RosterError(f"{at}: must be an object")
    _known(entry, ("number", "name", "role", "pin_hash", "active"), at)
    number = _text(entry, "number", NUMBER_RE, "a staff number (letters, digits and '-', at most 32)", at)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS:
        raise RosterError(f"{at}.name: must be a name of 1 to {MAX_NAME_CHARS} characters")
    if _CONTROL.search(name):
        raise RosterError(f"{at}.name: must not hold control characters")
    role = entry.get("role")
    if role not in ROLES:
        raise RosterError(f"{at}.role: must be one of {', '.join(ROLES)}")
    active = entry.get("active")
    if not isinstance(active, bool):
        raise RosterError(f"{at}.active: must be true or false")
    pin_hash = entry.get("pin_hash")
    if not isinstance(pin_hash, str):
        raise RosterError(f"{at}.pin_hash: must be text")
    if (active or pin_hash) and _parse_hash(pin_hash) is None:
        raise RosterError(
            f"{at}.pin_hash: must be scrypt$N$r$p$<salt>$<hash> within the kiosk's bounds"
            + ("" if active else ", or empty for a disabled member")
        )
    return StaffMember(number, name, store, role, pin_hash, active)


def _text(raw: dict[str, Any], key: str, pattern: re.Pattern[str], what: str, at: str = "") -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not pattern.match(value):
        raise RosterError(f"{at + '.' if at else ''}{key}: must be {what}")
    return value


def _known(raw: dict[str, Any], keys: tuple[str, ...], at: str, optional: tuple[str, ...] = ()) -> None:
    for key in raw:
        if key not in keys and key not in optional:
            shown = key[:40].encode("ascii", "backslashreplace").decode()
            raise RosterError(f"{at + '.' if at else ''}{shown}: unknown field")
    for key in keys:
        if key not in raw:
            raise RosterError(f"{at + '.' if at else ''}{key}: missing")


def _is_instant(text: str) -> bool:
    if len(text) > 40:
        return False
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


class _RefusedJsonError(RosterError):
    """What the JSON reader's hooks refuse (a repeated key, NaN), on the way out of json.loads."""


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RefusedJsonError(f"the key {key[:40]!r} appears more than once in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _RefusedJsonError(f"{name} is not JSON")
