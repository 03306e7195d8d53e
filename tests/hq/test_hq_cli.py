"""`kiosk-hq enroll | devices | revoke | serve` as an operator uses them, and serve's settings."""

from __future__ import annotations

import re
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.hq.cli import main
from kiosk.hq.enrolment import enrol
from kiosk.hq.server import ServeSettings, SettingsError, build_hq, listening_socket
from kiosk.hq.store import HqStore


def test_enroll_prints_a_code_that_devices_then_lists_once_used(
    store_url: str, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(["enroll", "--db", store_url, "--store", "GD-SZ-0001", "--city", "GD-SZ", "--province", "GD"])
        == 0
    )
    out = capsys.readouterr().out
    code = out.split(": ")[1].split()[0]
    assert "valid until" in out

    store = HqStore(store_url)
    device, _ = enrol(store, code, now=datetime.now(UTC), source="test")
    store.close()
    assert main(["devices", "--db", store_url]) == 0
    assert device.id in capsys.readouterr().out

    assert main(["revoke", "--db", store_url, device.id]) == 0
    assert "no longer works" in capsys.readouterr().out
    assert main(["revoke", "--db", store_url, device.id]) == 2
    assert "already revoked" in capsys.readouterr().err


def test_revoking_an_unknown_device_says_where_to_look(store_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["revoke", "--db", store_url, "dev-nope"]) == 2
    assert "no device dev-nope; `kiosk-hq devices` lists them" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url", ["mysql://hq:secret@db/hq", "nonsense", "postgresql+psycopg://hq:secret@127.0.0.1:1/hq"]
)
def test_an_unusable_database_url_is_one_plain_line(capsys: pytest.CaptureFixture, url: str) -> None:
    assert main(["devices", "--db", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kiosk-hq: cannot open the database") and "secret" not in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"ordering": "sap"}, "use 'local' or 'webhook:https://...'"),
        ({"ordering": "webhook:https://bss.example/orders"}, "needs its shared secret"),
        ({"sms": "pigeon"}, "use 'file:PATH' or 'http:https://...'"),
        ({"sms": "http:https://sms.example/send"}, "needs its token"),
    ],
)
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_wrong_serve_option_is_named(store: HqStore, settings: dict, says: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(says)):
        build_hq(ServeSettings(db_url="unused", **settings), store)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_serving_a_folder_that_is_not_a_repository_is_refused(store: HqStore, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="is not a repository made by `kiosk-hq init`"):
        build_hq(ServeSettings(db_url="unused", repo=tmp_path), store)


def test_a_taken_port_is_named() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SettingsError, match=f"cannot listen on 127.0.0.1:{port}"):
            listening_socket("127.0.0.1", port)


def test_the_server_socket_sends_small_writes_at_once() -> None:
    # Without TCP_NODELAY every response waited ~40 ms for the client's delayed ACK.
    sock = listening_socket("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        sock.close()
