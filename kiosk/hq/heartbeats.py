"""Heartbeats at HQ: each kiosk's state as it reports it, on HQ's clock.

A heartbeat says how the kiosk is now. The fleet's "latest" is the one HQ received last,
whatever the kiosk's clock says; the kiosk's own time is kept when HQ believes it
(`kiosk.hq.clock`), and otherwise replaced by HQ's, the claimed time kept in the body as
`claimed_at`. Either way the body records `clock_skew_s`, the kiosk's clock minus HQ's,
when it can be reckoned, for the fleet view.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from kiosk.hq.clock import Plausible
from kiosk.hq.config import ClockWindow
from kiosk.hq.db import Database, Device


class HeartbeatDesk:
    def __init__(self, db: Database, window: ClockWindow) -> None:
        self._db = db
        self._window = window

    def take(self, device: Device, at: datetime, body: dict[str, Any], *, now: datetime) -> datetime:
        """Keep the heartbeat; the time it is filed under."""
        filed = Plausible.for_device(self._window, device, now).utc(at)
        body = dict(body)
        if filed is None:
            filed = now
            body["claimed_at"] = at.isoformat()
        with suppress(OverflowError):  # a time past the calendar's end: no skew to speak of
            body["clock_skew_s"] = round((at.astimezone(UTC) - now).total_seconds(), 3)
        self._db.add_heartbeat(device, filed, body, received_at=now)
        return filed
