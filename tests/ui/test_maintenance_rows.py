"""The maintenance screen's rows from `kiosk status`'s dict, without Qt."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.present.maintenance import StatusRow, status_rows

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def status(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "identity": {"device_id": "kx-1", "store": "GD-SZ-0001", "city": "GD-SZ", "province": "GD"},
        "hq": {"url": "https://hq.example.com/", "reachable": False, "reason": "ConnectTimeout"},
        "active": {
            "name": "000002-aa",
            "packs": [
                {"id": "national", "scope": "national", "version": 3, "valid_until": "2027-01-01T00:00:00Z"},
                {
                    "id": "store-x",
                    "scope": "store:GD-SZ-0001",
                    "version": 2,
                    "valid_until": "2026-12-01T00:00:00Z",
                },
            ],
        },
        "previous": None,
        "last_sync": {
            "at": "2026-12-02T03:00:00+00:00",
            "ok": False,
            "message": "content: HQ did not answer",
        },
        "outbox": {"pending": 12, "by_kind": {"session_start": 10, "service_open": 2}},
        "disk": {"free_bytes": 100_000_000, "total_bytes": 64_000_000_000},
        "clock_skew_s": 95.0,
    }
    return base | changes


def rows(s: dict[str, Any]) -> dict[str, StatusRow]:
    return {r.key: r for r in status_rows(s, "Asia/Shanghai", NOW)}


def test_an_enrolled_kiosk_away_from_hq_shows_each_problem_plainly() -> None:
    r = rows(status())
    assert r["hq"].state == "unreachable" and not r["hq"].ok and "ConnectTimeout" in r["hq"].detail
    assert r["pack:national"].state == "valid" and r["pack:national"].count == 3
    assert r["pack:store-x"].state == "expired" and not r["pack:store-x"].ok
    assert (
        r["lastSync"].state == "failed"
        and r["lastSync"].detail == "2026-12-02 11:00 · content: HQ did not answer"
    )
    assert r["outbox"].count == 12 and r["outbox"].detail.startswith("session_start 10")
    assert r["disk"].state == "low" and not r["disk"].ok
    assert r["clock"].state == "skewed" and r["clock"].detail == "+95.0 s"


def test_a_kiosk_not_enrolled_has_one_problem_and_the_rest_follow_from_it() -> None:
    r = rows(
        status(identity=None, hq=None, active=None, last_sync=None, clock_skew_s=None, showing="bundled")
    )
    assert not r["identity"].ok
    assert all(r[k].neutral for k in ("hq", "content", "lastSync", "clock", "previous"))


def test_orders_the_operator_refused_are_named_for_staff_with_the_number_masked() -> None:
    refused = {
        "reference": "K-1A2B-3C4D",
        "service": "svc.5g",
        "phone": "138****5678",
        "status": "rejected",
        "reason": "this number already has this service",
        "at": "2026-12-02T03:00:00+00:00",
    }
    orders = {"by_state": {"pending": 0, "sent": 1}, "quarantined": [], "refused": [refused]}
    row = rows(status(orders=orders))["orders"]
    assert (row.state, row.count, row.ok) == ("refused", 1, True)
    assert row.detail == "K-1A2B-3C4D · 138****5678 · svc.5g: this number already has this service"


def test_orders_hq_would_not_take_are_a_problem_and_waiting_ones_are_counted() -> None:
    held = [{"id": "o1", "service": "svc.5g", "created_at": "", "problem": "HQ: 422 phone: not valid"}]
    row = rows(status(orders={"by_state": {}, "quarantined": held, "refused": []}))["orders"]
    assert (row.state, row.ok, row.count) == ("quarantined", False, 1)
    waiting = rows(status(orders={"by_state": {"pending": 2, "sent": 1}, "quarantined": [], "refused": []}))
    assert (waiting["orders"].state, waiting["orders"].count) == ("waiting", 3)
    assert rows(status(orders={"problem": "the orders cannot be read: disk I/O error"}))["orders"].state == (
        "unreadable"
    )


def test_the_voice_row_says_whether_customers_hear_the_kiosk_and_why_not() -> None:
    assert rows(status())["voice"].state == "unknown" and rows(status())["voice"].neutral
    ok = rows(status(voice={"status": "ok", "detail": "speechd: en, zh-CN", "staff_muted": False}))["voice"]
    assert (ok.state, ok.ok, ok.detail) == ("ok", True, "speechd: en, zh-CN")
    muted = rows(status(voice={"status": "mutedByStaff", "detail": "", "staff_muted": True}))["voice"]
    assert muted.state == "mutedByStaff" and muted.neutral
    no_voice = rows(status(voice={"status": "noVoice:zh-CN", "detail": "speechd: en", "staff_muted": False}))
    assert (no_voice["voice"].state, no_voice["voice"].ok) == ("noVoice", False)
    assert no_voice["voice"].detail == "zh-CN · speechd: en"
    assert not rows(status(voice={"status": "noEngine", "detail": ""}))["voice"].ok
