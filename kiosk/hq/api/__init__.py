"""The HQ web service: the TUF repository as static files and the kiosk API.

`create_app(hq)` builds the FastAPI application: `/tuf/metadata/...` and `/tuf/targets/...`
(HTTP range requests supported, so large media can resume), `/v1/...` routes per resource,
the OpenAPI document at `/openapi.json` (browsable at `/docs`). Every refusal is a 4xx with
`{"error": "...", "problems": [...]}` naming what is wrong and where, and changes nothing.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.hq.api import enrolment, events, heartbeat, orders, otp
from kiosk.hq.api.deps import Hq, text_without_nul
from kiosk.hq.errors import Refused, TooMany
from kiosk.hq.store import StoreError

log = logging.getLogger(__name__)

#: Largest request body taken (a batch of 1,000 events of 2 KB each fits twice).
MAX_BODY_BYTES = 4 * 1024 * 1024


def create_app(hq: Hq) -> FastAPI:
    app = FastAPI(
        title="kiosk HQ",
        version="1",
        summary="Signed content for the kiosks, and what they send back: events, heartbeats, orders.",
        dependencies=[Depends(text_without_nul)],
    )
    app.state.hq = hq
    for module in (enrolment, events, heartbeat, orders, otp):
        app.include_router(module.router)
    app.add_exception_handler(Refused, _refused)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StoreError, _store_error)
    if hq.public is not None:
        # Metadata changes (timestamp.json above all) and must be fetched fresh; targets are
        # named by their hash and never change.
        app.mount("/tuf/metadata", _Cached(StaticFiles(directory=hq.public / "metadata"), "no-cache"))
        app.mount(
            "/tuf/targets",
            _Cached(StaticFiles(directory=hq.public / "targets"), "public, max-age=31536000, immutable"),
        )
    return _LimitBody(app, MAX_BODY_BYTES)  # type: ignore[return-value]


def _problem(status: int, error: str, problems: list[str] | None = None, **headers: str) -> JSONResponse:
    return JSONResponse({"error": error, "problems": problems or []}, status_code=status, headers=headers)


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Refused)
    headers = (
        {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, TooMany) and exc.retry_after_s else {}
    )
    return _problem(exc.status, exc.message, **headers)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    log.warning("%s %s refused by the store: %s", request.method, request.url.path, exc)
    return _problem(409, str(exc))


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [_describe(e) for e in exc.errors()]
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return _problem(400, "the request body is not valid JSON", problems)
    return _problem(422, "the request is not valid", problems)


def _describe(error: dict[str, Any]) -> str:
    """`events[3].at: Input should be a valid datetime` from one of pydantic's errors."""
    loc = list(error.get("loc", ()))
    if error.get("type") == "json_invalid":
        detail = (error.get("ctx") or {}).get("error", "")
        at = f"character {loc[-1]}" if loc and isinstance(loc[-1], int) else "somewhere"
        return f"at {at}: {detail}".rstrip(": ")
    if loc and loc[0] in ("body", "query", "path", "header"):
        where, loc = loc[0], loc[1:]
    else:
        where = "body"
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    message = "unknown field" if error.get("type") == "extra_forbidden" else error.get("msg", "not valid")
    return f"{path or where}: {message}"


class _Cached:
    """Adds a Cache-Control header to everything an inner app answers."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.policy = policy.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"cache-control", self.policy)]
            await send(message)

        await self.app(scope, receive, send_with_policy)


class _LimitBody:
    """Refuses a request body over `limit` bytes (413) before reading it. Bodies must
    declare their length (411 otherwise): every HTTP client sends it for a JSON body."""

    def __init__(self, app: FastAPI, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __getattr__(self, name: str) -> Any:
        # The FastAPI app's attributes (state, openapi(), routes) stay reachable.
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "PATCH"):
            headers = dict(scope.get("headers", []))
            declared = headers.get(b"content-length")
            if declared is None:
                await _send_problem(send, 411, "the request must say its length (Content-Length)")
                return
            if not declared.isdigit() or int(declared) > self.limit:
                mb = self.limit // (1024 * 1024)
                await _send_problem(
                    send, 413, f"the request body is larger than {mb} MB; send smaller batches"
                )
                return
        await self.app(scope, receive, send)


async def _send_problem(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error, "problems": []}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
