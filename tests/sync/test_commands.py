"""`kiosk enroll / sync / status / rollback / doctor` as a technician meets them, against a
real HQ on loopback."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import BUNDLED_CONTENT
from kiosk.sync.packsets import PackSets
from tests.hq.dbkit import latest_heartbeats
from tests.sync.hqkit import Hq, republish_store_pack
from tests.sync.test_content_sync import OPENING, reencoded


def kiosk(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


@pytest.fixture
def data(hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    data = tmp_path / "kiosk"
    assert kiosk(data, "enroll", "--hq", hq.url, "--code", hq.code()) == 0
    capsys.readouterr()
    return data


def test_sync_once_json_says_what_was_downloaded_and_activated(
    data: Path, capsys: pytest.CaptureFixture
) -> None:
    assert kiosk(data, "sync", "--once", "--json") == 0

    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] is True and summary["errors"] == []
    assert summary["activated"] == PackSets(data / "content").pointer().current
    every_file = [f for f in BUNDLED_CONTENT.rglob("*") if f.is_file()]  # HQ publishes the sample
    assert summary["downloaded_files"] == len(every_file)
    assert summary["downloaded_bytes"] == sum(f.stat().st_size for f in every_file)
    assert sorted(summary["packs"]) == ["national@1", "province-gd@1", "store-gd-sz-0001@1"]
    assert isinstance(summary["clock_skew_s"], float)


def test_status_json_names_identity_sets_last_sync_outbox_disk_and_clock(
    hq: Hq, data: Path, capsys: pytest.CaptureFixture
) -> None:
    kiosk(data, "sync", "--once")
    capsys.readouterr()

    assert kiosk(data, "status", "--json") == 0

    status = json.loads(capsys.readouterr().out)
    assert status["identity"]["store"] == "GD-SZ-0001"
    assert status["hq"] == {"url": hq.url, "reachable": True, "reason": None}
    assert {p["id"] for p in status["active"]["packs"]} == {"national", "province-gd", "store-gd-sz-0001"}
    assert all(Path(p["path"]).is_dir() and p["valid_until"] for p in status["active"]["packs"])
    assert status["previous"] is None
    assert status["last_sync"]["ok"] is True
    assert status["outbox"]["by_kind"]["pack_switch"] == 1
    assert status["disk"]["free_bytes"] > 0 and status["clock_skew_s"] is not None


def test_rollback_goes_back_to_the_previous_set_and_records_it(
    hq: Hq, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert kiosk(data, "rollback") == 2  # nothing to go back to
    assert "no previous pack set" in capsys.readouterr().err
    kiosk(data, "sync", "--once")
    first = PackSets(data / "content").pointer().current
    republish_store_pack(hq, tmp_path, {OPENING: reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING)})
    kiosk(data, "sync", "--once")
    capsys.readouterr()

    assert kiosk(data, "rollback") == 0

    assert PackSets(data / "content").pointer().current == first
    assert "rolled back to pack set" in capsys.readouterr().out
    kiosk(data, "status", "--json")
    assert json.loads(capsys.readouterr().out)["outbox"]["by_kind"]["pack_rollback"] == 1


def test_doctor_finds_a_file_changed_on_disk_and_the_next_sync_fetches_it_again(
    data: Path, capsys: pytest.CaptureFixture
) -> None:
    kiosk(data, "sync", "--once")
    sets = PackSets(data / "content")
    video = next((sets.folder(sets.pointer().current) / "national" / "media" / "video").glob("*.mp4"))
    damaged = bytearray(video.read_bytes())
    damaged[5000] ^= 0xFF
    video.write_bytes(bytes(damaged))
    capsys.readouterr()

    assert kiosk(data, "doctor") == 1
    out = capsys.readouterr().out
    assert f"PROBLEM  installed files: national/media/video/{video.name}: does not match" in out

    assert kiosk(data, "sync", "--once", "--json") == 0
    assert json.loads(capsys.readouterr().out)["repaired_files"] == 1
    assert kiosk(data, "doctor", "--json") == 0
    assert all(c["ok"] for c in json.loads(capsys.readouterr().out))


def test_sync_on_a_kiosk_not_enrolled_says_how_to_enrol(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert kiosk(tmp_path / "k", "sync", "--once") == 2
    assert "not enrolled" in capsys.readouterr().err


def test_a_round_with_hq_gone_exits_non_zero_with_the_reason_and_keeps_it_for_the_heartbeat(
    hq: Hq, data: Path, capsys: pytest.CaptureFixture
) -> None:
    identity = json.loads((data / "identity.json").read_text())
    identity["hq_url"] = "http://127.0.0.1:9"  # nothing listens there
    (data / "identity.json").write_text(json.dumps(identity))

    assert kiosk(data, "sync", "--once", "--json") == 1

    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] is False
    assert any(e.startswith("content: HQ's content could not be fetched") for e in summary["errors"])
    assert any(
        e.startswith("heartbeat: HQ at http://127.0.0.1:9/ cannot be reached") for e in summary["errors"]
    )
    kiosk(data, "status", "--json")
    status = json.loads(capsys.readouterr().out)
    assert status["hq"]["reachable"] is False and status["last_sync"]["ok"] is False
    assert len(status["errors"]) == 2


def test_a_refused_target_reaches_hq_in_the_heartbeat_and_the_set_in_use_stays(
    hq: Hq, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    kiosk(data, "sync", "--once")
    first = PackSets(data / "content").pointer().current
    picture = reencoded(BUNDLED_CONTENT / "store-gd-sz-0001" / OPENING, quality=40)
    republish_store_pack(hq, tmp_path, {OPENING: picture})
    sha = hashlib.sha256(picture).hexdigest()
    served = hq.repo / "public" / "targets" / "store" / "GD-SZ-0001" / "blobs" / f"{sha}.{sha}"
    served.write_bytes(picture[:-1] + bytes([picture[-1] ^ 1]))
    capsys.readouterr()

    assert kiosk(data, "sync", "--once") == 1

    assert PackSets(data / "content").pointer().current == first
    (beat,) = latest_heartbeats(hq.db)
    assert any("does not match its signed hash" in e["message"] for e in beat.body["errors"])
    assert beat.body["last_sync"]["ok"] is True  # the round before; this one's errors are in `errors`


def test_admin_pin_keeps_a_good_pin_hashed_and_private_and_refuses_an_easy_one(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import stat

    from kiosk.flow.pin import PinGate
    from kiosk.sync.admin import PinFile

    data = tmp_path / "k"
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    assert kiosk(data, "admin-pin") == 2
    assert "run of digits" in capsys.readouterr().err and not PinFile(data).path.exists()

    monkeypatch.setattr("sys.stdin", io.StringIO("802413\n"))
    assert kiosk(data, "admin-pin") == 0

    assert stat.S_IMODE(PinFile(data).path.stat().st_mode) == 0o600
    assert "802413" not in PinFile(data).path.read_text()
    assert PinGate(PinFile(data), clock=lambda: 0.0).try_pin("802413").ok


def test_a_data_folder_that_cannot_be_written_is_named_by_status_and_doctor_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # As root every permission is granted; a file where the folder should be fails alike.
    (tmp_path / "file").write_text("not a folder")
    data = tmp_path / "file" / "kiosk"

    assert kiosk(data, "status") == 1
    out = capsys.readouterr()
    assert f"PROBLEM: the data folder {data} cannot be written" in out.out
    assert "Traceback" not in out.out + out.err

    assert kiosk(data, "doctor") == 1
    out = capsys.readouterr()
    assert f"PROBLEM  data folder: the data folder {data} cannot be written" in out.out
    assert "Traceback" not in out.out + out.err


def test_enrolment_at_a_terminal_sets_the_maintenance_pin_and_a_script_is_told_how(
    hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass
    import io

    from kiosk.flow.pin import PinGate
    from kiosk.sync.admin import PinFile

    assert kiosk(tmp_path / "script", "enroll", "--hq", hq.url, "--code", hq.code()) == 0
    assert "`kiosk admin-pin` sets one" in capsys.readouterr().out
    assert PinFile(tmp_path / "script").load() is None

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    typed = iter(["123456", "123456", "802413", "802413"])  # a run first: refused, asked again
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    assert kiosk(tmp_path / "desk", "enroll", "--hq", hq.url, "--code", hq.code()) == 0

    out = capsys.readouterr().out
    assert "run of digits" in out and "maintenance PIN set" in out
    assert PinGate(PinFile(tmp_path / "desk"), clock=lambda: 0.0).try_pin("802413").ok
