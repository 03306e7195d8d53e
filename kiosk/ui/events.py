"""One place that turns UI interactions into ledger events, tagged with the session id and,
while a staff member is signed in, credited to them (`staff`)."""

from __future__ import annotations

import logging
from typing import Any, Protocol

log = logging.getLogger(__name__)


class EventSink(Protocol):
    """What the recorder needs of `kiosk.services.ledger.Ledger`."""

    def record(self, kind: str, data: dict[str, Any] | None = None, session: str | None = None) -> str: ...


class Recorder:
    """Records events to the ledger (or nowhere, for screenshots) without blocking."""

    def __init__(self, sink: EventSink | None) -> None:
        self._sink = sink
        self.session: str | None = None
        #: The staff number signed in at the kiosk (kiosk.ui.staff): every event recorded
        #: meanwhile carries it as `staff`, so HQ credits demos and orders to them.
        self.staff: str | None = None

    def record(self, kind: str, **data: Any) -> None:
        if self.staff is not None:
            data["staff"] = self.staff
        log.debug("event %s %s (session %s)", kind, data, self.session)
        if self._sink is not None:
            self._sink.record(kind, data, self.session)

    def record_staff(self, kind: str, **data: Any) -> None:
        """An event of the staff (the maintenance screen): never part of a customer's session,
        even when the PIN pad was opened over one."""
        log.debug("event %s %s (staff)", kind, data)
        if self._sink is not None:
            self._sink.record(kind, data, None)
