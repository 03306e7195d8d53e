"""`kiosk quarantine` as a technician meets it: what HQ refused as invalid, kept aside with
HQ's reasons and never a customer's number; `--release` puts the events and the register
entries back to be sent, never a customer's order."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services.leads import PENDING, QUARANTINED, LocalLeads
from kiosk.services.ledger import Ledger
from kiosk.services.orders import LocalOrders
from kiosk.sync.hqclient import HqClient
from kiosk.sync.outbox import Outbox
from tests.hq.apikit import FakeEndpoint
from tests.sync.test_leads_to_hq import PHONE, a_lead
from tests.test_orders import an_order

REFUSED = json.dumps({"error": "the request is not valid", "problems": ["events[0].kind: not a known kind"]})


def kiosk(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def refused_events(data: Path, n: int) -> list[str]:
    """`n` events recorded and sent to an HQ that refuses each as invalid: quarantined."""
    data.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(data / "ledger.sqlite3")
    ids = [ledger.record("demo_scene", {"demo": "demo.5g", "scene": i}) for i in range(n)]
    assert ledger.flush()
    ledger.close()
    outbox = Outbox(data / "ledger.sqlite3")
    with FakeEndpoint() as endpoint:
        # A batch refused whole is split down to single events: 2n - 1 answers.
        endpoint.replies = [(422, REFUSED.encode())] * (2 * n)
        client = HqClient(endpoint.url.removesuffix("hook"), "kx-1.secret")
        try:
            assert outbox.upload(client).quarantined == n
        finally:
            client.close()
            outbox.close()
    return ids


def quarantined_lead(data: Path, *, days_ago: int = 0) -> str:
    book = LocalLeads(data / "ledger.sqlite3")
    made = datetime.now(UTC) - timedelta(days=days_ago)
    lead = a_lead(created_at=made, consented_at=made - timedelta(seconds=30))
    book.keep(lead)
    book.quarantine(lead.id, "service: not offered in this store")
    book.expire(datetime.now(UTC))  # what the sender does at every pass
    book.close()
    return lead.id


def quarantined_order(data: Path) -> str:
    book = LocalOrders(data / "ledger.sqlite3")
    order = an_order()
    book.keep(order)
    book.quarantine(order.id, "409: this id was used for another order")
    book.close()
    return order.id


def lead_state(data: Path, lead_id: str) -> tuple[str, float]:
    with sqlite3.connect(data / "ledger.sqlite3") as conn:
        return conn.execute("SELECT state, next_try_at FROM leads WHERE id = ?", (lead_id,)).fetchone()


def test_it_lists_what_hq_refused_with_its_reasons_and_never_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "kiosk"
    refused_events(data, 3)
    lead = quarantined_lead(data)
    order = quarantined_order(data)

    assert kiosk(data, "quarantine") == 0

    out = capsys.readouterr().out
    assert "events: 3" in out and out.count("demo_scene at ") == 3
    assert "not a known kind" in out
    assert f"entry {lead} (svc.ringback" in out and "not offered in this store" in out
    assert f"order {order}" in out and "used for another order" in out
    assert "never resent from the kiosk" in out and "`kiosk quarantine --release`" in out
    assert PHONE not in out  # the entry's and the order's number alike


def test_release_sends_the_events_and_register_entries_again_but_never_an_order(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "kiosk"
    events = refused_events(data, 2)
    lead = quarantined_lead(data)
    order = quarantined_order(data)
    before = time.time()

    assert kiosk(data, "quarantine", "--release", "--json") == 0

    shown = json.loads(capsys.readouterr().out)
    assert shown["released"] == {"events": 2, "register": 1, "register_kept": 0}
    assert shown["events"]["count"] == 0 and shown["register"]["count"] == 0
    assert shown["orders"]["count"] == 1 and shown["orders"]["latest"][0]["id"] == order
    outbox = Outbox(data / "ledger.sqlite3")
    try:
        assert outbox.quarantined_count() == 0
        pending = outbox._conn.execute("SELECT id, kind FROM events WHERE uploaded_at IS NULL").fetchall()
    finally:
        outbox.close()
    assert {i for i, _ in pending} >= set(events)
    # The release itself is recorded, for HQ to see.
    assert [k for _, k in pending if k == "quarantine_release"] == ["quarantine_release"]
    state, due = lead_state(data, lead)
    assert state == PENDING and due <= time.time() and due >= before
    with sqlite3.connect(data / "ledger.sqlite3") as conn:
        assert conn.execute("SELECT state FROM orders WHERE id = ?", (order,)).fetchone() == ("quarantined",)


def test_an_entry_whose_30_days_are_over_stays_aside_as_its_number_is_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "kiosk"
    data.mkdir()
    recent = quarantined_lead(data)
    old = quarantined_lead(data, days_ago=31)

    assert kiosk(data, "quarantine", "--release") == 0

    out = capsys.readouterr().out
    assert "released 0 event(s) and 1 register entr(y/ies)" in out
    assert f"entry {old}" in out and "their 30 days are over" in out
    assert lead_state(data, recent)[0] == PENDING and lead_state(data, old)[0] == QUARANTINED


def test_a_kiosk_with_nothing_aside_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "kiosk"

    assert kiosk(data, "quarantine") == 0
    assert "nothing is kept aside: HQ has taken everything it was sent" in capsys.readouterr().out

    assert kiosk(data, "quarantine", "--release") == 0

    out = capsys.readouterr().out
    assert "released 0 event(s) and 0 register entr(y/ies)" in out
    assert "nothing else is kept aside" in out
    assert not (data / "ledger.sqlite3").exists()


def test_status_counts_the_refused_events_and_names_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "kiosk"
    refused_events(data, 2)

    kiosk(data, "status")

    assert "2 event(s) HQ refused as invalid, kept aside (`kiosk quarantine`)" in capsys.readouterr().out


def test_a_damaged_ledger_is_named_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / "ledger.sqlite3").write_bytes(b"not a database, a technician's copy gone wrong" * 100)

    for args in (("quarantine",), ("quarantine", "--release")):
        assert kiosk(data, *args) != 0
        out = capsys.readouterr()
        assert "ledger.sqlite3" in out.err and "Traceback" not in out.out + out.err
