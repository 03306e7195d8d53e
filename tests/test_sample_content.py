"""The bundled sample content is valid, layers cleanly, and shows what the brief promises."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.config import BUNDLED_CONTENT
from kiosk.packs.layering import StoreIdentity
from kiosk.services.content import LoadedContent, load_content

GENERATOR = Path(__file__).resolve().parent.parent / "scripts" / "make_sample_content.py"
STORE = StoreIdentity("GD", "GD-SZ", "GD-SZ-0001")
NOON = datetime(2026, 11, 23, 12, 0)  # a Monday


@pytest.fixture(scope="module")
def sample() -> LoadedContent:
    return load_content([BUNDLED_CONTENT], STORE, "Asia/Shanghai", fallback=None)


def test_all_three_sample_packs_are_valid_and_used(sample: LoadedContent) -> None:
    assert sample.problems == []
    assert [p.id for p in sample.packs] == ["national", "province-gd", "store-gd-sz-0001"]


def test_sample_has_ten_services_in_four_categories_each_with_a_demo(sample: LoadedContent) -> None:
    assert sample.catalog is not None
    view = sample.catalog.at(NOON)
    assert len(view.services) >= 10 and len(view.categories) >= 4
    for s in view.services:
        demo = view.demos[s.demo]
        assert len(demo.scenes) >= 4, s.id
    assert len(view.videos) >= 2 and len(view.top10) >= 1 and len(view.attract) >= 3


def test_province_overrides_a_price_and_adds_a_local_service(sample: LoadedContent) -> None:
    assert sample.catalog is not None
    view = sample.catalog.at(NOON)
    assert view.service("svc.data.10gb").price.amount_fen == 2500
    assert view.service("svc.gd.cantonese") is not None


def test_daily_deal_is_twenty_percent_off_for_three_months(sample: LoadedContent) -> None:
    assert sample.catalog is not None
    view = sample.catalog.at(NOON)
    deal = next(o for o in view.offers if o.kind.value == "daily_deal")
    assert (deal.rule.percent, deal.rule.periods) == (20, 3)


def test_store_campaign_is_shown_only_in_its_store(sample: LoadedContent) -> None:
    other = load_content([BUNDLED_CONTENT], StoreIdentity("GD", "GD-SZ", "GD-SZ-0002"), "Asia/Shanghai", None)
    assert sample.catalog is not None and other.catalog is not None
    ours = {o.id for o in sample.catalog.at(NOON).offers}
    theirs = {o.id for o in other.catalog.at(NOON).offers}
    assert "off.sz0001.opening" in ours - theirs


def test_the_generators_data_makes_exactly_the_json_files_of_the_bundled_packs(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path), "--no-media"], check=True)
    bundled = {p.relative_to(BUNDLED_CONTENT): p.read_bytes() for p in BUNDLED_CONTENT.rglob("*.json")}
    made = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*.json")}
    assert sorted(made) == sorted(bundled)
    for rel, content in bundled.items():
        assert made[rel] == content, f"{rel} differs: run scripts/make_sample_content.py"
