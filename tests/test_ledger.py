"""The event outbox: recorded without blocking, durable once flushed, every id unique."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.services.ledger import Ledger


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
        assert ledger.count("tap") == 20
    finally:
        ledger.close()
