"""The kiosk's sessions with HQ read the environment's proxy and CA settings once, when made
(kiosk.sync.hqclient.hq_session), and keep following them: a store behind a proxy still goes
through it, an address in NO_PROXY still goes direct, and the download threads' sessions go
the way the main one does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kiosk.sync.fetcher import Fetcher
from kiosk.sync.hqclient import HqClient, hq_session

BODY = b"blob bytes"


class Answering(BaseHTTPRequestHandler):
    """Answers every GET with BODY and keeps the request line's target: a path when asked
    directly, the whole URL when asked as a proxy."""

    def do_GET(self) -> None:
        server: Server = self.server  # type: ignore[assignment]
        server.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Answering)
        self.asked: list[str] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def hq_and_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Server, Server]]:
    for name in ("http_proxy", "https_proxy", "no_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    servers = (Server(), Server())
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_store_behind_a_proxy_reaches_hq_through_it(
    hq_and_proxy: tuple[Server, Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    hq, proxy = hq_and_proxy
    monkeypatch.setenv("http_proxy", proxy.url)
    client = HqClient(hq.url)
    monkeypatch.delenv("http_proxy")  # read when the session was made, not at each request

    assert client.get_bytes("tuf/metadata/1.root.json") == BODY

    assert proxy.asked == [f"{hq.url}/tuf/metadata/1.root.json"] and hq.asked == []


def test_an_address_in_no_proxy_is_reached_directly(
    hq_and_proxy: tuple[Server, Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    hq, proxy = hq_and_proxy
    monkeypatch.setenv("http_proxy", proxy.url)
    monkeypatch.setenv("no_proxy", "127.0.0.1")

    assert HqClient(hq.url).get_bytes("tuf/metadata/1.root.json") == BODY

    assert hq.asked == ["/tuf/metadata/1.root.json"] and proxy.asked == []


def test_the_download_threads_go_the_way_the_main_session_goes(
    hq_and_proxy: tuple[Server, Server], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hq, proxy = hq_and_proxy
    monkeypatch.setenv("http_proxy", proxy.url)
    fetcher = Fetcher(session=HqClient(hq.url).session)
    monkeypatch.delenv("http_proxy")
    got: list[str] = []

    def fetch() -> None:
        got.append(fetcher.download(f"{hq.url}/tuf/targets/blob", tmp_path / "blob", len(BODY)))

    thread = threading.Thread(target=fetch)
    thread.start()
    thread.join(timeout=30)
    fetcher.close_others()

    assert got and (tmp_path / "blob").read_bytes() == BODY
    assert proxy.asked == [f"{hq.url}/tuf/targets/blob"] and hq.asked == []


def test_the_environments_ca_bundle_is_the_one_hq_is_verified_with(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/kiosk/hq-ca.pem")

    session = hq_session("https://hq.example.com/")

    assert session.verify == "/etc/kiosk/hq-ca.pem" and not session.trust_env
