"""The bundled sample content is valid, layers cleanly, and shows what the brief promises."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kiosk.config import BUNDLED_CONTENT
from kiosk.packs.layering import StoreIdentity
from kiosk.packs.model import GUIDE_SCREENS, LANGUAGES, Narration
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


def _spoken_in_both_languages(narration: Narration | None) -> bool:
    return (
        narration is not None
        and narration.text is not None
        and narration.audio is not None
        and all(
            narration.text.get(lang) and dict(narration.audio.paths)[lang].is_file() for lang in LANGUAGES
        )
    )


def test_every_category_service_offer_screen_and_demo_scene_has_narration_recorded_in_both_languages(
    sample: LoadedContent,
) -> None:
    assert sample.catalog is not None
    content = sample.catalog.content
    items = [*content.categories.values(), *content.services.values(), *content.offers.values()]
    assert (
        len(items) >= 20 and "off.sz0001.opening" in content.offers and "svc.gd.cantonese" in content.services
    )
    assert [it.id for it in items if not _spoken_in_both_languages(it.narration)] == []
    assert sorted(content.guides) == sorted(GUIDE_SCREENS)
    assert [g for g, guide in content.guides.items() if not _spoken_in_both_languages(guide.narration)] == []
    recordings = {dict(it.narration.audio.paths)[lang] for it in items for lang in LANGUAGES}  # type: ignore[union-attr]
    assert len(recordings) == 2 * len(items), "each item has its own recording in each language"
    scenes = [(d.id, sc) for d in content.demos.values() for sc in d.scenes]
    assert len(scenes) >= 40
    assert [f"{d}/{sc.id}" for d, sc in scenes if not _spoken_in_both_languages(sc.narration)] == []


def test_chinese_narration_is_read_to_espeak_ng_as_pinyin_with_tone_numbers(generator: ModuleType) -> None:
    assert (
        generator.pinyin("你好！点一下《夏日微风》，一起听。")
        == "ni2 hao3! dian3 yi2 xia4 xia4 ri4 wei1 feng1, yi4 qi3 ting1."
    )
    assert generator.pinyin("每月多10GB，回复Y确认。") == "mei3 yue4 duo1 10 ji1, hui2 fu4 wai1 que4 ren4."
    assert generator.pinyin("照片的") == "zhao4 pian4 de5"
    with pytest.raises(SystemExit, match="'TV'"):
        generator.pinyin("看TV")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng (.ci/run installs it)")
def test_a_spoken_guide_lasts_as_long_as_its_words_take_to_say(tmp_path: Path, generator: ModuleType) -> None:
    """Nobody can listen here: a recording about as long as its syllables at a speaking pace
    at least shows espeak-ng read the words rather than spelling them or saying nothing."""
    import av

    zh = "请在键盘上输入你的手机号码。"  # 14 syllables
    generator.speak(generator.pinyin(zh), "zh-CN", tmp_path / "zh.ogg")
    generator.speak("Please type your mobile number on the keypad.", "en", tmp_path / "en.ogg")  # 13

    for name in ("zh.ogg", "en.ogg"):
        with av.open(str(tmp_path / name)) as f:
            stream = f.streams.audio[0]
            assert (stream.codec_context.name, stream.channels) == ("opus", 1)
            seconds = sum(frame.samples / frame.sample_rate for frame in f.decode(stream))
        assert 2.0 < seconds < 7.0, (name, seconds)


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


def test_every_demo_scene_has_talking_points_and_every_service_questions_in_both_languages(
    sample: LoadedContent,
) -> None:
    assert sample.catalog is not None
    content = sample.catalog.content
    scenes = [(d.id, sc) for d in content.demos.values() for sc in d.scenes]
    assert [f"{d}/{sc.id}" for d, sc in scenes if not sc.talking_points] == []
    texts = [t for _, sc in scenes for t in sc.talking_points]
    assert [s.id for s in content.services.values() if not 3 <= len(s.qa) <= 6] == []
    texts += [t for s in content.services.values() for qa in s.qa for t in (qa.q, qa.a)]
    assert [t for t in texts if not all(t.get(lang) and dict(t.values).get(lang) for lang in LANGUAGES)] == []
    # Written for each service, not one answer pasted everywhere.
    answers = [qa.a.get("en") for s in content.services.values() for qa in s.qa]
    assert len(set(answers)) == len(answers)


def test_the_quarters_focus_is_guangdongs_over_the_national_one_each_with_its_pitch(
    sample: LoadedContent,
) -> None:
    assert sample.catalog is not None
    national = next(p for p in sample.packs if p.id == "national")
    focus = sample.catalog.content.focus
    assert national.focus is not None and focus is not None and focus != national.focus
    assert "svc.gd.cantonese" in [f.service for f in focus.services]
    assert all(f.pitch.get(lang) for f in focus.services for lang in LANGUAGES)
    view = sample.catalog.at(NOON)
    assert [f.service for f in view.focus] == [f.service for f in focus.services]
