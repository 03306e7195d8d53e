"""Customers' orders from the kiosk to a real HQ on loopback: the flow to its receipt with the
real confirmation client, the order book on the kiosk's file, the sender, and HQ's answers
coming back; HQ away, answers lost, refusals. The sender's clock is moved by hand (no
sleeps): a pass at a later time is a pass after its back-off or poll interval."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.domain.phone import masked
from kiosk.flow.subscribe import Answer, Offering, Order, SecondStep, Step, Subscription, perform
from kiosk.hq.cli import main as hq_main
from kiosk.hq.db import Database
from kiosk.hq.ordering import LocalOrdering
from kiosk.services.orders import ANSWERED, PENDING, QUARANTINED, SENT, LocalOrders
from kiosk.sync.commands import order_states
from kiosk.sync.confirm import HqConfirmations, for_kiosk
from kiosk.sync.hqclient import HqClient
from kiosk.sync.orders import POLL_EVERY, OrderSender, OrdersResult, OrderWorker
from tests.sync.faultproxy import fault_proxy
from tests.sync.hqkit import Hq, MovingClock, enrolled, serving

PHONE = "13812345678"
REFUSED = "svc.already-have"
ALREADY = "this number already has this service"
OFFERING = Offering(
    service="svc.5g-plus",
    offer=None,
    price_fen=12_800,
    service_name={"zh-CN": "5G 畅享", "en": "5G Plus"},
    price_text={"zh-CN": "每月 128 元", "en": "¥128 a month"},
)


class SenderClock:
    """The sender's wall clock: now, plus what the test moved it on by."""

    def __init__(self) -> None:
        self.ahead = 0.0

    def __call__(self) -> float:
        return time.time() + self.ahead

    def advance(self, seconds: float) -> None:
        self.ahead += seconds


class Kiosk:
    """An enrolled kiosk's parts: its order book, sender and confirmations."""

    def __init__(self, hq: Hq, data: Path) -> None:
        self.identity = enrolled(hq, data)
        self.book = LocalOrders(data / "ledger.sqlite3")
        self.clock = SenderClock()
        self.answers: list[tuple[str, Answer]] = []
        self.sender = OrderSender(
            LocalOrders(data / "ledger.sqlite3", checkpoint=True),
            clock=self.clock,
            random=lambda: 0.5,
            on_answer=lambda order_id, answer: self.answers.append((order_id, answer)),
        )
        confirmations = for_kiosk(data)
        assert confirmations is not None
        self.confirmations: HqConfirmations = confirmations

    def client(self, url: str | None = None) -> HqClient:
        return HqClient(url or self.identity.hq_url, self.identity.credential, timeout=(2.0, 5.0))

    def send(self, url: str | None = None) -> OrdersResult:
        client = self.client(url)
        try:
            return self.sender.run(client)
        finally:
            client.close()

    def close(self) -> None:
        self.book.close()
        self.sender.book.close()
        self.confirmations.close()


@pytest.fixture
def kiosk(hq: Hq, tmp_path: Path) -> Iterator[Kiosk]:
    made = Kiosk(hq, tmp_path / "kiosk")
    yield made
    made.close()


def subscribe(kiosk: Kiosk, hq: Hq, offering: Offering = OFFERING, phone: str = PHONE) -> Order:
    """A customer's way through the flow with the code HQ texted, to the receipt."""
    events: list[str] = []
    flow = Subscription(lambda kind, **data: events.append(kind), kiosk.book)
    flow.open(offering)
    for d in phone:
        flow.digit(d)
    assert flow.number_done() and flow.set_consent(True)
    effect = flow.confirm_review()
    assert effect is not None
    assert flow.report(effect, perform(kiosk.confirmations, effect)) and flow.step is Step.CODE
    for d in hq.last_code():
        flow.code_digit(d)
    effect = flow.submit_code()
    assert effect is not None
    assert flow.report(effect, perform(kiosk.confirmations, effect))
    assert flow.step is Step.RECEIPT and flow.order is not None
    return flow.order


def confirmed_order(kiosk: Kiosk, hq: Hq, phone: str = PHONE, **changes: object) -> Order:
    """An order for `phone` confirmed with a code HQ really texted, as the flow would make it
    (one a minute per number: HQ's cooldown)."""
    sent = kiosk.confirmations.request_code(phone)
    checked = kiosk.confirmations.check_code(sent.challenge, hq.last_code())  # type: ignore[union-attr]
    assert checked.verified  # type: ignore[union-attr]
    now = datetime.now(UTC)
    order = Order(
        id=f"order-{time.time_ns()}",
        status_token=f"token-{time.time_ns()}-" + "s" * 24,
        service=OFFERING.service,
        offer=None,
        phone=phone,
        price_fen=OFFERING.price_fen,
        placed_at=now,
        consented_at=now,
        second_step=SecondStep.CODE,
        confirmation=checked.confirmation,  # type: ignore[union-attr]
        marketing_opt_in=False,
        staff=None,
        session=None,
        service_name=dict(OFFERING.service_name),
        price_text=dict(OFFERING.price_text),
    )
    return replace(order, **changes)  # type: ignore[arg-type]


def test_an_order_confirmed_by_code_reaches_hq_once_and_its_acceptance_comes_back(
    hq: Hq, kiosk: Kiosk
) -> None:
    order = subscribe(kiosk, hq)
    assert kiosk.book.get(order.id).state == PENDING  # type: ignore[union-attr]

    result = kiosk.send()

    assert (result.sent, result.answered, result.pending, result.errors) == (1, 1, 0, [])
    assert hq.orders() == {order.id: "accepted"}
    answer = kiosk.book.answer(order.id)
    assert answer is not None and answer.status == "accepted" and answer.reference.startswith("LOCAL-")
    assert kiosk.answers == [(order.id, answer)]
    kept = kiosk.book.get(order.id)
    assert kept is not None and kept.order.phone == "138****5678" and kept.order.confirmation is None
    assert kiosk.send().sent == 0  # nothing more to send, nothing to ask after
    assert hq.orders() == {order.id: "accepted"}


def test_an_order_hq_holds_unanswered_is_asked_after_until_the_answer_comes(
    hq: Hq, kiosk: Kiosk, tmp_path: Path
) -> None:
    order = replace(confirmed_order(kiosk, hq), second_step=SecondStep.SMS_REPLY, confirmation=None)
    kiosk.book.keep(order)

    first = kiosk.send()
    assert (first.sent, first.answered, first.waiting) == (1, 0, 1)
    assert hq.orders() == {order.id: "awaiting_reply"}
    assert "Y" in hq.texts()[-1]["text"]  # HQ texted the customer: reply Y to confirm
    assert kiosk.book.answer(order.id) is None
    kiosk.clock.advance(POLL_EVERY[0][1] - 0.5)
    assert kiosk.send().polled == 0  # not due yet

    assert hq_reply(hq, tmp_path, PHONE, "Y") == 0

    kiosk.clock.advance(1.0)
    later = kiosk.send()
    assert (later.polled, later.answered, later.waiting) == (1, 1, 0)
    answer = kiosk.book.answer(order.id)
    assert answer is not None and answer.status == "accepted"
    assert kiosk.answers == [(order.id, answer)]


def test_an_order_the_operator_rejects_comes_back_with_its_reason(
    tmp_path: Path, repo_template: Path, hq_db_template: Path
) -> None:
    with hq_refusing(tmp_path, repo_template, hq_db_template) as hq:
        kiosk = Kiosk(hq, tmp_path / "kiosk")
        try:
            order = subscribe(kiosk, hq, replace(OFFERING, service=REFUSED))

            result = kiosk.send()

            assert (result.sent, result.answered) == (1, 1)
            assert kiosk.book.answer(order.id) == Answer("rejected", ALREADY, "")
            assert kiosk.answers == [(order.id, Answer("rejected", ALREADY, ""))]
            # Staff see it too (kiosk status, the maintenance screen), to call the customer back.
            refused = order_states(load_settings(tmp_path / "kiosk"))["refused"]
            assert refused == [
                {
                    "reference": order.reference,
                    "service": REFUSED,
                    "phone": masked(order.phone),
                    "status": "rejected",
                    "reason": ALREADY,
                    "at": refused[0]["at"],
                }
            ]
        finally:
            kiosk.close()


def test_a_test_numbers_order_is_accepted_by_hq_itself_and_marked_test(
    hq: Hq, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    test_phone = "13900000000"
    monkeypatch.setenv("KIOSK_HQ_DB", f"sqlite:///{hq_db_path(hq)}")
    assert hq_main(["test-number", "add", test_phone, "--code", "123456"]) == 0
    texts_before = len(hq.texts())

    sent = kiosk.confirmations.request_code(test_phone)
    checked = kiosk.confirmations.check_code(sent.challenge, "123456")  # type: ignore[union-attr]
    assert checked.verified  # type: ignore[union-attr]
    order = replace(confirmed_order(kiosk, hq), phone=test_phone, confirmation=checked.confirmation)  # type: ignore[union-attr]
    kiosk.book.keep(order)
    result = kiosk.send()

    assert result.answered == 1 and len(hq.texts()) == texts_before + 1  # the earlier code only
    kept = kiosk.book.get(order.id)
    assert kept is not None and kept.test is True and kept.reference and kept.reference.startswith("TEST-")


def test_orders_kept_while_hq_is_down_wait_and_reach_hq_exactly_once_later(hq: Hq, kiosk: Kiosk) -> None:
    orders = [confirmed_order(kiosk, hq, f"1381234500{i}") for i in range(2)]
    for order in orders:
        kiosk.book.keep(order)
    down = closed_port_url()

    away = kiosk.send(down)

    assert (away.sent, away.pending) == (0, 2) and away.errors and "cannot be reached" in away.errors[0]
    kept = [kiosk.book.get(o.id) for o in orders]
    assert [k.attempts for k in kept] == [1, 0]  # type: ignore[union-attr]  # one request, not one per order
    assert all(k.next_try_at > kiosk.clock() for k in kept)  # type: ignore[union-attr]
    assert kiosk.send().sent == 0  # HQ is back, but the back-off has not passed
    assert hq.orders() == {}

    kiosk.clock.advance(5.0)  # the first back-off: at most 5 s
    back = kiosk.send()

    assert (back.sent, back.pending, back.errors) == (2, 0, [])
    assert hq.orders() == {o.id: "accepted" for o in orders}


def test_an_answer_lost_on_the_way_leaves_hq_holding_the_order_once(hq: Hq, kiosk: Kiosk) -> None:
    order = confirmed_order(kiosk, hq)
    kiosk.book.keep(order)
    with fault_proxy(hq.url, fault_rate=1.0, stall_s=0.1) as proxy:
        proxy.fate = lambda: "cut"  # type: ignore[method-assign]  # HQ takes the order; its answer is dropped
        lost = kiosk.send(proxy.url)

    assert lost.sent == 0 and lost.pending == 1
    assert hq.orders() == {order.id: "accepted"}  # HQ has it; the kiosk did not hear
    kept = kiosk.book.get(order.id)
    assert kept is not None and kept.order.phone == PHONE  # not acknowledged: the number stays

    kiosk.clock.advance(5.0)
    again = kiosk.send()

    assert (again.sent, again.answered) == (1, 1)
    assert hq.orders() == {order.id: "accepted"}


def test_orders_through_a_link_that_fails_half_the_time_each_reach_hq_once(hq: Hq, kiosk: Kiosk) -> None:
    orders = [confirmed_order(kiosk, hq, f"1381234500{i}") for i in range(6)]
    for order in orders:
        kiosk.book.keep(order)
    with fault_proxy(hq.url, fault_rate=0.5, seed=7, stall_s=0.1) as proxy:
        for _ in range(200):
            if kiosk.send(proxy.url).pending == 0:
                break
            kiosk.clock.advance(700.0)  # past any back-off
        assert sum(proxy.fates.get(f, 0) for f in ("refuse", "cut", "truncate", "stall")) > 0

    assert hq.orders() == {o.id: "accepted" for o in orders}
    assert kiosk.book.counts()[ANSWERED] == 6


def test_an_order_whose_confirmation_grew_too_old_offline_goes_again_for_the_customers_reply(
    hq: Hq, kiosk: Kiosk, tmp_path: Path
) -> None:
    order = confirmed_order(kiosk, hq)
    kiosk.book.keep(order)
    assert isinstance(hq.clock, MovingClock)
    hq.clock.advance(minutes=31)  # the kiosk was offline past HQ's 30 minutes

    result = kiosk.send()

    assert (result.resent_by_reply, result.sent, result.waiting) == (1, 1, 1)
    assert hq.orders() == {order.id: "awaiting_reply"}
    kept = kiosk.book.get(order.id)
    assert kept is not None and kept.order.second_step is SecondStep.SMS_REPLY
    assert kept.order.status_token == order.status_token  # the receipt's QR code still works

    assert hq_reply(hq, tmp_path, PHONE, "N") == 0
    kiosk.clock.advance(POLL_EVERY[0][1])
    assert kiosk.send().answered == 1
    answer = kiosk.book.answer(order.id)
    assert answer is not None and answer.status == "declined" and "N" in answer.reason


def test_the_same_id_for_another_order_is_quarantined_with_hqs_reason_and_not_resent(
    hq: Hq, kiosk: Kiosk
) -> None:
    first = confirmed_order(kiosk, hq)
    kiosk.book.keep(first)
    assert kiosk.send().sent == 1
    # A bug: the same id again, for another service (kept in another kiosk file here).
    other = LocalOrders(kiosk.book.path.with_name("other.sqlite3"))
    other.keep(replace(confirmed_order(kiosk, hq, "13812345001"), id=first.id, service="svc.other"))
    sender = OrderSender(other, clock=kiosk.clock, random=lambda: 0.5)
    client = kiosk.client()
    try:
        result = sender.run(client)
        kiosk.clock.advance(3600)
        again = sender.run(client)
    finally:
        client.close()
        other.close()

    assert result.quarantined == 1 and "409" in result.errors[0]
    assert again.sent == 0 and again.quarantined == 0
    held = LocalOrders(kiosk.book.path.with_name("other.sqlite3"))
    assert held.counts()[QUARANTINED] == 1 and "already used" in held.quarantined()[0]["problem"]
    assert held.answer(first.id).status == "failed"  # type: ignore[union-attr]
    held.close()


def test_an_order_hq_finds_invalid_is_quarantined_and_shown_to_staff(
    hq: Hq, kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main as kiosk_main

    order = confirmed_order(kiosk, hq, staff="x" * 65)  # longer than HQ takes
    kiosk.book.keep(order)

    result = kiosk.send()

    assert result.quarantined == 1 and "422" in result.errors[0] and "staff" in result.errors[0]
    assert kiosk.book.counts()[QUARANTINED] == 1
    assert kiosk.answers == [(order.id, kiosk.book.answer(order.id))]
    assert kiosk.send().quarantined == 0  # not resent
    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "status"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("PROBLEM: 1 customer order(s) HQ would not take") and order.id in out
    assert f"QUARANTINED order {order.id}" in out and "staff" in out


def test_the_worker_sends_an_order_as_soon_as_it_is_kicked(hq: Hq, kiosk: Kiosk, tmp_path: Path) -> None:
    import queue

    passes: queue.Queue[OrdersResult] = queue.Queue()
    worker = OrderWorker(tmp_path / "kiosk", kiosk.book.path, on_pass=passes.put, idle_s=3600)
    worker.start()
    try:
        assert passes.get(timeout=30).sent == 0  # the first pass, at start: nothing yet
        order = confirmed_order(kiosk, hq)
        kiosk.book.keep(order)
        worker.kick()
        result = passes.get(timeout=30)
    finally:
        worker.stop()

    assert (result.sent, result.answered) == (1, 1)
    assert hq.orders() == {order.id: "accepted"}


def test_a_sync_round_sends_orders_and_reports_them(hq: Hq, kiosk: Kiosk, tmp_path: Path) -> None:
    from kiosk.sync.round import sync_round

    order = confirmed_order(kiosk, hq)
    kiosk.book.keep(order)

    report = sync_round(tmp_path / "kiosk", kiosk.identity, "Asia/Shanghai", ledger=kiosk.book.path)

    summary = report.summary()
    assert (summary["orders_sent"], summary["orders_answered"], summary["orders_pending"]) == (1, 1, 0)
    assert hq.orders() == {order.id: "accepted"}


def test_the_heartbeat_and_kiosk_status_tell_of_orders_not_yet_at_hq(
    hq: Hq, kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    import sqlalchemy as sa

    from kiosk.cli import main as kiosk_main
    from kiosk.hq import schema
    from kiosk.sync.round import sync_round

    order = confirmed_order(kiosk, hq)
    kiosk.book.keep(order)
    kiosk.sender.book.retry_later(order.id, next_try_at=time.time() + 3600, problem="HQ was away")

    sync_round(tmp_path / "kiosk", kiosk.identity, "Asia/Shanghai", ledger=kiosk.book.path)

    with hq.db._engine.connect() as conn:
        body = conn.execute(sa.select(schema.latest_heartbeats.c.body)).scalar_one()
    assert body["orders"]["pending"] == 1 and body["orders"]["oldest_pending_at"]
    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "status", "--json"]) in (0, 1)
    status = json.loads(capsys.readouterr().out)
    assert status["orders"]["by_state"] == {PENDING: 1, SENT: 0, ANSWERED: 0, QUARANTINED: 0}
    assert status["orders"]["oldest_pending_at"] == kiosk.book.oldest_unsent()
    assert kiosk_main(["--data-dir", str(tmp_path / "kiosk"), "status"]) in (0, 1)
    assert "orders: 1 not yet at HQ" in capsys.readouterr().out


def test_a_reason_from_hq_that_quotes_a_number_is_kept_and_logged_masked() -> None:
    from kiosk.sync.orders import scrubbed

    assert scrubbed("phone: '13812345678' is refused; 138123456789 is not one") == (
        "phone: '138****5678' is refused; 138123456789 is not one"
    )


# -- helpers -------------------------------------------------------------------------------
def hq_reply(hq: Hq, tmp_path: Path, phone: str, text: str) -> int:
    """`kiosk-hq sms reply PHONE TEXT`, playing the gateway."""
    import os

    os.environ["KIOSK_HQ_SMS_INBOUND_TOKEN"] = hq.inbound_token or ""
    try:
        return hq_main(["sms", "reply", phone, text, "--hq", hq.url, "--data-dir", str(tmp_path / "hq-cli")])
    finally:
        del os.environ["KIOSK_HQ_SMS_INBOUND_TOKEN"]


def hq_db_path(hq: Hq) -> Path:
    return Path(str(hq.db._engine.url.database))


def closed_port_url() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/"


def hq_refusing(tmp_path: Path, repo_template: Path, hq_db_template: Path):  # type: ignore[no-untyped-def]
    """HQ whose operator (the local adapter) rejects `REFUSED` with `ALREADY`."""
    from contextlib import contextmanager

    @contextmanager
    def made() -> Iterator[Hq]:
        repo = tmp_path / "hq" / "repo"
        shutil.copytree(repo_template, repo, symlinks=True)
        db_path = tmp_path / "hq" / "hq.sqlite3"
        shutil.copyfile(hq_db_template, db_path)
        db = Database(f"sqlite:///{db_path}")
        try:
            with serving(db, repo, tmp_path / "hq", ordering=LocalOrdering(refuse={REFUSED: ALREADY})) as hq:
                yield hq
        finally:
            db.close()

    return made()


def test_every_order_whose_receipt_showed_reaches_hq_exactly_once_though_the_kiosk_is_killed_at_random(
    hq: Hq, tmp_path: Path
) -> None:
    import os
    import random
    import signal
    import subprocess
    import sys

    from kiosk.hq.db import TestNumber

    data = tmp_path / "kiosk"
    enrolled(hq, data)
    hq.db.put_test_number(TestNumber("13900000001", "123456", "kill test", datetime.now(UTC)))
    rng = random.Random(13)
    env = {**os.environ, "KIOSK_LOG": "ERROR"}
    command = [sys.executable, "-m", "tests.sync.subscriber", str(data), "13900000001", "123456"]
    receipts: list[str] = []
    kills = 0
    root = Path(__file__).resolve().parent.parent.parent
    # At least 200 subscriptions and 10 kills, the process killed at a random moment every 0.5-1.5 s.
    while len(receipts) < 200 or kills < 10:
        assert kills < 200, f"only {len(receipts)} receipts after {kills} kills"
        process = subprocess.Popen(
            command, env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            process.wait(timeout=rng.uniform(0.5, 1.5))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            kills += 1
        out, _ = process.communicate()
        assert process.returncode == -signal.SIGKILL, out
        receipts += [line.split()[1] for line in out.splitlines() if line.startswith("RECEIPT ")]
    final = OrderWorker(data, data / "ledger.sqlite3").run_pass()
    conn = sqlite3.connect(data / "ledger.sqlite3")
    in_book = {r[0]: r[1] for r in conn.execute("SELECT id, state FROM orders")}
    conn.close()

    assert kills >= 10 and len(set(receipts)) == len(receipts)
    assert set(receipts) <= set(in_book)  # every receipt's order was kept
    assert final is not None and final.pending == 0 and final.errors == []
    at_hq = hq.orders()
    # HQ holds exactly the kiosk's orders, each once (HQ keys them by id), all answered;
    # an order kept just before a kill, its receipt not yet shown, reaches HQ too.
    assert set(at_hq) == set(in_book) and set(at_hq.values()) == {"accepted"}
    assert set(in_book.values()) == {ANSWERED}


def test_an_hq_older_than_the_kiosk_still_gets_its_heartbeat_without_the_orders(tmp_path: Path) -> None:
    import json

    from kiosk.sync.round import heartbeat
    from kiosk.sync.state import SyncState
    from tests.hq.apikit import FakeEndpoint

    book = LocalOrders(tmp_path / "ledger.sqlite3")
    book.open()
    # HQ before this field, in its own words.
    older = json.dumps({"error": "the request is not valid", "problems": ["orders: unknown field"]})
    with FakeEndpoint() as endpoint:
        endpoint.replies = [
            (422, older.encode()),
            (200, json.dumps({"server_time": datetime.now(UTC).isoformat()}).encode()),
        ]
        client = HqClient(endpoint.url.removesuffix("hook"), "kx-1.secret")
        try:
            skew = heartbeat(client, tmp_path, SyncState(), None, 1.0, book)
        finally:
            client.close()
            book.close()

    bodies = [json.loads(body) for _, body in endpoint.received]
    assert "orders" in bodies[0] and "orders" not in bodies[1]
    assert abs(skew) < 60


def test_the_worker_never_spins_on_an_order_it_cannot_send_now(tmp_path: Path) -> None:
    from tests.test_orders import an_order

    data = tmp_path / "kiosk"  # not enrolled
    LocalOrders(data / "ledger.sqlite3").keep(an_order())  # due at once
    worker = OrderWorker(data, data / "ledger.sqlite3", idle_s=300)
    try:
        assert worker.run_pass() is None  # not enrolled: nothing is sent
        assert worker._wait_s(None) == 300  # so it waits its idle time, kick or no kick
        assert worker._wait_s(OrdersResult(errors=["HQ away"])) >= 1.0  # a failed pass: not at once
        assert worker._wait_s(OrdersResult()) == 0.0  # due now, and the last pass went well
    finally:
        worker.stop()
