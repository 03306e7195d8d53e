"""What can go wrong between a kiosk and HQ, as messages for the person at the kiosk or the
terminal. Every one is a `KioskError`: the commands print it in one line, the running
kiosk shows it in `status` and on the maintenance screen and reports it in the heartbeat."""

from __future__ import annotations

from kiosk.errors import KioskError


class SyncError(KioskError):
    """A sync step that did not complete; the message says which and why."""


class NotEnrolledError(SyncError):
    """The kiosk has no identity at HQ yet (`kiosk enroll`)."""


class HqUnreachableError(SyncError):
    """HQ could not be reached, or what answered was not HQ (a captive portal, a proxy's
    error page): try again later, nothing is lost."""


class HqRefusedError(SyncError):
    """HQ answered and refused; `status` is the HTTP status, `problems` HQ's reasons,
    `reason` HQ's message alone (for a person), `retry_after_s` its Retry-After if any."""

    def __init__(
        self,
        message: str,
        status: int,
        problems: list[str] | None = None,
        *,
        reason: str = "",
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.problems = problems or []
        self.reason = reason or message
        self.retry_after_s = retry_after_s


class UntrustedError(SyncError):
    """What HQ sent failed verification (a tampered file, a rolled-back or expired
    metadata set, a signature by a key HQ did not name): refused, the content in use stays."""


class NoRoomError(SyncError):
    """Not enough free disk for a new pack set; it was not started."""
