"""`kiosk-hq serve`: the web service with its adapters, and the work it does on a schedule.

`ServeSettings` says where things are (database, repository), which ordering system and
SMS gateway to use, and HQ's limits (`kiosk.hq.config`); `build_hq` wires the services;
`Chores` runs in the background while the server is up: waiting orders are forwarded
again every `ORDER_RETRY_S` (and orders awaiting an SMS reply texted, or expired when their
window has passed), customers' numbers past their retention are purged every
`PURGE_EVERY_S`, and the TUF timestamp is re-signed before it runs out
(`REFRESH_EVERY_S`). `uvicorn_config` is the one HTTP server configuration, for `serve`
and for the tests.
"""

from __future__ import annotations

import gc
import logging
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import uvicorn

from kiosk.hq.api import create_app
from kiosk.hq.api.deps import Hq, utc_now
from kiosk.hq.api.protocol import guarded_protocol
from kiosk.hq.config import HqConfig, HttpLimits
from kiosk.hq.db import Database
from kiosk.hq.errors import HqError
from kiosk.hq.events import EventDesk
from kiosk.hq.heartbeats import HeartbeatDesk
from kiosk.hq.ordering import LocalOrdering, OrderingSystem, WebhookOrdering
from kiosk.hq.orders import OrderDesk
from kiosk.hq.otp import ConfirmationDesk
from kiosk.hq.retention import purge
from kiosk.hq.sms import FileSms, HttpSms, SmsGateway

log = logging.getLogger(__name__)

ORDER_RETRY_S = 15.0
REFRESH_EVERY_S = 3600.0
PURGE_EVERY_S = 3600.0


class SettingsError(HqError):
    """A serve option a person must fix; the message says which and why."""


@dataclass(frozen=True)
class ServeSettings:
    db_url: str
    repo: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8700
    #: "local", or "webhook:https://..." (with `ordering_secret`).
    ordering: str = "local"
    ordering_secret: str = ""
    #: "file:/path/outbox.jsonl", or "http:https://..." (with `sms_token`).
    sms: str = "file:sms-outbox.jsonl"
    sms_token: str = ""
    #: What the SMS gateway sends with inbound messages (KIOSK_HQ_SMS_INBOUND_TOKEN or the
    #: data folder's file); empty: HQ takes none.
    sms_inbound_token: str = ""
    config: HqConfig = field(default_factory=HqConfig)


def ordering_system(spec: str, secret: str) -> OrderingSystem:
    if spec == "local":
        return LocalOrdering()
    kind, _, url = spec.partition(":")
    if kind == "webhook" and url.startswith(("http://", "https://")):
        if not secret:
            raise SettingsError(
                "a webhook ordering system needs its shared secret (KIOSK_HQ_ORDERING_SECRET)"
            )
        return WebhookOrdering(url, secret)
    raise SettingsError(f"--ordering '{spec}': use 'local' or 'webhook:https://...'")


def sms_gateway(spec: str, token: str) -> SmsGateway:
    kind, _, target = spec.partition(":")
    if kind == "file" and target:
        return FileSms(Path(target))
    if kind == "http" and target.startswith(("http://", "https://")):
        if not token:
            raise SettingsError("an HTTP SMS gateway needs its token (KIOSK_HQ_SMS_TOKEN)")
        return HttpSms(target, token)
    raise SettingsError(f"--sms '{spec}': use 'file:PATH' or 'http:https://...'")


def build_hq(settings: ServeSettings, db: Database, clock: Callable[[], datetime] = utc_now) -> Hq:
    public = None
    if settings.repo is not None:
        public = settings.repo / "public"
        if not (public / "metadata").is_dir() or not (public / "targets").is_dir():
            raise SettingsError(f"{settings.repo} is not a repository made by `kiosk-hq init`")
    return wire(
        db,
        sms=sms_gateway(settings.sms, settings.sms_token),
        ordering=ordering_system(settings.ordering, settings.ordering_secret),
        config=settings.config,
        public=public,
        clock=clock,
        inbound_token=settings.sms_inbound_token or None,
    )


def wire(
    db: Database,
    *,
    sms: SmsGateway,
    ordering: OrderingSystem,
    config: HqConfig,
    public: Path | None = None,
    clock: Callable[[], datetime] = utc_now,
    inbound_token: str | None = None,
) -> Hq:
    """HQ's services over one database, as `serve` runs them (and the tests, with their own
    gateways and clock)."""
    confirmations = ConfirmationDesk(db, sms, config.codes)
    return Hq(
        db=db,
        confirmations=confirmations,
        orders=OrderDesk(
            db,
            ordering,
            confirmation_ttl=config.codes.confirmation_ttl,
            window=config.clock,
            texts=confirmations,
            limits=config.orders,
        ),
        events=EventDesk(db, config.clock),
        heartbeats=HeartbeatDesk(db, config.clock),
        sms=sms,
        config=config,
        public=public,
        clock=clock,
        inbound_token=inbound_token,
    )


class Chores:
    """Background work while serving, on its own thread; `stop()` ends it promptly."""

    def __init__(self, hq: Hq, refresh: Callable[[], None] | None) -> None:
        self._hq = hq
        self._refresh = refresh
        self._stop = threading.Event()
        #: Set once the first round (forwarding, purge, refresh) is done.
        self.first_round = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hq-chores", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        # Refresh and purge once at start, then when due.
        since_refresh, since_purge = REFRESH_EVERY_S, PURGE_EVERY_S
        while not self._stop.is_set():
            for chore, due in (
                # Expired first: an order whose window has passed is not texted.
                (self._expire, True),
                (self._forward, True),
                (self._text, True),
                (self._purge, since_purge >= PURGE_EVERY_S),
                (self._refresh, self._refresh is not None and since_refresh >= REFRESH_EVERY_S),
            ):
                if not due or chore is None:
                    continue
                try:
                    chore()
                except Exception:
                    # A chore that fails now is tried again next round; the server stays up.
                    log.exception("background work failed; trying again in %.0f s", ORDER_RETRY_S)
            self.first_round.set()
            if since_purge >= PURGE_EVERY_S:
                since_purge = 0.0
            if since_refresh >= REFRESH_EVERY_S:
                since_refresh = 0.0
            self._stop.wait(ORDER_RETRY_S)
            since_refresh += ORDER_RETRY_S
            since_purge += ORDER_RETRY_S

    def _forward(self) -> None:
        self._hq.orders.forward_pending(now=utc_now())

    def _text(self) -> None:
        self._hq.orders.text_pending(now=utc_now())

    def _expire(self) -> None:
        self._hq.orders.expire(now=utc_now())

    def _purge(self) -> None:
        config = self._hq.config
        report = purge(self._hq.db, self._hq.sms, config.retention, now=utc_now(), orders=config.orders)
        log.info("retention: %s", report)


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening socket: the port is known (and taken) before the server starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: without it, a response's body waits behind its
    # headers for the client's delayed ACK, some 40 ms per request.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise SettingsError(f"cannot listen on {host}:{port}: {e.strerror}") from e
    sock.listen(2048)
    return sock


def quiet_collector() -> None:
    """Keep the cyclic garbage collector off the request path.

    A batch of 500 events makes some 3,000 short-lived objects, so with Python's default
    thresholds the collector runs several times per request and, every few requests, walks
    the whole heap (FastAPI, SQLAlchemy, pydantic: over 100,000 objects that live as long as
    the process). That was 2-3 ms of a 4 ms validation. Freezing what exists at start-up
    takes it out of every later collection, and a higher first threshold lets a request's
    garbage go by reference counting, as nearly all of it does, before the collector looks.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def uvicorn_config(app: object, http: HttpLimits, *, log_level: str = "info") -> uvicorn.Config:
    """The HTTP server as HQ runs it: httptools with the connection limits of
    `kiosk.hq.api.protocol`, and uvicorn's "auto" loop (uvloop, which pyproject.toml
    installs: h11 and asyncio's own loop are measurably slower, see README).

    Behind a proxy on this host, uvicorn takes the caller's address from X-Forwarded-For
    (FORWARDED_ALLOW_IPS names other proxies to trust); the audit lines and the enrolment
    cap use it.
    """
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        http=guarded_protocol(http),
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=10,
    )


def serve(hq: Hq, sock: socket.socket, refresh: Callable[[], None] | None = None) -> None:
    """Serve on `sock` until interrupted (SIGINT/SIGTERM end it cleanly)."""
    server = uvicorn.Server(uvicorn_config(create_app(hq), hq.config.http))
    quiet_collector()
    chores = Chores(hq, refresh)
    chores.start()
    try:
        server.run(sockets=[sock])
    finally:
        chores.stop()
