"""What the routes depend on: the HQ services (`Hq`, kept on the app) and the calling
device, authenticated from its bearer credential."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header, Request
from fastapi.exceptions import RequestValidationError

from kiosk.hq.enrolment import authenticate
from kiosk.hq.orders import OrderDesk
from kiosk.hq.otp import ConfirmationDesk
from kiosk.hq.store import Device, HqStore


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Hq:
    store: HqStore
    confirmations: ConfirmationDesk
    orders: OrderDesk
    #: The TUF repository's served folder (`REPO/public`), if this server serves one.
    public: Path | None = None
    clock: Callable[[], datetime] = utc_now


async def hq(request: Request) -> Hq:
    # async: nothing to wait for, so no trip through the thread pool.
    return request.app.state.hq


def device(request: Request, authorization: Annotated[str | None, Header()] = None) -> Device:
    scheme, _, token = (authorization or "").partition(" ")
    credential = token.strip() if scheme.lower() == "bearer" else None
    return authenticate(request.app.state.hq.store, credential)


HqDep = Annotated[Hq, Depends(hq)]
DeviceDep = Annotated[Device, Depends(device)]


async def text_without_nul(request: Request) -> None:
    """Refuse (422) a body with the NUL character anywhere in its text, naming where.

    PostgreSQL can store NUL neither in text nor in JSON, so it would fail the request only
    once it reached the database, as a server error; no kiosk has a reason to send it.
    In JSON, NUL can only be written as the escape \\u0000, so bodies without that (all
    of them, in practice) are let through after one scan of their bytes.
    """
    body = await request.body()
    if b"\\u0000" not in body:
        return
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return  # the route refuses it, saying where the JSON breaks
    places = list(_nul_places(document, ("body",)))
    if places:
        message = "text may not contain NUL (\\u0000)"
        raise RequestValidationError([{"type": "nul_text", "loc": loc, "msg": message} for loc in places])


def _nul_places(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, str):
        if "\x00" in value:
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            shown = key.replace("\x00", "\\u0000")
            if shown != key:
                yield (*loc, shown)
            yield from _nul_places(item, (*loc, shown))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _nul_places(item, (*loc, i))
