"""Keeping a customer's order (`LocalOrders.keep`), the durable write between the final tap
and the receipt, against a plain SQLite insert in the same run.

Each sample is one order kept into the kiosk's file (`ledger.sqlite3`, WAL, synchronous=FULL,
the orders table), timed on the calling thread from the call to its return; the baseline
is one row of the same size inserted and committed with the same pragmas into a plain
table of a file of its own (sqlite3, autocommit). Samples alternate (keep, plain, keep,
plain ...) on fresh files per round so that the machine's load falls on both alike.

Three settings:
- quiet: nothing else writes to the file;
- busy: the event ledger's writer commits events to the same file from another thread at
  a UI's pace (an event every 2 ms), as while a customer uses the kiosk;
- flood: a thread records events flat out (the ledger's writer commits back to back).
Goal (issue 13): tap -> receipt under 100 ms median, of which this write is a part.

    uv run python benchmarks/order_keep.py [--samples 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.flow.subscribe import Order, SecondStep  # noqa: E402
from kiosk.services.ledger import Ledger  # noqa: E402
from kiosk.services.orders import LocalOrders  # noqa: E402


def an_order() -> Order:
    now = datetime.now(UTC)
    return Order(
        id=str(uuid.uuid4()),
        status_token="t" * 32,
        service="svc.5g-plus",
        offer="off.half-price",
        phone="13812345678",
        price_fen=12_800,
        placed_at=now,
        consented_at=now,
        second_step=SecondStep.CODE,
        confirmation="c" * 32,
        marketing_opt_in=False,
        staff=None,
        session=str(uuid.uuid4()),
        service_name={"zh-CN": "5G 畅享套餐", "en": "5G Plus"},
        price_text={"zh-CN": "每月 128 元，前三个月 8 折", "en": "¥128 a month, 20% off for three months"},
    )


@contextmanager
def background(path: Path, mode: str) -> Iterator[None]:
    if mode == "quiet":
        yield
        return
    ledger = Ledger(path)
    stop = threading.Event()

    def record() -> None:
        while not stop.is_set():
            ledger.record("demo_scene", {"demo": "d", "scene": "s", "step": 3}, session="s")
            if mode == "busy":
                stop.wait(0.002)

    thread = threading.Thread(target=record, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        ledger.flush()
        ledger.close()


def plain(path: Path) -> Callable[[], None]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    body = "x" * 400  # about an order's row

    def insert() -> None:
        conn.execute("INSERT INTO t VALUES (?, ?)", (str(uuid.uuid4()), body))

    return insert


def run(mode: str, samples: int, work: Path) -> tuple[list[float], list[float], float]:
    """Keep times, plain-insert times (ms) and the first keep's time (opens the file)."""
    db = work / f"ledger-{mode}-{time.perf_counter_ns()}.sqlite3"
    book = LocalOrders(db)
    insert = plain(work / f"plain-{mode}-{time.perf_counter_ns()}.sqlite3")
    keeps, plains = [], []
    with background(db, mode):
        t = time.perf_counter()
        book.keep(an_order())
        first = (time.perf_counter() - t) * 1000
        for _ in range(samples):
            order = an_order()
            t = time.perf_counter()
            book.keep(order)
            keeps.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            insert()
            plains.append((time.perf_counter() - t) * 1000)
    book.close()
    return keeps, plains, first


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(
            f"{'setting':8} {'round':>5} {'keep med':>9} {'p95':>7} {'max':>7} "
            f"{'plain med':>10} {'p95':>7} {'max':>7} {'ratio':>6} {'first':>7}"
        )
        for mode in ("quiet", "busy", "flood"):
            for r in range(args.rounds):
                keeps, plains, first = run(mode, args.samples, work)
                km, pm = statistics.median(keeps), statistics.median(plains)
                kp95 = statistics.quantiles(keeps, n=20)[-1]
                pp95 = statistics.quantiles(plains, n=20)[-1]
                print(
                    f"{mode:8} {r + 1:>5} {km:>7.2f}ms {kp95:>5.1f}ms {max(keeps):>5.0f}ms "
                    f"{pm:>8.2f}ms {pp95:>5.1f}ms {max(plains):>5.0f}ms {km / pm:>6.2f} {first:>5.0f}ms"
                )


if __name__ == "__main__":
    main()
