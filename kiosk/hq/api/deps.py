"""What the routes depend on: the HQ services (`Hq`, kept on the app) and the calling
device, authenticated from its bearer credential."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Header, Request

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
