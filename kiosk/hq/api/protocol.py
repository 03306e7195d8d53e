"""HTTP/1.1 connections that cannot be held open by a slow or endless request.

uvicorn waits as long as a client likes for a request's headers and body, and takes
headers of any size: a few hundred connections that each send a byte now and then would
keep HQ's workers and memory forever ("slowloris"). `guarded_protocol(limits)` is uvicorn's
httptools protocol with three limits of `kiosk.hq.config.HttpLimits`:
- a request's headers must be complete within `headers_timeout_s` of its first byte (or,
  on a new connection, of connecting);
- its body within `body_timeout_s` after the headers;
- request line and headers together at most `max_header_bytes`.
A request that breaks one is answered 408 or 431, in the API's `{"error", "problems"}`
shape, and its connection closed. Kiosks behind a slow link are not at risk: a batch of
500 events (~80 KB) arrives within the body timeout at 2 KB/s.
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kiosk.hq.config import HttpLimits


def raw_answer(status: int, reason: str, error: str) -> bytes:
    """A whole HTTP response that ends the connection, written without the ASGI app."""
    body = orjson.dumps({"error": error, "problems": []})
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class _HeadersTooLargeError(Exception):
    pass


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    limits = HttpLimits()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._deadline: asyncio.TimerHandle | None = None
        self._header_bytes = 0
        self._too_large = False
        super().connection_made(transport)
        self._arm(self.limits.headers_timeout_s, "the request's headers did not arrive in time")

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        if self._deadline is None:
            self._arm(self.limits.headers_timeout_s, "the request's headers did not arrive in time")

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()
        if not self.pipeline:  # a queued request's body is not read until its turn
            self._arm(self.limits.body_timeout_s, "the request's body did not arrive in time")

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        # uvicorn's answer to a request httptools cannot parse (ours too, for oversized headers).
        self._disarm()
        if self._too_large:
            kb = self.limits.max_header_bytes // 1024
            answer = raw_answer(
                431, "Request Header Fields Too Large", f"the request's headers exceed {kb} KB"
            )
        else:
            answer = raw_answer(400, "Bad Request", "the request is not valid HTTP/1.1")
        self.transport.write(answer)
        self.transport.close()

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.limits.max_header_bytes:
            self._too_large = True
            # httptools turns a callback's exception into a parse error: send_400_response.
            raise _HeadersTooLargeError

    def _arm(self, seconds: float, why: str) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expire, why)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self, why: str) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is None or not self.cycle.response_started:
            self.transport.write(raw_answer(408, "Request Timeout", why))
        self.transport.close()


def guarded_protocol(limits: HttpLimits) -> type[Any]:
    """The protocol class for uvicorn's `Config(http=...)`, with these limits."""
    return type("GuardedHttpToolsProtocol", (GuardedHttpToolsProtocol,), {"limits": limits})
