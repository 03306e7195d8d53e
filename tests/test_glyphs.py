"""Characters the kiosk's fonts cannot draw: one warning each, with file, field and code point.

The fonts' coverage is the committed table (kiosk/assets/font-coverage.json); the last test
keeps it true to the installed font files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk.packs.glyphs import COVERAGE, coverage_from, fonts_not_installed, kiosk_coverage, missing_glyphs
from kiosk.packs.loader import load_pack
from kiosk.packs.validate_cmd import check
from tests.packfactory import make_pack, narrated_files, national_files, text

ROOT = Path(__file__).resolve().parent.parent
#: What operators write and the chosen fonts draw: emoji, and CJK of Extensions B to D.
COVERED = "拉面🍜 🔥 𠀀 𪚥 𫝀 ❤️ 👍🏽 👨‍👩‍👧 🇨🇳 ¥99.00/月 「好」—…"
#: No font of the kiosk draws these: CJK Extension G, private use, Arabic, Devanagari.
UNCOVERED = "\U00030000\ue000\u0627\u0905"


def _files(name_zh: str) -> dict[str, Any]:
    files = national_files()
    # A window that has not ended, so the pack draws no other warning.
    files["offers.json"][0]["valid"] = {"from": "2026-01-01", "until": "2099-12-31"}
    files["services.json"][0]["name"] = text(name_zh, "Noodles")
    return files


def test_a_pack_whose_characters_the_fonts_draw_gets_no_warning(tmp_path: Path, media_dir: Path) -> None:
    files = _files("拉面")
    # In the pitch, whose maximum (80 columns) holds it, so no length warning comes either.
    files["services.json"][0]["pitch"] = text(COVERED, "Hot noodles.")
    root = make_pack(tmp_path / "p", media_dir, files)

    checked = check(root, check_media=False)

    assert checked.pack is not None
    assert checked.warnings == 0, checked.lines


def test_each_character_the_fonts_lack_is_a_warning_naming_file_field_and_code_point(
    tmp_path: Path, media_dir: Path
) -> None:
    files = _files("拉面" + UNCOVERED + "\U00030000")  # a character twice: one warning
    demo = files["demos.json"][0]
    demo["scenes"][0]["hotspots"][1]["label"] = text("按\ue000", "Press")
    demo["scenes"][1]["caption"] = text("好", "Good \u0627")
    root = make_pack(tmp_path / "p", media_dir, files)

    checked = check(root, check_media=False)

    assert checked.pack is not None, "a warning does not make the pack invalid"
    glyph_lines = [ln for ln in checked.lines if "kiosk's fonts" in ln]
    assert len(glyph_lines) == checked.warnings == 6
    where = [ln.split(": ")[1:3] for ln in glyph_lines]
    assert where == [
        ["services.json", "[0].name.zh-CN"],
        ["services.json", "[0].name.zh-CN"],
        ["services.json", "[0].name.zh-CN"],
        ["services.json", "[0].name.zh-CN"],
        ["demos.json", "[0].scenes[0].hotspots[1].label.zh-CN"],
        ["demos.json", "[0].scenes[1].caption.en"],
    ]
    assert glyph_lines[0] == (
        "p/warning: services.json: [0].name.zh-CN: '\U00030000' (U+30000, CJK UNIFIED IDEOGRAPH-30000) "
        "cannot be drawn by the kiosk's fonts (Noto Sans CJK SC, Noto Color Emoji, HanaMinA, HanaMinB); "
        "it would show as an empty box"
    )
    assert "(U+E000)" in glyph_lines[1] and "U+0627, ARABIC LETTER ALEF" in glyph_lines[2]
    assert "U+0905" in glyph_lines[3]


def test_texts_set_by_overrides_are_checked(tmp_path: Path, media_dir: Path) -> None:
    files = {
        "pack.json": {**national_files()["pack.json"], "id": "gd", "scope": "province:GD"},
        "overrides.json": [
            {"section": "services", "id": "svc.data10", "set": {"pitch": text("好\U00030000", "Good")}}
        ],
    }
    root = make_pack(tmp_path / "gd", media_dir, files)

    problems = missing_glyphs(load_pack(root, check_media=False))

    assert [(p.file, p.field, p.warning) for p in problems] == [
        ("overrides.json", "[0].set.pitch.zh-CN", True)
    ]


def test_narration_texts_of_items_guides_and_overrides_are_checked(tmp_path: Path, media_dir: Path) -> None:
    files = narrated_files()
    files["categories.json"][0]["narration"]["text"] = text("音乐\ue000", "Music")
    files["guides.json"]["guides"][1]["narration"]["text"] = text("七", "seven \u0627")
    national = make_pack(tmp_path / "national", media_dir, files)
    gd = make_pack(
        tmp_path / "gd",
        media_dir,
        {
            "pack.json": {**national_files()["pack.json"], "id": "gd", "scope": "province:GD"},
            "overrides.json": [
                {
                    "section": "offers",
                    "id": "off.daily",
                    "set": {"narration": {"text": text("\U00030000", "Hi")}},
                }
            ],
        },
    )

    found = [
        (p.file, p.field)
        for root in (national, gd)
        for p in missing_glyphs(load_pack(root, check_media=False))
    ]

    assert found == [
        ("categories.json", "[0].narration.text.zh-CN"),
        ("guides.json", "guides[1].narration.text.en"),
        ("overrides.json", "[0].set.narration.text.zh-CN"),
    ]


def test_line_breaks_and_emoji_joiners_are_not_characters_to_draw() -> None:
    cov = coverage_from({"fonts": [{"family": "F"}], "ranges": "20-7e"})

    assert cov.missing("a\nb\r\n\tc\u200d\ufe0f\u200bd") == []
    assert cov.missing("a\u00e9") == ["\u00e9"]


def test_ids_paths_and_tags_are_not_displayed_so_not_checked(tmp_path: Path, media_dir: Path) -> None:
    files = _files("面")
    files["services.json"][0]["tags"] = ["\U00030000"]
    root = make_pack(tmp_path / "p", media_dir, files)

    assert missing_glyphs(load_pack(root, check_media=False)) == []


def test_the_table_covers_what_the_chosen_fonts_are_for() -> None:
    cov = kiosk_coverage()

    assert cov.families == ("Noto Sans CJK SC", "Noto Color Emoji", "HanaMinA", "HanaMinB")
    assert cov.missing(COVERED) == []
    assert cov.missing(UNCOVERED) == list(UNCOVERED)


def test_the_committed_table_is_what_the_installed_fonts_give() -> None:
    """The fonts come from .ci/run's packages; a new font version needs the table remade."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_font_coverage.py"), "--check"],
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stdout + done.stderr + f" (remake {COVERAGE.name} with the script)"


def _sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.truncate(size)


def test_the_fonts_the_table_was_made_from_are_found_by_name_and_size(tmp_path: Path) -> None:
    fonts = json.loads(COVERAGE.read_text(encoding="utf-8"))["fonts"]
    for i, font in enumerate(fonts):
        _sparse(tmp_path / "fonts" / f"sub{i}" / font["file"], font["size"])

    assert fonts_not_installed([tmp_path / "missing", tmp_path / "fonts"]) == []

    emoji = next(f for f in fonts if f["family"] == "Noto Color Emoji")
    (tmp_path / "fonts" / f"sub{fonts.index(emoji)}" / emoji["file"]).unlink()
    _sparse(tmp_path / "fonts" / "other" / emoji["file"], 1000)
    hana = next(f for f in fonts if f["family"] == "HanaMinB")
    (tmp_path / "fonts" / f"sub{fonts.index(hana)}" / hana["file"]).unlink()

    assert fonts_not_installed([tmp_path / "fonts"]) == [
        f"NotoColorEmoji.ttf is another version than the one the character table was made from "
        f"(1000 bytes, not {emoji['size']}): run scripts/make_font_coverage.py",
        "HanaMinB.ttf (HanaMinB) is not installed: apt-get install fonts-hanazono",
    ]


def test_doctor_says_whether_the_fonts_are_installed(tmp_path: Path, capsys: Any) -> None:
    from kiosk.cli import main

    main(["--data-dir", str(tmp_path / "data"), "doctor", "--json"])
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)}

    assert checks["fonts"] == {
        "name": "fonts",
        "ok": True,
        "reason": "installed: Noto Sans CJK SC, Noto Color Emoji, HanaMinA, HanaMinB",
    }
