"""What the kiosk remembers of its dealings with HQ, for `kiosk status`, the maintenance
screen and the next heartbeat: the last sync round and how it ended, when HQ last answered
and the clock skew it showed, and the latest errors (which the heartbeat carries to HQ).

`sync-state.json` in the data folder; written whole (rename) after every round. Losing it
loses only these notes, never content or events.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.datadir import replace_whole

STATE_FILE = "sync-state.json"
#: How many of the latest errors are kept (and sent with the heartbeat; HQ takes 20).
KEPT_ERRORS = 20


@dataclass
class LastRound:
    at: str
    ok: bool
    message: str | None = None
    downloaded_bytes: int = 0
    activated: str | None = None
    events_sent: int = 0


@dataclass
class SyncState:
    last_round: LastRound | None = None
    #: When HQ last answered, and the kiosk's clock minus HQ's then (seconds).
    last_contact: str | None = None
    clock_skew_s: float | None = None
    errors: list[dict[str, str]] = field(default_factory=list)

    def note_error(self, message: str, at: datetime | None = None) -> None:
        when = (at or datetime.now(UTC)).isoformat(timespec="seconds")
        self.errors = [*self.errors, {"at": when, "message": message[:1000]}][-KEPT_ERRORS:]


def load_state(data_dir: Path) -> SyncState:
    try:
        raw = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
        last = raw.get("last_round")
        return SyncState(
            last_round=LastRound(**last) if isinstance(last, dict) else None,
            last_contact=raw.get("last_contact"),
            clock_skew_s=raw.get("clock_skew_s"),
            errors=[e for e in raw.get("errors", []) if isinstance(e, dict)][-KEPT_ERRORS:],
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return SyncState()  # never synced, or the notes were damaged: nothing to recall


def save_state(data_dir: Path, state: SyncState) -> None:
    data: dict[str, Any] = asdict(state)
    replace_whole(data_dir / STATE_FILE, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
