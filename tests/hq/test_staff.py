"""Stores' staff at HQ: `kiosk-hq staff ...`, the roster signed into the store's TUF role,
and `GET /v1/staff/{number}/figures` over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import urllib.parse
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from tuf.api.metadata import Metadata, Targets

from kiosk.config import BUNDLED_CONTENT
from kiosk.domain.staff import Points, parse_roster, pin_matches
from kiosk.hq import repository, staff
from kiosk.hq.cli import main
from kiosk.hq.db import Database
from kiosk.hq.repository import KioskRepository, Layout, published_roster
from kiosk.hq.staff import period_starts
from tests.hq.apikit import Api, hq_api
from tests.threads import at_once

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday, 18:00 in the stores' time
STORE = "GD-SZ-0001"


@pytest.fixture(scope="module")
def repo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("staff-repo") / "repo"
    repository.init(repo)
    return repo


@pytest.fixture
def repo(tmp_path: Path, repo_template: Path) -> Path:
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(repo_template, copy, symlinks=True)
    return copy


def signed_roster(repo: Path, store: str = STORE) -> dict[str, Any]:
    """The store's roster as its role signs it, checked against the signed hash."""
    roster = published_roster(KioskRepository(Layout(repo)), store)
    assert roster is not None
    return {m.number: m for m in roster.members} | {"_version": roster.version}


def role(repo: Path, name: str) -> Metadata[Targets]:
    meta = repo / "public" / "metadata"
    newest = max(meta.glob(f"*.{name}.json"), key=lambda p: int(p.name.split(".")[0]))
    return Metadata[Targets].from_file(str(newest))


# -- the command -----------------------------------------------------------------------------
def test_staff_add_prints_a_pin_once_and_hq_keeps_only_its_hash(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    args = ["staff", "add", "--db", url, "--repo", str(repo), "--store", STORE, "--number", "S-0042"]

    assert main([*args, "--name", "张三"]) == 0

    out = capsys.readouterr().out
    pin = out.split("PIN: ")[1][:6]
    assert pin.isdigit() and "version 1, 1 active" in out
    member = signed_roster(repo)["S-0042"]
    assert (member.name, member.role, member.active) == ("张三", "staff", True)
    assert pin_matches(member.pin_hash, pin)
    for path in tmp_path.glob("hq.sqlite3*"):
        assert pin.encode() not in path.read_bytes()
    assert main(["staff", "list", "--db", url]) == 0
    listed = capsys.readouterr().out
    assert "S-0042  张三  staff  active" in listed and pin not in listed


def test_every_roster_carries_hq_s_staff_points_and_publish_sends_new_ones(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    config = tmp_path / "hq.toml"
    config.write_text("[staff_points]\nconfirmed_order = 15\nlead = 3\n", encoding="utf-8")
    common = ["--db", url, "--repo", str(repo), "--config", str(config)]
    assert main(["staff", "add", *common, "--store", STORE, "--number", "S-1", "--name", "Li"]) == 0
    first = published_roster(KioskRepository(Layout(repo)), STORE)

    config.write_text("[staff_points]\ndemo = 2\n", encoding="utf-8")
    assert main(["staff", "publish", *common, "--store", STORE]) == 0
    again = published_roster(KioskRepository(Layout(repo)), STORE)

    assert first is not None and first.points == Points(confirmed_order=15, lead=3, demo=1)
    assert again is not None and again.points == Points(confirmed_order=10, lead=2, demo=2)
    config.write_text("[staff_points]\nlead = 5000\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["staff", "publish", *common, "--store", STORE]) == 2
    assert "[staff_points] lead: at most 1000, not 5000" in capsys.readouterr().err


def test_a_given_pin_is_not_printed_and_a_manager_is_listed_as_one(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    args = ["staff", "add", "--db", url, "--repo", str(repo), "--store", STORE, "--number", "M-1"]
    assert main([*args, "--name", "Li", "--role", "manager", "--pin", "246810"]) == 0
    assert "PIN:" not in capsys.readouterr().out
    member = signed_roster(repo)["M-1"]
    assert member.role == "manager" and pin_matches(member.pin_hash, "246810")


def test_disable_and_reset_pin_each_publish_a_new_roster_version(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    common = ["--db", url, "--repo", str(repo)]
    for number in ("S-1", "S-2"):
        assert main(["staff", "add", *common, "--store", STORE, "--number", number, "--name", number]) == 0
    assert main(["staff", "disable", *common, "S-1"]) == 0
    assert main(["staff", "reset-pin", *common, "S-2"]) == 0

    out = capsys.readouterr().out
    pin = out.split("PIN: ")[-1][:6]
    roster = signed_roster(repo)
    assert roster["_version"] == 4
    assert (roster["S-1"].active, roster["S-1"].pin_hash) == (False, "")
    assert pin_matches(roster["S-2"].pin_hash, pin)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--store", STORE, "--number", "S 1", "--name", "x"], "'S 1' is not a staff number"),
        (["add", "--store", STORE, "--number", "S-1", "--name", " "], "--name: 1 to 40 characters"),
        (["add", "--store", STORE, "--number", "S-1", "--name", "x", "--pin", "123"], "a PIN is 6 digits"),
        (["add", "--store", STORE, "--number", "S-1", "--name", "x", "--pin", "123456"], "a run such as"),
        (["add", "--store", "a/b", "--number", "S-1", "--name", "x"], "a store id is letters"),
        (["disable", "S-9"], "no staff member S-9; `kiosk-hq staff list` lists them"),
        (["reset-pin", "S-9"], "no staff member S-9"),
    ],
)
def test_a_staff_command_that_cannot_be_done_says_why_in_one_line(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"

    assert main(["staff", args[0], "--db", url, "--repo", str(repo), *args[1:]]) == 2

    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_number_is_unique_across_stores_and_a_disabled_member_cannot_be_disabled_again(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    common = ["--db", url, "--repo", str(repo)]
    assert main(["staff", "add", *common, "--store", STORE, "--number", "S-1", "--name", "a"]) == 0
    assert main(["staff", "add", *common, "--store", "GD-SZ-0002", "--number", "S-1", "--name", "b"]) == 2
    assert "staff number S-1 is taken (store GD-SZ-0001)" in capsys.readouterr().err
    assert main(["staff", "disable", *common, "S-1"]) == 0
    assert main(["staff", "disable", *common, "S-1"]) == 2
    assert "already disabled" in capsys.readouterr().err
    assert main(["staff", "reset-pin", *common, "S-1"]) == 2


def test_without_the_key_nothing_is_stored_and_the_command_names_the_key_file(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    (repo / "keys" / "targets.pem").rename(tmp_path / "offline.pem")

    assert (
        main(
            [
                "staff",
                "add",
                "--db",
                url,
                "--repo",
                str(repo),
                "--store",
                STORE,
                "--number",
                "S-1",
                "--name",
                "a",
            ]
        )
        == 2
    )

    assert "targets.pem" in capsys.readouterr().err
    db = Database(url)
    assert db.staff_of() == []
    db.close()


# -- the roster in the repository --------------------------------------------------------------
def test_the_roster_is_signed_by_the_store_s_own_role_whose_delegation_covers_it(
    tmp_path: Path, repo: Path
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    db.migrate()
    staff.add(db, repo, store=STORE, number="S-1", name="a", now=NOW)
    db.close()

    store_role = role(repo, "store-GD-SZ-0001")
    assert "store/GD-SZ-0001/roster.json" in store_role.signed.targets
    top = role(repo, "targets")
    delegated = top.signed.delegations.roles["store-GD-SZ-0001"]  # type: ignore[union-attr,index]
    assert delegated.is_delegated_path("store/GD-SZ-0001/roster.json")
    assert not delegated.is_delegated_path("store/GD-SZ-0002/roster.json")
    assert (repo / "keys" / "store-GD-SZ-0001.pem").is_file()


def test_publishing_a_pack_to_the_store_keeps_its_roster_and_a_roster_keeps_the_packs(
    tmp_path: Path, repo: Path
) -> None:
    national, province = BUNDLED_CONTENT / "national", BUNDLED_CONTENT / "province-gd"
    db = Database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    db.migrate()
    staff.add(db, repo, store=STORE, number="S-1", name="a", now=NOW)
    repository.publish(repo, national, "national", check_media=False)
    repository.publish(repo, province, "province:GD", bases=[national], check_media=False)
    repository.publish(
        repo,
        BUNDLED_CONTENT / "store-gd-sz-0001",
        f"store:{STORE}",
        bases=[national, province],
        check_media=False,
    )
    assert "store/GD-SZ-0001/roster.json" in role(repo, "store-GD-SZ-0001").signed.targets

    staff.add(db, repo, store=STORE, number="S-2", name="b", now=NOW)
    db.close()

    targets = role(repo, "store-GD-SZ-0001").signed.targets
    assert "store/GD-SZ-0001/index.json" in targets and "store/GD-SZ-0001/roster.json" in targets
    assert signed_roster(repo)["_version"] == 2


def test_a_store_published_before_rosters_has_its_delegation_widened(tmp_path: Path, repo: Path) -> None:
    national, province = BUNDLED_CONTENT / "national", BUNDLED_CONTENT / "province-gd"
    repository.publish(repo, national, "national", check_media=False)
    repository.publish(repo, province, "province:GD", bases=[national], check_media=False)
    repository.publish(
        repo,
        BUNDLED_CONTENT / "store-gd-sz-0001",
        f"store:{STORE}",
        bases=[national, province],
        check_media=False,
    )
    # As an HQ before rosters delegated the store: its pack's two paths only.
    layout = Layout(repo)
    with repository.layout.one_writer(layout):
        r = KioskRepository(layout)
        with r.edit_targets() as t:
            t.delegations.roles["store-GD-SZ-0001"].paths = [  # type: ignore[union-attr,index]
                "store/GD-SZ-0001/index.json",
                "store/GD-SZ-0001/blobs/*",
            ]
        r.do_snapshot()
        r.do_timestamp()
        r.commit()

    db = Database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    db.migrate()
    staff.add(db, repo, store=STORE, number="S-1", name="a", now=NOW)
    db.close()

    delegated = role(repo, "targets").signed.delegations.roles["store-GD-SZ-0001"]  # type: ignore[union-attr,index]
    assert delegated.is_delegated_path("store/GD-SZ-0001/roster.json")
    assert delegated.is_delegated_path("store/GD-SZ-0001/blobs/x")


def test_the_published_roster_is_what_parse_roster_reads(tmp_path: Path, repo: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    db.migrate()
    staff.add(db, repo, store=STORE, number="S-1", name="a", pin="135790", now=NOW)
    db.close()
    target = role(repo, "store-GD-SZ-0001").signed.targets["store/GD-SZ-0001/roster.json"]
    sha = target.hashes["sha256"]
    data = (repo / "public" / "targets" / "store" / STORE / f"{sha}.roster.json").read_bytes()
    roster = parse_roster(data)
    assert (
        roster.store == STORE and roster.version == 1 and roster.issued_at.startswith("2026-11-23T10:00:00")
    )
    assert json.loads(data)["format"] == 1


# -- figures ------------------------------------------------------------------------------------
def test_periods_start_at_midnight_monday_and_the_first_in_the_stores_time() -> None:
    starts = period_starts(datetime(2026, 11, 25, 17, 0, tzinfo=UTC))  # Thursday 01:00 at UTC+8
    assert [s.isoformat() for s in starts.values()] == [
        "2026-11-26T00:00:00+08:00",
        "2026-11-23T00:00:00+08:00",
        "2026-11-01T00:00:00+08:00",
    ]


@pytest.fixture
def api(db: Database, tmp_path: Path, repo: Path) -> Iterator[Api]:
    with hq_api(db, tmp_path) as a:
        staff.add(db, repo, store=STORE, number="S-0042", name="张三", pin="246810", now=NOW)
        staff.add(db, repo, store=STORE, number="S-0043", name="李四", pin="246810", now=NOW)
        staff.add(db, repo, store="GD-SZ-0002", number="S-0099", name="王五", pin="246810", now=NOW)
        yield a


def demo(at: datetime, staff_number: str | None, completed: bool = True) -> list[dict[str, Any]]:
    """A demo a customer began (demo_start) and its end (demo_end), as the kiosk records them."""
    data: dict[str, Any] = {"demo": "demo.5g", "service": "svc.5g"}
    if staff_number:
        data["staff"] = staff_number
    end = data | {"completed": completed, "scene": "s", "steps": 3}
    return [
        {"id": str(uuid.uuid4()), "kind": kind, "at": when.isoformat(), "session": "s1", "data": d}
        for kind, when, d in (("demo_start", at - timedelta(minutes=2), data), ("demo_end", at, end))
    ]


def order_with(
    api: Api, token: str, staff_number: str, phone: str = "13812345678", placed_at: datetime | None = None
) -> str:
    body = {
        "id": str(uuid.uuid4()),
        "service": "svc.data10",
        "phone": phone,
        "price_fen": 100,
        "placed_at": (placed_at or api.clock()).isoformat(),
        "confirmation": api.confirm(token, phone),
        "staff": staff_number,
    }
    answer = api.post("/v1/orders", body, token)
    assert answer.status_code in (201, 202), answer.text
    return str(body["id"])


def note(api: Api, token: str, who: str, made_at: datetime = NOW - timedelta(hours=1)) -> str:
    """A register entry noted by `who` at the kiosk of `token`."""
    body = {
        "id": str(uuid.uuid4()),
        "created_at": made_at.isoformat(),
        "staff": who,
        "service": "svc.ringback",
        "service_name": {"zh-CN": "彩铃", "en": "Ring-back tones"},
        "phone": "13812345678",
        "call_day": (NOW + timedelta(days=1)).date().isoformat(),
        "call_part": "afternoon",
        "consent": True,
        "consented_at": (made_at + timedelta(seconds=30)).isoformat(),
    }
    answer = api.post("/v1/leads", body, token)
    assert answer.status_code in (200, 201), answer.text
    return str(body["id"])


def test_figures_count_demos_orders_and_acceptances_of_the_member_by_period(api: Api) -> None:
    token = api.enrol()
    other_kiosk = api.enrol()
    # Sunday 22:00 in the stores' time: this month, not this week (and within the day before
    # the kiosk's enrolment that HQ believes a kiosk's clock for).
    last_week = NOW - timedelta(hours=20)
    here = [
        *demo(NOW - timedelta(hours=1), "S-0042"),
        *demo(NOW - timedelta(hours=2), "S-0042"),
        *demo(NOW - timedelta(hours=2), "S-0042", completed=False),  # begun, not finished
        *demo(NOW - timedelta(hours=1), "S-0043"),
    ]
    there = [*demo(NOW - timedelta(hours=1), None), *demo(last_week, "S-0042")]
    assert api.post("/v1/events", {"events": here}, token).status_code == 200
    assert api.post("/v1/events", {"events": there}, other_kiosk).status_code == 200
    order_with(api, token, "S-0042")
    order_with(api, other_kiosk, "S-0042", phone="13912345678")
    order_with(api, token, "S-0043", phone="13712345678")

    answer = api.get("/v1/staff/S-0042/figures", token)

    assert answer.status_code == 200, answer.text
    got = answer.json()
    assert got["staff"] == "S-0042"
    # Conversion is of every demo begun; points are for the finished ones.
    assert got["periods"]["today"] == {
        "demos": 3,
        "orders": 2,
        "confirmed": 2,
        "leads": 0,
        "conversion": round(2 / 3, 4),
        "points": 22,
    }
    assert got["periods"]["week"] == got["periods"]["today"]
    assert got["periods"]["month"]["demos"] == 4 and got["periods"]["month"]["points"] == 23
    assert got["periods"]["month"]["conversion"] == 0.5


def test_a_member_without_demos_has_no_conversion(api: Api) -> None:
    got = api.get("/v1/staff/S-0043/figures", api.enrol()).json()
    assert got["periods"]["today"] == {
        "demos": 0,
        "orders": 0,
        "confirmed": 0,
        "leads": 0,
        "conversion": None,
        "points": 0,
    }


def test_figures_are_only_for_the_device_s_own_store_and_active_members(api: Api, repo: Path) -> None:
    token = api.enrol()
    assert api.get("/v1/staff/S-0099/figures", token).status_code == 404  # another store's
    assert api.get("/v1/staff/S-7777/figures", token).status_code == 404
    staff.disable(api.hq.db, repo, "S-0043", now=NOW)
    refused = api.get("/v1/staff/S-0043/figures", token)
    assert refused.status_code == 404
    assert refused.json()["error"] == "staff number S-0043 is not on this store's roster"
    assert api.get("/v1/staff/S-0042/figures").status_code == 401
    assert api.get("/v1/staff/S-0042/figures", "dev-x.forged").status_code == 401


def test_register_entries_count_for_the_member_who_noted_them_in_their_own_store(api: Api) -> None:
    here, elsewhere = api.enrol(), api.enrol("GD-SZ-0002")
    for token, who in [(here, "S-0042"), (here, "S-0042"), (here, "S-0043"), (elsewhere, "S-0042")]:
        note(api, token, who)

    got = api.get("/v1/staff/S-0042/figures", here).json()
    assert got["periods"]["today"]["leads"] == 2 and got["periods"]["today"]["points"] == 4


def lead_of(api: Api, lead_id: str) -> Any:
    return next(lead for lead in api.hq.db.store_leads(STORE) if lead.id == lead_id)


def test_an_order_or_entry_naming_someone_off_the_store_s_roster_is_kept_and_credited_to_no_one(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    token = api.enrol()
    caplog.set_level("WARNING", logger="kiosk.hq.audit")
    # Another store's member, and a number no store has: the kiosk's roster cannot hold
    # either, so the claim is a tampered or confused kiosk's, and pays no one.
    claims = ("S-0099", "S-7777")
    orders = [order_with(api, token, who, phone=f"1381234567{i}") for i, who in enumerate(claims)]
    leads = [note(api, token, who) for who in claims]

    stored = [api.hq.db.get_order(o) for o in orders]
    assert [(o.staff, o.body["staff"]) for o in stored if o is not None] == [(None, c) for c in claims]
    noted = [lead_of(api, i) for i in leads]
    assert [(lead.staff, lead.body["staff"]) for lead in noted] == [(None, c) for c in claims]
    audit = [r.getMessage() for r in caplog.records if "staff not credited" in r.getMessage()]
    assert len(audit) == 4 and all("not?on?the?store?s?roster" in line for line in audit), audit
    theirs = api.get("/v1/staff/S-0099/figures", api.enrol("GD-SZ-0002")).json()["periods"]["today"]
    assert (theirs["orders"], theirs["leads"]) == (0, 0)


def test_a_disabled_member_keeps_what_they_did_before_the_disable_and_is_credited_nothing_after(
    api: Api, repo: Path
) -> None:
    token = api.enrol()
    disabled_at = NOW + timedelta(minutes=30)
    staff.disable(api.hq.db, repo, "S-0043", now=disabled_at)
    api.clock.advance(hours=1)
    # The kiosk heard of the disable only at its next sync: what was done before it counts.
    before = order_with(api, token, "S-0043", placed_at=disabled_at - timedelta(minutes=5))
    later = disabled_at + timedelta(minutes=5)
    after = order_with(api, token, "S-0043", phone="13912345678", placed_at=later)
    noted_before = note(api, token, "S-0043", made_at=disabled_at - timedelta(minutes=5))
    noted_after = note(api, token, "S-0043", made_at=disabled_at + timedelta(minutes=5))

    credit = {i: getattr(api.hq.db.get_order(i), "staff", "?") for i in (before, after)}
    assert credit == {before: "S-0043", after: None}
    assert (lead_of(api, noted_before).staff, lead_of(api, noted_after).staff) == ("S-0043", None)


def test_no_staff_number_in_a_url_gets_a_server_error_or_a_large_answer(api: Api) -> None:
    token = api.enrol()
    http = requests.Session()

    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(
        number=st.text(min_size=1, max_size=200) | st.sampled_from(["\x00", "\ud800", "S-0042/..", "a" * 40])
    )
    def get(number: str) -> None:
        quoted = urllib.parse.quote(number.encode("utf-8", "surrogatepass"), safe="")
        answer = http.get(
            f"{api.url}/v1/staff/{quoted}/figures", headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        assert answer.status_code < 500, f"{quoted[:100]}: {answer.status_code}"
        assert len(answer.content) <= 16 * 1024
        assert answer.status_code in (404, 422, 200) or answer.status_code == 405

    get()


def test_changes_published_at_once_end_in_one_roster_holding_them_all(db: Database, repo: Path) -> None:
    staff.add(db, repo, store=STORE, number="S-0", name="first", now=NOW)  # the store's role exists

    results = at_once(
        4, lambda i: staff.add(db, repo, store=STORE, number=f"S-{i + 1}", name=str(i), now=NOW)
    )

    assert not [r for r in results if isinstance(r, Exception)]
    roster = signed_roster(repo)
    assert roster["_version"] == 5
    assert {n for n in roster if not n.startswith("_")} == {"S-0", "S-1", "S-2", "S-3", "S-4"}
