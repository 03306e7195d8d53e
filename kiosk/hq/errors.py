"""Requests HQ turns down, each with a message for whoever sent it.

The kinds follow HTTP's vocabulary because that is how kiosks hear them; the API maps each
to its status code (`status`) and the message (with `problems`, each `path: reason`) to
the body, and nothing is changed.
"""

from __future__ import annotations

import math
from datetime import timedelta


class Refused(Exception):
    """A request that cannot be done as asked (400 unless a subclass says otherwise)."""

    status = 400

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class Malformed(Refused):
    """The body cannot be read at all (not UTF-8, not JSON)."""


class Unauthorized(Refused):
    status = 401


class Forbidden(Refused):
    status = 403


class NotFound(Refused):
    status = 404


class Conflict(Refused):
    status = 409


class Expired(Refused):
    status = 410


class TooLarge(Refused):
    status = 413


class Invalid(Refused):
    """Readable, but not what the route takes; `problems` say where and why."""

    status = 422


class TooMany(Refused):
    status = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s

    @classmethod
    def waiting(cls, message: str, wait: timedelta) -> TooMany:
        """A refusal until `wait` has passed: `message` with "{wait}" said in words, and
        Retry-After in whole seconds, rounded up. (Not str.format: a message may carry a
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


class Unavailable(Refused):
    status = 503
