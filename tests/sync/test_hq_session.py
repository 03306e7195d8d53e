"""The kiosk's sessions with HQ read the environment's proxy and CA settings once, when made
(kiosk.sync.hqclient.hq_session), and keep following them: a store behind a proxy still goes
through it, an address in NO_PROXY still goes direct, and the download threads' sessions go
the way the main one does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.sync.fetcher import Fetcher
from kiosk.sync.hqclient import HqClient, hq_session
from tests.hq.apikit import FakeEndpoint

#: What FakeEndpoint answers when given no reply.
BODY = b"{}"


def base(endpoint: FakeEndpoint) -> str:
    return endpoint.url.removesuffix("/hook")


@pytest.fixture
def hq_and_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeEndpoint, FakeEndpoint]]:
    for name in ("http_proxy", "https_proxy", "no_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    with FakeEndpoint() as hq, FakeEndpoint() as proxy:
        yield hq, proxy


def test_a_store_behind_a_proxy_reaches_hq_through_it(
    hq_and_proxy: tuple[FakeEndpoint, FakeEndpoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    hq, proxy = hq_and_proxy
    monkeypatch.setenv("http_proxy", base(proxy))
    client = HqClient(base(hq))
    monkeypatch.delenv("http_proxy")  # read when the session was made, not at each request

    assert client.get_bytes("tuf/metadata/1.root.json") == BODY

    assert proxy.asked == [f"{base(hq)}/tuf/metadata/1.root.json"] and hq.asked == []


def test_an_address_in_no_proxy_is_reached_directly(
    hq_and_proxy: tuple[FakeEndpoint, FakeEndpoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    hq, proxy = hq_and_proxy
    monkeypatch.setenv("http_proxy", base(proxy))
    monkeypatch.setenv("no_proxy", "127.0.0.1")

    assert HqClient(base(hq)).get_bytes("tuf/metadata/1.root.json") == BODY

    assert hq.asked == ["/tuf/metadata/1.root.json"] and proxy.asked == []


def test_the_download_threads_go_the_way_the_main_session_goes(
    hq_and_proxy: tuple[FakeEndpoint, FakeEndpoint], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hq, proxy = hq_and_proxy
    monkeypatch.setenv("http_proxy", base(proxy))
    fetcher = Fetcher(session=HqClient(base(hq)).session)
    monkeypatch.delenv("http_proxy")
    got: list[str] = []

    def fetch() -> None:
        got.append(fetcher.download(f"{base(hq)}/tuf/targets/blob", tmp_path / "blob", len(BODY)))

    thread = threading.Thread(target=fetch)
    thread.start()
    thread.join(timeout=30)
    fetcher.close_others()

    assert got and (tmp_path / "blob").read_bytes() == BODY
    assert proxy.asked == [f"{base(hq)}/tuf/targets/blob"] and hq.asked == []


def test_the_environments_ca_bundle_is_the_one_hq_is_verified_with(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/kiosk/hq-ca.pem")

    session = hq_session("https://hq.example.com/")

    assert session.verify == "/etc/kiosk/hq-ca.pem" and not session.trust_env
