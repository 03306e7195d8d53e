"""`POST /v1/events`: batches of kiosk events, stored once each however often they come."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.hq.api.bodies import MAX_BATCH, EventBatch, EventsTaken, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep
from kiosk.hq.errors import TooLarge
from kiosk.hq.store import EventIn

router = APIRouter(prefix="/v1", tags=["events"])


@router.post(
    "/events", response_model=EventsTaken, responses={401: {"model": Problem}, 413: {"model": Problem}}
)
def take_events(batch: EventBatch, device: DeviceDep, hq: HqDep) -> EventsTaken:
    """Store a batch for the device's store; events already stored (same id) are ignored,
    so a kiosk may send a batch again whenever it did not hear the answer."""
    if len(batch.events) > MAX_BATCH:
        raise TooLarge(f"a batch holds at most {MAX_BATCH} events; this one has {len(batch.events)}")
    events = [EventIn(e.id, e.kind, e.at, e.session, e.data) for e in batch.events]
    accepted = hq.store.add_events(device, events, received_at=hq.clock()) if events else 0
    return EventsTaken(accepted=accepted, duplicates=len(events) - accepted)
