"""Events at HQ: a batch from a kiosk, each event stored once, or refused on its own.

`EventDesk.take` is given the events of a batch that passed the API's checks, by their
position in the batch. It files each under the device's store; an event whose time HQ
does not believe (`kiosk.hq.clock`) is filed at the time HQ received it, its own time kept
as claimed, so that one kiosk with a bad clock cannot move a day's figures; an event id
already held for another kiosk is refused (a cloned disk, or a forged id), never silently
counted as a duplicate. `Taken` says which happened to what, for the kiosk to stop
resending exactly what HQ has decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.hq.clock import Plausible
from kiosk.hq.config import ClockWindow
from kiosk.hq.db import Database, Device, EventLike

ID_TAKEN = "id: already used by another kiosk's event; this event was not stored (give it a new id)"


@dataclass
class Taken:
    accepted: int = 0
    duplicates: int = 0
    #: Events whose time HQ did not believe (they are, or were, filed at HQ's time).
    retimed: int = 0
    #: Position in the batch -> why the event will never be stored.
    refused: dict[int, str] = field(default_factory=dict)


class EventDesk:
    def __init__(self, db: Database, window: ClockWindow) -> None:
        self._db = db
        self._window = window

    def take(self, device: Device, events: Sequence[tuple[int, EventLike]], *, now: datetime) -> Taken:
        """Store the events (position in the batch, event); what became of them."""
        taken = Taken()
        if not events:
            return taken
        batch = [event for _, event in events]
        stored, claimed = self._file(device, batch, now)
        taken.accepted = self._db.add_events(
            device, batch, received_at=now, stored_times=stored, claimed=claimed
        )
        if taken.accepted < len(batch):
            foreign = self._db.foreign_event_ids(device, (e.id for e in batch))
            for position, event in events:
                if event.id in foreign:
                    taken.refused[position] = ID_TAKEN
        taken.duplicates = len(batch) - taken.accepted - len(taken.refused)
        taken.retimed = sum(1 for i in claimed if events[i][0] not in taken.refused)
        return taken

    def _file(
        self, device: Device, batch: list[EventLike], now: datetime
    ) -> tuple[list[Any], dict[int, str]]:
        """The time to file each event at, as the database keeps it; and, by position, the
        times not believed, as claimed (those are filed at `now`).

        The conversion is the one the database makes anyway, and its results sort as times
        do: so one look at the earliest and the latest clears a batch, nearly always.
        """
        window = Plausible.for_device(self._window, device, now)
        try:
            stored = self._db.event_times(event.at for event in batch)
            earliest, latest = self._db.event_times((window.earliest, window.latest))
            if earliest <= min(stored) and max(stored) <= latest:
                return stored, {}
        except OverflowError:  # a time past the calendar's end: judge each
            pass
        filed: list[datetime] = []
        claimed: dict[int, str] = {}
        for i, event in enumerate(batch):
            believed = window.utc(event.at)
            if believed is None:
                claimed[i] = event.at.isoformat()
            filed.append(now if believed is None else believed)
        return self._db.event_times(filed), claimed
