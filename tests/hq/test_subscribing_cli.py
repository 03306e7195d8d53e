"""`kiosk-hq test-number`, `kiosk-hq sms reply`, `kiosk-hq funnel`, the gateway's inbound
token, and retention of orders confirmed by SMS reply, as an operator meets them."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.hq.cli import main
from kiosk.hq.db import Database, Placing
from kiosk.hq.server import ServeSettings, build_hq
from kiosk.hq.sms import INBOUND_TOKEN_ENV, INBOUND_TOKEN_FILE, inbound_token
from tests.hq import dbkit
from tests.hq.apikit import INBOUND_TOKEN, Api, chores_round, hq_api
from tests.hq.test_subscribing import PHONE, sms_order


def test_test_numbers_are_added_listed_changed_and_removed(
    db_url: str, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(
            ["test-number", "add", "138 0000 0000", "--code", "123456", "--note", "dial test", "--db", db_url]
        )
        == 0
    )
    assert "13800000000 is now a test number: code 123456" in capsys.readouterr().out
    assert main(["test-number", "add", "13800000000", "--code", "654321", "--db", db_url]) == 0
    assert "its code and note are changed" in capsys.readouterr().out

    assert main(["test-number", "list", "--db", db_url]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("13800000000  code 654321  added ") and "dial test" not in line

    assert main(["test-number", "remove", "13800000000", "--db", db_url]) == 0
    assert main(["test-number", "remove", "13800000000", "--db", db_url]) == 2
    assert "is not a test number" in capsys.readouterr().err
    assert main(["test-number", "list", "--db", db_url]) == 0
    assert capsys.readouterr().out.strip() == "no test numbers"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["add", "010 1234 5678", "--code", "123456"], "mobile numbers start with 13 to 19"),
        (["add", "13800000000", "--code", "12345"], "a confirmation code is six digits"),
        (["add", "13800000000", "--code", "abcdef"], "a confirmation code is six digits"),
    ],
)
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_wrong_test_number_or_code_is_one_plain_line(
    db_url: str, capsys: pytest.CaptureFixture, argv: list[str], says: str
) -> None:
    assert main(["test-number", *argv, "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1


# kiosk-hq sms reply, against a served HQ ---------------------------------------------------------
@pytest.fixture
def api(db: Database, tmp_path: Path) -> Iterator[Api]:
    with hq_api(db, tmp_path) as a:
        yield a


@pytest.fixture
def gateway_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HQ's data folder as `serve` leaves it: the inbound token in its file."""
    monkeypatch.delenv(INBOUND_TOKEN_ENV, raising=False)
    folder = tmp_path / "hq-data"
    folder.mkdir()
    (folder / INBOUND_TOKEN_FILE).write_text(INBOUND_TOKEN + "\n")
    return folder


def test_sms_reply_plays_the_gateway_and_says_what_happened(
    api: Api, gateway_folder: Path, capsys: pytest.CaptureFixture
) -> None:
    token = api.enrol()
    body = sms_order()
    api.post("/v1/orders", body, token)
    cli = ["--hq", api.url, "--data-dir", str(gateway_folder)]

    assert main(["sms", "reply", PHONE, "Y", *cli]) == 0
    confirmed = capsys.readouterr().out
    assert main(["sms", "reply", PHONE, "Y", *cli]) == 0
    nothing = capsys.readouterr().out

    assert confirmed.strip() == f"order {body['id']} confirmed by the reply from 138****5678"
    assert nothing.startswith("nothing happened: no order from 138****5678 is awaiting a reply")
    assert api.get(f"/v1/orders/{body['id']}", token).json()["status"] == "accepted"


def test_sms_reply_takes_the_token_from_the_environment_first(
    api: Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv(INBOUND_TOKEN_ENV, INBOUND_TOKEN)

    assert main(["sms", "reply", PHONE, "N", "--hq", api.url, "--data-dir", str(tmp_path / "empty")]) == 0
    assert capsys.readouterr().out.startswith("nothing happened")


def test_sms_reply_with_the_wrong_token_says_so_in_one_line(
    api: Api, gateway_folder: Path, capsys: pytest.CaptureFixture
) -> None:
    (gateway_folder / INBOUND_TOKEN_FILE).write_text("not-the-servers-token\n")

    assert main(["sms", "reply", PHONE, "Y", "--hq", api.url, "--data-dir", str(gateway_folder)]) == 2

    err = capsys.readouterr().err.strip()
    assert "refused the gateway's token" in err and len(err.splitlines()) == 1
    assert "not-the-servers-token" not in err


def test_sms_reply_to_an_hq_that_is_not_running_says_so_in_one_line(
    gateway_folder: Path, capsys: pytest.CaptureFixture
) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]

    assert (
        main(
            [
                "sms",
                "reply",
                PHONE,
                "Y",
                "--hq",
                f"http://127.0.0.1:{port}",
                "--data-dir",
                str(gateway_folder),
            ]
        )
        == 2
    )

    err = capsys.readouterr().err.strip()
    assert "did not answer" in err and "is `kiosk-hq serve` running?" in err and len(err.splitlines()) == 1


def test_sms_reply_without_any_token_says_where_one_comes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.delenv(INBOUND_TOKEN_ENV, raising=False)

    assert main(["sms", "reply", PHONE, "Y", "--data-dir", str(tmp_path)]) == 2
    assert "start `kiosk-hq serve` once" in capsys.readouterr().err


def test_the_inbound_token_is_made_once_readable_by_hqs_user_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(INBOUND_TOKEN_ENV, raising=False)
    folder = tmp_path / "hq-data"

    first = inbound_token(folder)
    again = inbound_token(folder)
    monkeypatch.setenv(INBOUND_TOKEN_ENV, "from-the-environment")
    given = inbound_token(folder)

    assert first == again and len(first) >= 40
    assert (folder / INBOUND_TOKEN_FILE).stat().st_mode & 0o777 == 0o600
    assert given == "from-the-environment"
    assert [p.name for p in folder.iterdir()] == [INBOUND_TOKEN_FILE]


# kiosk-hq funnel ---------------------------------------------------------------------------------
def _journeys(db: Database) -> None:
    """Four sessions at store A: all open a service, three tap Subscribe, two reach the
    receipt (one by code, one by SMS reply), one cancels at review; one session at store B."""
    a, b = dbkit.enrol(db, "GD-SZ-0001"), dbkit.enrol(db, "GD-GZ-0002")
    steps = {
        "s1": [
            "service_open",
            "subscribe_tap",
            "subscribe_number",
            "subscribe_review",
            "subscribe_consent",
            "subscribe_code_sent",
            "subscribe_confirmed",
            "subscribe_receipt",
        ],
        "s2": [
            "service_open",
            "subscribe_tap",
            "subscribe_number",
            "subscribe_review",
            "subscribe_consent",
            "subscribe_sms_reply_chosen",
            "subscribe_confirmed",
            "subscribe_receipt",
        ],
        "s3": ["service_open", "subscribe_tap", "subscribe_number", "subscribe_review", "subscribe_cancel"],
        "s4": ["service_open", "service_open"],
    }
    events = [
        dbkit.EventIn(
            f"{session}-{i}",
            kind,
            dbkit.NOW,
            session,
            {"reason": "idle"} if kind == "subscribe_cancel" else {},
        )
        for session, kinds in steps.items()
        for i, kind in enumerate(kinds)
    ]
    db.add_events(a, events, received_at=dbkit.NOW)
    db.add_events(b, [dbkit.EventIn("b-1", "service_open", dbkit.NOW, "s9", {})], received_at=dbkit.NOW)
    dbkit.place(db, a, "o1", {"service": "5G", "phone": PHONE})
    db.update_order("o1", status="accepted", reference="R1", now=dbkit.NOW)
    db.place_order(
        a,
        "o2",
        {"service": "5G"},
        confirmation_hash=None,
        accept=dbkit.must_exist,
        now=dbkit.NOW,
        placing=Placing(test=True),
    )
    db.update_order("o2", status="accepted", reference="TEST-1", now=dbkit.NOW)


def test_the_funnel_counts_sessions_per_step_with_conversions_and_the_orders(
    db: Database, db_url: str, capsys: pytest.CaptureFixture
) -> None:
    _journeys(db)

    assert main(["funnel", "--db", db_url, "--store", "GD-SZ-0001"]) == 0

    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:11]}
    assert lines[0] == "subscribing funnel, store GD-SZ-0001, all time"
    assert rows["service_open"] == ["4"]
    assert rows["subscribe_tap"] == ["3", "75.0%"]
    assert rows["subscribe_consent"] == ["2", "66.7%"]
    assert rows["subscribe_code_sent"][-2:] == ["2", "100.0%"]
    assert rows["subscribe_receipt"] == ["2", "100.0%"]
    assert rows["orders"] == ["accepted", "1", "50.0%"]
    assert "second step: code sent in 1 sessions, SMS reply chosen in 1" in lines
    assert "orders (test numbers' apart): accepted 1" in lines
    assert "test numbers' orders: accepted 1" in lines
    assert "subscribe_cancel: idle 1" in lines


def test_the_funnel_as_json_since_a_date(db: Database, db_url: str, capsys: pytest.CaptureFixture) -> None:
    _journeys(db)

    assert main(["funnel", "--db", db_url, "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert main(["funnel", "--db", db_url, "--json", "--since", "2026-03-02"]) == 0
    later = json.loads(capsys.readouterr().out)

    assert [s["sessions"] for s in everything["steps"][:2]] == [5, 3]
    assert everything["steps"][1]["from_previous"] == 0.6
    assert everything["steps"][-1] == {
        "step": "orders accepted",
        "kinds": [],
        "orders": 1,
        "from_previous": 0.5,
    }
    assert everything["test_orders"] == {"accepted": 1}
    assert later["since"] == "2026-03-02T00:00:00+08:00"
    assert [s.get("sessions", s.get("orders")) for s in later["steps"]] == [0] * 9


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_since_that_is_no_date_is_refused_plainly(db_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["funnel", "--db", db_url, "--since", "last week"]) == 2
    assert "give a date (2026-11-23)" in capsys.readouterr().err


# Retention ------------------------------------------------------------------------------------
def _awaiting(db: Database, device: dbkit.Device, order_id: str, *, reply_by: datetime) -> None:
    db.place_order(
        device,
        order_id,
        {"service": "5G", "phone": PHONE, "second_step": "sms_reply"},
        confirmation_hash=None,
        accept=dbkit.must_exist,
        now=reply_by - timedelta(days=1),
        placing=Placing(status="awaiting_reply", second_step="sms_reply", phone_hash="h", reply_by=reply_by),
    )


def test_purge_expires_orders_past_their_window_and_their_numbers_follow_the_retention(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    now = datetime.now(UTC)
    device = dbkit.enrol(db)
    _awaiting(db, device, "late", reply_by=now - timedelta(minutes=1))
    _awaiting(db, device, "open", reply_by=now + timedelta(hours=1))
    _awaiting(db, device, "long-declined", reply_by=now + timedelta(hours=1))
    db.update_order("long-declined", status="declined", reason="N", now=now - timedelta(days=31))
    sms = ["--sms", f"file:{tmp_path / 'sms.jsonl'}"]

    assert main(["purge", "--db", db_url, *sms]) == 0

    out = capsys.readouterr().out
    assert "1 orders' numbers masked" in out and "1 orders expired without an SMS reply" in out
    late, still, declined = (db.get_order(i) for i in ("late", "open", "long-declined"))
    assert late is not None and late.status == "expired" and late.body["phone"] == PHONE
    assert still is not None and still.status == "awaiting_reply" and still.body["phone"] == PHONE
    assert declined is not None and declined.body["phone"] == "138****5678"


def test_an_order_awaiting_a_reply_keeps_its_number_however_old(db: Database) -> None:
    device = dbkit.enrol(db)
    _awaiting(db, device, "waiting", reply_by=dbkit.NOW + timedelta(days=400))

    db.purge(
        challenges_before=dbkit.NOW + timedelta(days=300),
        numbers_answered_before=dbkit.NOW + timedelta(days=300),
        now=dbkit.NOW + timedelta(days=300),
    )

    assert db.get_order("waiting").body["phone"] == PHONE  # type: ignore[union-attr]


def test_the_record_of_replies_is_deleted_after_its_retention(db: Database) -> None:
    device = dbkit.enrol(db)
    _awaiting(db, device, "o", reply_by=dbkit.NOW + timedelta(days=1))
    db.take_reply("m1", phone_hash="x", confirm=True, at=dbkit.NOW, now=dbkit.NOW, declined_reason="N")

    kept = db.purge(
        challenges_before=dbkit.NOW,
        numbers_answered_before=dbkit.NOW,
        now=dbkit.NOW,
        inbound_before=dbkit.NOW,
    )
    gone = db.purge(
        challenges_before=dbkit.NOW,
        numbers_answered_before=dbkit.NOW,
        now=dbkit.NOW,
        inbound_before=dbkit.NOW + timedelta(seconds=1),
    )

    assert (kept.inbound_sms, gone.inbound_sms) == (0, 1)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_serves_chores_text_the_orders_waiting_for_it_and_expire_those_past_their_window(
    db: Database, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    device = dbkit.enrol(db)
    _awaiting(db, device, "to-text", reply_by=now + timedelta(hours=23))
    _awaiting(db, device, "too-late", reply_by=now - timedelta(seconds=1))
    outbox = tmp_path / "sms.jsonl"
    hq = build_hq(ServeSettings(db_url="unused", sms=f"file:{outbox}"), db)

    chores_round(hq)

    texted, late = db.get_order("to-text"), db.get_order("too-late")
    assert texted is not None and texted.reply_texted_at is not None and texted.status == "awaiting_reply"
    assert [json.loads(line)["to"] for line in outbox.read_text().splitlines()] == [PHONE]
    assert late is not None and late.status == "expired"
