"""The maintenance PIN: what it may be, how it is kept, and the lockout after wrong tries.

Kept only as a slow hash (scrypt, 2^14 rounds, about 50 ms a try), so a copy of the kiosk's
disk does not give the PIN away in a moment. Wrong tries count across restarts (the count
is kept with the hash, through `PinStore`): after MAX_TRIES wrong PINs the gate closes for
LOCKOUT_S, and each wrong PIN after that doubles the wait, up to MAX_LOCKOUT_S. A right PIN
resets the count. Plain Python: the clock (wall-clock seconds, since a lockout must outlive
a reboot) and the store are passed in.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from kiosk.errors import KioskError

MIN_DIGITS, MAX_DIGITS = 6, 12
MAX_TRIES = 5
LOCKOUT_S = 300.0
MAX_LOCKOUT_S = 3600.0
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def lockout_for(failures: int) -> float:
    """The wait after `failures` wrong tries in a row (0 below MAX_TRIES): five minutes,
    doubling to an hour. The maintenance pad's and the staff pad's alike."""
    if failures < MAX_TRIES:
        return 0.0
    return min(MAX_LOCKOUT_S, LOCKOUT_S * 2 ** (failures - MAX_TRIES))


class PinError(KioskError):
    """A PIN that may not be used (too short, too easy); the message says why."""


@dataclass(frozen=True)
class KeptPin:
    salt: str  # hex
    hash: str  # hex
    n: int = SCRYPT["n"]
    r: int = SCRYPT["r"]
    p: int = SCRYPT["p"]
    failures: int = 0
    locked_until: float = 0.0  # wall-clock seconds


class PinStore(Protocol):
    def load(self) -> KeptPin | None: ...
    def save(self, kept: KeptPin) -> None: ...


def check_new_pin(pin: str) -> None:
    """PinError unless `pin` may be a maintenance PIN."""
    if not pin.isascii() or not pin.isdigit() or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        raise PinError(f"the PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits")
    if len(set(pin)) == 1:
        raise PinError("the PIN must not be one digit repeated")
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {-1}):
        raise PinError("the PIN must not be a run of digits such as 123456")


def keep(pin: str) -> KeptPin:
    """A new PIN, checked and hashed."""
    check_new_pin(pin)
    salt = os.urandom(16)
    return KeptPin(salt.hex(), _hash(pin, salt, **SCRYPT).hex())


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    #: Wrong tries left before the lockout (None when ok or locked).
    tries_left: int | None = None
    #: Seconds until another try is taken (0 when not locked).
    locked_for_s: float = 0.0
    #: No PIN was ever set: the maintenance screen cannot be opened until one is.
    no_pin: bool = False


class PinGate:
    def __init__(self, store: PinStore, clock: Callable[[], float]) -> None:
        self.store = store
        self.clock = clock

    def is_set(self) -> bool:
        return self.store.load() is not None

    def locked_for_s(self) -> float:
        kept = self.store.load()
        return max(0.0, kept.locked_until - self.clock()) if kept else 0.0

    def try_pin(self, pin: str) -> Verdict:
        kept = self.store.load()
        if kept is None:
            return Verdict(False, no_pin=True)
        now = self.clock()
        if kept.locked_until > now:
            return Verdict(False, locked_for_s=kept.locked_until - now)
        digest = _hash(pin, bytes.fromhex(kept.salt), kept.n, kept.r, kept.p)
        if hmac.compare_digest(digest.hex(), kept.hash):
            if kept.failures or kept.locked_until:
                self.store.save(replace(kept, failures=0, locked_until=0.0))
            return Verdict(True)
        failures = kept.failures + 1
        wait = lockout_for(failures)
        if not wait:
            self.store.save(replace(kept, failures=failures))
            return Verdict(False, tries_left=MAX_TRIES - failures)
        self.store.save(replace(kept, failures=failures, locked_until=now + wait))
        return Verdict(False, locked_for_s=wait)
