"""`kiosk-hq enroll | devices | revoke | serve | purge` as an operator uses them, serve's
settings and chores, HQ's data folder and its config file."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.hq.cli import main
from kiosk.hq.config import HqConfig, config_from
from kiosk.hq.db import Database
from kiosk.hq.enrolment import enrol
from kiosk.hq.server import ServeSettings, SettingsError, build_hq, listening_socket
from tests.hq import dbkit
from tests.hq.apikit import chores_round


def test_enroll_prints_a_code_that_devices_then_lists_once_used(
    db_url: str, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(["enroll", "--db", db_url, "--store", "GD-SZ-0001", "--city", "GD-SZ", "--province", "GD"]) == 0
    )
    out = capsys.readouterr().out
    code = out.split(": ")[1].split()[0]
    assert "valid until" in out

    db = Database(db_url)
    device, _ = enrol(db, code, now=datetime.now(UTC), source="test")
    db.close()
    assert main(["devices", "--db", db_url]) == 0
    assert device.id in capsys.readouterr().out

    assert main(["revoke", "--db", db_url, device.id]) == 0
    assert "no longer works" in capsys.readouterr().out
    assert main(["revoke", "--db", db_url, device.id]) == 2
    assert "already revoked" in capsys.readouterr().err


def test_revoking_an_unknown_device_says_where_to_look(db_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["revoke", "--db", db_url, "dev-nope"]) == 2
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
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_wrong_serve_option_is_named(db: Database, settings: dict, says: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(says)):
        build_hq(ServeSettings(db_url="unused", **settings), db)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_serving_a_folder_that_is_not_a_repository_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="is not a repository made by `kiosk-hq init`"):
        build_hq(ServeSettings(db_url="unused", repo=tmp_path), db)


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


# Retention: kiosk-hq purge, and serve's hourly chore


def _old_numbers(db: Database, now: datetime) -> None:
    """A challenge two days old and an order answered 31 days ago, both with full numbers."""
    device = dbkit.enrol(db)
    db.add_challenge(dbkit.challenge("old", device, created_at=now - timedelta(days=2)))
    dbkit.place(db, device, "o1", {"service": "5G", "phone": "13812345678"})
    db.update_order("o1", status="accepted", reference="R1", now=now - timedelta(days=31))


def test_purge_forgets_numbers_past_their_retention_and_says_what_it_did(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    now = datetime.now(UTC)
    _old_numbers(db, now)
    outbox = tmp_path / "sms.jsonl"
    outbox.write_text(
        json.dumps({"at": (now - timedelta(days=2)).isoformat(), "to": "13812345678", "text": "123456"})
        + "\n"
        + json.dumps({"at": now.isoformat(), "to": "13900001111", "text": "654321"})
        + "\nnot json\n"
    )

    assert main(["purge", "--db", db_url, "--sms", f"file:{outbox}"]) == 0

    out = capsys.readouterr().out
    assert out.startswith(
        "purged: 2 confirmation codes deleted, 1 orders' numbers masked, 2 SMS outbox lines"
    )
    assert db.get_challenge("old") is None
    assert db.get_order("o1").body["phone"] == "138****5678"  # type: ignore[union-attr]
    assert [json.loads(line)["to"] for line in outbox.read_text().splitlines()] == ["13900001111"]
    assert outbox.stat().st_mode & 0o777 == 0o600


def test_purge_follows_the_retention_in_the_config_file(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    _old_numbers(db, datetime.now(UTC))
    config = tmp_path / "hq.toml"
    config.write_text("[retention]\norder_numbers_days = 60\nchallenges_days = 3\n")

    main(["purge", "--db", db_url, "--sms", f"file:{tmp_path / 'none.jsonl'}", "--config", str(config)])

    assert db.get_challenge("old") is not None
    assert db.get_order("o1").body["phone"] == "13812345678"  # type: ignore[union-attr]
    assert "0 orders' numbers masked" in capsys.readouterr().out


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_serve_purges_once_at_start_then_hourly(db: Database, tmp_path: Path) -> None:
    _old_numbers(db, datetime.now(UTC))
    hq = build_hq(ServeSettings(db_url="unused", sms=f"file:{tmp_path / 'sms.jsonl'}"), db)

    chores_round(hq)

    assert db.get_challenge("old") is None
    assert db.get_order("o1").body["phone"] == "138****5678"  # type: ignore[union-attr]


def test_purge_of_an_outbox_that_is_not_a_file_is_refused_plainly(
    db_url: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["purge", "--db", db_url, "--sms", "http:https://sms.example/send"]) == 2
    assert "only a file outbox ('file:PATH') has lines to prune" in capsys.readouterr().err


# HQ's data folder and its limits


def test_hqs_own_data_folder_is_private_and_so_is_its_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "hq-data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)  # as an older HQ made it
    monkeypatch.setenv("KIOSK_HQ_DATA_DIR", str(folder))
    monkeypatch.delenv("KIOSK_HQ_DB", raising=False)

    assert main(["devices"]) == 0

    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "hq.sqlite3").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        (
            "[codes]\nper_device_per_hour = 0\n",
            "[codes] per_device_per_hour: must be a whole number of at least 1",
        ),
        ("[codes]\nper_devise_per_hour = 5\n", "[codes] unknown key 'per_devise_per_hour'; known: ttl_s"),
        ("[sms]\n", "unknown section [sms]; known: codes, orders, enrolment, clock, retention, http"),
        ("[http]\nbody_timeout_s = 'soon'\n", "[http] body_timeout_s: must be a number above 0, not 'soon'"),
        ("[codes\n", "not valid TOML"),
    ],
)
def test_a_wrong_config_file_is_named_with_section_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture, toml: str, says: str
) -> None:
    config = tmp_path / "hq.toml"
    config.write_text(toml)

    assert main(["serve", "--db", f"sqlite:///{tmp_path / 'hq.sqlite3'}", "--config", str(config)]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"kiosk-hq: {config}: ") and says in err, err
    assert len(err.strip().splitlines()) == 1


def test_a_config_file_changes_only_what_it_names() -> None:
    config = config_from({"codes": {"per_device_per_hour": 5}, "http": {"body_timeout_s": 30}})

    assert config.codes.per_device_per_hour == 5 and config.codes.per_device_per_day == 200
    assert config.http.body_timeout_s == 30.0 and config.http.headers_timeout_s == 10.0
    assert config.retention == HqConfig().retention
