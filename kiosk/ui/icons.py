"""UI icons in any colour: `image://icon/NAME/RRGGBB` renders `assets/icons/NAME.svg`.

The icons are hand-written SVGs drawn in `currentColor`; the provider substitutes the colour
asked for and renders at the size QML asks for (`sourceSize`), so one file serves every
button, on light and dark backgrounds, crisp at any scale.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider
from PySide6.QtSvg import QSvgRenderer

from kiosk.config import ASSETS

log = logging.getLogger(__name__)

ICONS = ASSETS / "icons"
_NAME = re.compile(r"^[a-z0-9-]+$")
_COLOR = re.compile(r"^([0-9a-fA-F]{2})?([0-9a-fA-F]{6})$")


@lru_cache(maxsize=64)
def _svg(name: str) -> str | None:
    path = ICONS / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.error("no icon %s at %s", name, path)
        return None


def _transparent(width: int, height: int) -> QImage:
    """A transparent image, made from zeroed memory (copied, so that the image owns it):
    calling QImage.fill or QPainter.fillRect makes PySide build every enum of Qt's
    namespace, some 20-25 ms of the kiosk's start (the attract loop's hint shows an icon)."""
    zeros = bytes(width * height * 4)
    return QImage(zeros, width, height, QImage.Format.Format_ARGB32_Premultiplied).copy()


def render_icon(name: str, color: str, size: QSize) -> QImage:
    """`name` drawn in `color` ('RRGGBB' or 'AARRGGBB') at `size`; transparent if unknown."""
    width, height = max(1, size.width()), max(1, size.height())
    image = _transparent(width, height)
    m = _COLOR.match(color)
    text = _svg(name) if _NAME.match(name) else None
    if text is None or m is None:
        return image
    alpha = int(m.group(1), 16) / 255 if m.group(1) else 1.0
    renderer = QSvgRenderer(QByteArray(text.replace("currentColor", "#" + m.group(2)).encode()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setOpacity(alpha)
    renderer.render(painter)
    painter.end()
    return image


class IconProvider(QQuickImageProvider):
    DEFAULT = QSize(96, 96)

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        name, _, color = id.partition("/")
        want = requestedSize if requestedSize.isValid() and not requestedSize.isEmpty() else self.DEFAULT
        image = render_icon(name, color.lstrip("#") or "000000", want)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
