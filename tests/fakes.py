"""Stand-ins for the state machines' time and event log (`kiosk.flow`), moved by the test."""

from __future__ import annotations

from typing import Any


class ManualClock:
    """Monotonic seconds: `now()` is what the test last set; `advance(s)` moves it on."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class EventLog:
    """Keeps what a machine records, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, kind: str, /, **data: Any) -> None:
        self.events.append((kind, data))

    def kinds(self) -> list[str]:
        return [k for k, _ in self.events]
