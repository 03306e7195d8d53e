"""How long a text may be, and what shape a picture should have, for the kiosk to show it whole.

One table, `TEXT_LIMITS`, holds the longest text of every text field of the format, in
display columns: a Chinese character (East Asian Wide or Fullwidth) takes two columns,
a Latin letter, digit, space or punctuation mark one. So `name: 32` allows 16 Chinese
characters or 32 Latin ones: a CJK character is drawn about twice as wide as an average
Latin letter, and a maximum counted in characters would either cut English short or let
Chinese overflow. The kiosk's layouts hold every text up to its maximum at 1920x1080 and
1080x1920, in both languages and at 150% text (`tests/ui/test_text_fit.py`): beyond it, a
text is cut with an ellipsis or scrolls. The validator warns about a longer text (it
still shows, cut), and docs/content-pack.md prints the same table (`markdown_table`).

Pictures: a banner is shown at 16:9 and an attract image fills the screen; `picture_problems`
warns about a banner or attract image whose shape the kiosk cannot show as drawn.
The sizes are read from the files' headers (no decoding, no Pillow), so the check costs a
kiosk's start almost nothing.
"""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.packs.errors import Problem
from kiosk.packs.model import LANGUAGES, Pack, Text


@dataclass(frozen=True)
class Limit:
    columns: int
    #: Where the text shows, for the docs.
    shown: str
    #: What a longer text does, for the warning.
    beyond: str = "the kiosk cuts it with an ellipsis"


# Narration shows as it is spoken: a screen's guide is its item's narration followed by the
# screen's own (guides.json), captioned together.
_CAPTION = "caption bar, while it is spoken (an item's before its screen's guide)"
_SPOKEN = "the caption bar may cut it, and a long guide keeps the customer waiting"
# What only staff read, beside a customer, in the presenter drawer.
_STAFF = "presenter drawer (staff only)"
_PANEL = "the presenter drawer cuts it with an ellipsis, and staff read it at a glance"

#: (section, field path inside an item) -> its maximum. The section is the file's name
#: without `.json` ("pack" for the manifest); nested fields are dotted (scenes.caption).
TEXT_LIMITS: dict[tuple[str, str], Limit] = {
    ("pack", "title"): Limit(60, "not on the kiosk's screens (staff and HQ tools)", "staff tools may cut it"),
    ("categories", "name"): Limit(24, "home tile (two lines in portrait), top bar, chips"),
    ("categories", "narration.text"): Limit(120, _CAPTION, _SPOKEN),
    ("services", "name"): Limit(32, "service page (up to three lines), cards and TOP-10 (one line)"),
    ("services", "pitch"): Limit(80, "service page; cards show two lines, TOP-10 one"),
    ("services", "description"): Limit(
        600,
        "service page, scrolling when long (a fade and a scroll bar show there is more)",
        "customers scroll a long way to read it",
    ),
    ("services", "terms.cancel"): Limit(120, "subscribe review (up to three lines)"),
    ("services", "narration.text"): Limit(120, _CAPTION, _SPOKEN),
    ("services", "qa.q"): Limit(80, _STAFF + ": the list of questions (up to two lines)", _PANEL),
    ("services", "qa.a"): Limit(240, _STAFF + ", under its question (up to six lines)", _PANEL),
    ("offers", "title"): Limit(40, "offer card (one line in portrait, two in landscape)"),
    ("offers", "description"): Limit(120, "offer card (one to three lines, beside the price explanation)"),
    ("offers", "narration.text"): Limit(120, _CAPTION, _SPOKEN),
    ("demos", "title"): Limit(40, "demo's top bar (in portrait, a long one ends in an ellipsis)"),
    ("demos", "scenes.caption"): Limit(80, "demo's side panel, above the narration (it scrolls when long)"),
    ("demos", "scenes.narration.text"): Limit(200, "demo's side panel, in a box under the caption"),
    ("demos", "scenes.hotspots.label"): Limit(32, "hotspot bubble (one line)"),
    ("demos", "scenes.talking_points"): Limit(120, _STAFF + ", one a line (up to three lines)", _PANEL),
    ("videos", "title"): Limit(40, "video screen's top bar (in portrait, a long one ends in an ellipsis)"),
    ("guides", "narration.text"): Limit(120, _CAPTION, _SPOKEN),
    ("focus", "services.pitch"): Limit(80, _STAFF + ": the quarter's focus (up to two lines)", _PANEL),
}
#: Where each section's items are in its file, when the file is an object (the reader's paths).
ITEMS_KEY = {"guides": "guides", "attract": "items"}

#: How far a picture's aspect ratio may be from the one it is shown at before the kiosk
#: changes what it does (crops beyond the margin, or shows it whole): 5% a side.
CROP_MARGIN = 0.05
BANNER_ASPECT = 16 / 9
SCREEN_ASPECT = 16 / 9


def columns(text: str) -> int:
    """Display width: East Asian Wide and Fullwidth characters count 2, combining marks 0,
    everything else 1."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


def warnings(pack: Pack, pictures: bool = True) -> list[Problem]:
    """Every text over its maximum and, with `pictures`, every banner or attract image of
    the wrong shape: the pack reader's one call."""
    return text_problems(pack) + (picture_problems(pack) if pictures else [])


def text_problems(pack: Pack) -> list[Problem]:
    """A warning for every text of `pack` longer than its maximum, with file, field, its
    length and the maximum. Items are in file order (a pack is built only when every item
    was read), so the paths are the file's own."""
    out: list[Problem] = []
    for (section, field), limit in TEXT_LIMITS.items():
        if section == "pack":
            _check(out, "pack.json", field, pack.title, limit)
            continue
        if section == "focus":
            if pack.focus is not None:
                for path, text in _texts(pack.focus, field.split("."), ""):
                    _check(out, "focus.json", path.removeprefix("."), text, limit)
            continue
        key = ITEMS_KEY.get(section, "")
        for i, item in enumerate(getattr(pack, section)):
            for path, text in _texts(item, field.split("."), f"{key}[{i}]"):
                _check(out, f"{section}.json", path, text, limit)
    for i, override in enumerate(pack.overrides):
        for key, value in override.fields:
            for (section, field), limit in TEXT_LIMITS.items():
                head, *rest = field.split(".")
                if section == override.section and head == key:
                    for path, text in _texts(value, rest, f"[{i}].set.{key}"):
                        _check(out, "overrides.json", path, text, limit)
    return out


def _texts(value: Any, names: list[str], path: str) -> list[tuple[str, Text]]:
    """The texts at `names` below `value`, following tuples of items, with their paths."""
    if not names:
        return [(path, value)] if isinstance(value, Text) else []
    head, rest = names[0], names[1:]
    child = getattr(value, head, None)
    if child is None:
        return []
    if isinstance(child, tuple):
        out = []
        for i, item in enumerate(child):
            out += _texts(item, rest, f"{path}.{head}[{i}]")
        return out
    return _texts(child, rest, f"{path}.{head}")


def _check(out: list[Problem], file: str, path: str, text: Text, limit: Limit) -> None:
    for lang in LANGUAGES:
        value = text.get(lang)
        # Runs at every kiosk start, over every text: most are measured without looking at
        # their characters (no character takes more than two columns; ASCII takes one).
        if 2 * len(value) <= limit.columns or (value.isascii() and len(value) <= limit.columns):
            continue
        n = len(value) if value.isascii() else columns(value)
        if n > limit.columns:
            out.append(
                Problem(
                    file,
                    f"{path}.{lang}",
                    f"is {n} columns long, over the maximum of {limit.columns} (a Chinese "
                    f"character counts 2): {limit.beyond}",
                    warning=True,
                )
            )


# Realistic words rather than one letter repeated, so that lines break where they would;
# capitals and wide letters, so that the English is not narrower than an author's.
_EN = (
    "Callers hear the song you picked instead of a plain ringing tone, and Weekend Video "
    "Members get Maximum Wideband Streaming with Worldwide Roaming included. "
)
_ZH = "来电时播放您喜爱的歌曲让等待也变得愉快周末视频会员尊享高清流量全国漫游每月更新精彩内容"


def longest_text(limit: int, lang: str) -> str:
    """A text of exactly `limit` columns in `lang` (for the layout tests and the docs'
    screenshots of texts at their maximum)."""
    # It ends in a full stop, so that a picture shows whether a text was shown whole.
    if lang != "en":
        return (_ZH * (limit // len(_ZH) + 2))[: limit // 2 - 1] + "。"
    return (_EN * (limit // len(_EN) + 2))[: limit - 1].rstrip().ljust(limit - 1, "w") + "."


# -- pictures ----------------------------------------------------------------------------


def picture_problems(pack: Pack) -> list[Problem]:
    """Warnings for banners and attract images whose shape the kiosk does not show as drawn."""
    out: list[Problem] = []
    for i, offer in enumerate(pack.offers):
        size = image_size(offer.banner) if offer.banner is not None else None
        if size is None:
            continue
        w, h = size
        if not _near(w / h, BANNER_ASPECT):
            out.append(
                Problem(
                    "offers.json",
                    f"[{i}].banner",
                    f"is {w}x{h} ({w / h:.2f}:1); banners are shown at 16:9 (e.g. 1600x900), so "
                    "this one is shown whole, smaller, on bands of its category's colour",
                    warning=True,
                )
            )
    for i, item in enumerate(pack.attract):
        size = image_size(item.image) if item.image is not None else None
        if size is None:
            continue
        w, h = size
        if not (_near(w / h, SCREEN_ASPECT) or _near(h / w, SCREEN_ASPECT)):
            out.append(
                Problem(
                    "attract.json",
                    f"[{i}].image",
                    f"is {w}x{h} ({w / h:.2f}:1); attract images fill a 16:9 or 9:16 screen "
                    "(1920x1080 or 1080x1920), so this one loses its edges to the crop",
                    warning=True,
                )
            )
    return out


def _near(aspect: float, wanted: float) -> bool:
    """Cropped to `wanted`, the picture would lose at most CROP_MARGIN on each side."""
    lost = 1 - min(aspect, wanted) / max(aspect, wanted)
    return lost <= 2 * CROP_MARGIN


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG, JPEG or WebP file's header; None when not found (the
    media check says what is wrong with such a file). Reads a few dozen bytes, and for a
    JPEG the few bytes that start each segment before the frame header."""
    try:
        with path.open("rb") as f:
            head = f.read(32)
            if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
                return struct.unpack(">II", head[16:24])
            if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
                return _webp_size(head)
            if head.startswith(b"\xff\xd8"):
                f.seek(2)
                return _jpeg_size(f)
    except (OSError, struct.error):
        return None
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(f: BinaryIO) -> tuple[int, int] | None:
    """The frame header's size, segment by segment from after the start marker (EXIF
    rotation aside: a rotated photo is a rare banner)."""
    for _ in range(1000):
        marker = f.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind == 0xFF:  # fill byte
            f.seek(-1, 1)
            continue
        if kind == 0xD8 or 0xD0 <= kind <= 0xD7:  # markers without a length
            continue
        length = struct.unpack(">H", f.read(2))[0]
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">xHH", f.read(5))
            return w, h
        f.seek(length - 2, 1)
    return None


def markdown_table() -> str:
    """The maxima as docs/content-pack.md prints them."""
    rows = ["| field | maximum (columns) | Chinese characters | where it shows |", "|---|---|---|---|"]
    for (section, field), limit in TEXT_LIMITS.items():
        file = "pack.json" if section == "pack" else f"{section}.json"
        rows.append(f"| `{file}` `{field}` | {limit.columns} | {limit.columns // 2} | {limit.shown} |")
    return "\n".join(rows)
