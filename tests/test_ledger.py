"""The event outbox: recorded without blocking, durable once flushed, every id unique."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.services import ledger as ledger_module
from kiosk.services import localdb
from kiosk.services.ledger import Ledger, new_event_id, new_random_id, uuid_text
from kiosk.services.localdb import SCHEMA_VERSION, connect, prepare


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


# What a flush promises, and the bounds on memory and time -------------------------------


def committed_ids(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM events ORDER BY seq")]
    finally:
        conn.close()


def test_flush_is_false_while_another_connection_holds_the_write_lock_and_true_once_committed(
    tmp_path: Path,
) -> None:
    db = tmp_path / "l.sqlite3"
    ledger = Ledger(db, busy_timeout_s=0.02)
    assert ledger.flush()  # the file exists, migrated
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        ids = [ledger.record("tap", {"i": i}) for i in range(5)]

        assert not ledger.flush(timeout=0.3)
        assert committed_ids(db) == []
        assert ledger.problem is not None and "locked" in ledger.problem
        assert ledger.held == 5
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert ledger.flush()
    assert committed_ids(db) == ids
    assert ledger.problem is None and ledger.held == 0
    ledger.close()


def test_a_thread_recording_flat_out_is_held_to_the_writers_pace_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    # Room is waited for as long as it takes here, so the test does not depend on how long
    # this disk's fsync takes; the default waits a few ms, then drops (the next test).
    ledger = Ledger(db, capacity=200, max_block_s=60)
    ids: list[str] = []
    flood = threading.Thread(target=lambda: ids.extend(ledger.record("tap", {"i": i}) for i in range(20_000)))

    flood.start()
    flood.join()

    assert ledger.flush()
    assert ledger.peak_waiting <= 200
    assert committed_ids(db) == ids
    assert ledger.problem is None
    ledger.close()


def test_when_the_writer_is_stuck_record_returns_and_counts_what_it_could_not_keep(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    entered, release = threading.Event(), threading.Event()

    def stuck(path: Path) -> sqlite3.Connection:
        entered.set()
        release.wait()  # a disk that does not answer
        return connect(path)

    ledger = Ledger(db, connect=stuck, capacity=10, max_block_s=0.001)
    assert entered.wait(10)
    for _ in range(10):
        ledger.record("service_open")
    for _ in range(3):
        ledger.record("demo_scene")

    assert ledger.problem is not None and "3 dropped" in ledger.problem
    release.set()
    assert ledger.flush()
    assert len(committed_ids(db)) == 10
    assert dropped_counts(db) == {"demo_scene": 3}
    assert ledger.problem is None
    ledger.close()


def dropped_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT kind, count FROM dropped"))
    finally:
        conn.close()


def read_only(path: Path) -> sqlite3.Connection:
    # As root, chmod does not stop a write; SQLite's read-only mode does, like a read-only mount.
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    prepare(conn)
    return conn


def test_a_ledger_that_cannot_be_written_keeps_new_events_in_memory_says_why_and_keeps_the_old(
    tmp_path: Path,
) -> None:
    db = tmp_path / "l.sqlite3"
    before = Ledger(db)
    old = [before.record("tap", {"i": i}) for i in range(3)]
    assert before.flush()
    before.close()

    ledger = Ledger(db, connect=read_only)
    new = [ledger.record("tap", {"i": i}) for i in range(3, 6)]

    assert not ledger.flush(timeout=0.3)
    assert ledger.problem is not None and "readonly" in ledger.problem
    assert ledger.held == 3
    assert [e["id"] for e in ledger.recent()] == old
    ledger.close()

    again = Ledger(db)
    assert [e["id"] for e in again.recent()] == old  # what was committed stays
    again.record("tap")
    assert again.flush() and again.problem is None
    again.close()
    assert new  # lost with the process, as documented: they never reached the file


def test_a_full_disk_drops_the_lowest_ranked_oldest_events_beyond_the_memory_cap_and_counts_them(
    tmp_path: Path,
) -> None:
    db = tmp_path / "l.sqlite3"
    full = threading.Event()
    full.set()

    def disk(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        if full.is_set():
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL at the next page
        return conn

    ledger = Ledger(db, connect=disk, memory_cap=10, retry_s=(0.001, 0.001))
    pad = "x" * 3000  # more than the pages' free room
    sessions = [ledger.record("session_start", {"i": i, "pad": pad}) for i in range(6)]
    scenes = [ledger.record("demo_scene", {"i": i, "pad": pad}) for i in range(8)]
    kept = [ledger.record("kiosk_stop")]

    assert not ledger.flush(timeout=0.3)
    assert ledger.problem is not None and "full" in ledger.problem and "5 dropped" in ledger.problem
    full.clear()
    assert ledger.flush()
    ledger.close()

    assert committed_ids(db) == sessions + scenes[5:] + kept
    assert dropped_counts(db) == {"demo_scene": 5}


def test_a_data_folder_that_cannot_be_made_does_not_stop_the_kiosk(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("a file where the data folder should be")

    ledger = Ledger(tmp_path / "not-a-folder" / "data" / "l.sqlite3")
    ledger.record("tap")

    assert not ledger.flush(timeout=0.2)
    assert ledger.problem is not None and "cannot be written" in ledger.problem
    assert ledger.recent() == []
    ledger.close()


# The schema: versioned, migrated at open ---------------------------------------------

BEFORE_VERSIONS = """
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    at TEXT NOT NULL, session TEXT, data TEXT NOT NULL, uploaded_at TEXT);
CREATE INDEX events_pending ON events (uploaded_at, seq);
INSERT INTO events (id, kind, at, session, data, uploaded_at) VALUES
    ('a', 'tap', '2026-11-23T10:00:00.000+00:00', 's1', '{"i": 1}', NULL),
    ('b', 'tap', '2026-11-23T10:00:01.000+00:00', 's1', '{"i": 2}', '2026-11-23T11:00:00+00:00');
"""


def test_a_ledger_from_before_schema_versions_is_migrated_without_losing_events(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(BEFORE_VERSIONS)
    old.close()

    ledger = Ledger(db)
    ledger.record("tap", {"i": 3})
    assert ledger.flush()
    ledger.close()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rows = conn.execute("SELECT id, data, uploaded_at FROM events ORDER BY seq").fetchall()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert rows[:2] == [("a", '{"i": 1}', None), ("b", '{"i": 2}', "2026-11-23T11:00:00+00:00")]
    assert len(rows) == 3
    assert {"events", "quarantine", "dropped"} <= tables


def test_a_migration_that_fails_leaves_the_file_at_the_version_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "l.sqlite3"
    connect(db).close()
    broken = (("CREATE TABLE half_done (x)", "INSERT INTO no_such_table VALUES (1)"),)
    monkeypatch.setattr(localdb, "MIGRATIONS", localdb.MIGRATIONS + broken)
    monkeypatch.setattr(localdb, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        connect(db)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()


def test_a_ledger_written_by_a_newer_kiosk_is_left_as_it_is_and_said_so(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()

    ledger = Ledger(db)
    ledger.record("tap")

    assert not ledger.flush(timeout=0.2)
    assert ledger.problem is not None and "newer kiosk" in ledger.problem
    ledger.close()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()


def test_data_json_cannot_hold_is_kept_as_its_repr_without_holding_up_the_other_events(
    tmp_path: Path,
) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    ledger.record("tap", {"i": 1})
    ledger.record("tap", {"x": float("nan")})
    ledger.record("tap", {"s": {1}})
    ledger.record("tap", {"i": 4, "text": "中文"})

    assert ledger.flush()
    assert [e["data"] for e in ledger.recent()] == [
        {"i": 1},
        {"unencodable": "{'x': nan}"},
        {"unencodable": "{'s': {1}}"},
        {"i": 4, "text": "中文"},
    ]
    ledger.close()


def test_an_event_carries_the_utc_time_it_was_recorded_to_the_millisecond(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    before = datetime.now(UTC)
    ledger.record("tap")
    after = datetime.now(UTC)

    assert ledger.flush()
    (event,) = ledger.recent()
    ledger.close()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", event["at"])
    assert before - timedelta(milliseconds=1) <= datetime.fromisoformat(event["at"]) <= after


def test_the_ledger_keeps_the_outbox_within_its_cap_even_when_nothing_uploads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_module, "TRIM_EVERY", 1)
    db = tmp_path / "l.sqlite3"
    ledger = Ledger(db, cap=20)
    sessions = [ledger.record("session_start") for _ in range(15)]
    scenes = [ledger.record("demo_scene") for _ in range(30)]
    orders = [ledger.record("order") for _ in range(2)]

    assert ledger.flush()
    ledger.close()

    assert committed_ids(db) == sessions + scenes[-3:] + orders
    assert dropped_counts(db) == {"demo_scene": 27}


def test_a_sound_ledger_has_no_problems_and_a_damaged_one_says_where(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    ledger = Ledger(db)
    for i in range(2000):
        ledger.record("tap", {"i": i, "pad": "x" * 100})
    assert ledger.flush()
    ledger.close()
    assert localdb.problems(db) == []

    with db.open("r+b") as f:  # a disk's bit rot in the middle of the table
        f.seek(db.stat().st_size // 2)
        f.write(b"\xff" * 4096)

    found = localdb.problems(db)
    assert found and all(line.startswith(f"{db}: ") for line in found)


def test_a_forked_process_makes_other_ids_than_its_parent() -> None:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.write(write, ",".join(new_event_id(0) for _ in range(3)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        theirs = pipe.read().split(",")

    ours = [new_event_id(0) for _ in range(3)]
    assert len(theirs) == 3 and not set(theirs) & set(ours)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.001)


def test_only_the_thread_that_fills_the_queue_waits_for_room_not_the_ui_thread(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    entered, release = threading.Event(), threading.Event()

    def stuck(path: Path) -> sqlite3.Connection:
        entered.set()
        release.wait()
        return connect(path)

    ledger = Ledger(db, connect=stuck, capacity=10, max_block_s=60)
    assert entered.wait(10)
    flooder = threading.Thread(target=lambda: [ledger.record("demo_scene") for _ in range(11)])
    flooder.start()
    wait_until(lambda: ledger.held == 10)  # the flooder's 11th waits for room

    ui = [ledger.record("service_open") for _ in range(5)]  # would wait 60 s if held up
    assert ledger.held == 15 and flooder.is_alive()
    # Beyond the reserve (as large as the queue), the UI thread's events are dropped, unwaited.
    ui += [ledger.record("service_open") for _ in range(10)]
    assert ledger.held == 20 and ledger.problem is not None and "5 dropped" in ledger.problem

    release.set()
    flooder.join()
    assert ledger.flush()
    assert len(committed_ids(db)) == 21 and set(ui[:10]) <= set(committed_ids(db))
    assert dropped_counts(db) == {"service_open": 5}
    ledger.close()
