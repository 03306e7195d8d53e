"""The event outbox: the ledger's events sent to HQ, each marked sent only once HQ said so.

`Outbox` has its own connection to the ledger's file and works while the kiosk's `Ledger`
writes to it (WAL: readers do not wait; the two writers take turns in short
transactions). One `upload` round:

1. `trim`: when more than `cap` events wait, the lowest-ranked and oldest go first
   (`kiosk.services.localdb.drop_rank`: demo scenes, categories opened, language switches,
   video starts and media errors, then the rest; orders never), counted by kind in
   `dropped`, which the heartbeat reports (`dropped_counts`). Done before any network (and
   by the ledger's writer as it goes), so the file stays bounded however long HQ is away.
2. The oldest pending events, `batch_size` at a time, as gzipped JSON to `POST /v1/events`,
   each with its id (HQ ignores one it already holds, so resending after a lost answer is
   harmless) and the time it was recorded (a 6-hour outage skews nothing).
3. HQ's answer lists by position the events it will never store (`refused`): those move to
   `quarantine` with HQ's reason; every other event of the batch is marked uploaded. Both
   in one transaction, after the answer: an answer lost on the way means the batch is sent
   again, never that an event is marked sent unheard.
4. A batch refused whole as not valid (400, 413, 422: a body HQ cannot take, from a bug in
   one kiosk version or another) is split in halves and sent again, down to single events,
   which are quarantined with the reason: nothing is resent forever, nothing vanishes.

`HqUnreachableError` (HQ down, a proxy's page, a timeout) stops the round and is raised
again; what HQ acknowledged before it stays marked. Other refusals (401, 403, 429) are
raised as they are. The caller (the sync scheduler) retries later (`kiosk.sync.backoff`).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.services import localdb
from kiosk.services.ledger import utc_now_text
from kiosk.sync.errors import HqRefusedError, HqUnreachableError, SyncError
from kiosk.sync.hqclient import HqClient

log = logging.getLogger(__name__)

DEFAULT_CAP = localdb.DEFAULT_CAP
#: Uploaded events are kept this long for diagnosis on the kiosk, then deleted.
KEEP_UPLOADED = timedelta(days=7)
#: ...but a demo credited to a staff member this long: My figures count this month's (and
#: this week's, which may begin six days before the month) from the kiosk's own ledger when
#: HQ cannot be asked. A few hundred small rows a month.
KEEP_STAFF_DEMOS = timedelta(days=40)
#: Statuses that say "HQ cannot take this body" (not "not now"): split, then quarantine.
_NOT_TAKEN = frozenset({400, 413, 422})
_POSITION = re.compile(r"^events\[(\d+)\]")

Row = tuple[int, str]  # seq, the event as JSON


@dataclass
class UploadResult:
    sent: int = 0  # stored by HQ now
    duplicates: int = 0  # HQ had them already (an earlier answer was lost)
    quarantined: int = 0  # refused by HQ as invalid, kept aside with the reason
    retimed: int = 0  # stored by HQ at its own time: the kiosk's clock was not believed
    batches: int = 0  # requests HQ answered
    dropped: int = 0  # dropped at the cap before sending
    remaining: int = 0  # still pending after the round


class Outbox:
    def __init__(
        self,
        path: Path,
        *,
        cap: int = DEFAULT_CAP,
        keep_uploaded: timedelta = KEEP_UPLOADED,
        connect: Callable[[Path], sqlite3.Connection] | None = None,
        clock: Callable[[], str] = utc_now_text,
    ) -> None:
        self.path = path
        self.cap = cap
        self.keep_uploaded = keep_uploaded
        self._clock = clock
        #: What the last (or current) round did, also when it ended in an error.
        self.last = UploadResult()
        try:
            self._conn = (connect or localdb.connect)(path)
        except (sqlite3.Error, OSError, localdb.NewerSchemaError) as e:
            raise SyncError(f"the event ledger {path} cannot be opened: {e}") from None

    def close(self) -> None:
        self._conn.close()

    def upload(self, client: HqClient, batch_size: int = 500, max_batches: int | None = None) -> UploadResult:
        """Send pending events, oldest first, until none are left or `max_batches` were
        answered. Raises HqUnreachableError (and HqRefusedError other than for an invalid
        body) with what was acknowledged before it kept."""
        result = self.last = UploadResult()
        result.dropped = self.trim()
        while max_batches is None or result.batches < max_batches:
            rows = self._pending(batch_size)
            if not rows:
                break
            self._send(client, rows, result)
        self.prune_uploaded()
        result.remaining = self.pending()
        return result

    def pending(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM events WHERE uploaded_at IS NULL").fetchone()[0])

    def quarantined_count(self) -> int:
        """How many events HQ refused are kept aside."""
        return int(self._conn.execute("SELECT count(*) FROM quarantine").fetchone()[0])

    def depth(self) -> dict[str, int]:
        """Pending events by kind."""
        rows = self._conn.execute("SELECT kind, count(*) FROM events WHERE uploaded_at IS NULL GROUP BY kind")
        return {kind: n for kind, n in rows}

    def dropped_counts(self) -> dict[str, int]:
        """Events dropped unsent since the ledger began (at the cap, or from memory while the
        file could not be written), by kind."""
        return {kind: n for kind, n in self._conn.execute("SELECT kind, count FROM dropped ORDER BY kind")}

    def quarantined(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest events HQ refused, with its reasons, newest first."""
        rows = self._conn.execute(
            "SELECT id, kind, at, reason, quarantined_at FROM quarantine "
            "ORDER BY quarantined_at DESC LIMIT ?",
            (limit,),
        )
        return [dict(zip(("id", "kind", "at", "reason", "quarantined_at"), r, strict=True)) for r in rows]

    def release_quarantine(self) -> int:
        """Put every quarantined event back in the outbox, to be sent again (after HQ or the
        kiosk was fixed: a technician's decision, never automatic); how many."""
        with self._transaction():
            self._conn.execute(
                "INSERT OR IGNORE INTO events (id, kind, at, session, data) "
                "SELECT id, kind, at, session, data FROM quarantine ORDER BY at"
            )
            released = self._conn.execute("DELETE FROM quarantine").rowcount
        return released

    def trim(self) -> int:
        """Drop the lowest-ranked, oldest pending events beyond the cap; how many."""
        return localdb.trim(self._conn, self.cap).total()

    def prune_uploaded(self) -> int:
        """Delete events uploaded longer ago than `keep_uploaded` (a staff member's demos:
        KEEP_STAFF_DEMOS); how many."""
        now = datetime.now(UTC)
        before = (now - self.keep_uploaded).isoformat(timespec="milliseconds")
        staff_before = (now - max(KEEP_STAFF_DEMOS, self.keep_uploaded)).isoformat(timespec="milliseconds")
        with self._transaction():
            cursor = self._conn.execute(
                "DELETE FROM events WHERE uploaded_at IS NOT NULL AND uploaded_at < ? AND ("
                "uploaded_at < ? OR kind NOT IN ('demo_start', 'demo_end') "
                "OR json_extract(data, '$.staff') IS NULL)",
                (before, staff_before),
            )
        return cursor.rowcount

    def _pending(self, n: int) -> list[Row]:
        # SQLite writes each event's JSON itself (in C, without the GIL): the sync worker
        # only joins them into a body.
        return self._conn.execute(
            "SELECT seq, json_object('id', id, 'kind', kind, 'at', at, 'session', session, 'data', "
            "CASE WHEN json_valid(data) THEN json(data) ELSE json_object('unreadable', data) END) "
            "FROM events WHERE uploaded_at IS NULL ORDER BY seq LIMIT ?",
            (n,),
        ).fetchall()

    def _send(self, client: HqClient, rows: list[Row], result: UploadResult) -> None:
        parts = [rows]
        while parts:
            part = parts.pop()
            try:
                body = ('{"events":[' + ",".join([event for _, event in part]) + "]}").encode()
                answer = client.call("POST", "v1/events", body, compress=True)
            except HqRefusedError as e:
                if e.status not in _NOT_TAKEN:
                    raise
                if len(part) == 1:
                    reason = "; ".join([str(e), *e.problems])
                    self._settle(part, {0: reason}, result)
                else:
                    # Halves, the older first: a bad event is found in log2(n) requests.
                    middle = len(part) // 2
                    parts += [part[middle:], part[:middle]]
                continue
            result.batches += 1
            self._settle(part, _refusals(answer, len(part)), result)
            result.sent += _count(answer, "accepted")
            result.duplicates += _count(answer, "duplicates")
            result.retimed += _count(answer, "retimed")

    def _settle(self, part: list[Row], refused: dict[int, str], result: UploadResult) -> None:
        """Quarantine the refused events of `part` and mark the rest uploaded, at once."""
        now = self._clock()
        with self._transaction():
            for position, reason in refused.items():
                seq = part[position][0]
                self._conn.execute(
                    "INSERT OR REPLACE INTO quarantine (id, kind, at, session, data, reason, quarantined_at) "
                    "SELECT id, kind, at, session, data, ?, ? FROM events WHERE seq = ?",
                    (reason[:2000], now, seq),
                )
                self._conn.execute("DELETE FROM events WHERE seq = ?", (seq,))
            # `part` is a run of the oldest pending events, and seq only grows: every pending
            # event between its first and last is in it.
            self._conn.execute(
                "UPDATE events SET uploaded_at = ? WHERE seq BETWEEN ? AND ? AND uploaded_at IS NULL",
                (now, part[0][0], part[-1][0]),
            )
        result.quarantined += len(refused)
        for position, reason in refused.items():
            log.warning("outbox: HQ refused event %s: %s", part[position][1][:200], reason)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)


class _Transaction:
    """One write transaction, queued behind this process's other writers of the file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._writing = localdb.writing(conn)

    def __enter__(self) -> None:
        self._writing.__enter__()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._writing.__exit__(None, None, None)
            raise

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._writing.__exit__(None, None, None)


def _count(answer: dict[str, Any], key: str) -> int:
    value = answer.get(key)
    return value if type(value) is int and value >= 0 else 0


def _refusals(answer: dict[str, Any], size: int) -> dict[int, str]:
    """HQ's refused positions with their reasons (HQ names the first 20)."""
    refused = answer.get("refused")
    if type(answer.get("accepted")) is not int or not isinstance(refused, list):
        raise HqUnreachableError("HQ's answer to a batch of events is not one (no accepted and refused)")
    reasons: dict[int, str] = {}
    for line in answer.get("problems", []):
        if isinstance(line, str) and (m := _POSITION.match(line)):
            reasons.setdefault(int(m.group(1)), line)
    return {
        i: reasons.get(i, "refused by HQ (its answer gives the first 20 reasons only)")
        for i in refused
        if type(i) is int and 0 <= i < size
    }
