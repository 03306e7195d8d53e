"""`POST /v1/events`: batches of kiosk events, each stored once however often it comes, or
refused on its own.

The busiest route by far (every kiosk, all day), so it reads its body itself, in one pass
where it can. A batch is never refused for one bad event: the good ones are stored and
the answer lists the positions of the others (`refused`), with the first problems named,
so that a kiosk stops resending exactly what HQ will never take. Only a body that is not a
batch at all (not JSON, no `events` list, over 1,000 events) is refused whole.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from kiosk.hq.api import jsonbody
from kiosk.hq.api.bodies import MAX_BATCH, Event, EventBatch, EventsTaken, Problem
from kiosk.hq.api.deps import DeviceDep, HqDep, reason_of, request_body
from kiosk.hq.api.problems import capped, line
from kiosk.hq.errors import Invalid, TooLarge

router = APIRouter(prefix="/v1", tags=["events"])
_EVENTS = TypeAdapter(list[Event])


@router.post(
    "/events",
    response_model=EventsTaken,
    responses={code: {"model": Problem} for code in (400, 401, 403, 408, 413, 422)},
    openapi_extra=request_body(EventBatch),
)
async def take_events(request: Request, device: DeviceDep, hq: HqDep) -> EventsTaken:
    """Store a batch for the device's store. Events already stored (same id) are ignored,
    so a kiosk may send a batch again whenever it did not hear the answer; events listed
    in `refused` will never be stored, and should not be sent again."""
    document = jsonbody.read(await request.body())
    items = _items(document)
    # One problem per event is enough to act on: each event is searched to its first fault.
    faults: dict[int, str] = {}
    if document.suspect:
        for position, item in enumerate(items):
            if found := document.first_fault(item, ("events", position)):
                faults[position] = line(*found)
    events = _validated(items, faults)
    for position, event in events:
        if inner := jsonbody.free_json_problem(event.data):
            loc, why = inner
            faults[position] = line(("events", position, "data", *loc), why)
    good = [(position, event) for position, event in events if position not in faults]
    taken = await run_in_threadpool(hq.events.take, device, good, now=hq.clock())
    for position, why in taken.refused.items():
        faults[position] = line(("events", position), why)
    refused = sorted(faults)
    return EventsTaken(
        accepted=taken.accepted,
        duplicates=taken.duplicates,
        retimed=taken.retimed,
        refused=refused,
        problems=capped((faults[i] for i in refused), len(refused)),
    )


def _items(document: jsonbody.Document) -> list[Any]:
    value = document.value
    if not isinstance(value, dict):
        raise Invalid("the request is not valid", ['body: must be an object, {"events": [...]}'])
    if unknown := [key for key in value if key != "events"]:
        raise Invalid("the request is not valid", capped(line((key,), "unknown field") for key in unknown))
    if "events" not in value:
        raise Invalid("the request is not valid", ["events: Field required"])
    if getattr(value, "repeated", None) is not None:
        raise Invalid("the request is not valid", [f"events: {jsonbody.REPEATED}"])
    items = value["events"]
    if not isinstance(items, list):
        raise Invalid("the request is not valid", ["events: must be a list of events"])
    if len(items) > MAX_BATCH:
        raise TooLarge(f"a batch holds at most {MAX_BATCH} events; this one has {len(items)}")
    return items


def _validated(items: list[Any], faults: dict[int, str]) -> list[tuple[int, Event]]:
    """The valid events with their positions; a fault recorded for each invalid one."""
    candidates = [i for i in range(len(items)) if i not in faults]
    chosen = items if len(candidates) == len(items) else [items[i] for i in candidates]
    try:
        # One call for the whole batch: nearly every batch is all good.
        return list(zip(candidates, _EVENTS.validate_python(chosen), strict=True))
    except ValidationError as e:
        errors = e.errors(include_url=False, include_input=False)
    bad: dict[int, list[Any]] = {}
    for error in errors:
        bad.setdefault(candidates[error["loc"][0]], []).append(error)
    for position, found in bad.items():
        first = found[0]  # one line per event is enough to act on
        faults[position] = line(("events", position, *first["loc"][1:]), reason_of(first))
    survivors = [i for i in candidates if i not in bad]
    return list(zip(survivors, _EVENTS.validate_python([items[i] for i in survivors]), strict=True))
