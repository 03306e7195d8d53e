"""Characters of a pack's texts that the kiosk's fonts cannot draw (they would show as boxes).

The fonts' coverage comes from `kiosk/assets/font-coverage.json`, a table of code-point ranges
made from the font files by `scripts/make_font_coverage.py`: the check needs neither Qt nor
the fonts, so HQ's `kiosk-hq publish` gives the same warnings as the kiosk. Only texts a
customer reads are checked (ids, paths and tags are never displayed).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk.packs.errors import Problem
from kiosk.packs.loader import FOCUS, GUIDES, SECTION_FILES
from kiosk.packs.model import Pack, Text

COVERAGE = Path(__file__).resolve().parent.parent / "assets" / "font-coverage.json"
#: Characters that are never drawn themselves: line breaks, the joiners and variation
#: selectors of emoji sequences. Format characters (Cf) are left alone too.
_INVISIBLE = "\t\n\r\u200b-\u200f\ufe00-\ufe0f\U000e0000-\U000e007f\U000e0100-\U000e01ef"


@dataclasses.dataclass(frozen=True)
class Coverage:
    """What the kiosk's fonts draw: the table's families and a test for one string."""

    families: tuple[str, ...]
    uncovered: re.Pattern[str]

    def missing(self, text: str) -> list[str]:
        """The characters of `text` no font draws, each once, in order of appearance."""
        found = dict.fromkeys(c for c in self.uncovered.findall(text) if unicodedata.category(c) != "Cf")
        return list(found)


def coverage_from(table: dict[str, Any]) -> Coverage:
    """A `Coverage` from a table as the script writes it."""
    parts = []
    for token in table["ranges"].split():
        lo, _, hi = token.partition("-")
        lo_c = re.escape(chr(int(lo, 16)))
        parts.append(lo_c if not hi else f"{lo_c}-{re.escape(chr(int(hi, 16)))}")
    # One negated class: the regex engine scans a whole text in C, which keeps the check
    # cheap on large packs.
    pattern = re.compile(f"[^{''.join(parts)}{_INVISIBLE}]")
    families = tuple(dict.fromkeys(f["family"] for f in table["fonts"]))
    return Coverage(families, pattern)


@functools.cache
def kiosk_coverage() -> Coverage:
    """The coverage of the fonts the kiosk ships with."""
    return coverage_from(json.loads(COVERAGE.read_text(encoding="utf-8")))


def describe(char: str) -> str:
    """`'𰀀' (U+30000, CJK UNIFIED IDEOGRAPH-30000)`."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}" + (f", {name})" if name else ")")


def missing_glyphs(pack: Pack, coverage: Coverage | None = None) -> list[Problem]:
    """A warning for each character of each text of `pack` that no font of the kiosk draws."""
    cov = coverage or kiosk_coverage()
    problems = []
    for file, field, text in texts(pack):
        for char in cov.missing(text):
            problems.append(
                Problem(
                    file,
                    field,
                    f"{describe(char)} cannot be drawn by the kiosk's fonts "
                    f"({', '.join(cov.families)}); it would show as an empty box",
                    warning=True,
                )
            )
    return problems


def texts(pack: Pack) -> Iterator[tuple[str, str, str]]:
    """(file, field path as the reader names it, text) for every customer-facing text."""
    yield from _walk(pack.title, "pack.json", "title")
    for section, file in SECTION_FILES.items():
        for i, item in enumerate(getattr(pack, section)):
            yield from _walk(item, file, f"[{i}]")
    for i, guide in enumerate(pack.guides):
        yield from _walk(guide, GUIDES, f"guides[{i}]")
    if pack.focus is not None:
        for i, item in enumerate(pack.focus.services):
            yield from _walk(item.pitch, FOCUS, f"services[{i}].pitch")
    for i, ov in enumerate(pack.overrides):
        for key, value in ov.fields:
            yield from _walk(value, "overrides.json", f"[{i}].set.{key}")


def _walk(value: object, file: str, path: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(value, Text):
        for lang, text in value.values:
            yield file, f"{path}.{lang}", text
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from _walk(v, file, f"{path}[{i}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), file, f"{path}.{f.name}")


def font_dirs() -> list[Path]:
    """Where fonts are installed for the kiosk's user (fontconfig's folders on Linux)."""
    home = Path.home()
    if sys.platform == "win32":
        return [
            Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
            home / "AppData/Local/Microsoft/Windows/Fonts",
        ]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts", home / ".fonts"]


def fonts_not_installed(dirs: list[Path] | None = None, table: Path = COVERAGE) -> list[str]:
    """What is amiss with the fonts the coverage table was made from (empty when all are
    installed as they were): the validator's warnings about characters assume them."""
    fonts = json.loads(table.read_text(encoding="utf-8"))["fonts"]
    sizes: dict[str, set[int]] = {}
    for folder in dirs if dirs is not None else font_dirs():
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    with contextlib.suppress(OSError):
                        sizes.setdefault(path.name, set()).add(path.stat().st_size)
    problems = []
    for font in fonts:
        found = sizes.get(font["file"])
        if not found:
            problems.append(
                f"{font['file']} ({font['family']}) is not installed: apt-get install {font['package']}"
            )
        elif font["size"] not in found:
            problems.append(
                f"{font['file']} is another version than the one the character table was made from "
                f"({', '.join(map(str, sorted(found)))} bytes, not {font['size']}): "
                "run scripts/make_font_coverage.py"
            )
    return problems
