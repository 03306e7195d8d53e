"""Validity windows: is an item shown at a moment, and when does that next change.

Everything works on naive local datetimes in the store's time zone; the caller converts
(`kiosk.domain.catalog` does). A window of hours that crosses midnight belongs to the day
it starts on, so Friday 22:00-02:00 covers Saturday 01:30 and not Friday 01:30.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kiosk.packs.model import HourRange, Validity

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


def parse_hour_range(text: str) -> HourRange:
    """`"22:00-02:00"` -> HourRange; raises ValueError with a reason a person can read."""
    parts = text.split("-")
    if len(parts) != 2:
        raise ValueError(f"'{text}' is not a range like 10:00-14:00")
    start, start_is_24 = _parse_clock(parts[0].strip(), text)
    end, end_is_24 = _parse_clock(parts[1].strip(), text)
    if start_is_24:
        raise ValueError(f"'{text}': a range cannot start at 24:00")
    if end_is_24:
        return HourRange(start, time(0), to_midnight=True)
    if start == end:
        raise ValueError(f"'{text}' is empty: start and end are the same time")
    return HourRange(start, end)


def _parse_clock(text: str, whole: str) -> tuple[time, bool]:
    hh, sep, mm = text.partition(":")
    if not sep or not (hh.isdigit() and mm.isdigit()) or len(mm) != 2 or not 1 <= len(hh) <= 2:
        raise ValueError(f"'{whole}': '{text}' is not a time like 09:30")
    h, m = int(hh), int(mm)
    if h == 24 and m == 0:
        return time(0), True
    if h > 23 or m > 59:
        raise ValueError(f"'{whole}': '{text}' is not a time of day")
    return time(h, m), False
