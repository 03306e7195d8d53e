"""Staff at the kiosk through the real window: the staff button, the sign-in pad, the badge
and its menu, attribution of events and orders, the sign-outs, the lockout kept in the data
folder, and My figures (this kiosk's ledger, or HQ's). The session's rules are tested in
tests/flow/test_staff.py; here the wiring, with the same hand-moved clock where time matters."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import Settings
from kiosk.domain.staff import Points, Roster, StaffMember, hash_pin, parse_roster, roster_json
from kiosk.flow.pin import LOCKOUT_S, MAX_TRIES
from kiosk.present.figures import StaffFigures
from kiosk.sync.roster import ROSTER_FILE
from kiosk.sync.staff_local import LOCK_FILE, ledger_records
from kiosk.ui.shell import KioskShell
from kiosk.ui.staff import gather_figures
from tests.fakes import ManualClock
from tests.ui.kit import events, find, tap, texts, wait_for, wait_idle
from tests.ui.test_subscribe import HQ, TERMS, Book, Hq

PIN = "802413"


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def with_roster(settings: Settings, pin_hash: str) -> Settings:
    """The data folder with an installed roster: 1001 Li Na (staff), 1003 disabled."""
    roster = Roster(
        "GD-SZ-0001",
        1,
        "2026-12-01T00:00:00+00:00",
        (
            StaffMember("1001", "李娜", "GD-SZ-0001", "staff", pin_hash, True),
            StaffMember("1003", "Gone", "GD-SZ-0001", "staff", "", False),
        ),
    )
    path = settings.data_dir / ROSTER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(roster_json(roster))
    return replace(settings, language="en")


def type_keys(qtbot: Any, ui: KioskShell, keys: str) -> None:
    for k in keys:
        tap(qtbot, ui, f"staffKey{k}")


def sign_in(qtbot: Any, ui: KioskShell, number: str = "1001", pin: str = PIN) -> None:
    """As a member would: the staff button, the number, Next, the PIN, Sign in."""
    tap(qtbot, ui, "staffButton")
    wait_for(qtbot, ui, "staffPad")
    type_keys(qtbot, ui, number)
    tap(qtbot, ui, "staffKeyOk")
    qtbot.waitUntil(lambda: ui.kiosk.staff_controller.shown_pad.step == "pin")
    type_keys(qtbot, ui, pin)
    tap(qtbot, ui, "staffKeyOk")


def signed_in(qtbot: Any, ui: KioskShell, easy: bool = False) -> KioskShell:
    """`ui` with 1001 signed in (in easy mode, chosen before, if asked)."""
    if easy:
        ui.kiosk.access_controller.toggleEasy()
    sign_in(qtbot, ui)
    qtbot.waitUntil(lambda: ui.kiosk.staff_controller.property("signedIn"))
    return ui


def test_a_member_signs_in_from_the_attract_loop_without_starting_a_session(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui: KioskShell = make_ui(settings=with_roster)
    staff = ui.kiosk.staff_controller
    sign_in(qtbot, ui)

    qtbot.waitUntil(lambda: staff.property("signedIn"))
    assert staff.current() == "1001"
    assert (staff.property("number"), staff.property("name")) == ("1001", "李娜")
    assert ui.kiosk.navigator.screen == "attract"  # the staff's taps started no session
    assert find(ui, "staffPad") is None
    # The badge replaces the button on the attract loop, and shows on every top bar.
    wait_for(qtbot, ui, "staffBadge")
    ui.kiosk.navigator.start()
    wait_idle(qtbot, ui)
    assert "李娜" in texts(ui)
    ui.kiosk.language_controller.choose("zh-CN")
    qtbot.waitUntil(lambda: staff.property("name") == "李娜")
    signed = [e for e in events(ui) if e["kind"] == "staff_sign_in"]
    assert [(e["data"], e["session"]) for e in signed] == [({"staff": "1001", "role": "staff"}, None)]


def test_events_made_while_signed_in_are_credited_and_the_pin_is_never_recorded(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui: KioskShell = make_ui(settings=with_roster)
    sign_in(qtbot, ui)
    qtbot.waitUntil(lambda: ui.kiosk.staff_controller.property("signedIn"))
    nav = ui.kiosk.navigator
    nav.start()
    nav.openService("svc.ringback", "top10")
    credited = [e for e in events(ui) if e["kind"] in ("session_start", "service_open")]
    assert credited and all(e["data"].get("staff") == "1001" for e in credited)
    assert all(PIN not in json.dumps(e) for e in events(ui))


def test_orders_carry_the_signed_in_member(
    qtbot: Any, make_ui: Any, with_roster: Settings, media: dict[str, Path]
) -> None:
    from tests.ui.kit import build_catalog, build_pack

    pack = build_pack(media)
    services = tuple(replace(s, terms=TERMS) for s in pack.services)
    ui: KioskShell = make_ui(settings=with_roster, catalog=build_catalog(replace(pack, services=services)))
    book = Book()
    ui.use_orders(book, Hq(), lambda: HQ)
    ui.kiosk.staff_controller.openPad()
    for d in "1001":
        ui.kiosk.staff_controller.digit(d)
    ui.kiosk.staff_controller.next()
    for d in PIN:
        ui.kiosk.staff_controller.digit(d)
    ui.kiosk.staff_controller.submit()
    assert ui.kiosk.staff_controller.current() == "1001"

    from kiosk.ui.screenshot import walk_subscribe

    nav = ui.kiosk.navigator
    nav.start()
    nav.openService("svc.ringback", "top10")
    nav.openSubscribe()
    walk_subscribe(ui, "subscribe-receipt")
    assert [o.staff for o in book.orders.values()] == ["1001"]


def test_the_badges_menu_signs_out_and_nothing_is_credited_after(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui = signed_in(qtbot, make_ui(settings=with_roster))
    staff = ui.kiosk.staff_controller
    ui.kiosk.navigator.start()
    tap(qtbot, ui, "staffBadge")
    wait_for(qtbot, ui, "staffMenu")
    assert "No. 1001" in " ".join(texts(ui))
    tap(qtbot, ui, "staffSignOut")

    qtbot.waitUntil(lambda: not staff.property("signedIn"))
    assert find(ui, "staffMenu") is None and find(ui, "staffBadge") is None
    ui.kiosk.navigator.openCategory("cat.music")
    log = events(ui)
    out = [e["data"] for e in log if e["kind"] == "staff_sign_out"]
    assert out == [{"staff": "1001", "reason": "user"}]
    opened = [e for e in log if e["kind"] == "category_open"]
    assert opened and "staff" not in opened[-1]["data"]


def test_a_touch_beside_the_menu_closes_it(qtbot: Any, make_ui: Any, with_roster: Settings) -> None:
    ui: KioskShell = make_ui(settings=with_roster)
    sign_in(qtbot, ui)
    tap(qtbot, ui, "staffBadge")
    wait_for(qtbot, ui, "staffMenu")
    tap(qtbot, ui, "staffMenuClose")
    qtbot.waitUntil(lambda: find(ui, "staffMenu") is None)
    assert ui.kiosk.staff_controller.property("signedIn")


def test_a_wrong_pin_and_an_unknown_number_read_the_same_on_the_pad(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui: KioskShell = make_ui(settings=with_roster)
    seen = []
    for number, pin in (("1001", "000000"), ("9999", PIN), ("1003", PIN)):
        if find(ui, "staffPad") is None:
            tap(qtbot, ui, "staffButton")
        else:
            tap(qtbot, ui, "staffPadBack")
            for _ in range(4):
                tap(qtbot, ui, "staffKeyErase")
        type_keys(qtbot, ui, number)
        tap(qtbot, ui, "staffKeyOk")
        type_keys(qtbot, ui, pin)
        tap(qtbot, ui, "staffKeyOk")
        message = wait_for(qtbot, ui, "staffPadMessage").property("text")
        seen.append(message.replace(str(ui.kiosk.staff_controller.shown_pad.tries_left), "N"))
    assert len(set(seen)) == 1 and "not right" in seen[0]
    assert not ui.kiosk.staff_controller.property("signedIn")


def test_the_lockout_says_how_long_and_outlives_a_restart(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui: KioskShell = make_ui(settings=with_roster)
    staff = ui.kiosk.staff_controller
    staff.openPad()
    for _ in range(MAX_TRIES):
        if staff.shown_pad.step == "number":
            for d in "1001":
                staff.digit(d)
            staff.next()
        for d in "000000":
            staff.digit(d)
        staff.submit()
    assert staff.shown_pad.state == "locked"
    message = wait_for(qtbot, ui, "staffPadMessage").property("text")
    assert "5:00" in message or "4:59" in message
    locks = [e["data"] for e in events(ui) if e["kind"] == "staff_lockout"]
    assert locks == [{"locked_for_s": round(LOCKOUT_S)}]
    kept = json.loads((with_roster.data_dir / LOCK_FILE).read_text())
    assert kept["failures"] == MAX_TRIES
    assert (with_roster.data_dir / LOCK_FILE).stat().st_mode & 0o777 == 0o600

    again: KioskShell = make_ui(settings=with_roster)
    again.kiosk.staff_controller.openPad()
    assert again.kiosk.staff_controller.shown_pad.state == "locked"


def test_idle_without_a_customer_signs_out_and_a_customer_keeps_the_member(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    clock = ManualClock()
    ui: KioskShell = make_ui(settings=replace(with_roster, idle_timeout_s=3600, staff_idle_s=600), now=clock)
    staff = ui.kiosk.staff_controller
    sign_in(qtbot, ui)
    qtbot.waitUntil(lambda: staff.property("signedIn"))
    ui.kiosk.navigator.start()
    clock.advance(1200)
    staff.tick()
    assert staff.property("signedIn")
    ui.kiosk.navigator.endSession()
    clock.advance(599)
    staff.tick()
    assert staff.property("signedIn")
    clock.advance(1)
    staff.tick()
    assert not staff.property("signedIn")
    assert [e["data"]["reason"] for e in events(ui) if e["kind"] == "staff_sign_out"] == ["idle"]


def test_a_touch_anywhere_keeps_the_member_signed_in(qtbot: Any, make_ui: Any, with_roster: Settings) -> None:
    clock = ManualClock()
    ui = signed_in(qtbot, make_ui(settings=with_roster, now=clock))
    staff = ui.kiosk.staff_controller
    clock.advance(590)
    tap(qtbot, ui, "staffBadge")
    tap(qtbot, ui, "staffMenuClose")
    clock.advance(590)
    staff.tick()
    assert staff.property("signedIn")


def test_the_end_of_the_day_signs_out(qtbot: Any, make_ui: Any, with_roster: Settings) -> None:
    # 21:29:30 in Shenzhen; the store closes at 21:30.
    now = [datetime(2026, 12, 3, 13, 29, 30, tzinfo=UTC)]
    clock = ManualClock()
    ui: KioskShell = make_ui(
        settings=replace(with_roster, staff_closing="21:30"), clock=lambda: now[0], now=clock
    )
    staff = ui.kiosk.staff_controller
    sign_in(qtbot, ui)
    qtbot.waitUntil(lambda: staff.property("signedIn"))
    now[0] += timedelta(seconds=30)
    clock.advance(30)
    staff.tick()
    assert not staff.property("signedIn")
    assert [e["data"]["reason"] for e in events(ui) if e["kind"] == "staff_sign_out"] == ["end_of_day"]


def test_a_member_the_synced_roster_disables_is_signed_out(
    qtbot: Any, make_ui: Any, with_roster: Settings, pin_hash: str
) -> None:
    ui = signed_in(qtbot, make_ui(settings=with_roster))
    staff = ui.kiosk.staff_controller
    member = StaffMember("1001", "Li Na", "GD-SZ-0001", "staff", "", False)
    (with_roster.data_dir / ROSTER_FILE).write_bytes(roster_json(Roster("GD-SZ-0001", 2, "", (member,))))
    staff.roster_changed()
    assert not staff.property("signedIn")
    assert [e["data"]["reason"] for e in events(ui) if e["kind"] == "staff_sign_out"] == ["removed"]


def test_without_a_roster_the_pad_says_so(qtbot: Any, make_ui: Any, settings: Settings) -> None:
    ui: KioskShell = make_ui(settings=replace(settings, language="en"))
    tap(qtbot, ui, "staffButton")
    message = wait_for(qtbot, ui, "staffPadMessage").property("text")
    assert "no staff list" in message
    assert not find(ui, "staffKey1").isEnabled()
    tap(qtbot, ui, "staffPadCancel")
    qtbot.waitUntil(lambda: find(ui, "staffPad") is None)


# -- My figures ---------------------------------------------------------------------------
def test_my_figures_from_the_menu_say_where_they_come_from(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui = signed_in(qtbot, make_ui(settings=with_roster))
    staff = ui.kiosk.staff_controller
    ui.kiosk.navigator.start()
    ui.kiosk.navigator.openService("svc.ringback", "top10")
    tap(qtbot, ui, "staffBadge")
    tap(qtbot, ui, "staffMyFigures")

    qtbot.waitUntil(lambda: staff.shown_figures.shown and not staff.shown_figures.loading, timeout=10_000)
    # Not enrolled: this kiosk's own ledger, and the screen says so.
    assert staff.shown_figures.source == "kiosk"
    assert "this kiosk is not enrolled" in find(ui, "staffFiguresSource").property("text")
    rows = {r.period: r for r in staff.shown_rows}
    assert set(rows) == {"today", "week", "month"}
    tap(qtbot, ui, "staffFiguresClose")
    qtbot.waitUntil(lambda: find(ui, "staffFigures") is None)


def test_signing_out_closes_my_figures(qtbot: Any, make_ui: Any, with_roster: Settings) -> None:
    ui = signed_in(qtbot, make_ui(settings=with_roster))
    staff = ui.kiosk.staff_controller
    figures = StaffFigures("1001", "hq", *(replace_period() for _ in range(3)))
    staff.show_figures(figures)
    wait_for(qtbot, ui, "staffFigures")
    staff.signOut()
    qtbot.waitUntil(lambda: find(ui, "staffFigures") is None)


def test_my_figures_explain_points_with_the_weights_they_were_counted_with(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui = signed_in(qtbot, make_ui(settings=with_roster))
    staff = ui.kiosk.staff_controller
    weights = Points(confirmed_order=20, lead=5, demo=3)
    staff.show_figures(StaffFigures("1001", "hq", *(replace_period() for _ in range(3)), weights))
    note = wait_for(qtbot, ui, "staffFiguresNote")
    said = "Points: 20 for an order the operator confirmed, 5 for a register entry, 3 for a demo"
    assert said in note.property("text")
    ui.kiosk.language_controller.choose("zh-CN")
    said = "运营商确认的订单 20 分，意向客户登记 5 分，完整演示 3 分"
    qtbot.waitUntil(lambda: said in note.property("text"))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("easy", [False, True])
def test_my_figures_show_each_period_s_title_and_points_whole(
    qtbot: Any, make_ui: Any, with_roster: Settings, size: tuple[int, int], easy: bool
) -> None:
    ui = signed_in(qtbot, make_ui(settings=with_roster, size=size), easy=easy)
    staff = ui.kiosk.staff_controller
    big = StaffFigures("1001", "hq", *(replace_period() for _ in range(3)))
    staff.show_figures(replace(big, month=replace(big.month, points=12345)))
    wait_for(qtbot, ui, "staffPoints_month")
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.update()
    for period in ("today", "week", "month"):
        for name in (f"staffPeriodTitle_{period}", f"staffPoints_{period}"):
            item = find(ui, name)
            assert item is not None and not item.property("truncated"), (name, size, easy)


def replace_period() -> Any:
    from kiosk.present.figures import Period

    return Period(3, 1, 1, 0, 1 / 3, 13)


def test_the_kiosks_own_figures_count_what_the_ledger_credits(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    ui: KioskShell = make_ui(settings=with_roster)
    rec = ui.recorder
    rec.staff = "1001"
    rec.record("demo_start", demo="d", service="s")
    rec.record("demo_end", demo="d", service="s", completed=True)
    rec.record("demo_start", demo="d", service="s")
    rec.record("demo_end", demo="d", service="s", completed=False)
    rec.staff = "2002"
    rec.record("demo_start", demo="d", service="s")
    rec.staff = None
    rec.record("demo_start", demo="d", service="s")
    assert ui.ledger.flush()  # type: ignore[attr-defined]
    figures, problem = gather_figures(with_roster, "1001", datetime.now(UTC))
    assert problem == "notEnrolled" and figures.source == "kiosk"
    assert (figures.today.demos, figures.today.points, figures.today.orders) == (2, 1, 0)
    assert figures.month.demos == 2
    start = datetime.now(UTC) - timedelta(days=1)
    demos, orders, leads = ledger_records(with_roster.ledger_path, "2002", start)
    assert len(demos) == 1 and orders == [] and leads == []


def test_the_kiosks_own_figures_weigh_points_as_the_installed_roster_says(with_roster: Settings) -> None:
    from kiosk.services.ledger import Ledger

    path = with_roster.data_dir / ROSTER_FILE
    weighed = replace(parse_roster(path.read_bytes()), points=Points(confirmed_order=10, lead=2, demo=7))
    path.write_bytes(roster_json(weighed))
    ledger = Ledger(with_roster.ledger_path)
    try:
        ledger.record("demo_end", {"demo": "d", "completed": True, "staff": "1001"}, session="s")
        assert ledger.flush()
    finally:
        ledger.close()
    figures, _ = gather_figures(with_roster, "1001", datetime.now(UTC))
    assert figures.source == "kiosk" and figures.today.points == 7
    assert figures.weights == Points(confirmed_order=10, lead=2, demo=7)


# -- HQ's figures, against a tiny stand-in of HQ's route (the route is the roster helper's) --
ANSWER = {
    "staff": "1001",
    "periods": {
        p: {"demos": 9, "orders": 3, "confirmed": 2, "leads": 1, "conversion": 0.33, "points": 31}
        for p in ("today", "week", "month")
    },
}


@pytest.fixture
def hq_stand_in() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(f"{self.path} {self.headers.get('Authorization')}")
            found = self.path == "/v1/staff/1001/figures"
            body = json.dumps(ANSWER if found else {"error": "not on the roster"}).encode()
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def enrol(settings: Settings, url: str) -> None:
    from kiosk.sync.identity import Identity, save_identity

    save_identity(
        settings.data_dir,
        Identity(url, "dev-1", "cred-1", "GD-SZ-0001", "GD-SZ", "GD", "2026-12-01T00:00:00+00:00"),
    )


def test_hqs_figures_are_shown_when_hq_answers(
    hq_stand_in: tuple[str, list[str]], with_roster: Settings
) -> None:
    url, seen = hq_stand_in
    enrol(with_roster, url)
    figures, problem = gather_figures(with_roster, "1001", datetime.now(ZoneInfo("Asia/Shanghai")))
    assert problem == "" and figures.source == "hq"
    assert (figures.week.demos, figures.week.points, figures.week.conversion) == (9, 31, 0.33)
    assert seen == ["/v1/staff/1001/figures Bearer cred-1"]


def test_a_number_hq_does_not_know_falls_back_to_the_kiosks_own(
    hq_stand_in: tuple[str, list[str]], with_roster: Settings
) -> None:
    url, _ = hq_stand_in
    enrol(with_roster, url)
    figures, problem = gather_figures(with_roster, "2002", datetime.now(UTC))
    assert figures.source == "kiosk" and problem == "unreachable"


def test_the_recorder_credits_every_event_but_the_staffs_own_while_set() -> None:
    from kiosk.ui.events import Recorder

    seen: list[tuple[str, dict[str, Any], str | None]] = []

    class Sink:
        def record(self, kind: str, data: dict[str, Any] | None = None, session: str | None = None) -> str:
            seen.append((kind, dict(data or {}), session))
            return kind

    rec = Recorder(Sink())
    rec.session = "s1"
    rec.record("service_open", service="a")
    rec.staff = "1001"
    rec.record("service_open", service="b")
    rec.record_staff("maintenance_open")
    rec.staff = None
    rec.record("service_open", service="c")
    assert seen == [
        ("service_open", {"service": "a"}, "s1"),
        ("service_open", {"service": "b", "staff": "1001"}, "s1"),
        ("maintenance_open", {}, None),
        ("service_open", {"service": "c"}, "s1"),
    ]


def test_the_badges_menu_opens_the_register_for_the_signed_in_member_only(
    qtbot: Any, make_ui: Any, with_roster: Settings
) -> None:
    from tests.ui.test_register import Book

    ui: KioskShell = make_ui(settings=with_roster)
    register = ui.kiosk.register_controller
    register.use_leads(Book())
    assert not register.property("available")
    sign_in(qtbot, ui)
    qtbot.waitUntil(lambda: register.property("available"))
    ui.kiosk.navigator.start()
    ui.kiosk.navigator.openService("svc.ringback", "top10")
    tap(qtbot, ui, "staffBadge")
    tap(qtbot, ui, "staffRegister")

    qtbot.waitUntil(lambda: register.property("active"))
    assert register._staff() == "1001"  # credited on the entry
    ui.kiosk.staff_controller.signOut()
    qtbot.waitUntil(lambda: not register.property("available") and not register.property("active"))
