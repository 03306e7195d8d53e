"""National -> province -> city -> store: adding, replacing, overriding and hiding by id."""

from __future__ import annotations

from pathlib import Path

from kiosk.packs.layering import StoreIdentity, applies_to, layer
from kiosk.packs.loader import load_pack
from kiosk.packs.model import Scope, ScopeLevel
from tests.packfactory import VOICE, make_pack, narrated_files, national_files, text

STORE = StoreIdentity("GD", "GD-SZ", "GD-SZ-0001")


def manifest(pid: str, scope: str) -> dict:
    return {
        "format": 1,
        "id": pid,
        "version": 1,
        "scope": scope,
        "title": text("层", "Layer"),
        "languages": ["zh-CN", "en"],
    }


def province(tmp_path: Path, media: Path, **files: object) -> Path:
    return make_pack(tmp_path / "gd", media, {"pack.json": manifest("gd", "province:GD"), **files})


def test_province_overrides_one_price_and_keeps_the_rest(
    national: Path, tmp_path: Path, media_dir: Path
) -> None:
    gd = province(
        tmp_path,
        media_dir,
        **{
            "overrides.json": [
                {
                    "section": "services",
                    "id": "svc.ringback",
                    "set": {"price": {"amount": "4.00", "currency": "CNY", "period": "month"}},
                }
            ]
        },
    )

    result = layer([load_pack(gd), load_pack(national)])

    svc = result.content.services["svc.ringback"]
    assert svc.price.amount_fen == 400
    assert svc.name.get("en") == "Ring-back tones"
    assert result.skipped == []


def test_item_with_an_existing_id_replaces_it_whole(national: Path, tmp_path: Path, media_dir: Path) -> None:
    replacement = national_files()["services.json"][1] | {"name": text("本地流量", "Local data")}
    gd = province(tmp_path, media_dir, **{"services.json": [replacement]})

    content = layer([load_pack(national), load_pack(gd)]).content

    assert content.services["svc.data10"].name.get("en") == "Local data"
    assert len(content.services) == 2


def test_hiding_a_category_hides_its_services(national: Path, tmp_path: Path, media_dir: Path) -> None:
    gd = province(
        tmp_path, media_dir, **{"overrides.json": [{"section": "categories", "id": "cat.data", "hide": True}]}
    )

    content = layer([load_pack(national), load_pack(gd)]).content

    assert "cat.data" not in content.categories
    assert "svc.data10" not in content.services


def test_layer_that_breaks_references_is_left_out_whole(
    national: Path, tmp_path: Path, media_dir: Path
) -> None:
    gd = province(
        tmp_path,
        media_dir,
        **{"overrides.json": [{"section": "services", "id": "svc.not-there", "hide": True}]},
    )

    result = layer([load_pack(national), load_pack(gd)])

    assert [p.id for p in result.content.packs] == ["national"]
    [(skipped, problems)] = result.skipped
    assert skipped.id == "gd"
    assert "no services item 'svc.not-there'" in problems[0].reason


def test_a_later_top10_replaces_the_earlier_one(national: Path, tmp_path: Path, media_dir: Path) -> None:
    gd = province(tmp_path, media_dir, **{"top10.json": {"services": ["svc.data10"]}})

    assert layer([load_pack(national), load_pack(gd)]).content.top10 == ("svc.data10",)


def test_a_later_layers_guide_of_a_screen_replaces_the_earlier_one_and_the_others_stay(
    tmp_path: Path, media_dir: Path
) -> None:
    national = make_pack(tmp_path / "national", media_dir, narrated_files())
    gd = province(
        tmp_path,
        media_dir,
        **{
            "guides.json": {
                "guides": [
                    {"id": "home", "narration": {"text": text("广东欢迎你。", "Welcome to Guangdong.")}},
                    {"id": "idle", "narration": {"audio": VOICE}},
                ]
            }
        },
    )

    result = layer([load_pack(gd), load_pack(national)])

    guides = result.content.guides
    assert result.skipped == []
    assert sorted(guides) == ["digit.7", "home", "idle"]
    home = guides["home"].narration
    assert home.text is not None and home.text.get("en") == "Welcome to Guangdong."
    assert home.audio is None, "a guide replaces the earlier one whole"
    assert (
        guides["digit.7"].narration.text is not None and guides["digit.7"].narration.text.get("en") == "seven"
    )
    assert guides["idle"].narration.audio is not None


def test_an_override_sets_an_items_narration_and_keeps_its_other_fields(
    tmp_path: Path, media_dir: Path
) -> None:
    national = make_pack(tmp_path / "national", media_dir, narrated_files())
    said = {"text": text("粤语彩铃。", "Cantonese ring-back tones.")}
    gd = province(
        tmp_path,
        media_dir,
        **{
            "overrides.json": [
                {"section": "services", "id": "svc.ringback", "set": {"narration": said}},
                {"section": "categories", "id": "cat.data", "set": {"narration": said}},
            ]
        },
    )

    content = layer([load_pack(national), load_pack(gd)]).content

    ringback = content.services["svc.ringback"]
    assert ringback.narration is not None and ringback.narration.text is not None
    assert ringback.narration.text.get("en") == "Cantonese ring-back tones."
    assert ringback.name.get("en") == "Ring-back tones"
    data = content.categories["cat.data"].narration
    assert data is not None and data.text is not None and data.text.get("zh-CN") == "粤语彩铃。"


def test_packs_apply_only_to_their_own_region() -> None:
    assert applies_to(Scope(ScopeLevel.NATIONAL), STORE)
    assert applies_to(Scope(ScopeLevel.PROVINCE, "GD"), STORE)
    assert not applies_to(Scope(ScopeLevel.PROVINCE, "BJ"), STORE)
    assert applies_to(Scope(ScopeLevel.STORE, "GD-SZ-0001"), STORE)
    assert not applies_to(Scope(ScopeLevel.CITY, "GD-GZ"), STORE)
