"""Recording events as the UI thread sees it, against a plain SQLite executemany.

The ledger: EVENTS events of the UI's shape recorded with `Ledger.record` from one thread,
then `flush()` until they are durable; the figure is EVENTS / (time spent inside record()
+ the flush), the time the recording thread is held. The baseline: the same rows (made
beforehand) inserted with one `executemany` in one transaction into a table of the same
shape, same pragmas (WAL, synchronous=FULL), and committed. Alternating pairs, fresh files
each; goal: the ledger at least 0.5x the baseline.

Every event must be in the file afterwards: a ledger that dropped some would look faster.

Then the worst cases: the longest single record() of those runs (recording flat out, so
the queue is full and record() waits for room); a UI-like thread recording one event
every 2 ms while another thread records flat out (its median and longest record()); and,
with a second thread recording flat out, how long a flush() takes (what the issue's probe
saw: nothing committed for 2 s), for this ledger and for the ledger as it was before
(from git, when the checkout has it).

    uv run python benchmarks/ledger_record.py
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.services.ledger import Ledger, new_event_id, utc_now_text  # noqa: E402
from kiosk.services.localdb import MIGRATIONS  # noqa: E402

EVENTS = 50_000
PAIRS = 5
GOAL = 0.5
#: The ledger before issue 11 (flush said done on a failed write; unbounded queue).
BEFORE = "f944065~1"


def ui_event(i: int) -> tuple[str, dict[str, Any], str]:
    return "service_open", {"service": f"svc.{i % 40}", "source": "top10"}, f"s-{i // 20}"


def ledger_rate(work: Path, n: int) -> tuple[float, float]:
    """Events per second of the recording thread's time, and the longest record() in ms.
    Every event must be in the file afterwards (none dropped)."""
    path = work / f"ledger-{time.perf_counter_ns()}.sqlite3"
    ledger = Ledger(path)
    assert ledger.flush()
    events = [ui_event(i) for i in range(n)]
    held, longest = 0.0, 0.0
    clock = time.perf_counter
    for kind, data, session in events:
        start = clock()
        ledger.record(kind, data, session)
        took = clock() - start
        held += took
        longest = max(longest, took)
    start = clock()
    assert ledger.flush(timeout=120)
    held += clock() - start
    ledger.close()
    conn = sqlite3.connect(path)
    kept = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    if kept != n:
        raise SystemExit(f"the ledger dropped {n - kept} of {n} events: the figure would flatter it")
    return n / held, longest * 1000


@contextmanager
def flooding(ledger: Any) -> Iterator[list[int]]:
    """Another thread recording flat out while the block runs; how many it recorded (in the
    yielded list's one item, final once the block has ended)."""
    stop = threading.Event()
    flooded = [0]

    def flood() -> None:
        while not stop.is_set():
            for _ in range(100):
                ledger.record("demo_scene", {"step": 1}, "s-flood")
            flooded[0] += 100

    thread = threading.Thread(target=flood, daemon=True)
    thread.start()
    try:
        yield flooded
    finally:
        stop.set()
        thread.join()


def ui_latency_under_flood(work: Path, seconds: float = 2.0) -> tuple[float, float, int]:
    """A UI-like thread recording an event every 2 ms while another records flat out: the
    median and longest record() of the UI thread (ms), and how many the flood recorded."""
    ledger = Ledger(work / f"ui-{time.perf_counter_ns()}.sqlite3", cap=10**9)
    assert ledger.flush()
    took: list[float] = []
    with flooding(ledger) as flooded:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            start = time.perf_counter()
            ledger.record("service_open", {"service": "svc.1", "source": "top10"}, "s-ui")
            took.append(time.perf_counter() - start)
            time.sleep(0.002)
    assert ledger.flush(timeout=120)
    ledger.close()
    return statistics.median(took) * 1000, max(took) * 1000, flooded[0]


def plain_rate(work: Path, n: int) -> float:
    """Rows per second for one executemany of rows made beforehand, committed."""
    import json

    conn = sqlite3.connect(work / f"plain-{time.perf_counter_ns()}.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    rows = [
        (new_event_id(), kind, utc_now_text(), session, json.dumps(data, ensure_ascii=False))
        for kind, data, session in (ui_event(i) for i in range(n))
    ]
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    insert = "INSERT OR IGNORE INTO events (id, kind, at, session, data) VALUES (?, ?, ?, ?, ?)"
    conn.executemany(insert, rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def flush_under_flood(make: Any, work: Path, seconds: float = 2.0) -> tuple[float, int]:
    """With one thread recording flat out for `seconds`, the longest flush() (ms) of a
    second thread recording an event and flushing, again and again; and the flood's count."""
    ledger = make(work / f"flood-{time.perf_counter_ns()}.sqlite3")
    assert ledger.flush()
    longest = 0.0
    with flooding(ledger) as flooded:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            ledger.record("session_start", {}, "s-ui")
            start = time.perf_counter()
            if not ledger.flush(timeout=60):
                longest = float("inf")
                break
            longest = max(longest, time.perf_counter() - start)
    ledger.flush(timeout=120)
    ledger.close()
    return longest * 1000, flooded[0]


def ledger_before(work: Path) -> Any:
    """The Ledger class as it was before this issue, from git; None without git."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE}:kiosk/services/ledger.py"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = work / "ledger_before.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("ledger_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Ledger


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-ledger-"))
    try:
        ledger_rate(work, 2000)  # warm up: imports, the file system
        plain_rate(work, 2000)
        ratios, rates, plains, longest = [], [], [], []
        for _ in range(PAIRS):
            rate, slowest = ledger_rate(work, EVENTS)
            plain = plain_rate(work, EVENTS)
            rates.append(rate)
            plains.append(plain)
            ratios.append(rate / plain)
            longest.append(slowest)
        print(f"{EVENTS:,} UI events, {PAIRS} alternating pairs")
        print(
            f"ledger (record + flush, as the recording thread is held): "
            f"{min(rates):,.0f}-{max(rates):,.0f} events/s (median {statistics.median(rates):,.0f})"
        )
        print(
            f"plain executemany, one transaction:                  "
            f"{min(plains):,.0f}-{max(plains):,.0f} rows/s (median {statistics.median(plains):,.0f})"
        )
        med = statistics.median(ratios)
        verdict = "met" if min(ratios) >= GOAL else "NOT met" if med < GOAL else "met (median)"
        print(f"ratio {min(ratios):.2f}-{max(ratios):.2f}x (median {med:.2f}x)  [goal >= {GOAL}x: {verdict}]")
        print(f"longest single record() per run (flat out): {', '.join(f'{ms:.1f}' for ms in longest)} ms")
        median, worst, flooded = ui_latency_under_flood(work)
        print(
            f"record() of a UI-like thread (one event per 2 ms) while another thread records flat "
            f"out: median {median:.3f} ms, longest {worst:.1f} ms ({flooded:,} flooded in 2 s)"
        )
        now, flooded = flush_under_flood(lambda path: Ledger(path, cap=10**9), work)
        print(f"a flush while another thread records flat out: longest {now:.0f} ms ({flooded:,} in 2 s)")
        before = ledger_before(work)
        if before is not None:
            was, flooded = flush_under_flood(before, work)
            print(f"  the ledger before issue 11: longest {was:.0f} ms ({flooded:,} in 2 s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
