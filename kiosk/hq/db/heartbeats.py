"""Heartbeats: each device's history, and its latest by HQ's clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.hq.db.devices import Device
from kiosk.hq.db.engine import Connected
from kiosk.hq.schema import heartbeats, latest_heartbeats


@dataclass(frozen=True, slots=True)
class Heartbeat:
    device_id: str
    at: datetime
    body: dict[str, Any]
    received_at: datetime


class Heartbeats(Connected):
    """Heartbeats, as part of `Database`."""

    def add_heartbeat(
        self, device: Device, at: datetime, body: dict[str, Any], *, received_at: datetime
    ) -> None:
        """Keep a heartbeat in the history, and as the device's latest unless one received
        later is there. A repeated heartbeat (same device and time) is stored once."""
        row = {"device_id": device.id, "at": at, "body": body, "received_at": received_at}
        latest = self._insert(latest_heartbeats)
        replace_older = latest.on_conflict_do_update(
            index_elements=[latest_heartbeats.c.device_id],
            set_={
                "at": latest.excluded.at,
                "body": latest.excluded.body,
                "received_at": latest.excluded.received_at,
            },
            # By HQ's clock: a kiosk's clock set to 9999 must not freeze its latest state.
            where=latest_heartbeats.c.received_at < latest.excluded.received_at,
        )
        with self._write() as conn:
            conn.execute(self._insert_new(heartbeats), row)
            conn.execute(replace_older, row)
