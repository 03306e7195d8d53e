"""Write the table of characters the kiosk's fonts can draw, `kiosk/assets/font-coverage.json`.

    uv run python scripts/make_font_coverage.py [--check]

The kiosk draws text with the fonts in `FONTS` (Debian packages, installed by `.ci/run` and
README's setup). `kiosk pack validate` and `kiosk-hq publish` warn about every character of a
pack's texts that none of them has (kiosk/packs/glyphs.py), on machines that may have neither
the fonts nor Qt: so the coverage travels as this table, made here from the font files
themselves. It is what fontconfig reports (`fc-query`'s charset), which is also what Qt asks
when it looks for a font to draw a character the first one lacks. A family counts with the
characters all its files have (a character must be drawable in every weight the UI uses).

`kiosk doctor` checks that the files the table was made from are installed (same name, same
size). `--check` exits 1 when the committed table differs from what the installed fonts give.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kiosk" / "assets" / "font-coverage.json"


@dataclass(frozen=True)
class Font:
    package: str  # the Debian package that installs it
    path: Path
    family: str  # the face inside the file (a .ttc holds several)
    why: str


FONTS = (
    Font(
        "fonts-noto-cjk",
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        "Noto Sans CJK SC",
        "the UI's font (Theme.fontFamily): Chinese, Latin, Greek, Cyrillic, CJK punctuation",
    ),
    Font(
        "fonts-noto-cjk",
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        "Noto Sans CJK SC",
        "its bold weight (titles, prices, buttons)",
    ),
    Font(
        "fonts-noto-color-emoji",
        Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
        "Noto Color Emoji",
        "emoji, in colour (Qt picks it for emoji presentation)",
    ),
    Font(
        "fonts-hanazono",
        Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
        "HanaMinA",
        "rare CJK in the basic plane (Extension A, compatibility ideographs)",
    ),
    Font(
        "fonts-hanazono",
        Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
        "HanaMinB",
        "rare CJK beyond it: Extensions B to F (names and places)",
    ),
)


def charset(font: Font) -> set[int]:
    """The code points fontconfig says `font`'s face `family` maps to a glyph."""
    faces = subprocess.run(
        ["fc-query", "--format=%{index}\t%{family[0]}\n", str(font.path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    index = next((i for i, fam in (ln.split("\t") for ln in faces.splitlines()) if fam == font.family), None)
    if index is None:
        raise SystemExit(f"{font.path} has no face '{font.family}'")
    text = subprocess.run(
        ["fc-query", "-i", index, "--format=%{charset}", str(font.path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    points: set[int] = set()
    for token in text.split():
        lo, _, hi = token.partition("-")
        points.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return points


def ranges(points: set[int]) -> str:
    """`points` as merged hex ranges, fontconfig's notation: `20-7e a0 a2-ff`."""
    out: list[str] = []
    ordered = sorted(points)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        lo, hi = ordered[i], ordered[j]
        out.append(f"{lo:x}" if lo == hi else f"{lo:x}-{hi:x}")
        i = j + 1
    return " ".join(out)


def table() -> dict[str, object]:
    missing = [f for f in FONTS if not f.path.is_file()]
    if missing:
        packages = " ".join(sorted({f.package for f in missing}))
        raise SystemExit(f"missing {', '.join(str(f.path) for f in missing)}: apt-get install {packages}")
    by_family: dict[str, set[int]] = {}
    for font in FONTS:
        points = charset(font)
        by_family[font.family] = by_family[font.family] & points if font.family in by_family else points
    covered = set().union(*by_family.values())
    return {
        "made_by": "scripts/make_font_coverage.py",
        "fonts": [
            {
                "family": f.family,
                "file": f.path.name,
                "size": f.path.stat().st_size,
                "package": f.package,
                "why": f.why,
            }
            for f in FONTS
        ],
        "characters": len(covered),
        "ranges": ranges(covered),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed table; write nothing")
    args = ap.parse_args()
    text = json.dumps(table(), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.relative_to(ROOT)}: " + ("up to date" if same else "differs from the installed fonts"))
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {json.loads(text)['characters']} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
