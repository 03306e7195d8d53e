"""The counters behind HQ's caps: a use counted against every cap at once, or none."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from kiosk.hq.db.engine import Connected
from kiosk.hq.schema import quotas


@dataclass(frozen=True, slots=True)
class Quota:
    """A cap: at most `limit` uses of `key` in a window of `period` from its first use."""

    key: str
    limit: int
    period: timedelta


@dataclass(frozen=True, slots=True)
class QuotaSpent:
    """A cap that is reached, and how long until its window ends."""

    quota: Quota
    retry_after: timedelta


class _UndoError(Exception):
    """Leaves a write transaction, rolling it back."""


class Quotas(Connected):
    """The caps' counters, as part of `Database`."""

    def take_quotas(self, wanted: Sequence[Quota], *, now: datetime) -> list[QuotaSpent]:
        """Count one use against every quota in `wanted`, all or none; the caps that are
        reached (nothing is counted then), or [] when the use is allowed.

        Each count is one guarded upsert, so concurrent callers in any number of HQ
        processes are counted exactly: of 50 simultaneous requests under a cap of 1,
        exactly one gets through. Keys are taken in one order, so that two callers
        waiting on each other's rows cannot deadlock.
        """
        spent: list[QuotaSpent] = []
        try:
            with self._write() as conn:
                for quota in sorted(wanted, key=lambda q: q.key):
                    if conn.execute(self._take(quota, now)).first() is None:
                        end = conn.execute(
                            sa.select(quotas.c.window_end).where(quotas.c.key == quota.key)
                        ).scalar_one()
                        spent.append(QuotaSpent(quota, retry_after=end - now))
                if spent:
                    raise _UndoError
        except _UndoError:
            pass
        return spent

    def _take(self, quota: Quota, now: datetime) -> sa.Executable:
        insert = self._insert(quotas).values(key=quota.key, window_end=now + quota.period, used=1)
        over = quotas.c.window_end <= now
        return insert.on_conflict_do_update(
            index_elements=[quotas.c.key],
            set_={
                "used": sa.case((over, 1), else_=quotas.c.used + 1),
                "window_end": sa.case((over, insert.excluded.window_end), else_=quotas.c.window_end),
            },
            where=sa.or_(over, quotas.c.used < quota.limit),
        ).returning(quotas.c.used)

    def give_back(self, keys: Iterable[str]) -> None:
        """Uncount one use of each key (a code that could not be sent, an enrolment that worked)."""
        update = (
            sa.update(quotas)
            .where(quotas.c.key.in_(sa.bindparam("keys", expanding=True)), quotas.c.used > 0)
            .values(used=quotas.c.used - 1)
        )
        with self._write() as conn:
            conn.execute(update, {"keys": sorted(set(keys))})
