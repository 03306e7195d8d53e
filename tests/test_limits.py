"""The longest text of each field, and the shapes of banners and attract images: the
validator warns beyond them (file, field, length, maximum), and the pack still loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.packs.errors import Problem
from kiosk.packs.limits import TEXT_LIMITS, columns, image_size, markdown_table
from kiosk.packs.loader import read_pack
from tests.packfactory import make_pack, narrated_files, national_files, text


def warnings_of(root: Path) -> list[Problem]:
    pack, problems = read_pack(root)
    assert pack is not None, [str(p) for p in problems]
    assert all(p.warning for p in problems)
    return problems


def test_chinese_characters_count_two_columns_and_latin_one() -> None:
    assert columns("Ring-back tones") == 15
    assert columns("彩铃") == 4
    assert columns("10GB流量包") == 10
    assert columns("ＡＢ") == 4  # fullwidth forms are as wide as CJK
    assert columns("e\u0301") == 1  # a combining accent takes no room of its own


def test_the_sample_shaped_pack_has_no_length_warnings(national: Path) -> None:
    assert warnings_of(national) == []


@pytest.mark.parametrize(
    ("lang", "value", "length"),
    [("en", "x" * 33, 33), ("zh-CN", "名" * 17, 34)],
)
def test_a_name_over_its_maximum_is_a_warning_naming_field_length_and_maximum(
    tmp_path: Path, media_dir: Path, lang: str, value: str, length: int
) -> None:
    files = national_files()
    name = {"zh-CN": "彩铃", "en": "Ring-back tones", lang: value}
    files["services.json"][1]["name"] = name
    root = make_pack(tmp_path / "p", media_dir, files)

    [w] = warnings_of(root)

    assert (w.file, w.field) == ("services.json", f"[1].name.{lang}")
    assert f"is {length} columns long, over the maximum of 32" in w.reason


def test_a_text_at_its_maximum_is_no_warning(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["services.json"][1]["name"] = text("名" * 16, "x" * 32)
    assert warnings_of(make_pack(tmp_path / "p", media_dir, files)) == []


def test_nested_texts_are_checked_with_their_paths(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    hotspot = files["demos.json"][0]["scenes"][0]["hotspots"][1]
    hotspot["label"] = text("热点", "y" * 40)

    [w] = warnings_of(make_pack(tmp_path / "p", media_dir, files))

    assert (w.file, w.field) == ("demos.json", "[0].scenes[0].hotspots[1].label.en")
    assert "40 columns" in w.reason and "maximum of 32" in w.reason


#: A store pack's manifest, for packs that override the national one.
STORE_PACK = {
    "format": 1,
    "id": "store",
    "version": 1,
    "scope": "store:S1",
    "title": text("门店", "Store"),
    "languages": ["zh-CN", "en"],
}


def test_an_override_setting_a_long_text_is_a_warning(tmp_path: Path, media_dir: Path) -> None:
    files = {
        "pack.json": STORE_PACK,
        "overrides.json": [
            {"section": "offers", "id": "off.daily", "set": {"title": text("特" * 21, "Daily")}},
        ],
    }
    [w] = warnings_of(make_pack(tmp_path / "p", media_dir, files))

    assert (w.file, w.field) == ("overrides.json", "[0].set.title.zh-CN")
    assert "42 columns" in w.reason and "maximum of 40" in w.reason


def test_a_narration_text_at_its_maximum_is_no_warning(tmp_path: Path, media_dir: Path) -> None:
    files = narrated_files()
    files["services.json"][0]["narration"]["text"] = text("说" * 60, "s" * 120)
    files["guides.json"]["guides"][0]["narration"]["text"] = text("说" * 60, "s" * 120)

    assert warnings_of(make_pack(tmp_path / "p", media_dir, files)) == []


@pytest.mark.parametrize(
    ("file", "where", "field"),
    [
        ("categories.json", lambda f: f["categories.json"][0], "[0].narration.text.en"),
        ("services.json", lambda f: f["services.json"][0], "[0].narration.text.en"),
        ("offers.json", lambda f: f["offers.json"][0], "[0].narration.text.en"),
        ("guides.json", lambda f: f["guides.json"]["guides"][1], "guides[1].narration.text.en"),
    ],
    ids=["category", "service", "offer", "guide"],
)
def test_a_narration_text_over_its_maximum_is_a_warning_with_the_readers_path(
    tmp_path: Path, media_dir: Path, file: str, where: Any, field: str
) -> None:
    files = narrated_files()
    where(files)["narration"] = {"text": text("说", "s" * 121)}

    [w] = warnings_of(make_pack(tmp_path / "p", media_dir, files))

    assert (w.file, w.field) == (file, field)
    assert "121 columns" in w.reason and "maximum of 120" in w.reason and "caption bar" in w.reason


def test_an_override_setting_a_long_narration_or_cancel_text_is_a_warning(
    tmp_path: Path, media_dir: Path
) -> None:
    files = {
        "pack.json": STORE_PACK,
        "overrides.json": [
            {
                "section": "services",
                "id": "svc.ringback",
                "set": {"narration": {"text": text("说" * 61, "Hi")}},
            },
            {
                "section": "services",
                "id": "svc.data10",
                "set": {"terms": {"starts": "now", "cancel": text("退", "c" * 121)}},
            },
        ],
    }
    warnings = warnings_of(make_pack(tmp_path / "p", media_dir, files))

    assert [(w.file, w.field) for w in warnings] == [
        ("overrides.json", "[0].set.narration.text.zh-CN"),
        ("overrides.json", "[1].set.terms.cancel.en"),
    ]


def _picture(root: Path, name: str, size: tuple[int, int]) -> str:
    Image.new("RGB", size, (200, 80, 40)).save(root / "media" / name, quality=60)
    return f"media/{name}"


def test_a_banner_far_from_16_9_is_a_warning_and_one_near_it_is_not(tmp_path: Path, media_dir: Path) -> None:
    root = make_pack(tmp_path / "p", media_dir)
    files = national_files()
    files["offers.json"][0]["banner"] = _picture(root, "wide.jpg", (1600, 600))
    files["offers.json"].append(
        {**files["offers.json"][0], "id": "off.near", "banner": _picture(root, "near.png", (1600, 880))}
    )
    make_pack(root, media_dir, files)

    [w] = warnings_of(root)

    assert (w.file, w.field) == ("offers.json", "[0].banner")
    assert "1600x600" in w.reason and "16:9" in w.reason and "shown whole" in w.reason


def test_an_attract_image_neither_16_9_nor_9_16_is_a_warning(tmp_path: Path, media_dir: Path) -> None:
    root = make_pack(tmp_path / "p", media_dir)
    files = national_files()
    files["attract.json"]["items"][0]["image"] = _picture(root, "square.jpg", (2000, 2000))
    make_pack(root, media_dir, files)

    [w] = warnings_of(root)  # a.three, 1080x1920, is a portrait screen's: no warning

    assert (w.file, w.field) == ("attract.json", "[0].image")
    assert "2000x2000" in w.reason


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("a.png", {}),
        ("a.jpg", {"quality": 70}),
        ("p.jpg", {"progressive": True}),
        ("a.webp", {"lossless": False}),
        ("l.webp", {"lossless": True}),
    ],
)
def test_picture_sizes_are_read_from_the_header_as_pillow_reads_them(
    tmp_path: Path, name: str, options: dict
) -> None:
    path = tmp_path / name
    Image.new("RGB", (1234, 567), (1, 2, 3)).save(path, **options)

    assert image_size(path) == (1234, 567)


def test_a_file_that_is_not_a_picture_has_no_size(tmp_path: Path) -> None:
    (tmp_path / "x.jpg").write_text("hello", encoding="utf-8")
    assert image_size(tmp_path / "x.jpg") is None


def test_the_docs_print_the_table_of_maxima() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "content-pack.md").read_text(encoding="utf-8")
    assert markdown_table() in doc
    assert len(markdown_table().splitlines()) == len(TEXT_LIMITS) + 2


def test_the_screenshots_packs_hold_every_text_at_its_maximum_and_stay_valid(tmp_path: Path) -> None:
    """scripts/make_screens.py's `longest` set: texts at their maxima, no more."""
    import importlib.util

    from kiosk.config import BUNDLED_CONTENT
    from kiosk.packs.limits import columns

    spec = importlib.util.spec_from_file_location(
        "make_screens", Path(__file__).parent.parent / "scripts" / "make_screens.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    longest = script.stretch_packs(BUNDLED_CONTENT, tmp_path / "longest")

    national, problems = read_pack(longest / "national", check_media=False)
    assert national is not None and problems == []
    names = {columns(s.name.get(lang)) for s in national.services for lang in ("zh-CN", "en")}
    assert names == {TEXT_LIMITS[("services", "name")].columns}
