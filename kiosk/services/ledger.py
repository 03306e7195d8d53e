"""The kiosk's durable record: one SQLite file (WAL) holding the outbox of events.

`Ledger.record` never waits for the disk: it hands the event to a writer thread, which
commits everything handed over since its last commit in one transaction with
`synchronous=FULL`, so an event that was committed survives a crash or a power cut. Every
event gets a unique id when it is recorded (HQ deduplicates on it) and the true
wall-clock time of the interaction, not of the upload.

Bounds, so that neither a flood of events nor a broken disk can take the kiosk down:
- At most `capacity` (1,000) events wait for the writer. A caller that finds it full
  waits for room: a thread recording flat out is slowed to the writer's pace instead of
  starving it (the writer takes everything waiting at once, so room comes within one
  commit, a few ms, longer at a WAL checkpoint). Only the thread that filled the queue
  waits, at most `max_block_s` (1 s: the writer is stuck in one SQLite call, a dying
  disk's fsync), then its event is dropped and counted by kind. Any other thread (the UI
  thread, a few events a second, while some thread floods) never waits: it goes on into
  a reserve of as many again, and beyond that its event is dropped and counted. (While
  the file cannot be written at all, the writer keeps taking events into memory, below,
  so nobody waits.)
- The writer commits everything waiting in one transaction, one statement per 1,000 events
  (a JSON array that SQLite unpacks), so it needs Python's interpreter lock once per slice,
  not once per row (with a busy recording thread each reacquisition waits up to 5 ms: 500
  rows took 2 s).
- When the file cannot be written (locked past the busy timeout, read-only, disk full,
  the folder missing) the writer keeps the events in memory, at most `memory_cap` (beyond
  it the lowest-ranked and oldest go first, counted: `localdb.drop_rank`), says why in
  `problem`, and tries again with back-off; what was committed before stays. Counts of
  dropped events are written to the `dropped` table once the file can be written.
- `flush()` answers True only when every event recorded before it is committed (or, if
  dropped as above, its count is); a failed write keeps it waiting until it succeeds or
  its time runs out.
- The file holds at most `cap` pending events: every 10,000 events the writer drops the
  lowest-ranked and oldest beyond it (`localdb.trim`), as the outbox does before sending.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.services import localdb

log = logging.getLogger(__name__)

#: id, kind, at (UTC, as text), session, data (encoded by the writer, off the recording
#: thread).
Row = tuple[str, str, str, str | None, dict[str, Any] | None]

# The batch is a JSON array of [id, kind, at, session, data] as the recording threads made
# them, which SQLite unpacks (json_extract rather than ->>: SQLite before 3.38, Ubuntu
# 22.04's, lacks it).
_INSERT = (
    "INSERT OR IGNORE INTO events (id, kind, at, session, data) "
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
    "json_extract(value, '$[3]'), coalesce(json_extract(value, '$[4]'), '{}') FROM json_each(?)"
)
#: Events encoded and inserted per statement.
ENCODE_SLICE = 1000
#: The writer applies the outbox's cap (`localdb.trim`) after this many events, so that the
#: file stays bounded even when nothing uploads (a kiosk not enrolled, HQ away for weeks).
TRIM_EVERY = 10_000


def utc_now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Ledger:
    """Records events off the caller's thread; read methods use their own connection."""

    def __init__(
        self,
        path: Path,
        *,
        connect: Callable[[Path], sqlite3.Connection] | None = None,
        capacity: int = 1_000,
        max_block_s: float = 1.0,
        memory_cap: int = 50_000,
        cap: int = localdb.DEFAULT_CAP,
        busy_timeout_s: float = 1.0,
        retry_s: tuple[float, float] = (0.1, 30.0),
        clock: Callable[[], str] | None = None,
    ) -> None:
        self.path = path
        self._busy_timeout_s = busy_timeout_s
        self._connect = connect or (lambda p: localdb.connect(p, busy_timeout_s))
        self._capacity = capacity
        self._max_block_s = max_block_s
        self._memory_cap = memory_cap
        self._cap = cap
        self._retry_s = retry_s
        self._clock = clock
        self._stamp: tuple[int, str] = (-1, "")  # a second and its text, for record()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)  # the writer waits for work
        self._settled = threading.Condition(self._lock)  # callers wait for room or a commit
        self._inbox: list[Row] = []
        self._shares: dict[int, int] = {}  # thread -> events of it in the inbox
        self._recorded = 0  # events recorded so far (taken or dropped)
        # Of those, how many are in the file (or counted there); -1 until the file is open.
        self._committed = -1
        self._hurry = False  # a flush or close is waiting: retry a failed write now
        self._stopping = False
        self._overflow = localdb.Dropped()  # dropped by record() for want of room
        self._problem: str | None = None
        self._held = 0
        #: The most events ever waiting for the writer at once (at most `capacity` from one
        #: thread, twice that with others).
        self.peak_waiting = 0
        self._reader: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._write_loop, name="ledger-writer", daemon=True)
        self._thread.start()

    def record(self, kind: str, data: dict[str, Any] | None = None, session: str | None = None) -> str:
        """Hand an event over for durable storage and return its id at once. `data` (JSON
        values) is encoded by the writer: it must not be changed after this call."""
        ms = time.time_ns() // 1_000_000
        event_id = new_event_id(ms)
        if self._clock is None:
            second, milli = divmod(ms, 1000)
            stamp = self._stamp
            if stamp[0] != second:
                # One tuple, so that another thread never sees one second's text with another's.
                stamp = self._stamp = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
            at = f"{stamp[1]}.{milli:03d}+00:00"
        else:
            at = self._clock()
        row = (event_id, kind, at, session, data)
        me = threading.get_ident()
        with self._lock:
            waiting = len(self._inbox)
            if waiting >= self._capacity:
                # Whoever filled the queue waits for room; anyone else (the UI thread while
                # another thread floods) goes on, into a reserve as large again, and never
                # waits: beyond the reserve its event is dropped.
                filler = self._shares.get(me, 0) * 2 > waiting
                limit = self._capacity if filler else 2 * self._capacity
                if filler:
                    self._settled.wait_for(lambda: len(self._inbox) < limit, self._max_block_s)
                    waiting = len(self._inbox)
                if waiting >= limit:
                    self._recorded += 1
                    self._overflow.add(kind, at)
                    self._problem = (
                        f"events arrive faster than the ledger can write them: "
                        f"{self._overflow.total()} dropped so far"
                    )
                    return event_id
            self._recorded += 1
            self._inbox.append(row)
            self._shares[me] = self._shares.get(me, 0) + 1
            if waiting >= self.peak_waiting:
                self.peak_waiting = waiting + 1
            if not waiting:
                self._arrived.notify()
        return event_id

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything recorded so far is committed; False if `timeout` passes first."""
        with self._lock:
            target = self._recorded
            self._hurry = True
            self._arrived.notify()
            return self._settled.wait_for(lambda: self._committed >= target, timeout)

    @property
    def problem(self) -> str | None:
        """Why events are not reaching the file just now (for `kiosk status`, the maintenance
        screen and the heartbeat), or None when all is well."""
        return self._problem

    @property
    def held(self) -> int:
        """Events in memory, not yet in the file."""
        with self._lock:
            return len(self._inbox) + self._held

    def close(self, timeout: float = 10.0) -> None:
        with self._lock:
            self._stopping = True
            self._hurry = True
            self._arrived.notify()
        self._thread.join(timeout=timeout)
        if self._reader is not None:
            self._reader.close()

    def recent(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest committed events, oldest first ([] when the file cannot be read)."""
        try:
            if self._reader is None:
                if not self.path.exists():
                    return []
                self._reader = sqlite3.connect(
                    self.path, timeout=10, isolation_level=None, check_same_thread=False
                )
            rows = self._reader.execute(
                "SELECT id, kind, at, session, data FROM events ORDER BY seq DESC LIMIT ?", (limit,)
            ).fetchall()
        except sqlite3.Error as e:
            log.warning("ledger: cannot read %s: %s", self.path, e)
            return []
        return [
            {"id": r[0], "kind": r[1], "at": r[2], "session": r[3], "data": json.loads(r[4])}
            for r in reversed(rows)
        ]

    # The writer thread ----------------------------------------------------------------

    def _write_loop(self) -> None:
        conn: sqlite3.Connection | None = None
        held: list[Row] = []
        dropped = localdb.Dropped()
        delay = self._retry_s[0]
        failing, next_try = False, 0.0
        # Open (and migrate) the file at once, so that a problem shows before any event.
        conn, error = self._commit(None, [], localdb.Dropped())
        since_trim = 0
        if conn is not None:
            self._trim(conn)
        with self._lock:
            if error is None:
                self._committed = 0
            else:
                failing, next_try = True, time.monotonic() + delay
                self._problem = f"the ledger {self.path} cannot be written ({error})"
            self._settled.notify_all()
        try:
            while True:
                with self._lock:
                    if failing:
                        # Take what arrives (so callers find room) but try the file again
                        # only when the back-off is over or someone waits on it.
                        self._arrived.wait_for(
                            lambda: self._hurry or self._stopping or len(self._inbox) >= self._capacity // 2,
                            max(0.0, next_try - time.monotonic()),
                        )
                    else:
                        self._arrived.wait_for(lambda: self._inbox or self._hurry or self._stopping)
                    batch, self._inbox, self._shares = self._inbox, [], {}
                    taken = self._recorded
                    stopping, hurry, self._hurry = self._stopping, self._hurry, False
                    dropped.merge(self._overflow)
                    self._overflow = localdb.Dropped()
                    self._settled.notify_all()  # room again
                held.extend(batch)
                error: str | None = None
                if failing and not (hurry or stopping or time.monotonic() >= next_try):
                    error = self._problem or "not written yet"
                elif held or dropped.kinds:
                    conn, error = self._commit(conn, held, dropped)
                    if error is None and conn is not None:
                        since_trim += len(held)
                        if since_trim >= TRIM_EVERY:
                            since_trim = 0
                            self._trim(conn)
                with self._lock:
                    if error is None:
                        held, dropped, failing = [], localdb.Dropped(), False
                        delay = self._retry_s[0]
                        self._committed = taken
                        self._problem = self._problem if self._overflow.kinds else None
                    else:
                        self._keep_within_memory(held, dropped)
                        if not failing or time.monotonic() >= next_try or hurry:
                            failing, next_try = True, time.monotonic() + delay
                            delay = min(delay * 2, self._retry_s[1])
                            self._problem = (
                                f"the ledger {self.path} cannot be written ({error}); "
                                f"{len(held)} events kept in memory"
                                + (f", {dropped.total()} dropped" if dropped.kinds else "")
                            )
                    self._held = len(held)
                    self._settled.notify_all()
                if stopping:
                    if held:
                        log.error("ledger: %d events could not be written before closing: lost", len(held))
                    return
        except BaseException as e:
            # A defect: say so where the kiosk's state is shown, rather than die unseen.
            log.exception("ledger: the writer stopped")
            self._problem = f"the ledger's writer stopped ({type(e).__name__}: {e}); events are not kept"
            raise
        finally:
            if conn is not None:
                conn.close()

    def _commit(
        self, conn: sqlite3.Connection | None, rows: list[Row], dropped: localdb.Dropped
    ) -> tuple[sqlite3.Connection | None, str | None]:
        """Commit `rows` and `dropped` in one transaction: the connection to use next time,
        and None, or why it failed."""
        try:
            if conn is None:
                conn = self._connect(self.path)
            # Encoded before the write lock is taken: a customer's order waiting for the
            # lock waits for SQLite only.
            # Each slice is one call holding the GIL (about 1 us an event), so no slice keeps
            # the UI thread waiting for more than a millisecond or so.
            bodies = [encode(rows[i : i + ENCODE_SLICE]) for i in range(0, len(rows), ENCODE_SLICE)]
            with localdb.writing(conn, self._busy_timeout_s):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    # In slices: SQLite unpacks each without the GIL.
                    for body in bodies:
                        conn.execute(_INSERT, (body,))
                    if dropped.kinds:
                        localdb.write_dropped(conn, dropped)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            return conn, None
        except (sqlite3.Error, OSError, localdb.NewerSchemaError) as e:
            why = str(e) or type(e).__name__
            if self._problem is None or why not in self._problem:
                log.warning("ledger: cannot write %d events to %s: %s; retrying", len(rows), self.path, why)
            if conn is not None:
                try:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if not _is_busy(e):
                    # A read-only or full file, a missing folder: open afresh next time, in
                    # case someone mended it.
                    conn.close()
                    conn = None
            return conn, why

    def _trim(self, conn: sqlite3.Connection) -> None:
        try:
            localdb.trim(conn, self._cap)
        except sqlite3.Error as e:
            log.warning("ledger: could not apply the outbox's cap: %s", e)  # again later

    def _keep_within_memory(self, held: list[Row], dropped: localdb.Dropped) -> None:
        excess = len(held) - self._memory_cap
        if excess <= 0:
            return
        ranked = sorted(
            (rank, i) for i, row in enumerate(held) if (rank := localdb.drop_rank(row[1])) is not None
        )
        gone = {i for _, i in ranked[:excess]}
        for i in gone:
            dropped.add(held[i][1], held[i][2])
        held[:] = [row for i, row in enumerate(held) if i not in gone]


def _is_busy(e: BaseException) -> bool:
    return isinstance(e, sqlite3.OperationalError) and "locked" in str(e)


def encode(rows: list[Row]) -> str:
    """The rows as one JSON array for `_INSERT`; data that JSON cannot hold (NaN, a set, a
    cycle) is kept as its repr, so that one bad event cannot block the others."""
    try:
        return _dumps(rows)
    except (TypeError, ValueError):
        return "[" + ",".join(map(_encode_one, rows)) + "]"


def _encode_one(row: Row) -> str:
    try:
        return _dumps(row)
    except (TypeError, ValueError):
        return _dumps([*row[:4], {"unencodable": repr(row[4])[:2000]}])


_dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


_LOW_62 = (1 << 62) - 1


# Ids need to be unique, not unpredictable: a generator seeded from the OS (again in a
# forked child) gives the 74 bits in a tenth of the time of a system call per id.
def _seed() -> None:
    global _bits
    _bits = random.Random(os.urandom(32)).getrandbits


_bits: Callable[[int], int]
_seed()
os.register_at_fork(after_in_child=_seed)


def new_event_id(ms: int | None = None) -> str:
    """A UUID version 7 (RFC 9562): the time in milliseconds (`ms`, or now), then 74 random
    bits.

    Unique like any UUID, and ordered by time, so a day's events from thousands of kiosks
    land next to each other in HQ's index instead of all over it (HQ ingests about 1.5x
    faster than with random UUIDs). Formatted by hand: uuid.UUID costs the recording
    thread twice as much.
    """
    if ms is None:
        ms = time.time_ns() // 1_000_000
    rand = _bits(80)
    return uuid_text((ms << 80) | (0x7 << 76) | ((rand >> 68) << 64) | (0b10 << 62) | (rand & _LOW_62))


def new_random_id() -> str:
    """A UUID version 4 (random), as `str(uuid.uuid4())`."""
    rand = int.from_bytes(os.urandom(16), "big")
    rand &= ~((0xF << 76) | (0b11 << 62))
    return uuid_text(rand | (0x4 << 76) | (0b10 << 62))


def uuid_text(value: int) -> str:
    """The 128-bit `value` written as a UUID, as `str(uuid.UUID(int=value))`. Not by the
    `uuid` module: importing it imports `platform`, some 5 ms of the kiosk's start."""
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
