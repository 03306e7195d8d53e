"""The time and the event log the machines are given, as the smallest interfaces."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

#: Monotonic seconds, as `time.monotonic` gives them.
Now = Callable[[], float]

monotonic: Now = time.monotonic


class Record(Protocol):
    """Records one ledger event (`kiosk.ui.events.Recorder.record`)."""

    def __call__(self, kind: str, /, **data: Any) -> None: ...


def due_in_ms(wake: float | None, now: float) -> int | None:
    """Whole milliseconds from `now` to `wake` (never negative; None when `wake` is)."""
    if wake is None:
        return None
    return max(0, int((wake - now) * 1000 + 0.999))
