"""Draining the kiosk's outbox to HQ on loopback, against HQ's own ingest of the same events.

A `kiosk-hq serve` process on 127.0.0.1 over SQLite (started with the real command, as
`hq_ingest.py` does), one enrolled device. The outbox: EVENTS events recorded into a ledger
file (not timed), then `Outbox.upload` until none are pending: reading them, encoding,
gzip, HTTP, HQ's ingest, marking them uploaded (each batch durable). The baseline is HQ's
own ingest figure as `hq_ingest.py` measures it, but over one connection like the outbox:
the same number of events of the same shape, their bodies encoded before the clock starts,
POSTed plain. Alternating pairs, fresh ids each run. Goal: the drain under 10 s.

    uv run python benchmarks/outbox_drain.py
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from hq_ingest import enrol, hq_server  # noqa: E402

from kiosk.services.ledger import Ledger, new_event_id  # noqa: E402
from kiosk.sync.hqclient import HqClient  # noqa: E402
from kiosk.sync.outbox import Outbox  # noqa: E402

EVENTS = 100_000
BATCH = 500
PAIRS = 3
GOAL_S = 10.0


def ui_event(i: int) -> tuple[str, dict, str]:
    return "service_open", {"service": f"svc.{i % 40}", "source": "top10"}, f"s-{i // 20}"


def filled_ledger(work: Path, n: int) -> Path:
    path = work / f"ledger-{time.perf_counter_ns()}.sqlite3"
    ledger = Ledger(path)
    for i in range(n):
        ledger.record(*ui_event(i))
    assert ledger.flush(timeout=300)
    ledger.close()
    return path


def drain(url: str, token: str, path: Path, n: int) -> float:
    """Seconds for the outbox to send everything in `path`."""
    outbox = Outbox(path)
    client = HqClient(url, token)
    start = time.perf_counter()
    result = outbox.upload(client, batch_size=BATCH)
    elapsed = time.perf_counter() - start
    client.close()
    outbox.close()
    assert result.sent == n and result.remaining == 0, result
    return elapsed


def ingest(url: str, token: str, n: int) -> float:
    """Seconds for HQ to take `n` events of the same shape from one connection, bodies
    made beforehand (hq_ingest.py's figure, over one connection)."""
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    events = [
        {"id": new_event_id(), "kind": kind, "at": at, "session": session, "data": data}
        for kind, data, session in (ui_event(i) for i in range(n))
    ]
    bodies = [json.dumps({"events": events[i : i + BATCH]}).encode() for i in range(0, n, BATCH)]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with requests.Session() as http:
        start = time.perf_counter()
        for body in bodies:
            answer = http.post(url + "/v1/events", data=body, headers=headers, timeout=60)
            assert answer.status_code == 200 and answer.json()["accepted"] == BATCH, answer.text[:200]
        return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-drain-"))
    try:
        db_url = f"sqlite:///{work / 'hq.sqlite3'}"
        with hq_server(db_url, work) as url:
            token = enrol(url, db_url, work)
            ingest(url, token, BATCH * 4)  # warm up
            drain(url, token, filled_ledger(work, BATCH * 4), BATCH * 4)
            drains, ingests, ratios = [], [], []
            for _ in range(PAIRS):
                ledger = filled_ledger(work, EVENTS)
                base = ingest(url, token, EVENTS)
                took = drain(url, token, ledger, EVENTS)
                ingests.append(base)
                drains.append(took)
                ratios.append(took / base)
        print(f"{EVENTS:,} events, batches of {BATCH}, one connection, {PAIRS} alternating pairs, SQLite HQ")
        print(
            f"outbox drain: {min(drains):.2f}-{max(drains):.2f} s "
            f"({EVENTS / max(drains):,.0f}-{EVENTS / min(drains):,.0f} events/s)  "
            f"[goal < {GOAL_S:.0f} s: {'met' if max(drains) < GOAL_S else 'NOT met'}]"
        )
        print(
            f"HQ's own ingest, same events, one connection: {min(ingests):.2f}-{max(ingests):.2f} s "
            f"({EVENTS / max(ingests):,.0f}-{EVENTS / min(ingests):,.0f} events/s)"
        )
        med = statistics.median(ratios)
        print(f"drain / ingest: {min(ratios):.2f}-{max(ratios):.2f}x the time (median {med:.2f}x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
