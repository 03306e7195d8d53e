"""Which times from a kiosk's clock HQ believes.

A kiosk's clock can be anything: a dead CMOS battery says 1970 (or 2000), a typo in a
manual setting says 2062, and a hostile client says 9999. Figures by day, the fleet's
"last seen" and order times must not follow it. `Plausible.for_device` is the window HQ
believes for one device at one moment (`kiosk.hq.config.ClockWindow`): from a margin
before the device was enrolled to a margin after HQ's own clock. `utc(at)` is the time in
UTC when it falls inside, else None; times too far out to convert to UTC count as outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.hq.config import ClockWindow
from kiosk.hq.db import Device


@dataclass(frozen=True, slots=True)
class Plausible:
    earliest: datetime
    latest: datetime

    @classmethod
    def for_device(cls, window: ClockWindow, device: Device, now: datetime) -> Plausible:
        return cls(device.enrolled_at - window.before_enrolment, now + window.ahead)

    def utc(self, at: datetime) -> datetime | None:
        """`at` in UTC if it is plausible; None if not."""
        try:
            instant = at.astimezone(UTC)
        except OverflowError:  # e.g. 9999-12-31T23:59:59-14:00 is past the last representable day
            return None
        return instant if self.earliest <= instant <= self.latest else None

    def why_not(self, at: datetime) -> str:
        """Why `at` is not believed, for a person (call only when `utc(at)` is None)."""
        try:
            instant = at.astimezone(UTC)
        except OverflowError:
            return f"{at.isoformat()} is not a time HQ can place"
        if instant > self.latest:
            return (
                f"{at.isoformat()} is later than HQ's clock allows (at most "
                f"{self.latest:%Y-%m-%d %H:%M} UTC); check the kiosk's clock"
            )
        return (
            f"{at.isoformat()} is before this kiosk was enrolled (earliest "
            f"{self.earliest:%Y-%m-%d %H:%M} UTC); check the kiosk's clock"
        )


def utc_text(at: datetime) -> str:
    """`at` in UTC, RFC 3339, as a record's body keeps a time the kiosk gave; as given when it
    is too far out to convert (a time HQ does not believe is refused, or kept as given)."""
    try:
        return at.astimezone(UTC).isoformat()
    except OverflowError:
        return at.isoformat()
