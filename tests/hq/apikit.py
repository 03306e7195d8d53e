"""A real `kiosk-hq serve` application on 127.0.0.1 for the API tests, and helpers to talk
to it as a kiosk would."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
import uvicorn

from kiosk.hq.api import create_app
from kiosk.hq.api.deps import Hq
from kiosk.hq.config import HqConfig, HttpLimits
from kiosk.hq.db import Database, Order
from kiosk.hq.enrolment import issue_code
from kiosk.hq.ordering import LocalOrdering, OrderingSystem, Outcome
from kiosk.hq.server import Chores, listening_socket, uvicorn_config, wire
from kiosk.hq.sms import FileSms

#: The SMS gateway's inbound token of every served HQ here.
INBOUND_TOKEN = "gateway-token-" + "t" * 30


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@dataclass
class Api:
    url: str
    hq: Hq
    sms: FileSms
    clock: Clock
    http: requests.Session = field(default_factory=requests.Session)

    def post(self, path: str, body: Any = None, token: str | None = None) -> requests.Response:
        return self.http.post(self.url + path, json=body, headers=_auth(token), timeout=30)

    def get(
        self, path: str, token: str | None = None, headers: dict[str, str] | None = None
    ) -> requests.Response:
        return self.http.get(self.url + path, headers={**(headers or {}), **_auth(token)}, timeout=30)

    def code(self, store: str = "GD-SZ-0001", city: str = "GD-SZ", province: str = "GD") -> str:
        return issue_code(
            self.hq.db,
            store=store,
            city=city,
            province=province,
            now=self.clock(),
            valid_for=timedelta(days=7),
        )

    def enrol(self, store: str = "GD-SZ-0001") -> str:
        """A new device's credential for `store`."""
        answer = self.post("/v1/enrol", {"code": self.code(store), "app_version": "test"})
        assert answer.status_code == 201, answer.text
        return answer.json()["credential"]

    def last_code(self) -> str:
        text = sent_messages(self.sms)[-1]["text"]
        return text.split("验证码是 ")[1][:6]

    def reply(
        self, phone: str, text: str, message_id: str | None = None, token: str = INBOUND_TOKEN, **kw: Any
    ) -> requests.Response:
        """The SMS gateway hands HQ a reply from `phone`."""
        message = {"id": message_id or f"sms-{uuid.uuid4()}", "from": phone, "text": text, **kw}
        return self.post("/v1/sms/inbound", message, token)

    def confirm(self, token: str, phone: str = "13812345678") -> str:
        """A confirmation for `phone`, as the customer would get it at the kiosk."""
        sent = self.post("/v1/otp", {"phone": phone}, token)
        assert sent.status_code == 201, sent.text
        verdict = self.post(
            "/v1/otp/verify", {"challenge": sent.json()["challenge"], "code": self.last_code()}, token
        )
        assert verdict.json()["verified"], verdict.text
        return verdict.json()["confirmation"]


def sent_messages(sms: FileSms) -> list[dict[str, str]]:
    """Everything the file outbox holds, oldest first."""
    if not sms.path.exists():
        return []
    return [json.loads(line) for line in sms.path.read_text(encoding="utf-8").splitlines() if line]


def _auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


@contextmanager
def running(app: Any, http: HttpLimits | None = None) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 (a free port), as `kiosk-hq serve` does, while the block
    runs; its URL."""
    sock = listening_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn_config(app, http or HttpLimits(), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        # The socket already listens: requests queue until the server takes them.
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@contextmanager
def hq_api(
    db: Database,
    tmp_path: Path,
    *,
    ordering: OrderingSystem | None = None,
    public: Path | None = None,
    config: HqConfig | None = None,
    sms: FileSms | None = None,
) -> Iterator[Api]:
    clock = Clock()
    sms = sms or FileSms(tmp_path / "sms.jsonl")
    config = config or HqConfig()
    hq = wire(
        db,
        sms=sms,
        ordering=ordering or LocalOrdering(),
        config=config,
        public=public,
        clock=clock,
        inbound_token=INBOUND_TOKEN,
    )
    with running(create_app(hq), config.http) as url:
        yield Api(url=url, hq=hq, sms=sms, clock=clock)


def chores_round(hq: Hq) -> None:
    """Run serve's background chores (without a repository to refresh) once, then stop them."""
    chores = Chores(hq, refresh=None)
    chores.start()
    try:
        assert chores.first_round.wait(timeout=30)
    finally:
        chores.stop()


class RecordingOrdering(LocalOrdering):
    """The local ordering system, keeping every order it was handed (by id, in order)."""

    name = "recording"

    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        super().__init__(refuse)
        self.submitted: list[str] = []
        self._lock = threading.Lock()

    def submit(self, order: Order) -> Outcome:
        with self._lock:
            self.submitted.append(order.id)
        return super().submit(order)


class Recorder(BaseHTTPRequestHandler):
    """Answers every POST and GET with the server's next canned reply and keeps what it
    received: a POST's headers and body, a GET's request target (a path when asked
    directly, the whole URL when asked as a proxy)."""

    def do_POST(self) -> None:
        server: FakeEndpoint = self.server  # type: ignore[assignment]
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        server.received.append((dict(self.headers), body))
        self._reply(server)

    def do_GET(self) -> None:
        server: FakeEndpoint = self.server  # type: ignore[assignment]
        server.asked.append(self.path)
        self._reply(server)

    def _reply(self, server: FakeEndpoint) -> None:
        status, reply = server.replies.pop(0) if server.replies else (200, b"{}")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FakeEndpoint(ThreadingHTTPServer):
    """Stands in for an HTTP endpoint on loopback: an operator's (ordering system, SMS
    gateway), or HQ and a store's proxy as the kiosk's sessions meet them."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Recorder)
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.asked: list[str] = []
        self.replies: list[tuple[int, bytes]] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}/hook"

    def __enter__(self) -> FakeEndpoint:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
