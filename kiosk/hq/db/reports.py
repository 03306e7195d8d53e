"""What HQ's reports read: sessions per event kind, cancellations by reason, orders by status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from kiosk.hq.db.engine import Connected
from kiosk.hq.schema import events, orders


class Reports(Connected):
    """Reports, as part of `Database`."""

    def sessions_by_kind(
        self, kinds: Sequence[str], *, since: datetime | None = None, store: str | None = None
    ) -> dict[str, int]:
        """How many distinct sessions recorded each of `kinds` (events without a session
        are not counted)."""
        query = (
            sa.select(events.c.kind, sa.func.count(sa.distinct(events.c.session)))
            .where(events.c.kind.in_(list(kinds)), events.c.session.is_not(None))
            .group_by(events.c.kind)
        )
        query = self._within(query, events, events.c.at, since, store)
        with self._engine.connect() as conn:
            counted = {kind: int(n) for kind, n in conn.execute(query)}
        return {kind: counted.get(kind, 0) for kind in kinds}

    def sessions_with_any(
        self, kinds: Sequence[str], *, since: datetime | None = None, store: str | None = None
    ) -> int:
        """How many distinct sessions recorded at least one of `kinds`."""
        query = sa.select(sa.func.count(sa.distinct(events.c.session))).where(
            events.c.kind.in_(list(kinds)), events.c.session.is_not(None)
        )
        query = self._within(query, events, events.c.at, since, store)
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def reasons_of(
        self, kind: str, *, since: datetime | None = None, store: str | None = None
    ) -> dict[str, int]:
        """Sessions with an event of `kind`, by the event's `data.reason` ("" when it has none)."""
        reason = sa.func.coalesce(events.c.data["reason"].as_string(), "")
        query = (
            sa.select(reason, sa.func.count(sa.distinct(events.c.session)))
            .where(events.c.kind == kind, events.c.session.is_not(None))
            .group_by(reason)
        )
        query = self._within(query, events, events.c.at, since, store)
        with self._engine.connect() as conn:
            return {str(r): int(n) for r, n in conn.execute(query)}

    def orders_by_status(
        self, *, test: bool, since: datetime | None = None, store: str | None = None
    ) -> dict[str, int]:
        query = (
            sa.select(orders.c.status, sa.func.count())
            .where(orders.c.test.is_(test))
            .group_by(orders.c.status)
        )
        query = self._within(query, orders, orders.c.created_at, since, store)
        with self._engine.connect() as conn:
            return {status: int(n) for status, n in conn.execute(query)}

    @staticmethod
    def _within(
        query: sa.Select, table: sa.Table, at: sa.ColumnElement, since: datetime | None, store: str | None
    ) -> sa.Select:
        if since is not None:
            query = query.where(at >= since)
        if store is not None:
            query = query.where(table.c.store == store)
        return query
