"""The staff session's files and figures: the lockout kept across restarts, a member's
figures from this kiosk's ledger and from HQ. (The installed roster is kiosk.sync.roster's.)
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kiosk.datadir import write_durably
from kiosk.flow.pin import MAX_TRIES
from kiosk.flow.staff import Lock

if TYPE_CHECKING:
    # Not at run time: the kiosk's start reads the lockout file and must not load requests.
    from kiosk.sync.hqclient import HqClient

log = logging.getLogger(__name__)

LOCK_FILE = Path("staff") / "lockout.json"
#: HQ's figures are asked with short timeouts: a member is waiting at the screen.
FIGURES_TIMEOUT = (3.0, 5.0)


class LockFile:
    """The staff pad's wrong tries and lockout, `DATA/staff/lockout.json` (0600, durable)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE

    def load(self) -> Lock:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return Lock(int(raw["failures"]), float(raw["locked_until"]))
        except FileNotFoundError:
            return Lock()
        except (OSError, ValueError, TypeError, KeyError):
            # A damaged file must not give the tries back: one more wrong try locks.
            return Lock(MAX_TRIES - 1, 0.0)

    def save(self, lock: Lock) -> None:
        try:
            kept = {"failures": lock.failures, "locked_until": lock.locked_until}
            write_durably(self.path, json.dumps(kept).encode())
        except OSError as e:
            log.error("the staff lockout cannot be kept in %s: %s", self.path, e)


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


#: A member's records in the ledger: demos (when, finished: a demo_end that reached the end;
#: else a demo_start), orders (when placed, HQ's status), register entries (when).
Records = tuple[list[tuple[datetime, bool]], list[tuple[datetime, str | None]], list[datetime]]


def ledger_records(ledger: Path, staff: str, start: datetime, *, unsent: bool = False) -> Records:
    """`staff`'s records in this kiosk's ledger since `start` (kiosk.present.figures counts
    them): demos from the events credited to them (kept 40 days after their upload, so
    the whole month: kiosk.sync.outbox.KEEP_STAFF_DEMOS), orders from the orders table, register entries
    from `leads` when the file has that table. `unsent`: only what HQ has not had yet
    (events not uploaded, orders and entries still pending), to add to HQ's figures."""
    demos: list[tuple[datetime, bool]] = []
    orders: list[tuple[datetime, str | None]] = []
    leads: list[datetime] = []
    if not ledger.exists():
        return demos, orders, leads
    with closing(sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
        rows = conn.execute(
            "SELECT kind, at, json_extract(data, '$.completed') FROM events "
            "WHERE kind IN ('demo_start', 'demo_end') AND json_extract(data, '$.staff') = ?"
            + (" AND uploaded_at IS NULL" if unsent else ""),
            (staff,),
        ).fetchall()
        for kind, at, completed in rows:
            when = _when(at)
            if when is not None and when >= start and (kind == "demo_start" or completed):
                demos.append((when, kind == "demo_end"))
        try:
            for placed_at, status in conn.execute(
                "SELECT placed_at, hq_status FROM orders WHERE staff = ?"
                + (" AND state = 'pending'" if unsent else ""),
                (staff,),
            ):
                when = _when(placed_at)
                if when is not None and when >= start:
                    orders.append((when, status))
        except sqlite3.OperationalError:  # a file from before orders
            pass
        try:
            leads_sql = "SELECT created_at FROM leads WHERE staff = ?" + (
                " AND state = 'pending'" if unsent else ""
            )
            for (created_at,) in conn.execute(leads_sql, (staff,)):
                when = _when(created_at)
                if when is not None and when >= start:
                    leads.append(when)
        except sqlite3.OperationalError:  # a file from before the register
            pass
    return demos, orders, leads


def hq_figures(client: HqClient, staff: str) -> dict[str, Any]:
    """HQ's answer to `GET /v1/staff/{staff}/figures` (every kiosk of the store; read by
    kiosk.present.figures.from_hq). Raises SyncError: unreachable, or refused (404: the
    number is not on the store's roster at HQ)."""
    return client.call("GET", f"v1/staff/{quote(staff, safe='')}/figures")
