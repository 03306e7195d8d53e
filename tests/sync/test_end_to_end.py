"""End to end on loopback: HQ publishes, a kiosk with an empty data folder enrols, syncs and
shows what HQ published on its screens."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import BUNDLED_CONTENT, load_settings
from kiosk.services.ledger import Ledger
from kiosk.sync.packsets import PackSets
from kiosk.ui.shell import KioskShell
from tests.sync.hqkit import Hq, republish_store_pack

NEW_TITLE = {"zh-CN": "同步测试：HQ 刚发布的活动", "en": "Sync test: the campaign HQ just published"}


def kiosk(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


@pytest.mark.usefixtures("qapp")
def test_a_kiosk_from_an_empty_folder_enrols_syncs_and_shows_what_hq_published(
    hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from kiosk.ui.app import load

    offers = json.loads((BUNDLED_CONTENT / "store-gd-sz-0001" / "offers.json").read_text(encoding="utf-8"))
    offers[0]["title"] = NEW_TITLE
    republish_store_pack(hq, tmp_path, {"offers.json": json.dumps(offers, ensure_ascii=False).encode()})
    data = tmp_path / "kiosk"

    assert load(load_settings(data)).origin == "bundled sample"  # before: not enrolled
    assert kiosk(data, "enroll", "--hq", hq.url, "--code", hq.code()) == 0
    assert kiosk(data, "sync", "--once") == 0

    loaded = load(load_settings(data))
    sets = PackSets(data / "content")
    assert loaded.origin == "configured" and loaded.problems == []
    assert {p.root.parent for p in loaded.packs} == {sets.folder(sets.pointer().current)}
    assert loaded.catalog is not None
    shown = loaded.catalog.at(datetime(2026, 12, 15, 12, tzinfo=UTC))
    assert [o.title.get("en") for o in shown.offers if o.id == "off.sz0001.opening"] == [NEW_TITLE["en"]]

    out = tmp_path / "home.png"
    assert kiosk(data, "screenshot", "home", "--out", str(out), "--lang", "en") == 0
    assert out.stat().st_size > 50_000

    # A customer uses it; the events go to HQ with the next round, each exactly once.
    settings = load_settings(data)
    ledger = Ledger(settings.ledger_path)
    shell = KioskShell(settings, loaded.catalog, ledger=ledger)
    try:
        nav = shell.kiosk.navigator
        nav.start()
        nav.openCategory(shown.categories[0].id)
        nav.openService(shown.services_in(shown.categories[0].id)[0].id, "category")
        nav.endSession()
    finally:
        shell.close()
        assert ledger.flush()
        ledger.close()
    assert kiosk(data, "sync", "--once") == 0
    conn = sqlite3.connect(settings.ledger_path)
    recorded = {r[0]: r[1] for r in conn.execute("SELECT id, kind FROM events")}
    conn.close()
    assert {"session_start", "category_open", "service_open", "session_end"} <= set(recorded.values())
    at_hq = hq.event_ids()
    assert sorted(at_hq) == sorted(set(at_hq)) and set(at_hq) <= set(recorded)
    # Everything recorded before the round, and the round's own note, recorded after it.
    assert set(recorded) - set(at_hq) <= {i for i, k in recorded.items() if k == "sync_round"}


@pytest.mark.usefixtures("qapp")
def test_when_the_current_set_fails_to_load_the_kiosk_shows_the_previous_one(
    hq: Hq, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from kiosk.ui.app import load

    data = tmp_path / "kiosk"
    kiosk(data, "enroll", "--hq", hq.url, "--code", hq.code())
    kiosk(data, "sync", "--once")
    offers = json.loads((BUNDLED_CONTENT / "store-gd-sz-0001" / "offers.json").read_text(encoding="utf-8"))
    offers[0]["title"] = NEW_TITLE
    republish_store_pack(hq, tmp_path, {"offers.json": json.dumps(offers, ensure_ascii=False).encode()})
    kiosk(data, "sync", "--once")
    sets = PackSets(data / "content")
    pointer = sets.pointer()
    # A file only the current set holds (hard links share a file between sets).
    damaged = sets.folder(pointer.current) / "store-gd-sz-0001" / "offers.json"
    damaged.unlink()
    damaged.write_text("[{", encoding="utf-8")

    loaded = load(load_settings(data))

    assert {p.root.parent for p in loaded.packs} == {sets.folder(pointer.previous)}
    assert any("offers.json" in p for p in loaded.problems)
    assert len(loaded.packs) == 3
