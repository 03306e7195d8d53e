"""`POST /v1/events`: batches of kiosk events, stored once each however often they come.

The busiest route by far (every kiosk, all day), so it reads its body itself: orjson parses
it and pydantic checks it against `EventBatch` in one pass, without the per-request
machinery of a declared body parameter. Refusals look exactly like every other route's.
"""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from kiosk.hq.api.bodies import MAX_BATCH, EventBatch, EventsTaken, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep
from kiosk.hq.errors import TooLarge

router = APIRouter(prefix="/v1", tags=["events"])
_BATCH = TypeAdapter(EventBatch)


@router.post(
    "/events",
    response_model=EventsTaken,
    responses={
        400: {"model": Problem},
        401: {"model": Problem},
        413: {"model": Problem},
        422: {"model": Problem},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventBatch"}}},
        }
    },
)
async def take_events(request: Request, device: DeviceDep, hq: HqDep) -> EventsTaken:
    """Store a batch for the device's store; events already stored (same id) are ignored,
    so a kiosk may send a batch again whenever it did not hear the answer."""
    body = await request.body()
    try:
        batch = _BATCH.validate_python(orjson.loads(body))
    except orjson.JSONDecodeError as e:
        raise RequestValidationError(
            [
                {
                    "type": "json_invalid",
                    "loc": ("body", e.pos),
                    "msg": "JSON decode error",
                    "ctx": {"error": e.msg},
                }
            ]
        ) from e
    except ValidationError as e:
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in e.errors()]) from e
    if len(batch.events) > MAX_BATCH:
        raise TooLarge(f"a batch holds at most {MAX_BATCH} events; this one has {len(batch.events)}")
    events = batch.events
    if not events:
        return EventsTaken(accepted=0, duplicates=0)
    accepted = await run_in_threadpool(hq.store.add_events, device, events, received_at=hq.clock())
    return EventsTaken(accepted=accepted, duplicates=len(events) - accepted)
