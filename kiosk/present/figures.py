"""A staff member's figures ("My figures"): demos, orders, conversion and points today, this
week and this month, from the kiosk's own ledger or from HQ.

The same rules as HQ's `GET /v1/staff/{number}/figures`: periods in the store's time zone
(the week from Monday), and points for an order the operator accepted, a register entry and
a finished demo, weighed as HQ weighs them (kiosk.domain.staff.Points, delivered with the
roster; HQ's defaults without one). Conversion is orders per demo
started (None before any demo). HQ sees every kiosk of the store, so its figures are shown
when it answers, merged with what this kiosk holds that HQ has not had yet (events, orders
and register entries still waiting to be sent: `merged`); the kiosk's own otherwise, and
the screen says which (`source`).

Plain Python: the ledger's records are read elsewhere (kiosk.sync.staff_local) and handed
in as (time, ...) tuples; this module counts them and makes the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from kiosk.domain.staff import DEFAULT_POINTS, Points

PERIODS = ("today", "week", "month")
#: HQ's order status that counts as confirmed (the operator accepted the order).
CONFIRMED = "accepted"


@dataclass(frozen=True)
class Period:
    demos: int = 0
    orders: int = 0
    confirmed: int = 0
    leads: int = 0
    conversion: float | None = None
    points: int = 0


@dataclass(frozen=True)
class StaffFigures:
    staff: str
    #: "kiosk" (this kiosk's ledger) or "hq" (HQ's, every kiosk of the store).
    source: str
    today: Period
    week: Period
    month: Period
    #: The points' weights (the roster's, HQ's [staff_points]), said under the figures.
    weights: Points = DEFAULT_POINTS


def period_starts(now: datetime, tz: tzinfo) -> dict[str, datetime]:
    """Where today, this week (from Monday) and this month begin, in the store's time."""
    day = now.astimezone(tz).date()
    start = {
        "today": day,
        "week": day - timedelta(days=day.weekday()),
        "month": day.replace(day=1),
    }
    return {k: datetime.combine(d, time(0), tz) for k, d in start.items()}


def since(now: datetime, tz: tzinfo) -> datetime:
    """The earliest moment any period looks at (a week may begin in the month before)."""
    return min(period_starts(now, tz).values())


def count(
    staff: str,
    demos: Iterable[tuple[datetime, bool]],
    orders: Iterable[tuple[datetime, str | None]],
    leads: Iterable[datetime],
    now: datetime,
    tz: tzinfo,
    points: Points = DEFAULT_POINTS,
) -> StaffFigures:
    """The figures of `staff` from the kiosk's own records (each already theirs): demos as
    (when, finished: a demo_end that reached the end, else a demo_start), orders as (when
    placed, HQ's status), register entries as their times; `points` as HQ weighs them."""
    starts = period_starts(now, tz)
    demos, orders, leads = list(demos), list(orders), list(leads)
    periods = {}
    for name, start in starts.items():
        started = sum(1 for at, end in demos if not end and start <= at <= now)
        finished = sum(1 for at, end in demos if end and start <= at <= now)
        placed = [status for at, status in orders if start <= at <= now]
        confirmed = sum(1 for status in placed if status == CONFIRMED)
        entries = sum(1 for at in leads if start <= at <= now)
        periods[name] = Period(
            demos=started,
            orders=len(placed),
            confirmed=confirmed,
            leads=entries,
            conversion=len(placed) / started if started else None,
            points=points.confirmed_order * confirmed + points.lead * entries + points.demo * finished,
        )
    return StaffFigures(staff, "kiosk", periods["today"], periods["week"], periods["month"], points)


class FiguresError(ValueError):
    """HQ's answer is not figures as the API gives them."""


def from_hq(answer: dict[str, Any], staff: str) -> StaffFigures:
    """HQ's answer (`{"staff", "periods": {"today"|"week"|"month": {...}}}`) as figures."""
    periods = answer.get("periods")
    if answer.get("staff") != staff or not isinstance(periods, dict):
        raise FiguresError("not this member's figures")
    out = {}
    for name in PERIODS:
        raw = periods.get(name)
        if not isinstance(raw, dict):
            raise FiguresError(f"periods.{name}: missing")
        values = {}
        for key in ("demos", "orders", "confirmed", "leads", "points"):
            v = raw.get(key)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise FiguresError(f"periods.{name}.{key}: not a count")
            values[key] = v
        conv = raw.get("conversion")
        if conv is not None and (not isinstance(conv, int | float) or isinstance(conv, bool) or conv < 0):
            raise FiguresError(f"periods.{name}.conversion: not a ratio")
        out[name] = Period(conversion=None if conv is None else float(conv), **values)
    return StaffFigures(staff, "hq", out["today"], out["week"], out["month"])


def merged(hq: StaffFigures, unsent: StaffFigures) -> StaffFigures:
    """HQ's figures with this kiosk's records HQ has not had yet added (`unsent`: counted
    from the ledger's events, orders and register entries still waiting to be sent; none of
    them is confirmed yet). Conversion and points follow from the sums."""

    def add(a: Period, b: Period) -> Period:
        demos, orders, leads = a.demos + b.demos, a.orders + b.orders, a.leads + b.leads
        return Period(
            demos=demos,
            orders=orders,
            confirmed=a.confirmed + b.confirmed,
            leads=leads,
            # HQ's own ratio when nothing is added (it rounds it to 4 decimals).
            conversion=a.conversion if (b.demos, b.orders) == (0, 0) else orders / demos if demos else None,
            points=a.points + b.points,
        )

    return StaffFigures(
        hq.staff,
        hq.source,
        add(hq.today, unsent.today),
        add(hq.week, unsent.week),
        add(hq.month, unsent.month),
        unsent.weights,
    )


# -- what the screen shows ---------------------------------------------------------------
@dataclass(frozen=True)
class FigureRow:
    """One period as a row of the figures' table (QML words the period's title)."""

    period: str = ""
    demos: int = 0
    orders: int = 0
    confirmed: int = 0
    leads: int = 0
    #: "25%", or a dash before any demo.
    conversion: str = "\u2013"
    points: int = 0


@dataclass(frozen=True)
class FiguresFace:
    shown: bool = False
    #: Gathering (HQ asked, the ledger read).
    loading: bool = False
    #: "hq", "kiosk" or "" (none yet).
    source: str = ""
    #: Why HQ's figures are not shown (unreachable, not enrolled), for the line under them.
    hq_problem: str = ""
    #: The local time the figures were made ("14:05").
    at: str = ""
    #: The points' weights, for the line that explains them.
    points_order: int = DEFAULT_POINTS.confirmed_order
    points_lead: int = DEFAULT_POINTS.lead
    points_demo: int = DEFAULT_POINTS.demo


def percent(ratio: float | None) -> str:
    return "\u2013" if ratio is None else f"{round(ratio * 100)}%"


def figure_rows(figures: StaffFigures) -> list[FigureRow]:
    rows = []
    for name in PERIODS:
        p: Period = getattr(figures, name)
        rows.append(FigureRow(name, p.demos, p.orders, p.confirmed, p.leads, percent(p.conversion), p.points))
    return rows
