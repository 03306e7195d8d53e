"""Validity windows: is an item shown at a moment, and when does that next change.

Everything works on naive local datetimes in the store's time zone; the caller converts
(`kiosk.domain.catalog` does). A window of hours that crosses midnight belongs to the day
it starts on, so Friday 22:00-02:00 covers Saturday 01:30 and not Friday 01:30.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kiosk.packs.model import Validity

_DAY = timedelta(days=1)


def _day_allowed(v: Validity, d: date) -> bool:
    if v.start is not None and d < v.start:
        return False
    if v.end is not None and d > v.end:
        return False
    return v.weekdays is None or d.weekday() in v.weekdays


def _intervals_of_day(v: Validity, d: date) -> list[tuple[datetime, datetime]]:
    """The spans (start inclusive, end exclusive) that `d`'s windows contribute."""
    if not _day_allowed(v, d):
        return []
    midnight = datetime.combine(d, time(0))
    if not v.hours:
        return [(midnight, midnight + _DAY)]
    spans = []
    for h in v.hours:
        start = datetime.combine(d, h.start)
        if h.to_midnight:
            end = midnight + _DAY
        elif h.crosses_midnight:
            end = datetime.combine(d + _DAY, h.end)
        else:
            end = datetime.combine(d, h.end)
        spans.append((start, end))
    return spans


def is_active(v: Validity, at: datetime) -> bool:
    """True when `at` (local, naive) lies inside the window."""
    if v.start is None and v.end is None and v.weekdays is None and not v.hours:
        return True
    # A span started yesterday may still be running (windows crossing midnight).
    for d in (at.date() - _DAY, at.date()):
        for start, end in _intervals_of_day(v, d):
            if start <= at < end:
                return True
    return False


def next_change(v: Validity, after: datetime, horizon_days: int = 8) -> datetime | None:
    """The first moment after `after` at which `is_active` flips, or None if none is found.

    Looks `horizon_days` ahead of `after` and a week into the window's first days (so a
    window that opens months from now is still found). Callers re-check at least hourly, so a
    flip beyond that reach is caught in time.
    """
    if v.start is None and v.end is None and v.weekdays is None and not v.hours:
        return None
    days = {after.date() + i * _DAY for i in range(-1, horizon_days + 1)}
    if v.start is not None and v.start > after.date():
        days |= {v.start + i * _DAY for i in range(8)}
    edges: set[datetime] = set()
    for d in days:
        for start, end in _intervals_of_day(v, d):
            edges.add(start)
            edges.add(end)
    now_active = is_active(v, after)
    for edge in sorted(e for e in edges if e > after):
        if is_active(v, edge) != now_active:
            return edge
    return None
