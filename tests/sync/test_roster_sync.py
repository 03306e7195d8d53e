"""The store's staff roster, from `kiosk-hq staff ...` to the kiosk's data folder, through
the real `kiosk-hq serve` on loopback and python-tuf's client: verified, installed whole,
a tampered one refused, a disabled member out after the next sync."""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tuf.api.metadata import TargetFile

from kiosk.cli import main
from kiosk.domain.staff import Roster, StaffMember, hash_pin, pin_matches, roster_json
from kiosk.hq import staff
from kiosk.sync.roster import installed_roster, roster_path, sync_roster
from kiosk.sync.round import sync_round
from tests.hq.dbkit import latest_heartbeats
from tests.sync.faultproxy import fault_proxy
from tests.sync.hqkit import Hq, content_sync, enrolled

STORE = "GD-SZ-0001"


def add(hq: Hq, number: str, pin: str = "246810", store: str = STORE) -> None:
    staff.add(
        hq.db, hq.repo, store=store, number=number, name=f"员工 {number}", pin=pin, now=datetime.now(UTC)
    )


def served_roster(hq: Hq) -> Path:
    (path,) = (hq.repo / "public" / "targets" / "store" / STORE).glob("*.roster.json")
    return path


def test_a_kiosk_of_a_store_without_a_roster_holds_none_and_its_round_is_ok(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    report = sync_round(data, enrolled(hq, data), "Asia/Shanghai")

    assert report.ok, report.errors
    assert installed_roster(data) is None and report.summary()["roster_version"] is None


def test_a_round_installs_the_signed_roster_private_and_whole(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    add(hq, "S-0042", pin="135790")
    add(hq, "S-0043")
    add(hq, "S-0099", store="GD-SZ-0002")  # another store's: not on this kiosk

    report = sync_round(data, identity, "Asia/Shanghai")

    assert report.ok, report.errors
    roster = installed_roster(data)
    assert roster is not None and roster.store == STORE and roster.version == 2
    member = roster.member("S-0042")
    assert member is not None and member.name == "员工 S-0042" and pin_matches(member.pin_hash, "135790")
    assert roster.member("S-0099") is None
    path = roster_path(data)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == served_roster(hq).read_bytes()
    assert [p.name for p in path.parent.iterdir()] == ["roster.json"]  # no download left behind
    assert report.summary()["roster_version"] == 2 and report.summary()["roster_changed"] is True


def test_an_unchanged_roster_is_not_fetched_again(hq: Hq, tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    add(hq, "S-0042")
    first = content_sync(data, identity)
    first.run()
    assert first.roster is not None and first.roster.changed

    again = content_sync(data, identity)
    again.run()

    assert again.roster is not None
    assert (again.roster.changed, again.roster.downloaded_bytes, again.roster.error) == (False, 0, None)
    assert again.roster.roster is not None and again.roster.roster.version == 1


def test_a_disabled_member_is_out_after_the_next_sync_and_a_reset_pin_replaces_the_old(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    add(hq, "S-0042")
    add(hq, "S-0043", pin="135790")
    sync_round(data, identity, "Asia/Shanghai")
    held = installed_roster(data)
    assert held is not None and held.member("S-0042") is not None

    now = datetime.now(UTC)
    staff.disable(hq.db, hq.repo, "S-0042", now=now)
    staff.reset_pin(hq.db, hq.repo, "S-0043", pin="975310", now=now)
    report = sync_round(data, identity, "Asia/Shanghai")

    assert report.ok, report.errors
    roster = installed_roster(data)
    assert roster is not None and roster.version == 4
    assert roster.member("S-0042") is None
    member = roster.member("S-0043")
    assert member is not None and pin_matches(member.pin_hash, "975310")
    assert not pin_matches(member.pin_hash, "135790")


def test_a_tampered_roster_is_refused_the_round_says_so_and_the_old_roster_stays(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    add(hq, "S-0042")
    sync_round(data, identity, "Asia/Shanghai")
    before = roster_path(data).read_bytes()
    staff.disable(hq.db, hq.repo, "S-0042", now=datetime.now(UTC))
    served = newest_roster(hq)
    # An attacker on the way re-enables the member: the bytes no longer match the signed hash.
    served.write_bytes(served.read_bytes().replace(b'"active": false', b'"active": true '))

    report = sync_round(data, identity, "Asia/Shanghai")

    assert not report.ok
    (problem,) = [e for e in report.errors if e.startswith("roster:")]
    assert "refused" in problem
    assert roster_path(data).read_bytes() == before
    assert [p.name for p in roster_path(data).parent.iterdir()] == ["roster.json"]
    assert report.content is not None  # the packs went on as usual
    (beat,) = latest_heartbeats(hq.db)
    assert any(e["message"].startswith("roster:") for e in beat.body["errors"])


def newest_roster(hq: Hq) -> Path:
    """The roster the store's role signs now (an older one stays served for a while)."""
    from kiosk.hq.repository import KioskRepository, Layout

    role = KioskRepository(Layout(hq.repo)).current("store-GD-SZ-0001")
    assert role is not None
    sha = role.signed.targets["store/GD-SZ-0001/roster.json"].hashes["sha256"]
    return hq.repo / "public" / "targets" / "store" / STORE / f"{sha}.roster.json"


def test_kiosk_status_shows_the_roster_s_version_and_who_may_sign_in(
    hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "kiosk"
    assert main(["--data-dir", str(data), "enroll", "--hq", hq.url, "--code", hq.code()]) == 0
    add(hq, "S-0042")
    add(hq, "S-0043")
    staff.disable(hq.db, hq.repo, "S-0043", now=datetime.now(UTC))
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    capsys.readouterr()

    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["roster"]["version"] == 3 and status["roster"]["active"] == 1
    assert status["roster"]["members"] == 2

    assert main(["--data-dir", str(data), "status"]) == 0
    assert "staff roster: version 3 (issued " in capsys.readouterr().out


def test_a_damaged_installed_roster_reads_as_none_and_the_next_round_installs_it_again(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    add(hq, "S-0042")
    sync_round(data, identity, "Asia/Shanghai")
    roster_path(data).write_bytes(b"{not json")
    assert installed_roster(data) is None

    report = sync_round(data, identity, "Asia/Shanghai")

    assert report.ok, report.errors
    assert hashlib.sha256(roster_path(data).read_bytes()).hexdigest() in newest_roster(hq).name


def test_over_a_link_that_breaks_the_roster_is_whole_or_the_old_one_and_arrives_in_the_end(
    hq: Hq, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk"
    identity = enrolled(hq, data)
    add(hq, "S-0042")
    sync_round(data, identity, "Asia/Shanghai")
    add(hq, "S-0043")
    staff.disable(hq.db, hq.repo, "S-0042", now=datetime.now(UTC))

    with fault_proxy(hq.url, fault_rate=0.4, seed=15, stall_s=2.0) as proxy:
        via = replace(identity, hq_url=proxy.url)
        versions = []
        for _ in range(40):
            report = sync_round(data, via, "Asia/Shanghai")
            roster = installed_roster(data)
            assert roster is not None  # never half a file, never none
            versions.append(roster.version)
            if report.ok:
                break
    assert proxy.fates.get("ok", 0) and sum(n for f, n in proxy.fates.items() if f != "ok")
    assert report.ok and versions[-1] == 3 and set(versions) <= {1, 3}
    assert installed_roster(data).member("S-0042") is None  # type: ignore[union-attr]


# -- what TUF cannot judge: whose roster, and whether it is newer -------------------------------
class SignedAs:
    """An updater that has verified `data` as the store's roster (python-tuf's two calls)."""

    def __init__(self, data: bytes, store: str = STORE) -> None:
        self.data = data
        self.info = TargetFile.from_data(f"store/{store}/roster.json", data)

    def get_targetinfo(self, path: str) -> TargetFile | None:
        return self.info if path == self.info.path else None

    def download_target(self, info: TargetFile, filepath: str) -> str:
        Path(filepath).write_bytes(self.data)
        return filepath


def roster_bytes(version: int, store: str = STORE) -> bytes:
    member = StaffMember("S-1", "a", store, "staff", hash_pin("246810"), True)
    return roster_json(Roster(store, version, "2026-12-03T10:00:00+00:00", (member,)))


def test_a_signed_roster_of_another_store_or_not_newer_or_not_a_roster_is_refused(tmp_path: Path) -> None:
    installed = sync_roster(SignedAs(roster_bytes(5)), tmp_path, STORE)  # type: ignore[arg-type]
    assert installed.changed and installed.error is None

    for data, reason in [
        (roster_bytes(4), "version 4 is not newer than the installed version 5"),
        (
            roster_bytes(6, store="GD-SZ-0002"),
            "the roster of store GD-SZ-0002, not of this kiosk's GD-SZ-0001",
        ),
        (b"[]", "not a roster the kiosk can use (roster: must be a JSON object)"),
    ]:
        outcome = sync_roster(SignedAs(data), tmp_path, STORE)  # type: ignore[arg-type]
        assert outcome.error is not None and reason in outcome.error and "refused" in outcome.error
        assert not outcome.changed and outcome.roster is not None and outcome.roster.version == 5
    assert installed_roster(tmp_path).version == 5  # type: ignore[union-attr]
    newer = sync_roster(SignedAs(roster_bytes(6)), tmp_path, STORE)  # type: ignore[arg-type]
    assert newer.changed and installed_roster(tmp_path).version == 6  # type: ignore[union-attr]
