"""Events: a device's batches, each event stored once by its id, in one statement per batch."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any, Protocol

import orjson
import sqlalchemy as sa

from kiosk.hq.db.devices import Device
from kiosk.hq.db.engine import ROWCOUNT, Connected
from kiosk.hq.schema import events as events_table  # `events` is add_events' parameter


class EventLike(Protocol):
    """What `add_events` reads of an event: the API's parsed body as it is (copying 500
    events per batch into records of their own costs more than it is worth)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def session(self) -> str | None: ...
    @property
    def data(self) -> dict[str, Any]: ...


# add_events' INSERT, per dialect: the batch is a JSON array of objects with the keys id,
# kind, at, session, data and (only for a retimed event) claimed_at; the other columns are
# the same for every row. `at` is already in the column's stored form on SQLite (UTC
# text); PostgreSQL reads the RFC 3339 time with its offset itself. ("WHERE true" tells
# SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.) Without retimed
# events, claimed_at is left out: SQLite 3.40 parses a row's JSON again for every
# json_extract, and one more per row made ingest measurably slower.
def _events_from_json(dialect: str, *, claimed: bool) -> str:
    extra = ", claimed_at" if claimed else ""
    if dialect == "sqlite":
        return f"""
        INSERT INTO events (id, device_id, store, kind, at, session, data, received_at{extra})
        SELECT json_extract(value, '$.id'), :device_id, :store, json_extract(value, '$.kind'),
               json_extract(value, '$.at'), json_extract(value, '$.session'),
               json_extract(value, '$.data'), :received_at
               {", json_extract(value, '$.claimed_at')" if claimed else ""}
        FROM json_each(:events) WHERE true
        ON CONFLICT (id) DO NOTHING"""
    return f"""
        INSERT INTO events (id, device_id, store, kind, at, session, data, received_at{extra})
        SELECT e.id, %(device_id)s, %(store)s, e.kind, e.at, e.session, e.data, %(received_at)s{
        ", e.claimed_at" if claimed else ""
    }
        FROM jsonb_to_recordset(%(events)s::jsonb)
             AS e(id text, kind text, at timestamptz, session text, data jsonb{
        ", claimed_at text" if claimed else ""
    })
        ON CONFLICT (id) DO NOTHING"""


# The ingest path's statements, made once: by dialect and whether the batch has retimed events.
_EVENTS_SQL = {
    (dialect, claimed): _events_from_json(dialect, claimed=claimed)
    for dialect in ("sqlite", "postgresql")
    for claimed in (False, True)
}

_tzinfo = attrgetter("tzinfo")


class Events(Connected):
    """Event batches, as part of `Database`."""

    def add_events(
        self,
        device: Device,
        events: Sequence[EventLike],
        *,
        received_at: datetime,
        stored_times: Sequence[Any] | None = None,
        claimed: Mapping[int, str] | None = None,
    ) -> int:
        """Store a batch of a device's events in one transaction; return how many were new.

        Kiosks deliver at least once, so an event id seen before (in this batch or an
        earlier one) is skipped (ON CONFLICT DO NOTHING). Each event is filed under its own
        `at`, or under `stored_times[i]` when given (from `event_times`). `claimed` holds,
        by position in `events`, the times HQ did not believe (`kiosk.hq.clock`): those
        events are filed at `received_at` (or their stored time, when given), the time as
        the kiosk gave it kept in `claimed_at`.

        The batch goes to the database as one JSON array, unpacked into rows by the database
        itself (`_events_from_json`), in one statement. Row by row through executemany, the
        sqlite3 module gives up and takes back the GIL around every row, so a batch's insert
        could only run while no request was being validated; as one statement, SQLite runs
        the whole insert without the GIL, beside the validation of the next batch (ingest
        measured about 25% faster). PostgreSQL gets the batch in one round trip.
        """
        if not events:
            return 0
        [received] = self.event_times((received_at,))
        if stored_times is None:
            claimed_at = claimed or {}
            stored_times = self.event_times(
                received_at if i in claimed_at else e.at for i, e in enumerate(events)
            )
        rows = [
            {"id": e.id, "kind": e.kind, "at": t, "session": e.session, "data": e.data}
            for e, t in zip(events, stored_times, strict=True)
        ]
        for i, text in (claimed or {}).items():
            rows[i]["claimed_at"] = text
        params = {
            "device_id": device.id,
            "store": device.store,
            "received_at": received,
            "events": orjson.dumps(rows).decode(),
        }
        with self._write() as conn:
            # The rows inserted; a skipped duplicate is not one.
            insert = _EVENTS_SQL[self._dialect, bool(claimed)]
            return conn.exec_driver_sql(insert, params, execution_options=ROWCOUNT).rowcount

    def event_times(self, times: Iterable[datetime]) -> list[Any]:
        """`times` in the form the events table keeps them (UTC text on SQLite, UTC datetimes
        on PostgreSQL), which sorts as the times do; for `add_events(stored_times=...)`.
        OverflowError for a time too far out to convert to UTC.

        The same values the column's own type would make, a batch at a time: on SQLite,
        orjson writes the texts of all of them in one call, where `isoformat` one by one
        was the largest piece of Python work on the ingest path (a test pins the two equal).
        """
        times = list(times)
        if not all(map(_tzinfo, times)):
            naive = next(time for time in times if time.tzinfo is None)
            raise ValueError(f"naive datetime {naive!r}: HQ stores only timezone-aware times")
        utc = [time.astimezone(UTC) for time in times]
        if self._dialect != "sqlite":
            return utc
        # "2026-11-23T10:00:00.123000+00:00", or without the fraction when it is zero.
        return [
            text[:10] + " " + (text[11:26] if len(text) == 32 else text[11:19] + ".000000")
            for text in orjson.loads(orjson.dumps(utc))
        ]

    def foreign_event_ids(self, device: Device, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that HQ holds as another device's events."""
        query = sa.select(events_table.c.id).where(
            events_table.c.id.in_(sa.bindparam("ids", expanding=True)),
            events_table.c.device_id != device.id,
        )
        with self._engine.connect() as conn:
            return set(conn.execute(query, {"ids": list(set(ids))}).scalars())
