"""The kiosk's register of interested customers on a real file: durable, idempotent, kept
only with consent, private, the number masked once HQ has the entry or its 30 days end."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.flow.register import Lead, LeadNotKeptError
from kiosk.services import localdb
from kiosk.services.leads import EXPIRED, PENDING, QUARANTINED, SENT, LocalLeads
from tests.threads import at_once

PHONE = "13812345678"
MADE = datetime(2026, 12, 3, 8, 0, 5, 123000, tzinfo=UTC)


def a_lead(**changes: object) -> Lead:
    lead = Lead(
        id=str(uuid.uuid4()),
        staff="S-1001",
        service="svc.ringback",
        service_name={"zh-CN": "彩铃", "en": "Ring-back tones"},
        phone=PHONE,
        call_day=date(2026, 12, 4),
        call_part="afternoon",
        created_at=MADE,
        consented_at=MADE - timedelta(seconds=40),
        session="sess-1",
    )
    return replace(lead, **changes)  # type: ignore[arg-type]


def rows(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, phone, state FROM leads ORDER BY created_at").fetchall()
    finally:
        conn.close()


def test_a_kept_entry_reads_back_whole_from_another_connection(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    lead = a_lead()
    book = LocalLeads(db)
    book.keep(lead)
    book.close()

    kept = LocalLeads(db).get(lead.id)

    assert kept is not None and kept.lead == lead
    assert kept.state == PENDING and kept.attempts == 0


def test_a_kept_entry_survives_the_process_being_killed_right_after_keep_returns(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    script = (
        "import os; from pathlib import Path; from kiosk.services.leads import LocalLeads\n"
        "from tests.test_leads import a_lead\n"
        f"LocalLeads(Path({str(db)!r})).keep(a_lead(id='lead-killed-after-keep'))\n"
        "os._exit(9)  # no close, no checkpoint: as if the power went\n"
    )
    done = subprocess.run([sys.executable, "-c", script], timeout=60, cwd=Path(__file__).parent.parent)

    assert done.returncode == 9
    assert rows(db) == [("lead-killed-after-keep", PHONE, PENDING)]


def test_keeping_the_same_id_twice_keeps_the_first(tmp_path: Path) -> None:
    book = LocalLeads(tmp_path / "ledger.sqlite3")
    first = a_lead()
    book.keep(first)
    book.keep(replace(first, call_part="evening", phone="13900001111"))

    kept = book.get(first.id)
    assert kept is not None and kept.lead == first
    assert len(rows(book.path)) == 1


def test_two_threads_keeping_the_same_entry_at_once_leave_one_row(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    localdb.connect(db).close()
    lead = a_lead()
    books = [LocalLeads(db), LocalLeads(db)]

    kept = at_once(2, lambda i: [books[i].keep(lead) for _ in range(20)])

    assert not [e for e in kept if isinstance(e, Exception)]
    assert rows(db) == [(lead.id, PHONE, PENDING)]


def test_the_table_itself_refuses_an_entry_without_consent(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    conn = localdb.connect(db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute(
                "INSERT INTO leads (id, created_at, staff, service, service_name, call_day, call_part, "
                "consent, consented_at, phone, updated_at) VALUES ('x', 't', 's', 'svc', '{}', "
                "'2026-12-04', 'morning', 0, 't', ?, 't')",
                (PHONE,),
            )
    finally:
        conn.close()


def test_an_entry_the_file_cannot_take_is_not_kept_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    localdb.connect(db).close()

    def read_only(path: Path) -> sqlite3.Connection:
        return sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )

    with pytest.raises(LeadNotKeptError, match="readonly"):
        LocalLeads(db, connect=read_only).keep(a_lead())
    assert rows(db) == []


def test_the_file_stays_readable_by_the_kiosks_user_only(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    book = LocalLeads(db)
    book.keep(a_lead())
    try:
        for suffix in localdb.COMPANIONS:
            path = db.with_name(db.name + suffix)
            assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        book.close()


def test_a_file_from_before_the_register_is_migrated_keeping_its_orders_and_events(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in (s for step in localdb.MIGRATIONS[:3] for s in step):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO events (id, kind, at, data) VALUES ('e1', 'tap', 't', '{}')")
    conn.close()

    book = LocalLeads(db)
    book.keep(a_lead(id="after-migration"))

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == localdb.SCHEMA_VERSION
        assert conn.execute("SELECT id FROM events").fetchall() == [("e1",)]
    finally:
        conn.close()
    assert [r[0] for r in rows(db)] == ["after-migration"]


def test_hqs_acknowledgement_masks_the_number_in_the_same_statement(tmp_path: Path) -> None:
    book = LocalLeads(tmp_path / "ledger.sqlite3")
    lead = a_lead()
    book.keep(lead)

    assert book.acknowledged(lead.id)
    assert not book.acknowledged(lead.id)  # a second sender finds it done
    assert rows(book.path) == [(lead.id, "138****5678", SENT)]
    assert PHONE.encode() not in book.path.read_bytes()  # secure_delete: the page is zeroed


def test_staff_list_entries_newest_first_with_every_number_masked(tmp_path: Path) -> None:
    book = LocalLeads(tmp_path / "ledger.sqlite3")
    older = a_lead(id="older")
    newer = a_lead(id="newer", created_at=MADE + timedelta(minutes=5), phone="13900001111")
    book.keep(older)
    book.keep(newer)
    book.acknowledged("older")

    listed = book.listed()

    assert [e["id"] for e in listed] == ["newer", "older"]
    assert [e["phone"] for e in listed] == ["139****1111", "138****5678"]
    assert listed[0]["call_day"] == "2026-12-04" and listed[0]["call_part"] == "afternoon"


def test_an_entry_hq_never_had_within_30_days_is_masked_and_expires(tmp_path: Path) -> None:
    book = LocalLeads(tmp_path / "ledger.sqlite3")
    book.keep(a_lead(id="old"))
    book.keep(a_lead(id="held", phone="13900001111"))
    book.quarantine("held", "HQ said no")
    book.keep(a_lead(id="young", created_at=MADE + timedelta(days=29)))

    assert book.expire(MADE + timedelta(days=30, seconds=1)) == 2

    assert sorted(rows(book.path)) == [
        ("held", "139****1111", QUARANTINED),
        ("old", "138****5678", EXPIRED),
        ("young", PHONE, PENDING),
    ]
    assert book.due(now=10**10) and [k.lead.id for k in book.due(now=10**10)] == ["young"]
    assert book.counts() == {PENDING: 1, SENT: 0, QUARANTINED: 1, EXPIRED: 1}


def test_entries_hq_holds_or_never_had_leave_the_kiosk_ninety_days_on_and_pending_ones_stay(
    tmp_path: Path,
) -> None:
    settled_at = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    stamp = settled_at.isoformat(timespec="milliseconds")
    book = LocalLeads(tmp_path / "ledger.sqlite3", clock=lambda: stamp)
    sent, pending = a_lead(), a_lead()
    for lead in (sent, pending):
        book.keep(lead)
    assert book.acknowledged(sent.id)

    assert book.prune_settled(settled_at + timedelta(days=91), (SENT, EXPIRED)) == 1
    assert book.get(sent.id) is None and book.get(pending.id) is not None
    assert book.counts()[PENDING] == 1
