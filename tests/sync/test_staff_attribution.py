"""Attribution end to end with the real HQ on loopback: a member signs in at the kiosk's
window; the customer's events reach HQ carrying the member's number, and an order made
meanwhile is stored at HQ with it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kiosk.config import load_settings
from kiosk.hq import schema
from kiosk.hq import staff as hq_staff
from kiosk.services.ledger import Ledger
from kiosk.sync.roster import ROSTER_FILE
from kiosk.ui.shell import KioskShell
from tests.sync.hqkit import Hq
from tests.sync.test_orders_to_hq import Kiosk, confirmed_order

PIN = "802413"


@pytest.fixture
def kiosk(hq: Hq, tmp_path: Path) -> Any:
    made = Kiosk(hq, tmp_path / "kiosk")
    yield made
    made.close()


def test_events_and_orders_made_while_a_member_is_signed_in_are_theirs_at_hq(
    qapp: Any, hq: Hq, kiosk: Kiosk, tmp_path: Path
) -> None:
    from kiosk.cli import main
    from kiosk.ui.app import load

    data = tmp_path / "kiosk"
    # The member as HQ adds them: the roster reaches the kiosk signed, at its next sync.
    hq_staff.add(
        hq.db, hq.repo, store="GD-SZ-0001", number="1001", name="李娜", pin=PIN, now=datetime.now(UTC)
    )
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    assert (data / ROSTER_FILE).exists()
    settings = load_settings(data)
    loaded = load(settings)
    ledger = Ledger(settings.ledger_path)
    shell = KioskShell(settings, loaded.catalog, ledger=ledger)
    try:
        staff = shell.kiosk.staff_controller
        staff.openPad()
        for d in "1001":
            staff.digit(d)
        staff.next()
        for d in PIN:
            staff.digit(d)
        staff.submit()
        assert staff.current() == "1001"
        nav = shell.kiosk.navigator
        nav.start()
        view = shell.kiosk.content_controller.view
        assert view is not None
        nav.openCategory(view.categories[0].id)
        demo_service = next(s.id for s in view.services if shell.kiosk.content_controller.demo_of(s.id))
        nav.back()
        nav.openService(demo_service, "top10")
        nav.openDemo()  # a demo begun: in the member's figures
        nav.endSession()
        staff.signOut()
    finally:
        shell.close()
        assert ledger.flush()
        ledger.close()
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0

    with hq.db._engine.connect() as conn:
        rows = conn.execute(sa.select(schema.events.c.kind, schema.events.c.data)).all()
    data_of = [(kind, json.loads(d) if isinstance(d, str) else d) for kind, d in rows]
    credited = {kind for kind, d in data_of if (d or {}).get("staff") == "1001"}
    assert {"session_start", "category_open", "staff_sign_in", "staff_sign_out"} <= credited
    assert all(PIN not in json.dumps(d) for _, d in data_of)

    # An order the subscription made with the member signed in (its `staff` callable).
    order = confirmed_order(kiosk, hq, staff="1001")
    kiosk.book.keep(replace(order))
    assert kiosk.send().sent == 1
    with hq.db._engine.connect() as conn:
        stored = conn.execute(
            sa.select(schema.orders.c.staff).where(schema.orders.c.id == order.id)
        ).scalar_one()
    assert stored == "1001"

    # My figures: HQ's (every kiosk of the store), merged with what this kiosk has not sent.
    from kiosk.ui.staff import gather_figures

    figures, problem = gather_figures(load_settings(data), "1001", datetime.now(UTC))
    assert problem == "" and figures.source == "hq"
    assert figures.today.demos == 1 and figures.today.orders == 1
