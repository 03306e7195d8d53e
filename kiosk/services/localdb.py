"""The kiosk's own SQLite file (`ledger.sqlite3`): how it is opened, its schema's version and
the migrations that bring any older file up to it, and which events may be dropped first.

The version is SQLite's `PRAGMA user_version` (0 in a file made before versions, which
already holds `events`). `migrate` runs at every open, each step in its own
`BEGIN IMMEDIATE` transaction together with the version it reaches, so a power cut or a
second process opening the file at the same moment leaves it at one version or the next,
never between. A file from a newer kiosk (a version this code does not know) is not
written to: `NewerSchemaError`.

Why not sqlite-utils' `Migrations`: importing sqlite_utils takes 0.7-0.9 s on this machine
(click, pluggy's entry-point scan, numpy through a plugin), paid in the kiosk's process at
start, for what is a loop over SQL statements here; and it records steps by name in a
table of its own, where the version of a file is one integer in its header.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

#: Each step takes the file from version i to i + 1 (the list's position + 1).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the outbox of events, as the first ledger made it (IF NOT EXISTS: a file from
    # before versions already holds it, at version 0).
    (
        """CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            session TEXT,
            data TEXT NOT NULL,
            uploaded_at TEXT
        )""",
        "CREATE INDEX IF NOT EXISTS events_pending ON events (uploaded_at, seq)",
    ),
    # 2: events HQ refused as invalid, moved out of the outbox with HQ's reason and never
    # sent again; and counts of events dropped unsent (the outbox's cap, or memory while
    # the file could not be written), by kind, for the heartbeat.
    (
        """CREATE TABLE quarantine (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            session TEXT,
            data TEXT NOT NULL,
            reason TEXT NOT NULL,
            quarantined_at TEXT NOT NULL
        )""",
        """CREATE TABLE dropped (
            kind TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL
        )""",
    ),
    # 3: customers' orders (kiosk.services.orders, docs/subscribing.md): kept durably before
    # the receipt shows, sent to HQ until it acknowledges them, then HQ's answer. Not events:
    # the outbox's cap never touches them. `phone` is the full number until HQ acknowledged
    # the order, then only masked; `confirmation` goes at the same moment. Times are UTC
    # text; `next_try_at` is seconds since the epoch (when the sender looks at it next).
    (
        """CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            status_token TEXT NOT NULL,
            service TEXT NOT NULL,
            offer TEXT,
            phone TEXT NOT NULL,
            price_fen INTEGER NOT NULL,
            placed_at TEXT NOT NULL,
            consented_at TEXT NOT NULL,
            second_step TEXT NOT NULL,
            confirmation TEXT,
            marketing_opt_in INTEGER NOT NULL,
            staff TEXT,
            session TEXT,
            service_name TEXT NOT NULL,
            price_text TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            hq_status TEXT,
            reason TEXT,
            reference TEXT,
            test INTEGER,
            problem TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at REAL NOT NULL DEFAULT 0,
            polls INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX orders_due ON orders (state, next_try_at)",
    ),
    # 4: the interested-customer register (kiosk.services.leads, docs/staff.md "Register"):
    # kept only with the customer's consent, sent to HQ like orders; `phone` is the full
    # number until HQ acknowledged the entry (or its 30 days passed), then only masked.
    (
        """CREATE TABLE leads (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            staff TEXT NOT NULL,
            service TEXT NOT NULL,
            service_name TEXT NOT NULL,
            call_day TEXT NOT NULL,
            call_part TEXT NOT NULL CHECK (call_part IN ('morning', 'afternoon', 'evening')),
            consent INTEGER NOT NULL CHECK (consent = 1),
            consented_at TEXT NOT NULL,
            phone TEXT NOT NULL,
            session TEXT,
            state TEXT NOT NULL DEFAULT 'pending',
            problem TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX leads_due ON leads (state, next_try_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

#: Pending events kept at most; beyond, the lowest-ranked and oldest are dropped. About 40 MB
#: of file at 200 bytes a UI event (with its indexes): weeks of a busy store's events.
DEFAULT_CAP = 200_000

#: How events are ranked for dropping when the outbox is full (or memory is, while the file
#: cannot be written): lowest rank first, oldest first within a rank. Noise goes first (a
#: scene of a demo, a category opened, the language switched, a video started, a broken
#: attract item failing every loop); then what the figures are made of (sessions, services
#: opened, demo and video completions, subscribe taps), which unknown kinds join; the
#: kiosk's own record (starts, stops, sync and maintenance actions) last.
DROP_RANK: dict[str, int] = {
    "demo_scene": 0,
    "category_open": 0,
    "language_change": 0,
    "video_play": 0,
    "media_error": 0,
    "kiosk_start": 2,
    "kiosk_stop": 2,
}
DEFAULT_DROP_RANK = 1
#: Kinds never dropped, whatever the cap. Orders themselves are not events (they live in
#: `orders`, which no cap touches); these kinds are kept for any event about one.
NEVER_DROPPED: frozenset[str] = frozenset({"order", "order_placed"})


def drop_rank(kind: str) -> int | None:
    """Where `kind` stands in the order of dropping; None when it is never dropped."""
    if kind in NEVER_DROPPED:
        return None
    return DROP_RANK.get(kind, DEFAULT_DROP_RANK)


def drop_order_sql() -> tuple[str, str]:
    """SQL for the same order over `events`: a WHERE clause keeping droppable kinds, and the
    ORDER BY key (rank, then age)."""
    never = ", ".join(_quoted(k) for k in sorted(NEVER_DROPPED))
    cases = " ".join(f"WHEN {_quoted(k)} THEN {r}" for k, r in sorted(DROP_RANK.items()))
    return f"kind NOT IN ({never})", f"CASE kind {cases} ELSE {DEFAULT_DROP_RANK} END, seq"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_COUNT_DROPPED = (
    "INSERT INTO dropped (kind, count, first_at, last_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (kind) DO UPDATE SET count = count + excluded.count, "
    "first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)"
)


class Dropped:
    """Counts of events dropped unsent, by kind, with the first and last time."""

    def __init__(self) -> None:
        self.kinds: dict[str, list[Any]] = {}  # kind -> [count, first_at, last_at]

    def add(self, kind: str, at: str, n: int = 1) -> None:
        if (seen := self.kinds.get(kind)) is None:
            self.kinds[kind] = [n, at, at]
        else:
            seen[0] += n
            seen[1], seen[2] = min(seen[1], at), max(seen[2], at)

    def total(self) -> int:
        return sum(c for c, _, _ in self.kinds.values())

    def rows(self) -> list[tuple[str, int, str, str]]:
        return [(k, c, first, last) for k, (c, first, last) in self.kinds.items()]

    def merge(self, other: Dropped) -> None:
        for kind, count, first, last in other.rows():
            self.add(kind, first, count)
            self.add(kind, last, 0)


def write_dropped(conn: sqlite3.Connection, dropped: Dropped) -> None:
    """Add `dropped`'s counts to the file's, inside the caller's transaction."""
    conn.executemany(_COUNT_DROPPED, dropped.rows())


def trim(conn: sqlite3.Connection, cap: int) -> Dropped:
    """Drop the lowest-ranked, oldest pending events beyond `cap` pending, counting them in
    `dropped`, in one transaction; what was dropped."""
    dropped = Dropped()
    pending = conn.execute("SELECT count(*) FROM events WHERE uploaded_at IS NULL").fetchone()[0]
    if pending <= cap:
        return dropped
    droppable, order = drop_order_sql()
    with writing(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            gone = conn.execute(
                f"DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE uploaded_at IS NULL "
                f"AND {droppable} ORDER BY {order} LIMIT ?) RETURNING kind, at",
                (pending - cap,),
            ).fetchall()
            for kind, at in gone:
                dropped.add(kind, at)
            write_dropped(conn, dropped)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    if gone:
        counts = ", ".join(f"{k} {c}" for k, c, _, _ in dropped.rows())
        log.warning("ledger: over the outbox's cap of %d events: dropped %d (%s)", cap, len(gone), counts)
    return dropped


class FairLock:
    """A lock handed to its waiters in the order they came (threading.Lock is not: a thread
    that releases and takes it again at once, as the event ledger's writer does when
    events flood in, may keep it from a waiting one for a long time)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Lock] = deque()

    def acquire(self, timeout: float = -1) -> bool:
        with self._guard:
            if not self._held:
                self._held = True
                return True
            mine = threading.Lock()
            mine.acquire()
            self._waiters.append(mine)
        if mine.acquire(timeout=timeout):
            return True  # handed over by release()
        with self._guard:
            try:
                self._waiters.remove(mine)
            except ValueError:
                return True  # handed over just as the time ran out: it is ours
            return False

    def release(self) -> None:
        with self._guard:
            if self._waiters:
                self._waiters.popleft().release()  # stays held: now by the first waiter
            else:
                self._held = False


_write_locks: dict[str, FairLock] = {}
_write_locks_guard = threading.Lock()


def write_lock(path: str) -> FairLock:
    """The process's one lock for writing to the file at `path` (an absolute path)."""
    with _write_locks_guard:
        lock = _write_locks.get(path)
        if lock is None:
            lock = _write_locks[path] = FairLock()
        return lock


@contextmanager
def writing(conn: sqlite3.Connection, timeout: float = 10.0) -> Iterator[None]:
    """Hold the process's write lock for `conn`'s file while the block writes to it.

    Writers in this process (the event ledger's writer, the outbox, the order book) queue
    here, each woken the moment the one before is done, rather than in SQLite's busy
    handler, which sleeps and polls (1, 2, 5, 10 ... 100 ms): a customer's order waited up
    to 170 ms behind the ledger's writer that way. Other processes (`kiosk sync --once`)
    still meet SQLite's busy timeout. Past `timeout` s: sqlite3.OperationalError, as a busy
    file gives."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    lock = write_lock(path)
    if not lock.acquire(timeout):
        raise sqlite3.OperationalError("database is locked (by another writer of this kiosk)")
    try:
        yield
    finally:
        lock.release()


class NewerSchemaError(KioskError):
    """The file was written by a newer kiosk (a kiosk put back to an older version); this
    one does not write to it."""


Connect = Callable[[Path], sqlite3.Connection]


def connect(path: Path, busy_timeout_s: float = 10.0) -> sqlite3.Connection:
    """A connection to the kiosk's file (made if missing, readable by the kiosk's user
    only), in WAL mode with `synchronous=FULL`, migrated to `SCHEMA_VERSION`. Raises
    sqlite3.Error or OSError when the file cannot be made, opened or migrated,
    NewerSchemaError for a newer file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    make_private(path)
    conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
    try:
        prepare(conn)
    except BaseException:
        conn.close()
        raise
    return conn


#: The file and the two SQLite makes beside it in WAL mode.
COMPANIONS = ("", "-wal", "-shm")


def make_private(path: Path) -> None:
    """Create the file readable and writable by the kiosk's user only (it holds customers'
    numbers while their orders wait for HQ), and tighten an older kiosk's 0644 file and its
    -wal and -shm. SQLite creates -wal and -shm with the mode of the database file, so a
    file made 0600 here keeps them 0600 too."""
    # Read-only is enough to create it, and opens a file that cannot be written (which
    # SQLite then reports as such).
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o600)
    os.close(fd)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        try:
            if stat.S_IMODE(companion.stat().st_mode) & 0o077:
                os.chmod(companion, 0o600)
        except FileNotFoundError:
            pass
        except OSError as e:  # not the kiosk's own file: say so, and carry on
            log.warning("ledger: %s is readable by others and cannot be tightened: %s", companion, e)


def prepare(conn: sqlite3.Connection) -> None:
    """WAL, durable commits and the current schema, on a connection in autocommit mode."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    migrate(conn)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file to `SCHEMA_VERSION`, a step per transaction; the version it was at."""
    found = version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"the ledger's schema is version {found}, written by a newer kiosk; this one knows "
            f"up to {SCHEMA_VERSION} and leaves the file as it is"
        )
    while (current := version(conn)) < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another connection may have migrated while this one waited for the lock.
            if version(conn) == current:
                for statement in MIGRATIONS[current]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found


def problems(path: Path) -> list[str]:
    """What is wrong with the file at `path` (for `kiosk doctor`): SQLite's integrity check,
    and a version this kiosk does not know; [] when it is sound. Read only."""
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
            at = version(conn)
        finally:
            conn.close()
    except sqlite3.Error as e:
        return [f"{path}: cannot be read ({e})"]
    said = [] if found == ["ok"] else [f"{path}: {line}" for line in found]
    if at > SCHEMA_VERSION:
        said.append(f"{path}: schema version {at}, from a newer kiosk (this one knows {SCHEMA_VERSION})")
    return said
