"""The HQ web service: the TUF repository as static files and the kiosk API.

`create_app(hq)` builds the FastAPI application: `/tuf/metadata/...` and `/tuf/targets/...`
(HTTP range requests supported, so large media can resume), `/v1/...` routes per resource
(the SMS gateway's `/v1/sms/inbound` among them), orders' public status pages at `/o/{token}`,
the OpenAPI document at `/openapi.json` (browsable at `/docs`). Every refusal is a 4xx with
`{"error": "...", "problems": [...]}` naming what is wrong and where (at most 20 problems
and a count of the rest), and changes nothing; so are unknown routes and methods.

Each route takes a body of at most its own size (`BODY_LIMITS`), declared up front:
`_BodyGuard` refuses a larger one before reading it, and reads an allowed one whole before
the route runs, so no route ever sees half a body. A body may come gzipped
(`Content-Encoding: gzip`); the same limit holds for it inflated, which is done when the
route reads it (after the credential is checked) and stops at the limit, so a small body
that inflates to gigabytes costs what inflating the limit costs. With the connection limits
of `protocol.py` (slow or endless requests), what an anonymous caller can make HQ do is
bounded by what it sends.
"""

from __future__ import annotations

import logging
import uuid
import zlib
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic.json_schema import models_json_schema
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.hq.api import enrolment, events, heartbeat, leads, orders, otp, sms, staff, status
from kiosk.hq.api.bodies import REQUEST_BODIES
from kiosk.hq.api.deps import Hq, validation_problems
from kiosk.hq.api.problems import MAX_LINE_CHARS, bounded
from kiosk.hq.api.refusals import status_of
from kiosk.hq.db import DatabaseError
from kiosk.hq.errors import HqError, MalformedError, TooLargeError, TooManyError

log = logging.getLogger(__name__)

KB = 1024
#: Largest body each route takes. A batch of 1,000 events of 2 KB each fits twice; the
#: routes anyone may call without a credential take only what their fields need.
BODY_LIMITS = {
    "/v1/events": 4 * KB * KB,
    "/v1/heartbeat": 64 * KB,
    "/v1/orders": 16 * KB,
    "/v1/leads": 8 * KB,
    "/v1/otp": 4 * KB,
    "/v1/otp/verify": 4 * KB,
    "/v1/enrol": 4 * KB,
    "/v1/sms/inbound": 4 * KB,
}
#: Any other path (it will be 404 or 405 anyway).
OTHER_BODY_LIMIT = 4 * KB


def create_app(hq: Hq) -> FastAPI:
    app = FastAPI(
        title="kiosk HQ",
        version="1",
        summary="Signed content for the kiosks, and what they send back: events, heartbeats, orders.",
    )
    app.state.hq = hq
    for module in (enrolment, events, heartbeat, orders, leads, otp, sms, staff, status):
        app.include_router(module.router)
    app.add_exception_handler(HqError, _hq_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _failed)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    if hq.public is not None:
        # Metadata changes (timestamp.json above all) and must be fetched fresh; targets are
        # named by their hash and never change.
        app.mount("/tuf/metadata", _Cached(StaticFiles(directory=hq.public / "metadata"), "no-cache"))
        app.mount(
            "/tuf/targets",
            _Cached(StaticFiles(directory=hq.public / "targets"), "public, max-age=31536000, immutable"),
        )
    return _BodyGuard(app)  # type: ignore[return-value]


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        # The routes read their bodies themselves (jsonbody): publish the bodies' schemas.
        _, defs = models_json_schema(
            [(model, "validation") for model in REQUEST_BODIES], ref_template="#/components/schemas/{model}"
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(defs.get("$defs", {}))
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                answers = operation.get("responses", {})
                if "422" in answers:
                    answers["422"] = {
                        "description": "Not valid",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    }
        app.openapi_schema = schema
    return app.openapi_schema


def _problem(status: int, error: str, problems: list[str] | None = None, **headers: str) -> JSONResponse:
    # Every answer is bounded, whatever a route or handler put in it.
    body = {"error": error[:MAX_LINE_CHARS], "problems": bounded(problems or [])}
    return JSONResponse(body, status_code=status, headers=headers)


async def _hq_error(request: Request, exc: Exception) -> JSONResponse:
    """Every HQ error, answered with the status `refusals.STATUS` gives its class."""
    assert isinstance(exc, HqError)
    status = status_of(exc)
    if status is None:
        return await _failed(request, exc)
    if isinstance(exc, DatabaseError):
        log.warning("%s %s refused by the database: %s", request.method, request.url.path, exc)
    headers = (
        {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, TooManyError) and exc.retry_after_s else {}
    )
    return _problem(status, exc.message, exc.problems, **headers)


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _problem(422, "the request is not valid", validation_problems(exc.errors()))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    said = {404: "there is no such address at HQ", 405: "this address does not take that method"}
    error = said.get(exc.status_code) or str(exc.detail)
    return _problem(exc.status_code, error, **dict(exc.headers or {}))


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s: the database is unavailable: %s", request.method, request.url.path, exc)
    return _problem(503, "HQ's database is unavailable just now; try again shortly", **{"Retry-After": "30"})


async def _failed(request: Request, exc: Exception) -> JSONResponse:
    incident = uuid.uuid4().hex[:12]
    log.error("%s %s failed (incident %s)", request.method, request.url.path, incident, exc_info=exc)
    return _problem(500, f"HQ could not handle this request; it is logged as incident {incident}")


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


class _BodyGuard:
    """Refuses a request body over its route's limit (413) before reading it, and reads an
    allowed one whole before the app runs. Bodies must declare their length (411
    otherwise): every HTTP client sends it for a JSON body. A gzipped body is inflated
    when the app reads it, up to the same limit (413 beyond); any other encoding is 415."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def __getattr__(self, name: str) -> Any:
        # The FastAPI app's attributes (state, openapi(), routes) stay reachable.
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is None:
            await _send_problem(send, 411, "the request must say its length (Content-Length)")
            return
        limit = BODY_LIMITS.get(scope["path"], OTHER_BODY_LIMIT)
        hint = "; send smaller batches" if scope["path"] == "/v1/events" else ""
        if not declared.isdigit() or int(declared) > limit:
            await _send_problem(send, 413, f"the request body is larger than {_size(limit)}{hint}")
            return
        gzipped = _gzipped(headers.get(b"content-encoding", b""))
        if gzipped is None:
            await _send_problem(
                send,
                415,
                "HQ reads a request body as it is or gzipped (Content-Encoding: gzip), no other encoding",
                [(b"accept-encoding", b"gzip")],
            )
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away (or the connection timed out)
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                # Inflated only now, when a route reads it: after its credential is checked.
                whole = _inflate(body, limit, hint) if gzipped else body
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _size(limit: int) -> str:
    return f"{limit // (KB * KB)} MB" if limit >= KB * KB else f"{limit // KB} KB"


def _gzipped(encoding: bytes) -> bool | None:
    """Whether a body with this Content-Encoding is gzipped; None for one HQ does not read."""
    name = encoding.strip().lower()
    if name in (b"", b"identity"):
        return False
    if name in (b"gzip", b"x-gzip"):
        return True
    return None


def _inflate(body: bytes, limit: int, hint: str) -> bytes:
    """`body` gunzipped, never more than `limit` bytes of it: a body that would inflate
    further is refused once `limit` + 1 bytes are out, the rest never inflated."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # a gzip header and trailer, nothing else
    try:
        whole = inflater.decompress(body, limit + 1)
    except zlib.error as e:
        raise MalformedError(f"the request body is not valid gzip ({e})") from None
    if len(whole) > limit:
        raise TooLargeError(f"the request body is larger than {_size(limit)} once decompressed{hint}")
    if not inflater.eof:
        raise MalformedError("the request body's gzip stream is cut short")
    if inflater.unused_data:
        raise MalformedError("the request body holds more after its gzip stream; send one gzip stream")
    return whole


async def _send_problem(
    send: Send, status: int, error: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = orjson.dumps({"error": error, "problems": []})
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += extra or []
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
