"""The kiosk's order book on a real file: durable, idempotent, private, and honest when the
file cannot take an order."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.flow.subscribe import Answer, Order, OrderNotKeptError, SecondStep
from kiosk.services import localdb
from kiosk.services.ledger import Ledger
from kiosk.services.orders import ANSWERED, NOT_TAKEN, PENDING, QUARANTINED, SENT, LocalOrders
from tests.threads import at_once

PHONE = "13812345678"


def an_order(**changes: object) -> Order:
    order = Order(
        id=str(uuid.uuid4()),
        status_token="t" * 32,
        service="svc.5g-plus",
        offer="off.half-price",
        phone=PHONE,
        price_fen=12_800,
        placed_at=datetime(2026, 12, 3, 8, 0, 5, 123000, tzinfo=UTC),
        consented_at=datetime(2026, 12, 3, 8, 0, 1, tzinfo=UTC),
        second_step=SecondStep.CODE,
        confirmation="conf-token",
        marketing_opt_in=True,
        staff=None,
        session="sess-1",
        service_name={"zh-CN": "5G 畅享", "en": "5G Plus"},
        price_text={"zh-CN": "每月 128 元", "en": "¥128 a month"},
    )
    return replace(order, **changes)  # type: ignore[arg-type]


def rows(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, phone, state FROM orders ORDER BY created_at").fetchall()
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_kept_order_reads_back_whole_from_another_connection(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    order = an_order()
    book = LocalOrders(db)
    book.keep(order)
    book.close()

    kept = LocalOrders(db).get(order.id)

    assert kept is not None and kept.order == order
    assert kept.state == PENDING and kept.attempts == 0


def test_a_kept_order_survives_the_process_being_killed_right_after_keep_returns(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    script = (
        "import os; from pathlib import Path; from kiosk.services.orders import LocalOrders\n"
        "from tests.test_orders import an_order\n"
        f"LocalOrders(Path({str(db)!r})).keep(an_order(id='order-killed-after-keep'))\n"
        "os._exit(9)  # no close, no checkpoint: as if the power went\n"
    )
    done = subprocess.run([sys.executable, "-c", script], timeout=60, cwd=Path(__file__).parent.parent)

    assert done.returncode == 9
    assert [r[0] for r in rows(db)] == ["order-killed-after-keep"]


def test_keeping_the_same_order_id_twice_keeps_the_first(tmp_path: Path) -> None:
    book = LocalOrders(tmp_path / "ledger.sqlite3")
    first = an_order()
    book.keep(first)
    book.keep(replace(first, second_step=SecondStep.SMS_REPLY, confirmation=None))

    kept = book.get(first.id)
    assert kept is not None and kept.order == first
    assert len(rows(book.path)) == 1


def test_two_threads_keeping_the_same_order_at_once_leave_one_row(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    localdb.connect(db).close()  # the file as the kiosk made it
    order = an_order()
    books = [LocalOrders(db), LocalOrders(db)]

    kept = at_once(2, lambda i: [books[i].keep(order) for _ in range(20)])

    assert not [e for e in kept if isinstance(e, Exception)]
    assert rows(db) == [(order.id, PHONE, PENDING)]


def test_orders_are_kept_while_the_event_ledger_writes_to_the_same_file(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    ledger = Ledger(db)
    book = LocalOrders(db)
    stop = threading.Event()

    def flood() -> None:
        while not stop.is_set():
            ledger.record("demo_scene", {"pad": "x" * 200})

    flooding = threading.Thread(target=flood)
    flooding.start()
    try:
        orders = [an_order() for _ in range(30)]
        for order in orders:
            book.keep(order)
    finally:
        stop.set()
        flooding.join()
        assert ledger.flush()
        ledger.close()

    assert {r[0] for r in rows(db)} == {o.id for o in orders}


def test_the_file_and_its_wal_and_shm_are_readable_by_the_kiosks_user_only(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    book = LocalOrders(db)
    book.keep(an_order())

    for suffix in localdb.COMPANIONS:
        path = db.with_name(db.name + suffix)
        assert path.exists() and mode(path) == 0o600, path
    book.close()


def test_a_file_an_older_kiosk_left_readable_by_others_is_tightened_at_open(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    ledger = Ledger(db)
    ledger.record("tap")
    assert ledger.flush()
    for suffix in localdb.COMPANIONS:
        os.chmod(db.with_name(db.name + suffix), 0o644)

    localdb.connect(db).close()

    ledger.close()
    for suffix in localdb.COMPANIONS:
        path = db.with_name(db.name + suffix)
        if path.exists():
            assert mode(path) == 0o600, path


def test_the_event_ledger_makes_its_file_private_too(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    ledger = Ledger(db)
    ledger.record("tap")
    assert ledger.flush()
    try:
        assert mode(db) == 0o600 and mode(db.with_name(db.name + "-wal")) == 0o600
    finally:
        ledger.close()


def test_an_order_that_a_read_only_file_cannot_take_is_not_kept_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    localdb.connect(db).close()  # the file as the kiosk made it

    def read_only(path: Path) -> sqlite3.Connection:
        # As root, chmod does not stop a write; SQLite's read-only mode does, like a read-only mount.
        return sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )

    book = LocalOrders(db, connect=read_only)
    with pytest.raises(OrderNotKeptError, match="readonly"):
        book.keep(an_order())
    assert rows(db) == []
    assert book.answer("any") is None  # reading still works


def test_an_order_in_a_data_folder_that_cannot_be_made_is_not_kept(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("a file where the data folder should be")

    with pytest.raises(OrderNotKeptError):
        LocalOrders(tmp_path / "not-a-folder" / "ledger.sqlite3").keep(an_order())


def test_an_order_on_a_full_disk_is_not_kept_and_is_once_there_is_room_again(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    localdb.connect(db).close()  # the file as the kiosk made it
    full = threading.Event()
    full.set()

    def disk(path: Path) -> sqlite3.Connection:
        conn = localdb.connect(path)
        if full.is_set():
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL at the next page
        return conn

    book = LocalOrders(db, connect=disk)
    big = an_order(service_name={"en": "x" * 20_000})  # more than the pages' free room
    with pytest.raises(OrderNotKeptError, match="full"):
        book.keep(big)
    full.clear()
    book.keep(big)  # the same order, confirmed again: the same id, kept once

    assert [r[0] for r in rows(db)] == [big.id]


def test_an_order_locked_out_past_the_busy_timeout_is_not_kept(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    localdb.connect(db).close()  # the file as the kiosk made it
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OrderNotKeptError, match="locked"):
            LocalOrders(db, busy_timeout_s=0.05).keep(an_order())
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_hqs_acknowledgement_masks_the_number_and_forgets_the_confirmation(tmp_path: Path) -> None:
    book = LocalOrders(tmp_path / "ledger.sqlite3")
    order = an_order()
    book.keep(order)

    assert book.acknowledged(
        order.id, status="received", reason=None, reference=None, test=False, next_try_at=0.0
    )

    kept = book.get(order.id)
    assert kept is not None and kept.state == SENT
    assert kept.order.phone == "138****5678" and kept.order.confirmation is None
    assert book.answer(order.id) is None  # HQ holds it; nobody answered yet
    # Once the WAL is copied into the database (any checkpoint), no byte of either file
    # holds the full number: the old row's bytes are zeroed (secure_delete).
    book.close()
    conn = sqlite3.connect(book.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    wal = book.path.with_name(book.path.name + "-wal")
    raw = book.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert PHONE.encode() not in raw and b"conf-token" not in raw


def test_a_final_answer_reads_back_as_the_flows_answer(tmp_path: Path) -> None:
    book = LocalOrders(tmp_path / "ledger.sqlite3")
    order = an_order()
    book.keep(order)
    book.acknowledged(order.id, status="received", reason=None, reference=None, test=False, next_try_at=0)

    assert book.polled(
        order.id,
        status="rejected",
        reason="this number already has this service",
        reference=None,
        test=None,
        next_try_at=0,
    )

    assert book.answer(order.id) == Answer("rejected", "this number already has this service", "")
    assert book.get(order.id).state == ANSWERED  # type: ignore[union-attr]
    assert book.answer("no-such-order") is None


def test_a_quarantined_order_reads_as_failed_with_a_reason_for_the_customer(tmp_path: Path) -> None:
    book = LocalOrders(tmp_path / "ledger.sqlite3")
    order = an_order()
    book.keep(order)
    book.quarantine(order.id, "HQ refused it (HTTP 422): price_fen: too large")

    assert book.answer(order.id) == Answer("failed", NOT_TAKEN, "")
    assert book.counts()[QUARANTINED] == 1
    assert book.quarantined()[0]["problem"].endswith("too large")


def _wait_until(condition: Callable[[], bool]) -> None:
    """Until another thread got where `condition` says (it checks, it does not sleep a set time)."""
    pause = threading.Event()
    for _ in range(100_000):
        if condition():
            return
        pause.wait(0.0005)
    raise AssertionError("never happened")


def test_the_write_lock_is_handed_to_waiters_in_the_order_they_came() -> None:
    lock = localdb.FairLock()
    assert lock.acquire()
    order: list[str] = []

    def wait_for_it(name: str) -> None:
        assert lock.acquire()
        order.append(name)
        lock.release()

    threads = []
    for name in ("first", "second", "third"):
        t = threading.Thread(target=wait_for_it, args=(name,))
        t.start()
        threads.append(t)
        queued = len(threads)
        _wait_until(lambda: len(lock._waiters) == queued)  # noqa: B023 - used at once
    lock.release()
    for t in threads:
        t.join()

    assert order == ["first", "second", "third"]
    assert lock.acquire(timeout=0)  # free again


def test_a_writer_that_waits_past_its_time_gives_up_and_leaves_the_queue() -> None:
    lock = localdb.FairLock()
    assert lock.acquire()

    assert not lock.acquire(timeout=0.01)

    assert list(lock._waiters) == []
    lock.release()
    assert lock.acquire(timeout=0)


def test_an_order_waits_for_this_processs_other_writer_and_gives_up_past_its_timeout(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    conn = localdb.connect(db)
    book = LocalOrders(db, busy_timeout_s=0.05)
    book.open()
    with localdb.writing(conn), pytest.raises(OrderNotKeptError, match="locked"):
        book.keep(an_order())
    order = an_order()
    book.keep(order)  # the other writer is done

    assert [r[0] for r in rows(db)] == [order.id]
    conn.close()


def book_at(tmp_path: Path, when: datetime) -> LocalOrders:
    """An order book whose every change is stamped `when`."""
    stamp = when.isoformat(timespec="milliseconds")
    return LocalOrders(tmp_path / "ledger.sqlite3", clock=lambda: stamp)


def test_a_quarantined_order_keeps_the_full_number_thirty_days_for_staff_then_only_masked(
    tmp_path: Path,
) -> None:
    quarantined_at = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    book = book_at(tmp_path, quarantined_at)
    old, pending = an_order(), an_order()
    for order in (old, pending):
        book.keep(order)
    book.quarantine(old.id, "HQ refused it (HTTP 422)")

    assert book.forget_quarantined_numbers(quarantined_at + timedelta(days=29)) == 0
    assert book.get(old.id).order.phone == PHONE  # type: ignore[union-attr]
    assert book.forget_quarantined_numbers(quarantined_at + timedelta(days=31)) == 1

    kept = book.get(old.id)
    assert kept is not None and kept.state == QUARANTINED and kept.order.phone == "138****5678"
    assert kept.order.confirmation is None
    # An order still waiting to be sent keeps its number: HQ must get it.
    assert book.get(pending.id).order.phone == PHONE  # type: ignore[union-attr]
    assert book.forget_quarantined_numbers(quarantined_at + timedelta(days=60)) == 0


def test_an_answered_order_leaves_the_kiosk_ninety_days_after_its_answer_and_no_other_does(
    tmp_path: Path,
) -> None:
    answered_at = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    book = book_at(tmp_path, answered_at)
    answered, quarantined, pending = an_order(), an_order(), an_order()
    for order in (answered, quarantined, pending):
        book.keep(order)
    book.acknowledged(answered.id, status="accepted", reason=None, reference="R-1", test=False, next_try_at=0)
    book.quarantine(quarantined.id, "HQ refused it (HTTP 422)")

    assert book.prune_settled(answered_at + timedelta(days=89), (ANSWERED,)) == 0
    assert book.prune_settled(answered_at + timedelta(days=91), (ANSWERED,)) == 1

    assert book.get(answered.id) is None
    assert book.counts() == {PENDING: 1, SENT: 0, ANSWERED: 0, QUARANTINED: 1}
