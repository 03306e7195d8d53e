"""Event ingest through `kiosk-hq serve`, on SQLite and PostgreSQL, against a plain bulk insert.

For each database: a `kiosk-hq serve` process on 127.0.0.1 (started with the real command),
one enrolled device, and EVENTS kiosk events sent as batches of 500 over HTTP keep-alive
connections from CLIENTS threads (request bodies are encoded before the clock starts, so
the figure is the server's). The baseline is a plain `executemany` INSERT of the same rows
into a table of the same shape in the same database, with no HTTP, no validation and no
deduplication. Goal: ingest at least 50% of the plain insert rate on both, and at least
20,000 events/s on SQLite on this 2-core machine.

    uv run python benchmarks/hq_ingest.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.services.ledger import new_event_id  # noqa: E402
from tests.hq.pgtemp import temp_cluster  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from synckit import enrolment_code, hq_serving  # noqa: E402

EVENTS = 100_000
BATCH = 500
CLIENTS = 2
GOAL_RATIO = 0.5
GOAL_SQLITE_RATE = 20_000
#: The real command, as an operator runs it.
HQ = [sys.executable, "-m", "kiosk.hq.cli"]


def make_batches(n: int) -> list[list[dict]]:
    # Just now, in China: HQ files a time it believes as it is (a kiosk's clock far off
    # would take the slower path of kiosk.hq.clock, which no real store's batches do).
    at = datetime.now(timezone(timedelta(hours=8))).isoformat(timespec="milliseconds")
    events = [
        {
            "id": new_event_id(),  # as the kiosk's ledger makes them
            "kind": "service_open",
            "at": at,
            "session": f"s-{i // 20}",
            "data": {"service": f"svc.{i % 40}", "source": "top10"},
        }
        for i in range(n)
    ]
    return [events[i : i + BATCH] for i in range(0, n, BATCH)]


@contextmanager
def hq_server(db_url: str, work: Path) -> Iterator[str]:
    """The real `kiosk-hq serve` on `db_url`, as an operator starts it."""
    with hq_serving(None, work, db_url) as (url, _, _):
        yield url


def enrol(url: str, db_url: str, work: Path) -> str:
    """A new device's credential, from a code the real `kiosk-hq enroll` issued."""
    answer = requests.post(url + "/v1/enrol", json={"code": enrolment_code(db_url, work)}, timeout=30)
    answer.raise_for_status()
    return answer.json()["credential"]


def ingest_rate(url: str, token: str, bodies: list[bytes]) -> float:
    """Events per second for sending every body once, from CLIENTS threads."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    errors: list[str] = []
    parts = [bodies[i::CLIENTS] for i in range(CLIENTS)]

    def send(mine: list[bytes]) -> None:
        with requests.Session() as http:
            for body in mine:
                answer = http.post(url + "/v1/events", data=body, headers=headers, timeout=60)
                if answer.status_code != 200 or answer.json()["accepted"] != BATCH:
                    errors.append(f"{answer.status_code} {answer.text[:200]}")

    threads = [threading.Thread(target=send, args=(p,)) for p in parts]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} batches failed, e.g. {errors[0]}")
    return len(bodies) * BATCH / elapsed


def plain_rate(db_url: str, batches: list[list[dict]]) -> float:
    """Events per second for a plain executemany INSERT of the same rows, batch by batch."""
    engine = sa.create_engine(db_url)
    meta = sa.MetaData()
    plain = sa.Table(
        "plain_events",
        meta,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64)),
        sa.Column("store", sa.String(64)),
        sa.Column("kind", sa.String(64)),
        sa.Column("at", sa.DateTime(timezone=True)),
        sa.Column("session", sa.String(64)),
        sa.Column("data", sa.JSON),
        sa.Column("received_at", sa.DateTime(timezone=True)),
    )
    meta.create_all(engine)
    now = datetime.now(UTC)
    rows = [
        [
            {
                "id": e["id"] + "-plain",
                "device_id": "dev-1",
                "store": "GD-SZ-0001",
                "kind": e["kind"],
                "at": datetime.fromisoformat(e["at"]),
                "session": e["session"],
                "data": e["data"],
                "received_at": now,
            }
            for e in batch
        ]
        for batch in batches
    ]
    start = time.perf_counter()
    for batch in rows:
        with engine.begin() as conn:
            conn.execute(plain.insert(), batch)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return sum(len(b) for b in rows) / elapsed


def measure(name: str, db_url: str, work: Path) -> tuple[float, float]:
    batches = make_batches(EVENTS)
    bodies = [json.dumps({"events": b}).encode() for b in batches]
    with hq_server(db_url, work) as url:
        token = enrol(url, db_url, work)
        warm_up = [json.dumps({"events": b}).encode() for b in make_batches(BATCH * 4)]
        ingest_rate(url, token, warm_up)
        ingest = ingest_rate(url, token, bodies)
    plain = plain_rate(db_url, batches)
    ratio = ingest / plain
    print(
        f"{name:<10} ingest {ingest:>8,.0f} events/s   plain insert {plain:>8,.0f} rows/s   "
        f"= {ratio:.2f}x  [goal >= {GOAL_RATIO}x: {'met' if ratio >= GOAL_RATIO else 'NOT met'}]"
    )
    return ingest, plain


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-ingest-"))
    try:
        print(f"{EVENTS:,} events in batches of {BATCH}, {CLIENTS} client connections, one serve process")
        sqlite_rate, _ = measure("SQLite", f"sqlite:///{work / 'hq.sqlite3'}", work)
        with temp_cluster() as pg:
            measure("PostgreSQL", pg.create_database("hq_bench"), work)
        print(
            f"SQLite ingest {sqlite_rate:,.0f} events/s  [goal >= {GOAL_SQLITE_RATE:,}: "
            f"{'met' if sqlite_rate >= GOAL_SQLITE_RATE else 'NOT met'}]"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
