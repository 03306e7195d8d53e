"""What the order book (kiosk.services.orders) and the register (kiosk.services.leads)
share: a table of customers' records in the kiosk's SQLite file (`ledger.sqlite3`,
kiosk.services.localdb), on a connection of its own, whose writes wait their turn with the
file's other writers in this process (`localdb.writing`).

The connection zeroes the bytes of a row rewritten (`secure_delete`: a full number masked
is not left in the page's free space) and, unless `checkpoint`, never copies the WAL into
the database: that is left to the ledger's and the outbox's connections, so that a
customer's or a member's final tap never pays for it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from kiosk.domain.phone import masked
from kiosk.services import localdb
from kiosk.services.ledger import utc_now_text

QUARANTINED = "quarantined"
#: How long a record HQ has settled (an answered order, an entry HQ holds) stays in the
#: kiosk's file: past My figures' month, for staff to look back; HQ keeps its own.
KEEP_SETTLED_DAYS = 90
#: How long a keep waits for another writer of the file (the ledger's writer, the outbox,
#: a sender) before it gives up: their transactions take milliseconds.
KEEP_BUSY_TIMEOUT_S = 2.0


class KeptRecords:
    """A table of kept records; subclasses name it (`TABLE`) and its states (`STATES`)."""

    TABLE: ClassVar[str]
    STATES: ClassVar[tuple[str, ...]]

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_s: float = KEEP_BUSY_TIMEOUT_S,
        connect: Callable[[Path], sqlite3.Connection] | None = None,
        clock: Callable[[], str] = utc_now_text,
        checkpoint: bool = False,
    ) -> None:
        """`checkpoint`: whether this connection's commits may copy the WAL into the
        database (off for the UI's keep; the senders' and the ledger's do it)."""
        self.path = path
        self._checkpoint = checkpoint
        self._busy_timeout_s = busy_timeout_s
        self._connect = connect or (lambda p: localdb.connect(p, busy_timeout_s))
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def open(self) -> None:
        """Open (and migrate) the file now, off the customer's path: the kiosk calls this at
        start so that the first keep finds the connection ready. Raises what a keep would
        report (sqlite3.Error, OSError)."""
        with self._connection():
            pass

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def counts(self) -> dict[str, int]:
        """Records by state (every state named, 0 included)."""
        with self._connection() as conn:
            rows = conn.execute(f"SELECT state, count(*) FROM {self.TABLE} GROUP BY state").fetchall()
        return {s: 0 for s in self.STATES} | {s: n for s, n in rows}

    def quarantined(self, limit: int = 20) -> list[dict[str, Any]]:
        """Records HQ would not take, with its reason, newest first (no number)."""
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT id, service, created_at, problem FROM {self.TABLE} WHERE state = ? "
                "ORDER BY updated_at DESC LIMIT ?",
                (QUARANTINED, limit),
            ).fetchall()
        return [dict(zip(("id", "service", "created_at", "problem"), r, strict=True)) for r in rows]

    def prune_settled(self, now: datetime, states: tuple[str, ...]) -> int:
        """Delete records in `states` (settled with HQ) last changed more than
        KEEP_SETTLED_DAYS before `now`; how many. Their bytes are zeroed (secure_delete)."""
        before = (now - timedelta(days=KEEP_SETTLED_DAYS)).astimezone(UTC).isoformat(timespec="milliseconds")
        where = f"state IN ({', '.join('?' * len(states))}) AND updated_at < ?"
        params = (*states, before)
        if not self._any(where, params):
            return 0
        with self._connection(write=True) as conn:
            return conn.execute(f"DELETE FROM {self.TABLE} WHERE {where}", params).rowcount

    def _mask_numbers(
        self, where: str, params: tuple[Any, ...], also: str = "", also_params: tuple[Any, ...] = ()
    ) -> int:
        """Replace the full number of every record matching `where` with its masked form,
        setting `also` (", column = ...") too, in one transaction; how many."""
        where = f"({where}) AND phone NOT LIKE '%*%'"
        if not self._any(where, params):
            return 0
        with self._connection(write=True) as conn:
            conn.execute("BEGIN IMMEDIATE")
            rows = conn.execute(f"SELECT id, phone FROM {self.TABLE} WHERE {where}", params).fetchall()
            for record_id, phone in rows:
                update = f"UPDATE {self.TABLE} SET phone = ?{also} WHERE id = ?"
                conn.execute(update, (masked(phone), *also_params, record_id))
            conn.execute("COMMIT")
        return len(rows)

    def _any(self, where: str, params: tuple[Any, ...]) -> bool:
        """A record matches `where`: asked first on the reading side, so that a pass with
        nothing to tidy (nearly every one) takes no write lock."""
        with self._connection() as conn:
            found = conn.execute(f"SELECT 1 FROM {self.TABLE} WHERE {where} LIMIT 1", params).fetchone()
        return found is not None

    @contextmanager
    def _connection(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """The connection (opened if need be); with `write`, this process's other writers
        of the file wait until the block is done (`localdb.writing`)."""
        with self._lock:
            if self._conn is None:
                conn = self._connect(self.path)
                conn.execute("PRAGMA secure_delete=ON")
                if not self._checkpoint:
                    conn.execute("PRAGMA wal_autocheckpoint=0")
                self._conn = conn
            try:
                if write:
                    with localdb.writing(self._conn, self._busy_timeout_s):
                        yield self._conn
                else:
                    yield self._conn
            except (sqlite3.Error, OSError):
                if self._conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                # A read-only or full file, a missing folder: open afresh next time, in case
                # someone mended it.
                self._conn.close()
                self._conn = None
                raise


def texts_json(value: dict[str, str]) -> str:
    """A text per language as the file keeps it: compact, keys sorted."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
