"""The characters the validator takes as drawable are drawn: emoji in colour, rare CJK as
glyphs, not the empty box a missing character gets (rendered offscreen, as the kiosk does)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickView

from kiosk.packs.glyphs import COVERAGE, kiosk_coverage
from kiosk.ui.boot import FONT_FAMILY

#: Outside every font of the kiosk (CJK Extension G): what an undrawable character looks like.
TOFU = "\U00030000"
CELL = 140


def grab(qtbot: Any, qml: Path) -> QImage:
    """The QML file `qml` shown in a window of its own, as drawn."""
    view = QQuickView()
    view.setSource(QUrl.fromLocalFile(str(qml)))
    assert not view.errors(), view.errors()
    view.show()
    qtbot.waitExposed(view)
    image = view.grabWindow()
    view.close()
    return image


def render(qtbot: Any, tmp_path: Path, text: str) -> QImage:
    """`text` in the kiosk's font at 96 px on white, as Qt Quick draws it."""
    qml = tmp_path / f"t{ord(text[0]):x}.qml"
    qml.write_text(
        "import QtQuick\n"
        'Rectangle { width: 240; height: 160; color: "white"\n'
        f'  Text {{ x: 20; y: 10; font.family: "{FONT_FAMILY}"; font.pixelSize: 96; '
        f'color: "black"; text: {json.dumps(text)} }} }}\n',
        encoding="utf-8",
    )
    return grab(qtbot, qml)


def pixels(image: QImage) -> list[tuple[int, int, int]]:
    out = []
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            out.append((c.red(), c.green(), c.blue()))
    return out


def coloured(image: QImage) -> int:
    """How many pixels are clearly neither grey nor black nor white."""
    return sum(1 for r, g, b in pixels(image) if max(r, g, b) - min(r, g, b) > 80)


def inked(image: QImage) -> int:
    return sum(1 for r, g, b in pixels(image) if r + g + b < 600)


def test_an_emoji_the_validator_passes_is_drawn_in_colour(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    assert kiosk_coverage().missing("🍜") == []

    noodles = render(qtbot, tmp_path, "🍜")
    box = render(qtbot, tmp_path, TOFU)

    assert coloured(noodles) > 500, "a colour emoji, not a black outline"
    assert coloured(box) == 0 and inked(box) > 0, "the missing glyph is a plain box"


def test_rare_cjk_the_validator_passes_is_a_glyph_not_the_missing_box(
    qapp: Any, qtbot: Any, tmp_path: Path
) -> None:
    assert kiosk_coverage().missing("𠀀𪚥") == [] and kiosk_coverage().missing(TOFU) == [TOFU]

    box = pixels(render(qtbot, tmp_path, TOFU))
    for char in "𠀀𪚥":
        glyph = pixels(render(qtbot, tmp_path, char))
        assert glyph != box, f"U+{ord(char):X} drawn as the missing box"
        assert sum(1 for p in glyph if sum(p) < 600) > 100


def _sample() -> list[str]:
    """A character from every tenth range of the coverage table that draws something of its
    own (letters, numbers, symbols): Latin to emoji to CJK Extension F."""
    table = json.loads(COVERAGE.read_text(encoding="utf-8"))
    out = []
    for token in table["ranges"].split()[::10]:
        lo, _, hi = token.partition("-")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            if unicodedata.category(chr(cp))[0] in "LNS" and not unicodedata.name(chr(cp), "").startswith(
                ("REGIONAL INDICATOR", "EMOJI MODIFIER")
            ):
                out.append(chr(cp))
                break
    return out


def render_cells(qtbot: Any, tmp_path: Path, chars: list[str]) -> list[QImage]:
    """Each of `chars` drawn as `render` draws one, in a cell of its own, in one window."""
    columns = 16
    rows = (len(chars) + columns - 1) // columns
    qml = tmp_path / "cells.qml"
    qml.write_text(
        "import QtQuick\n"
        f'Rectangle {{ width: {columns * CELL}; height: {rows * CELL}; color: "white"\n'
        f"  Grid {{ columns: {columns}\n"
        f"    Repeater {{ model: {json.dumps(chars)}\n"
        f"      Item {{ required property string modelData; width: {CELL}; height: {CELL}\n"
        f'        Text {{ x: 10; y: 5; font.family: "{FONT_FAMILY}"; font.pixelSize: 96; color: "black"; '
        "text: parent.modelData } } } } }\n",
        encoding="utf-8",
    )
    image = grab(qtbot, qml)
    return [image.copy((i % columns) * CELL, (i // columns) * CELL, CELL, CELL) for i in range(len(chars))]


def test_what_the_table_says_the_fonts_draw_is_drawn_not_boxed(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    """The validator's verdict is the display's, on a sample across the whole table."""
    sample = _sample()
    assert len(sample) > 40
    box, *cells = render_cells(qtbot, tmp_path, [TOFU, *sample])
    assert inked(box) > 0
    boxed = [f"U+{ord(c):04X}" for c, cell in zip(sample, cells, strict=True) if cell == box]

    assert boxed == []
