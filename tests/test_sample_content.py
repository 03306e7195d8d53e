"""The bundled sample content is valid, layers cleanly, and shows what the brief promises."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

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


@pytest.fixture
def generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """scripts/make_sample_content.py as a module (its dataclasses need it in sys.modules)."""
    spec = importlib.util.spec_from_file_location("make_sample_content", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def _a_previous_run(out: Path) -> dict[Path, bytes]:
    for name in ("national", "province-gd", "store-gd-sz-0001"):
        (out / name).mkdir(parents=True)
        (out / name / "pack.json").write_text(f'{{"id": "{name}", "old": true}}', encoding="utf-8")
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_without_espeak_ng_the_generator_says_so_first_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "packs"
    before = _a_previous_run(out)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # python, and no espeak-ng

    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)], env=env, capture_output=True, text=True
    )

    assert done.returncode != 0
    assert (
        "lacks:" in done.stderr and "espeak-ng" in done.stderr and "apt-get install espeak-ng" in done.stderr
    )
    assert "Traceback" not in done.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_generator_run_that_fails_midway_leaves_the_old_packs_and_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generator: ModuleType
) -> None:
    out = tmp_path / "packs"
    before = _a_previous_run(out)
    real = generator.write_pack

    def fails_on_the_second(name: str, *args: Any) -> None:
        if name == "province-gd":
            raise RuntimeError("the drawing failed")
        real(name, *args)

    monkeypatch.setattr(generator, "write_pack", fails_on_the_second)
    with pytest.raises(RuntimeError):
        generator.main(["--out", str(out), "--no-media"])

    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packs"]


def test_a_generator_run_that_succeeds_replaces_every_old_pack(tmp_path: Path, generator: ModuleType) -> None:
    out = tmp_path / "packs"
    _a_previous_run(out)

    generator.main(["--out", str(out), "--no-media"])

    assert sorted(p.name for p in out.iterdir()) == ["national", "province-gd", "store-gd-sz-0001"]
    for name in ("national", "province-gd", "store-gd-sz-0001"):
        assert '"old"' not in (out / name / "pack.json").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packs"]


def test_every_sample_pack_validates_on_its_layers_without_a_single_warning() -> None:
    from kiosk.packs.validate_cmd import check

    layers = [BUNDLED_CONTENT / n for n in ("national", "province-gd", "store-gd-sz-0001")]
    for i, pack in enumerate(layers):
        checked = check(pack, layers[:i], check_media=False)
        assert checked.pack is not None and checked.warnings == 0, checked.lines
