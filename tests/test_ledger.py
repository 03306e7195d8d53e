"""The event outbox: recorded without blocking, durable once flushed, every id unique."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

from kiosk.services.ledger import Ledger, new_event_id, new_random_id, uuid_text


def test_recorded_events_are_readable_after_reopening(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    ids = [ledger.record("service_open", {"service": f"svc.{i}"}, session="s1") for i in range(50)]
    assert ledger.flush()
    ledger.close()

    again = Ledger(tmp_path / "l.sqlite3")
    events = again.recent(100)
    again.close()

    assert [e["id"] for e in events] == ids
    assert events[0]["data"] == {"service": "svc.0"} and events[0]["session"] == "s1"
    assert len(set(ids)) == 50


def test_events_survive_the_process_being_killed(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    script = (
        "import os, sys; from pathlib import Path; from kiosk.services.ledger import Ledger\n"
        f"l = Ledger(Path({str(db)!r}))\n"
        "for i in range(20): l.record('tap', {'i': i})\n"
        "l.flush(); os._exit(9)  # no close, no atexit: as if the power went\n"
    )
    subprocess.run([sys.executable, "-c", script], check=False, timeout=60)

    ledger = Ledger(db)
    try:
        assert [e["data"]["i"] for e in ledger.recent(100) if e["kind"] == "tap"] == list(range(20))
    finally:
        ledger.close()


def test_event_ids_are_version_7_uuids_that_sort_by_time() -> None:
    ids = [new_event_id() for _ in range(200)]

    parsed = [uuid.UUID(i) for i in ids]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    assert len(set(ids)) == 200
    stamps = [u.int >> 80 for u in parsed]
    assert stamps == sorted(stamps)
    assert abs(stamps[-1] - time.time_ns() // 1_000_000) < 60_000


def test_session_ids_are_random_version_4_uuids() -> None:
    ids = [new_random_id() for _ in range(200)]

    parsed = [uuid.UUID(i) for i in ids]
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in parsed)
    assert [str(u) for u in parsed] == ids
    assert len(set(ids)) == 200


def test_uuids_are_written_as_the_uuid_module_writes_them() -> None:
    for value in (0, 1, 0x0123456789ABCDEF0123456789ABCDEF, (1 << 128) - 1, uuid.uuid4().int):
        assert uuid_text(value) == str(uuid.UUID(int=value))
