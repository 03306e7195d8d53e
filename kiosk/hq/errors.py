"""HQ's errors: one root, `HqError`, for everything a person can cause at HQ.

Each error's message is written for whoever caused it (a kiosk's staff through the API, an
operator at the terminal), and `problems` (each `path: reason`) say where, when there is
more than one thing to say. The kinds here say what went wrong, not how it is reported:
the API maps them to HTTP statuses in one table (`kiosk.hq.api.refusals`), the
`kiosk-hq` command to exit codes in another (`kiosk.hq.cli`). Errors of one part of HQ
(`DatabaseError`, `RepositoryError`, `ConfigError`, ...) live with that part and derive
from `HqError` too.
"""

from __future__ import annotations

import math
from datetime import timedelta


class HqError(Exception):
    """Something a person caused and can act on; `message` says what, for them."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class RefusedError(HqError):
    """A request that cannot be done as asked."""


class MalformedError(RefusedError):
    """The body cannot be read at all (not UTF-8, not JSON)."""


class InvalidError(RefusedError):
    """Readable, but not what the request takes; `problems` say where and why."""


class TooLargeError(RefusedError):
    """More than a request may hold (a batch of too many events)."""


class CredentialError(RefusedError):
    """No device credential, or one HQ does not know."""


class NotAllowedError(RefusedError):
    """A known caller asks for what it may not have (a revoked device, a confirmation that
    does not hold)."""


class NotFoundError(RefusedError):
    """What the request names does not exist, for this caller."""


class ConflictError(RefusedError):
    """What the request would do was already done, differently or once too often."""


class ExpiredError(RefusedError):
    """What the request names is past its time."""


class UnavailableError(RefusedError):
    """Something HQ depends on failed just now; the same request may work later."""


class TooManyError(RefusedError):
    """A cap is reached; `retry_after_s` says when the next try can succeed (0: never)."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s

    @classmethod
    def waiting(cls, message: str, wait: timedelta) -> TooManyError:
        """A refusal until `wait` has passed: `message` with "{wait}" said in words, and
        `retry_after_s` in whole seconds, rounded up. (Not str.format: a message may carry a
        store's id, braces and all.)"""
        return cls(message.replace("{wait}", wait_text(wait)), _whole_seconds(wait))


def wait_text(wait: timedelta) -> str:
    """40 s, 23 min, 5 h 20 min: how long until a cap's window ends."""
    seconds = _whole_seconds(wait)
    if seconds < 120:
        return f"{seconds} s"
    minutes = (seconds + 59) // 60
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def _whole_seconds(wait: timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds()))
