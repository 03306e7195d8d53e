"""Pack pictures cropped to the card that shows them, with rounded corners.

`image://rounded/R-CORNERS/URL` returns the local image at URL scaled to fill the size QML
asks for (`sourceSize`), centre-cropped, with radius R on the corners flagged in CORNERS
(four 0/1 digits: top-left, top-right, bottom-right, bottom-left). Doing this in a provider
rather than a shader effect gives the same picture on the GPU and on the software renderer
(which draws the offscreen screenshots). Decoded sources are cached, scaled down to a
screen's size, so a card that resizes does not decode its JPEG again.

The provider runs on the GUI thread (QML loads these images synchronously): Python code on
Qt's own loader thread can deadlock with a GUI thread that waits for that thread while
holding the interpreter lock. To keep the GUI thread fast, `prefetch()` decodes a pack's
pictures ahead of time on a Python thread, with Pillow (which releases the lock while it
decodes).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QPainter, QPainterPath
from PySide6.QtQuick import QQuickImageProvider

log = logging.getLogger(__name__)

#: Sources are kept at most this large (either side): the largest card is under 1600 wide.
MAX_SIDE = 1600
CACHE_SIZE = 64


class _SourceCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, float], QImage] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(path: Path) -> tuple[str, float] | None:
        try:
            return (str(path), path.stat().st_mtime)
        except OSError:
            return None

    def cached(self, path: Path) -> bool:
        key = self._key(path)
        with self._lock:
            return key in self._items

    def get(self, path: Path) -> QImage | None:
        key = self._key(path)
        if key is None:
            log.warning("image %s is missing", path)
            return None
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        image = QImage(str(path))
        if image.isNull():
            log.warning("image %s cannot be read", path)
            return None
        if max(image.width(), image.height()) > MAX_SIDE:
            image = image.scaled(
                MAX_SIDE,
                MAX_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.put(key, image)
        return image

    def put(self, key: tuple[str, float], image: QImage) -> None:
        with self._lock:
            self._items[key] = image
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def load_in_background(self, path: Path) -> None:
        """Decode `path` with Pillow (off the GUI thread) into the cache."""
        key = self._key(path)
        if key is None or self.cached(path):
            return
        try:
            from PIL import Image, ImageOps  # here, not at start-up: Pillow costs ~90 ms to import

            with Image.open(path) as opened:
                picture = ImageOps.exif_transpose(opened).convert("RGBA")
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
        except (OSError, ValueError) as e:
            log.warning("image %s cannot be read: %s", path, e)
            return
        data = picture.tobytes()
        image = QImage(
            data, picture.width, picture.height, 4 * picture.width, QImage.Format.Format_RGBA8888
        ).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        self.put(key, image)


_cache = _SourceCache(CACHE_SIZE)


def prefetch(paths: Iterable[Path]) -> threading.Thread:
    """Decode `paths` into the cache on a background thread (started, and returned)."""
    todo = list(dict.fromkeys(paths))

    def work() -> None:
        for path in todo[:CACHE_SIZE]:
            _cache.load_in_background(path)

    thread = threading.Thread(target=work, name="image-prefetch", daemon=True)
    thread.start()
    return thread


def parse_id(image_id: str) -> tuple[int, str, Path] | None:
    """'r24-1100/file:///x.jpg' -> (24, '1100', Path('/x.jpg')); None when malformed."""
    spec, _, url = image_id.partition("/")
    radius_text, _, corners = spec.lstrip("r").partition("-")
    if not radius_text.isdigit() or len(corners) != 4 or set(corners) - {"0", "1"}:
        return None
    local = QUrl(QUrl.fromPercentEncoding(url.encode())).toLocalFile()
    if not local:
        return None
    return int(radius_text), corners, Path(local)


def rounded(source: QImage, size: QSize, radius: int, corners: str) -> QImage:
    """`source` filling `size` (centre crop) with the flagged corners rounded."""
    out = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(Qt.GlobalColor.transparent)
    w, h = size.width(), size.height()
    scaled = source.scaled(
        size,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (scaled.width() - w) // 2
    y = (scaled.height() - h) // 2
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipPath(_outline(w, h, min(radius, w // 2, h // 2), corners))
    painter.drawImage(0, 0, scaled, x, y, w, h)
    painter.end()
    return out


def _outline(w: int, h: int, r: int, corners: str) -> QPainterPath:
    tl, tr, br, bl = (r if c == "1" else 0 for c in corners)
    path = QPainterPath()
    path.moveTo(tl, 0)
    path.lineTo(w - tr, 0)
    if tr:
        path.arcTo(QRectF(w - 2 * tr, 0, 2 * tr, 2 * tr), 90, -90)
    path.lineTo(w, h - br)
    if br:
        path.arcTo(QRectF(w - 2 * br, h - 2 * br, 2 * br, 2 * br), 0, -90)
    path.lineTo(bl, h)
    if bl:
        path.arcTo(QRectF(0, h - 2 * bl, 2 * bl, 2 * bl), 270, -90)
    path.lineTo(0, tl)
    if tl:
        path.arcTo(QRectF(0, 0, 2 * tl, 2 * tl), 180, -90)
    path.closeSubpath()
    return path


class RoundedImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        parsed = parse_id(id)
        source = _cache.get(parsed[2]) if parsed else None
        if parsed is None or source is None:
            empty = QImage()  # a null image: QML reports Image.Error, the placeholder stays
            return empty
        radius, corners, _ = parsed
        want = QSize(requestedSize)
        if want.width() <= 0 and want.height() <= 0:
            want = source.size()
        elif want.width() <= 0:
            want.setWidth(max(1, round(source.width() * want.height() / source.height())))
        elif want.height() <= 0:
            want.setHeight(max(1, round(source.height() * want.width() / source.width())))
        image = rounded(source, want, radius, corners)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
