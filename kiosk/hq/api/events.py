"""`POST /v1/events`: batches of kiosk events, each stored once however often it comes, or
refused on its own.

A batch is never refused for one bad event: the good ones are stored and the answer lists
the positions of the others (`refused`), with the first problems named, so that a kiosk
stops resending exactly what HQ will never take. Only a body that is not a batch at all
(not JSON, no `events` list, over 1,000 events) is refused whole.

The busiest route by far (every kiosk, all day), so a batch is read one of two ways:
- `_ordinary`: orjson and one pydantic pass over the whole batch, then checks that run in
  C over all events at once. Anything unusual goes the careful way: a NUL escape, an
  escaped quote, an `at` that is not a date and time as text, data that is not flat, a
  number too large to keep. A repeated key is caught by counting: the members the bytes hold (every
  `"` followed by `:` ends a key, once no string holds a raw quote) against the members
  orjson kept (it keeps the last of a repeated key, silently).
- `_careful`: the strict reader of `jsonbody` and a pass per event, which finds and names
  every fault. Both ways take and refuse exactly the same events (tests/hq/test_fuzz.py
  checks they agree); the first costs about what reading a batch cost before HQ checked
  any of this.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import itemgetter, methodcaller
from typing import Any

import orjson
from fastapi import APIRouter, Request
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from kiosk.hq.api import jsonbody
from kiosk.hq.api.bodies import MAX_BATCH, TIME_TEXT, Event, EventBatch, EventsTaken, Problem, is_time_text
from kiosk.hq.api.deps import DeviceDep, HqDep, reason_of, request_body
from kiosk.hq.api.jsonbody import Fault
from kiosk.hq.api.problems import listed
from kiosk.hq.errors import InvalidError, TooLargeError

router = APIRouter(prefix="/v1", tags=["events"])
_EVENTS = TypeAdapter(list[Event])

_KEY_END = re.compile(rb'"[ \t\n\r]*:')
#: Types of a flat data value HQ keeps as it is, without a closer look.
_PLAIN = frozenset({str, bool, type(None)})
_data = methodcaller("get", "data", {})
_at = itemgetter("at")
_fifth = itemgetter(4)


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
    raw = await request.body()
    faults: dict[int, Fault] = {}
    events = _ordinary(raw)
    if events is None:
        events = _careful(raw, faults)
    taken = await run_in_threadpool(hq.events.take, device, events, now=hq.clock())
    for position, why in taken.refused.items():
        faults[position] = (("events", position), why)
    refused = sorted(faults)
    return EventsTaken(
        accepted=taken.accepted,
        duplicates=taken.duplicates,
        retimed=taken.retimed,
        refused=refused,
        # Only the lines shown are written out: a hostile batch can fault every event.
        problems=listed(faults[i] for i in refused),
    )


def _ordinary(raw: bytes) -> list[tuple[int, Event]] | None:
    """The events of an ordinary batch, every one of them good; None for any other."""
    if b"\\" in raw and (b"\\u0000" in raw or b'\\"' in raw):
        return None
    try:
        value = orjson.loads(raw)  # refuses half surrogate pairs, NaN and Infinity itself
    except orjson.JSONDecodeError:
        return None
    if type(value) is not dict or len(value) != 1 or type(items := value.get("events")) is not list:
        return None
    if not items:
        return []
    if len(items) > MAX_BATCH or not all(type(item) is dict and "at" in item for item in items):
        return None
    # is_time_text, over all events at once.
    ats = list(map(_at, items))
    if set(map(type, ats)) != {str} or min(map(len, ats)) < 16 or set(map(_fifth, ats)) != {"-"}:
        return None
    # Flat data, each value kept as it is: checked before validating, so that a batch of
    # nested data is sent the careful way without paying for both.
    datas = list(map(_data, items))
    if set(map(type, datas)) != {dict}:
        return None
    values = set(map(type, chain.from_iterable(map(dict.values, datas))))
    if not values <= _PLAIN and not all(map(_kept_exactly, chain.from_iterable(map(dict.values, datas)))):
        return None
    if 1 + sum(map(len, items)) + sum(map(len, datas)) != _keys(raw):
        return None  # a repeated key
    try:
        events = _EVENTS.validate_python(items)
    except ValidationError:
        return None
    return list(enumerate(events))


def _kept_exactly(value: Any) -> bool:
    """A flat data value HQ keeps as it is. orjson reads integers beyond 64 bits as
    floats: so a float that large is sent the careful way too, to be read exactly."""
    kind = type(value)
    if kind is int:
        return jsonbody.I64_MIN <= value <= jsonbody.I64_MAX
    if kind is float:
        return -(2.0**63) < value < 2.0**63
    return kind in _PLAIN


def _keys(raw: bytes) -> int:
    """How many object members `raw` holds, when no string in it holds a quote: every
    quote followed by a colon (whitespace between allowed) ends a key."""
    # Whitespace other than spaces is rare in a batch (one memchr each to say so); then one
    # search says whether any key is followed by a space before its colon.
    if b"\n" in raw or b"\t" in raw or b"\r" in raw or b'" ' in raw:
        return len(_KEY_END.findall(raw))
    return raw.count(b'":')


def _careful(raw: bytes, faults: dict[int, Fault]) -> list[tuple[int, Event]]:
    """The good events of any batch, a fault recorded by position for each of the others;
    InvalidError or TooLargeError when the body is not a batch at all."""
    document = jsonbody.read(raw)
    items = _items(document)
    # One problem per event is enough to act on: each event is searched to its first fault.
    for position, item in enumerate(items):
        if found := document.first_fault(item, ("events", position)):
            faults[position] = found
        elif isinstance(item, dict) and "at" in item and not is_time_text(item["at"]):
            faults[position] = (("events", position, "at"), TIME_TEXT)
    events = _validated(items, faults)
    for position, event in events:
        if inner := jsonbody.free_json_problem(event.data):
            loc, why = inner
            faults[position] = (("events", position, "data", *loc), why)
    return [(position, event) for position, event in events if position not in faults]


def _items(document: jsonbody.Document) -> list[Any]:
    value = document.value
    if not isinstance(value, dict):
        raise InvalidError("the request is not valid", ['body: must be an object, {"events": [...]}'])
    if unknown := [key for key in value if key != "events"]:
        raise InvalidError("the request is not valid", listed(((key,), "unknown field") for key in unknown))
    if "events" not in value:
        raise InvalidError("the request is not valid", ["events: Field required"])
    if getattr(value, "repeated", None) is not None:
        raise InvalidError("the request is not valid", [f"events: {jsonbody.REPEATED}"])
    items = value["events"]
    if not isinstance(items, list):
        raise InvalidError("the request is not valid", ["events: must be a list of events"])
    if len(items) > MAX_BATCH:
        raise TooLargeError(f"a batch holds at most {MAX_BATCH} events; this one has {len(items)}")
    return items


def _validated(items: list[Any], faults: dict[int, Fault]) -> list[tuple[int, Event]]:
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
        faults[position] = (("events", position, *first["loc"][1:]), reason_of(first))
    survivors = [i for i in candidates if i not in bad]
    return list(zip(survivors, _EVENTS.validate_python([items[i] for i in survivors]), strict=True))
