"""Register entries from a kiosk's file to the real `kiosk-hq serve` on loopback: sent once,
masked when HQ has them, retried while HQ is away, quarantined when HQ will not take them,
counted by `kiosk sync --once` and `kiosk status`, listed by `kiosk-hq leads`, and their
numbers forgotten by `kiosk-hq purge` after 30 days."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from kiosk.flow.register import Lead
from kiosk.hq import schema
from kiosk.hq.cli import main as hq_main
from kiosk.hq.db import StaffRecord
from kiosk.services.leads import PENDING, QUARANTINED, SENT, LocalLeads
from kiosk.sync.hqclient import HqClient
from kiosk.sync.leads import LeadSender, LeadsResult, request_body
from tests.sync.faultproxy import fault_proxy
from tests.sync.hqkit import Hq, enrolled

PHONE = "13812345678"


class Kiosk:
    def __init__(self, hq: Hq, data: Path) -> None:
        self.data = data
        self.identity = enrolled(hq, data)
        self.book = LocalLeads(data / "ledger.sqlite3")
        self.now = time.time()
        self.sender = LeadSender(
            LocalLeads(data / "ledger.sqlite3", checkpoint=True), clock=lambda: self.now, random=lambda: 0.5
        )

    def client(self, url: str | None = None) -> HqClient:
        return HqClient(url or self.identity.hq_url, self.identity.credential, timeout=(2.0, 5.0))

    def send(self, url: str | None = None) -> LeadsResult:
        client = self.client(url)
        try:
            return self.sender.run(client)
        finally:
            client.close()

    def close(self) -> None:
        self.book.close()
        self.sender.book.close()


@pytest.fixture
def kiosk(hq: Hq, tmp_path: Path) -> Iterator[Kiosk]:
    # The member who notes the entries, on the store's roster at HQ, so that HQ credits them.
    joined = datetime.now(UTC) - timedelta(days=30)
    hq.db.add_staff(StaffRecord("S-1001", "GD-SZ-0001", "李娜", "staff", "scrypt$x", True, joined, joined))
    made = Kiosk(hq, tmp_path / "kiosk")
    yield made
    made.close()


def a_lead(**changes: object) -> Lead:
    now = datetime.now(UTC)
    lead = Lead(
        id=str(uuid.uuid4()),
        staff="S-1001",
        service="svc.ringback",
        service_name={"zh-CN": "彩铃", "en": "Ring-back tones"},
        phone=PHONE,
        call_day=date.today() + timedelta(days=1),
        call_part="afternoon",
        created_at=now,
        consented_at=now - timedelta(seconds=30),
        session="sess-1",
    )
    return replace(lead, **changes)  # type: ignore[arg-type]


def hq_leads(hq: Hq) -> list[dict[str, object]]:
    with hq.db._engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(schema.leads)).mappings()]


def test_an_entry_reaches_hq_once_for_the_credentials_store_and_is_masked_on_the_kiosk(
    hq: Hq, kiosk: Kiosk
) -> None:
    lead = a_lead()
    kiosk.book.keep(lead)

    result = kiosk.send()

    assert (result.sent, result.pending, result.errors) == (1, 0, [])
    [held] = hq_leads(hq)
    assert held["id"] == lead.id and held["store"] == "GD-SZ-0001" and held["staff"] == "S-1001"
    assert held["body"]["phone"] == PHONE and held["call_part"] == "afternoon"  # type: ignore[index]
    kept = kiosk.book.get(lead.id)
    assert kept is not None and kept.state == SENT and kept.lead.phone == "138****5678"
    assert kiosk.send().sent == 0  # nothing left to send


def test_an_answer_lost_on_the_way_leaves_hq_holding_the_entry_once(hq: Hq, kiosk: Kiosk) -> None:
    lead = a_lead()
    kiosk.book.keep(lead)
    with fault_proxy(hq.url, fault_rate=1.0, stall_s=0.1) as proxy:
        proxy.fate = lambda: "cut"  # type: ignore[method-assign]  # HQ takes it; its answer is dropped
        lost = kiosk.send(proxy.url)
    assert lost.sent == 0 and lost.pending == 1
    assert [h["id"] for h in hq_leads(hq)] == [lead.id]  # HQ has it; the kiosk did not hear

    kiosk.now += 3600
    again = kiosk.send()

    assert again.sent == 1 and [h["id"] for h in hq_leads(hq)] == [lead.id]


def test_entries_kept_while_hq_is_away_wait_with_one_request_a_pass_and_arrive_later(
    hq: Hq, kiosk: Kiosk
) -> None:
    for n in range(3):
        kiosk.book.keep(a_lead(phone=f"1381234500{n}"))
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        away = f"http://127.0.0.1:{s.getsockname()[1]}/"

    down = kiosk.send(away)
    too_soon = kiosk.send()

    assert down.sent == 0 and len(down.errors) == 1 and down.pending == 3
    assert too_soon.sent == 0  # every entry waits its back-off
    kiosk.now += 3600
    assert kiosk.send().sent == 3 and len(hq_leads(hq)) == 3


def test_resending_the_same_entry_is_the_same_entry_and_another_under_its_id_is_quarantined(
    hq: Hq, kiosk: Kiosk, tmp_path: Path
) -> None:
    lead = a_lead()
    kiosk.book.keep(lead)
    kept = kiosk.book.get(lead.id)
    assert kept is not None
    body = request_body(kept)
    kiosk.send()
    headers = {"Authorization": f"Bearer {kiosk.identity.credential}"}

    resent = requests.post(f"{hq.url}/v1/leads", json=body, headers=headers, timeout=10)
    assert resent.status_code == 200 and resent.json()["id"] == lead.id

    other = LocalLeads(tmp_path / "other.sqlite3")
    other.keep(replace(lead, service="svc.other"))
    client = kiosk.client()
    try:
        result = LeadSender(other, random=lambda: 0.5).run(client)
    finally:
        client.close()
    assert result.quarantined == 1 and "409" in result.errors[0]
    assert other.counts()[QUARANTINED] == 1 and "already used" in other.quarantined()[0]["problem"]
    other.close()
    assert len(hq_leads(hq)) == 1


def test_an_entry_hq_finds_invalid_is_quarantined_and_shown_to_staff(
    hq: Hq, kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main as kiosk_main

    lead = a_lead(staff="x" * 65)  # longer than HQ takes
    kiosk.book.keep(lead)

    result = kiosk.send()

    assert result.quarantined == 1 and "422" in result.errors[0] and "staff" in result.errors[0]
    kiosk.now += 3600
    assert kiosk.send().quarantined == 0  # never resent by itself
    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "status"]) == 1
    out = capsys.readouterr().out
    assert (
        "1 register entr(y/ies) HQ would not take" in out and f"QUARANTINED register entry {lead.id}" in out
    )
    assert PHONE not in out


def test_the_store_comes_from_the_credential_and_a_body_naming_one_is_refused(hq: Hq, kiosk: Kiosk) -> None:
    lead = a_lead()
    kiosk.book.keep(lead)
    kept = kiosk.book.get(lead.id)
    assert kept is not None
    headers = {"Authorization": f"Bearer {kiosk.identity.credential}"}

    named = requests.post(
        f"{hq.url}/v1/leads", json={**request_body(kept), "store": "GD-SZ-9999"}, headers=headers, timeout=10
    )
    no_consent = requests.post(
        f"{hq.url}/v1/leads", json={**request_body(kept), "consent": False}, headers=headers, timeout=10
    )
    bad_day = requests.post(
        f"{hq.url}/v1/leads",
        json={**request_body(kept), "call_day": "2026-02-30"},
        headers=headers,
        timeout=10,
    )
    anonymous = requests.post(f"{hq.url}/v1/leads", json=request_body(kept), timeout=10)

    assert named.status_code == 422 and named.json()["problems"] == ["store: unknown field"]
    assert no_consent.status_code == 422 and no_consent.json()["problems"][0].startswith("consent:")
    assert bad_day.status_code == 422 and bad_day.json()["problems"] == [
        "call_day: 2026-02-30 is not a day of the calendar"
    ]
    assert anonymous.status_code == 401
    assert hq_leads(hq) == []


def test_a_body_larger_than_the_routes_limit_is_refused_unread(hq: Hq, kiosk: Kiosk) -> None:
    headers = {"Authorization": f"Bearer {kiosk.identity.credential}", "Content-Type": "application/json"}
    answer = requests.post(f"{hq.url}/v1/leads", data=b" " * (8 * 1024 + 1), headers=headers, timeout=10)
    assert answer.status_code == 413 and "8 KB" in answer.json()["error"]


def test_kiosk_sync_once_sends_entries_and_counts_them_and_status_shows_the_register(
    hq: Hq, kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main as kiosk_main

    kiosk.book.keep(a_lead())
    kiosk.book.close()

    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "sync", "--once", "--json"]) in (0, 1)
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["leads_sent"], summary["leads_pending"], summary["leads_quarantined"]) == (1, 0, 0)
    assert len(hq_leads(hq)) == 1

    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "status", "--json"]) in (0, 1)
    status = json.loads(capsys.readouterr().out)
    assert status["leads"]["by_state"] == {PENDING: 0, SENT: 1, QUARANTINED: 0, "expired": 0}
    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "status"]) in (0, 1)
    assert "register: 0 entries not yet at HQ, 1 at HQ" in capsys.readouterr().out


def test_the_store_manager_lists_the_stores_entries_masked_unless_full(
    hq: Hq, kiosk: Kiosk, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    kiosk.book.keep(a_lead())
    kiosk.send()
    db = ["--db", str(hq.db._engine.url)]

    assert hq_main(["leads", "--store", "GD-SZ-0001", *db]) == 0
    masked = capsys.readouterr().out
    assert hq_main(["leads", "--store", "GD-SZ-0001", "--full", "--json", *db]) == 0
    full = json.loads(capsys.readouterr().out)
    assert hq_main(["leads", "--store", "GD-SZ-0002", *db]) == 0
    other = capsys.readouterr().out
    assert hq_main(["leads", "--store", "GD-SZ-0001", "--since", "2999-01-01", "--json", *db]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert hq_main(["leads", "--store", "GD-SZ-0001", "--since", "yesterday", *db]) == 2

    assert "138****5678" in masked and PHONE not in masked and "彩铃" in masked and "S-1001" in masked
    assert "afternoon" in masked and "1 entry; --full for the numbers" in masked
    assert [r["phone"] for r in full] == [PHONE]
    assert any("AUDIT full numbers listed: store=GD-SZ-0001 entries=1" in r.message for r in caplog.records)
    assert "no register entries for store GD-SZ-0002" in other


def test_purge_masks_hqs_full_numbers_30_days_after_the_entry(
    hq: Hq, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.hq.config import Retention
    from kiosk.hq.retention import purge

    kiosk.book.keep(a_lead())
    kiosk.send()
    now = datetime.now(UTC)

    early = purge(hq.db, None, Retention(), now=now + timedelta(days=29))
    late = purge(hq.db, None, Retention(), now=now + timedelta(days=30, minutes=1))

    assert (early.lead_numbers, late.lead_numbers) == (0, 1)
    [held] = hq_leads(hq)
    assert held["body"]["phone"] == "138****5678" and held["phone_masked_at"] is not None  # type: ignore[index]
    assert "register entries' numbers masked" in str(late)
    assert hq_main(["leads", "--store", "GD-SZ-0001", "--full", "--db", str(hq.db._engine.url)]) == 0
    assert PHONE not in capsys.readouterr().out  # past retention, --full shows it masked


def test_an_entry_that_could_not_reach_hq_within_30_days_is_masked_and_never_sent(
    hq: Hq, kiosk: Kiosk
) -> None:
    old = a_lead(created_at=datetime.now(UTC) - timedelta(days=30, minutes=1))
    kiosk.book.keep(old)
    kiosk.book.keep(a_lead(phone="13900001111"))

    result = kiosk.send()

    assert (result.expired, result.sent, result.pending) == (1, 1, 0)
    kept = kiosk.book.get(old.id)
    assert kept is not None and kept.state == "expired" and kept.lead.phone == "138****5678"
    assert [h["body"]["phone"] for h in hq_leads(hq)] == ["13900001111"]  # type: ignore[index]


def test_the_heartbeat_tells_hq_of_entries_waiting_and_refused_never_a_number(
    hq: Hq, kiosk: Kiosk, tmp_path: Path
) -> None:
    from kiosk.sync.round import sync_round

    refused = a_lead(staff="x" * 65)  # longer than HQ takes: quarantined
    kiosk.book.keep(refused)
    assert kiosk.send().quarantined == 1
    waiting = a_lead()
    kiosk.book.keep(waiting)
    kiosk.sender.book.retry_later(waiting.id, next_try_at=time.time() + 3600, problem="HQ was away")

    sync_round(tmp_path / "kiosk", kiosk.identity, "Asia/Shanghai", ledger=kiosk.book.path)

    with hq.db._engine.connect() as conn:
        body = conn.execute(sa.select(schema.latest_heartbeats.c.body)).scalar_one()
    assert body["leads"] == {"pending": 1, "quarantined": 1, "expired": 0}
    assert PHONE not in json.dumps(body)
