"""What the routes depend on: the HQ services (`Hq`, kept on the app), the calling device
(authenticated from its bearer credential) or SMS gateway (its inbound token), the
caller's address, and the request body read strictly (`json_body`).

Routes take the caller before the body, so a request without a valid credential is
refused before its body is parsed: whatever an anonymous caller sends costs HQ no more
than reading it.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request
from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.hq import audit
from kiosk.hq.api import jsonbody
from kiosk.hq.api.problems import listed
from kiosk.hq.config import HqConfig
from kiosk.hq.db import Database, Device
from kiosk.hq.enrolment import authenticate
from kiosk.hq.errors import CredentialError, InvalidError
from kiosk.hq.events import EventDesk
from kiosk.hq.heartbeats import HeartbeatDesk
from kiosk.hq.orders import OrderDesk
from kiosk.hq.otp import ConfirmationDesk
from kiosk.hq.sms import SmsGateway

M = TypeVar("M", bound=BaseModel)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Hq:
    db: Database
    confirmations: ConfirmationDesk
    orders: OrderDesk
    events: EventDesk
    heartbeats: HeartbeatDesk
    #: The SMS gateway the confirmation desk texts through (pruned by the retention chores).
    sms: SmsGateway
    config: HqConfig = field(default_factory=HqConfig)
    #: The TUF repository's served folder (`REPO/public`), if this server serves one.
    public: Path | None = None
    clock: Callable[[], datetime] = utc_now
    #: The token the SMS gateway sends with inbound messages; None: HQ takes none.
    inbound_token: str | None = None


async def hq(request: Request) -> Hq:
    # async: nothing to wait for, so no trip through the thread pool.
    return request.app.state.hq


def source(request: Request) -> str:
    """The caller's address (a trusted proxy's X-Forwarded-For, as uvicorn applies it)."""
    return request.client.host if request.client else "unknown"


def device(request: Request, authorization: Annotated[str | None, Header()] = None) -> Device:
    scheme, _, token = (authorization or "").partition(" ")
    credential = token.strip() if scheme.lower() == "bearer" else None
    return authenticate(request.app.state.hq.db, credential, source=source(request))


def gateway(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """The caller is HQ's SMS gateway: it sends the inbound token (compared in constant time)."""
    scheme, _, token = (authorization or "").partition(" ")
    given = token.strip() if scheme.lower() == "bearer" else ""
    expected = request.app.state.hq.inbound_token
    if not given:
        raise CredentialError("this call needs the SMS gateway's token: Authorization: Bearer <token>")
    if expected is None or not hmac.compare_digest(given.encode(), expected.encode()):
        audit.refused("wrong SMS gateway token", source=source(request))
        raise CredentialError("the SMS gateway's token is not the one HQ holds")


HqDep = Annotated[Hq, Depends(hq)]
DeviceDep = Annotated[Device, Depends(device)]
SourceDep = Annotated[str, Depends(source)]
GatewayDep = Annotated[None, Depends(gateway)]


def json_body(model: type[M]) -> Any:
    """A dependency giving the request body as `model`: read by `jsonbody.read` (strict
    JSON), then validated; every problem named as `path: reason`, at most 20 and a count."""
    adapter = TypeAdapter(model)

    async def read_body(request: Request) -> M:
        document = jsonbody.read(await request.body())
        if problems := listed(document.faults()):
            raise InvalidError("the request is not valid", problems)
        try:
            return adapter.validate_python(document.value)
        except ValidationError as e:
            raise InvalidError(
                "the request is not valid",
                validation_problems(e.errors(include_url=False, include_input=False)),
            ) from e

    return Depends(read_body)


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI `requestBody` of a route that reads `model` with `json_body` (FastAPI
    documents only the bodies it reads itself); `create_app` publishes the schema."""
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def validation_problems(errors: Iterable[Any]) -> list[str]:
    """pydantic's errors as `path: reason` lines, at most 20 and a count."""
    return listed((e["loc"], reason_of(e)) for e in errors)


def reason_of(error: Any) -> str:
    """The reason in one of pydantic's errors, in the API's words."""
    if error.get("type") == "extra_forbidden":
        return "unknown field"
    return str(error.get("msg", "not valid"))
