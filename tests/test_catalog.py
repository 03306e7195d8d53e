"""What a customer sees at a moment: validity windows, empty categories, TOP-10, prices."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kiosk.domain.catalog import Catalog
from kiosk.packs.layering import layer
from kiosk.packs.loader import load_pack
from tests.packfactory import make_pack, national_files


def catalog_of(tmp_path: Path, media_dir: Path, files: dict) -> Catalog:
    return Catalog(layer([load_pack(make_pack(tmp_path / "p", media_dir, files))]).content, "Asia/Shanghai")


def test_expired_offer_is_hidden_from_home(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["offers.json"][0]["valid"] = {"from": "2026-01-01", "until": "2026-03-31"}
    view = catalog_of(tmp_path, media_dir, files).at(datetime(2026, 11, 23, 10, 0))

    assert view.offers == ()
    assert not view.quote(view.services[0]).is_discounted


def test_service_outside_its_hours_is_hidden_and_the_change_time_is_known(
    tmp_path: Path, media_dir: Path
) -> None:
    files = national_files()
    files["services.json"][1]["valid"] = {"hours": ["22:00-06:00"]}
    cat = catalog_of(tmp_path, media_dir, files)

    noon = cat.at(datetime(2026, 11, 23, 12, 0))
    late = cat.at(datetime(2026, 11, 23, 23, 0))

    assert [s.id for s in noon.services] == ["svc.ringback"]
    assert noon.next_change == datetime(2026, 11, 23, 22, 0)
    assert [s.id for s in late.services] == ["svc.ringback", "svc.data10"]


def test_a_category_with_no_visible_service_is_not_shown(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["services.json"][1]["valid"] = {"until": "2025-12-31"}
    view = catalog_of(tmp_path, media_dir, files).at(datetime(2026, 11, 23, 12, 0))

    assert [c.id for c in view.categories] == ["cat.music"]
    assert [s.id for s in view.top10] == ["svc.ringback"]


def test_windows_are_read_in_the_store_time_zone(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["services.json"][1]["valid"] = {"hours": ["09:00-10:00"]}
    cat = catalog_of(tmp_path, media_dir, files)

    # 01:30 UTC is 09:30 in Shanghai.
    view = cat.at(datetime(2026, 11, 23, 1, 30, tzinfo=UTC))

    assert "svc.data10" in [s.id for s in view.services]


def test_campaign_price_is_quoted_on_the_service(tmp_path: Path, media_dir: Path) -> None:
    view = catalog_of(tmp_path, media_dir, national_files()).at(datetime(2026, 11, 23, 12, 0))

    q = view.quote(view.service("svc.ringback"))

    assert q.now_fen == 400 and q.offer is not None and q.offer.id == "off.daily"
