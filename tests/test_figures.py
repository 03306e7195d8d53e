"""My figures without Qt: the periods in the store's time, points and conversion, HQ's answer
read strictly, and a ledger's records read back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.staff import Points
from kiosk.present.figures import (
    FiguresError,
    Period,
    StaffFigures,
    count,
    figure_rows,
    from_hq,
    merged,
    period_starts,
    since,
)
from kiosk.services.ledger import Ledger
from kiosk.sync.staff_local import ledger_records

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: Wednesday 3 December 2026, 10:00 in Shenzhen.
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=SHANGHAI)


def at(days: float = 0, hours: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours)


def test_periods_begin_at_local_midnight_monday_and_the_first() -> None:
    starts = period_starts(NOW.astimezone(UTC), SHANGHAI)
    assert starts == {
        "today": datetime(2026, 12, 3, tzinfo=SHANGHAI),
        "week": datetime(2026, 11, 30, tzinfo=SHANGHAI),
        "month": datetime(2026, 12, 1, tzinfo=SHANGHAI),
    }
    # The week began in the month before: the records are read from the earlier.
    assert since(NOW, SHANGHAI) == datetime(2026, 11, 30, tzinfo=SHANGHAI)


def test_points_conversion_and_periods() -> None:
    demos = [
        (at(hours=1), False),
        (at(hours=1), True),
        (at(hours=2), False),
        (at(days=1), False),
        (at(days=1), True),
    ]
    orders = [(at(hours=1), "accepted"), (at(days=1), "rejected"), (at(days=2.5), "accepted")]
    leads = [at(hours=3), at(days=2.5)]
    f = count("1001", demos, orders, leads, NOW, SHANGHAI)
    assert f.source == "kiosk" and f.staff == "1001"
    assert f.today == Period(demos=2, orders=1, confirmed=1, leads=1, conversion=0.5, points=10 + 2 + 1)
    assert f.week == Period(demos=3, orders=3, confirmed=2, leads=2, conversion=1.0, points=20 + 4 + 2)
    # 30 November (2.5 days ago) is this week but last month.
    assert f.month == Period(demos=3, orders=2, confirmed=1, leads=1, conversion=2 / 3, points=10 + 2 + 2)
    rows = figure_rows(f)
    assert [(r.period, r.conversion) for r in rows] == [("today", "50%"), ("week", "100%"), ("month", "67%")]


def test_points_are_weighed_as_hq_weighs_them() -> None:
    demos = [(at(hours=1), True), (at(hours=1), False)]
    f = count("1001", demos, [(at(hours=1), "accepted")], [at(hours=2)], NOW, SHANGHAI, Points(20, 5, 0))
    assert f.today.points == 20 + 5 + 0


def test_no_demo_no_conversion() -> None:
    f = count("1001", [], [(at(hours=1), None)], [], NOW, SHANGHAI)
    assert f.today.conversion is None and figure_rows(f)[0].conversion == "\u2013"
    assert f.today.points == 0


GOOD = {
    "staff": "1001",
    "periods": {
        p: {"demos": 4, "orders": 1, "confirmed": 1, "leads": 0, "conversion": 0.25, "points": 14}
        for p in ("today", "week", "month")
    },
}


def test_hqs_answer_is_read() -> None:
    f = from_hq(GOOD, "1001")
    assert f.source == "hq" and f.week == Period(4, 1, 1, 0, 0.25, 14)


@pytest.mark.parametrize(
    "change",
    [
        {"staff": "1002"},
        {"periods": None},
        {"periods": {"today": GOOD["periods"]["today"]}},
        {"periods": {**GOOD["periods"], "week": {**GOOD["periods"]["week"], "points": -1}}},
        {"periods": {**GOOD["periods"], "week": {**GOOD["periods"]["week"], "demos": True}}},
        {"periods": {**GOOD["periods"], "week": {**GOOD["periods"]["week"], "conversion": "25%"}}},
    ],
)
def test_an_answer_that_is_not_this_members_figures_is_refused(change: dict[str, object]) -> None:
    with pytest.raises(FiguresError):
        from_hq({**GOOD, **change}, "1001")


def test_the_ledgers_records_of_a_member(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger = Ledger(path)
    ledger.record("demo_start", {"demo": "d", "staff": "1001"}, "s1")
    ledger.record("demo_end", {"demo": "d", "completed": True, "staff": "1001"}, "s1")
    ledger.record("demo_end", {"demo": "d", "completed": False, "staff": "1001"}, "s1")
    ledger.record("demo_start", {"demo": "d", "staff": "1002"}, "s2")
    ledger.record("demo_start", {"demo": "d"}, "s3")
    assert ledger.flush()
    ledger.close()
    with sqlite3.connect(path) as conn:
        # Register entries as the register keeps them (kiosk.services.leads: the ledger's table).
        for lead_id, when in (("l1", datetime.now(UTC).isoformat()), ("l2", "2020-01-01T00:00:00+00:00")):
            conn.execute(
                "INSERT INTO leads (id, created_at, staff, service, service_name, call_day, call_part,"
                " consent, consented_at, phone, updated_at)"
                " VALUES (?, ?, '1001', 'svc.ringback', '{}', '2026-12-04', 'morning', 1, ?,"
                " '138****5678', ?)",
                (lead_id, when, when, when),
            )
    demos, orders, leads = ledger_records(path, "1001", datetime.now(UTC) - timedelta(hours=1))
    assert sorted(end for _, end in demos) == [False, True]
    assert orders == [] and len(leads) == 1


def test_no_ledger_yet_no_records(tmp_path: Path) -> None:
    assert ledger_records(tmp_path / "none.sqlite3", "1001", NOW) == ([], [], [])


def test_hqs_figures_merged_with_what_the_kiosk_has_not_sent_yet() -> None:
    hq = StaffFigures(
        "1001", "hq", Period(4, 2, 1, 0, 0.5, 15), Period(4, 2, 1, 0, 0.5, 15), Period(4, 2, 1, 0, 0.5, 15)
    )
    unsent = StaffFigures("1001", "kiosk", Period(1, 1, 0, 1, 1.0, 3), Period(1, 1, 0, 1, 1.0, 3), Period())

    got = merged(hq, unsent)

    assert got.source == "hq"
    assert got.today == Period(demos=5, orders=3, confirmed=1, leads=1, conversion=3 / 5, points=18)
    assert got.month == hq.month


def test_only_what_hq_has_not_had_is_read_as_unsent(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    ledger = Ledger(path)
    ledger.record("demo_start", {"demo": "d", "staff": "1001"}, "s1")
    ledger.record("demo_start", {"demo": "d", "staff": "1001"}, "s2")
    assert ledger.flush()
    ledger.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE events SET uploaded_at = ? WHERE session = 's1'", (datetime.now(UTC).isoformat(),)
        )
    start = datetime.now(UTC) - timedelta(hours=1)

    assert len(ledger_records(path, "1001", start)[0]) == 2
    assert len(ledger_records(path, "1001", start, unsent=True)[0]) == 1
