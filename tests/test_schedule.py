"""Validity windows: dates, weekdays, hours, windows that cross midnight, and next changes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.schedule import is_active, next_change
from kiosk.packs.fields import FieldError
from kiosk.packs.model import Validity
from kiosk.packs.values import parse_hour_range

FRI, SAT = 4, 5
# 2026-11-27 is a Friday.
night = Validity(weekdays=frozenset({FRI}), hours=(parse_hour_range("22:00-02:00"),))


def test_window_with_no_limits_is_always_active() -> None:
    assert is_active(Validity(), datetime(2030, 1, 1, 3, 0))


def test_dates_are_inclusive_at_both_ends() -> None:
    v = Validity(start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert not is_active(v, datetime(2026, 10, 31, 23, 59))
    assert is_active(v, datetime(2026, 11, 1, 0, 0))
    assert is_active(v, datetime(2026, 11, 30, 23, 59))
    assert not is_active(v, datetime(2026, 12, 1, 0, 0))


def test_window_crossing_midnight_belongs_to_the_day_it_starts() -> None:
    assert is_active(night, datetime(2026, 11, 27, 23, 0))  # Friday night
    assert is_active(night, datetime(2026, 11, 28, 1, 30))  # early Saturday, still Friday's window
    assert not is_active(night, datetime(2026, 11, 28, 2, 0))  # end is exclusive
    assert not is_active(night, datetime(2026, 11, 27, 1, 30))  # early Friday is Thursday's night


def test_hours_until_24_00_run_to_midnight() -> None:
    v = Validity(hours=(parse_hour_range("20:00-24:00"),))
    assert is_active(v, datetime(2026, 11, 27, 23, 59))
    assert not is_active(v, datetime(2026, 11, 28, 0, 0))


def test_next_change_finds_the_opening_and_the_closing() -> None:
    opens = next_change(night, datetime(2026, 11, 27, 12, 0))
    assert opens == datetime(2026, 11, 27, 22, 0)
    assert next_change(night, opens) == datetime(2026, 11, 28, 2, 0)


def test_next_change_finds_a_window_that_opens_months_ahead() -> None:
    v = Validity(start=date(2027, 6, 1), hours=(parse_hour_range("10:00-12:00"),))
    assert next_change(v, datetime(2026, 11, 27, 12, 0)) == datetime(2027, 6, 1, 10, 0)


def test_next_change_of_an_unlimited_window_is_none() -> None:
    assert next_change(Validity(), datetime(2026, 11, 27)) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("10:00", "is not a range"),
        ("25:00-02:00", "is not a time of day"),
        ("10:00-10:00", "is empty"),
        ("9h-10h", "is not a time like 09:30"),
        ("24:00-02:00", "cannot start at 24:00"),
    ],
)
def test_bad_hour_ranges_say_why(text: str, reason: str) -> None:
    with pytest.raises(FieldError, match=reason):
        parse_hour_range(text)


@given(
    start=st.integers(0, 23 * 60 + 59),
    end=st.integers(0, 23 * 60 + 59),
    at=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
)
def test_next_change_really_flips_the_state(start: int, end: int, at: datetime) -> None:
    if start == end:
        return
    v = Validity(
        weekdays=frozenset({FRI, SAT}),
        hours=(parse_hour_range(f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"),),
    )
    nxt = next_change(v, at)
    assert nxt is not None and nxt > at
    assert is_active(v, nxt) != is_active(v, at)
