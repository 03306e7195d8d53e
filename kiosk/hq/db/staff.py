"""Stores' staff (kiosk.hq.staff), and the figures credited to one of them: finished demos
from the events, orders, and register entries (`leads`, when HQ has that table)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.hq import schema
from kiosk.hq.db.engine import Connected, record
from kiosk.hq.schema import events, orders, staff

#: The events a kiosk records when a demo starts and when it ends; the end's
#: `data.completed` says whether it was seen to its end (docs/architecture.md, "Events").
DEMO_START = "demo_start"
DEMO_END = "demo_end"
#: The operator's acceptance: an order that became a subscription.
CONFIRMED = "accepted"


@dataclass(frozen=True, slots=True)
class StaffRecord:
    number: str
    store: str
    name: str
    role: str
    pin_hash: str
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Tally:
    """What one staff member was credited with since a moment."""

    #: Demos started (what conversion is of: every demo is a customer's experience).
    demos: int = 0
    #: Demos seen to their end (what earns points).
    finished: int = 0
    orders: int = 0
    confirmed: int = 0
    leads: int = 0


class StaffRecords(Connected):
    """Staff, as part of `Database`."""

    def add_staff(self, member: StaffRecord) -> bool:
        """Store a new staff member; False if the number is taken (in any store)."""
        values = {name: getattr(member, name) for name in StaffRecord.__slots__}
        with self._write() as conn:
            return conn.execute(self._insert_new(staff), values).rowcount == 1

    def update_staff(self, number: str, now: datetime, **changes: object) -> StaffRecord | None:
        """Change `pin_hash` or `active` of a staff member; the member as now, or None if unknown."""
        with self._write() as conn:
            row = (
                conn.execute(
                    sa.update(staff)
                    .where(staff.c.number == number)
                    .values(updated_at=now, **changes)
                    .returning(*staff.c)
                )
                .mappings()
                .one_or_none()
            )
        return None if row is None else record(StaffRecord, row)

    def staff_member(self, number: str) -> StaffRecord | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(staff).where(staff.c.number == number)).mappings().one_or_none()
        return None if row is None else record(StaffRecord, row)

    def staff_of(self, store: str | None = None) -> list[StaffRecord]:
        """Every staff member (of `store`), by store and number."""
        query = sa.select(staff).order_by(staff.c.store, staff.c.number)
        if store is not None:
            query = query.where(staff.c.store == store)
        with self._engine.connect() as conn:
            return [record(StaffRecord, row) for row in conn.execute(query).mappings()]

    def staff_tallies(self, store: str, number: str, since: Mapping[str, datetime]) -> dict[str, Tally]:
        """For each period (name -> its start), what `number` of `store` was credited with
        from its start on: demos started and finished, orders (test numbers' apart), the operator's
        acceptances among them, register entries. One query per kind of record, over the
        earliest start."""
        earliest = min(since.values())
        with self._engine.connect() as conn:
            demos = {
                name: self._counts(
                    conn,
                    events.c.at,
                    since,
                    sa.and_(
                        events.c.store == store,
                        events.c.at >= earliest,
                        events.c.data["staff"].as_string() == number,
                        *condition,
                    ),
                )
                for name, condition in (
                    ("started", (events.c.kind == DEMO_START,)),
                    (
                        "finished",
                        (events.c.kind == DEMO_END, events.c.data["completed"].as_boolean().is_(True)),
                    ),
                )
            }
            placed = self._counts(
                conn,
                orders.c.created_at,
                since,
                sa.and_(
                    orders.c.store == store,
                    orders.c.created_at >= earliest,
                    orders.c.staff == number,
                    orders.c.test.is_(False),
                ),
                confirmed=orders.c.status == CONFIRMED,
            )
            leads = lead_counts(conn, store, number, since)
        return {
            period: Tally(
                demos=demos["started"].get(period, 0),
                finished=demos["finished"].get(period, 0),
                orders=placed.get(period, 0),
                confirmed=placed.get(f"{period}:confirmed", 0),
                leads=leads.get(period, 0),
            )
            for period in since
        }

    @staticmethod
    def _counts(
        conn: Connection,
        at: sa.ColumnElement[datetime],
        since: Mapping[str, datetime],
        where: sa.ColumnElement[bool],
        confirmed: sa.ColumnElement[bool] | None = None,
    ) -> dict[str, int]:
        columns = []
        names = []
        for period, start in since.items():
            columns.append(_count_from(at, start))
            names.append(period)
            if confirmed is not None:
                columns.append(_count_from(at, start, confirmed))
                names.append(f"{period}:confirmed")
        row = conn.execute(sa.select(*columns).where(where)).one()
        return {name: int(n) for name, n in zip(names, row, strict=True)}


def lead_counts(conn: Connection, store: str, number: str, since: Mapping[str, datetime]) -> dict[str, int]:
    """Register entries (kiosk.hq.leads) credited to `number` in `store`, per period, by the
    time the entry was made."""
    leads = schema.leads
    since = {period: start.astimezone(UTC) for period, start in since.items()}
    earliest = min(since.values())
    columns = [_count_from(leads.c.created_at, start) for start in since.values()]
    where = sa.and_(leads.c.store == store, leads.c.staff == number, leads.c.created_at >= earliest)
    row = conn.execute(sa.select(*columns).where(where)).one()
    return {period: int(n) for period, n in zip(since, row, strict=True)}


def _count_from(
    at: sa.ColumnElement[datetime], start: datetime, *more: sa.ColumnElement[bool]
) -> sa.ColumnElement[int]:
    """How many rows are at or after `start` (and meet `more`): one column of a single SELECT."""
    return sa.func.coalesce(sa.func.sum(sa.case((sa.and_(at >= start, *more), 1), else_=0)), 0)
