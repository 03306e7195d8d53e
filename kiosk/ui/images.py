"""Pack pictures cropped to the card that shows them, with rounded corners.

`image://rounded/rR-CORNERS-WxH/URL` returns the local image at URL scaled to fill W x H
pixels, centre-cropped, with radius R on the corners flagged in CORNERS (four 0/1 digits:
top-left, top-right, bottom-right, bottom-left). CORNERS followed by `w` (`r28-1100w-...`)
asks for the picture whole where filling would crop more than `CROP_MARGIN` off a side
(a banner of another shape: its words reach its edges); it is then fitted inside, centred,
on transparent bands (the placeholder's colour shows through). Doing this in a provider rather than a
shader effect gives the same picture on the GPU and on the software renderer (which draws
the offscreen screenshots).

The provider runs on the GUI thread (QML loads these images synchronously): Python code on
Qt's own loader thread can deadlock with a GUI thread that waits for that thread while
holding the interpreter lock. So that the GUI thread rarely does the work:

- finished pictures are kept on disk (`PictureShelf`), keyed by the file, the size asked
  for and the corners: a kiosk that starts again with the same content and window hands
  them over without decoding anything (the home screen asks for a dozen at the first
  touch);
- decoded sources are cached in memory, at most a screen's size, so a card that resizes
  does not decode its JPEG again; `prefetch()` decodes a pack's pictures ahead of time on
  a Python thread (Qt lets go of the interpreter lock while it decodes).
"""

from __future__ import annotations

import logging
import os
import re
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QImage, QImageReader, QPainter, QPainterPath
from PySide6.QtQuick import QQuickImageProvider

from kiosk.datadir import replace_whole
from kiosk.packs.limits import CROP_MARGIN

log = logging.getLogger(__name__)

#: Sources are kept at most this large (either side): the largest card is under 1600 wide.
MAX_SIDE = 1600
CACHE_SIZE = 64
#: Bump whenever `rounded` draws differently: pictures kept on disk by an older recipe are
#: then never handed over again (and age out).
RECIPE = 1
#: The shelf holds at most this many bytes; the least recently made pictures go first.
SHELF_BYTES = 64 * 1024 * 1024

SourceKey = tuple[str, float]


class _SourceCache:
    """Decoded pictures by file (path and mtime), at most MAX_SIDE on either side.

    Filled ahead of time by `prefetch` and on demand by the provider. A picture is decoded
    once: the provider asking for one that the prefetch thread is decoding right now waits
    for it (the wait lets go of the interpreter lock) instead of decoding it a second time.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[SourceKey, QImage] = OrderedDict()
        self._loading: dict[SourceKey, threading.Event] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(path: Path) -> SourceKey | None:
        try:
            return (str(path), path.stat().st_mtime)
        except OSError:
            return None

    def get(self, path: Path) -> QImage | None:
        """The picture at `path`: cached, or decoded by the prefetch thread right now (then
        waited for), or else decoded here."""
        key = self._key(path)
        if key is None:
            log.warning("image %s is missing", path)
            return None
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
                pending = self._loading.get(key)
                if pending is None:
                    self._loading[key] = threading.Event()
                    break
            pending.wait()
        return self._decode_claimed(key, path)

    def load_in_background(self, path: Path) -> None:
        """Decode `path` into the cache, unless it is there or being decoded already."""
        key = self._key(path)
        if key is None:
            return
        with self._lock:
            if key in self._items or key in self._loading:
                return
            self._loading[key] = threading.Event()
        self._decode_claimed(key, path)

    def _decode_claimed(self, key: SourceKey, path: Path) -> QImage | None:
        """Decode `path` (its `key` claimed in `_loading` by the caller), keep it, and wake
        whoever waits for it."""
        image = None
        try:
            image = _decode(path)
        finally:
            with self._lock:
                if image is not None:
                    self._items[key] = image
                    self._items.move_to_end(key)
                    while len(self._items) > self._size:
                        self._items.popitem(last=False)
                self._loading.pop(key).set()
        return image


def _decode(path: Path) -> QImage | None:
    """The picture at `path`, at most MAX_SIDE on either side. Safe off the GUI thread, and
    Qt lets go of the interpreter lock while it decodes and scales."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a camera's EXIF orientation, as a browser would
    image = reader.read()
    if image.isNull():
        log.warning("image %s cannot be read: %s", path, reader.errorString())
        return None
    if max(image.width(), image.height()) > MAX_SIDE:
        from PySide6.QtCore import Qt  # its enums cost 20 ms: not on a start that needs none

        image = image.scaled(
            MAX_SIDE,
            MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


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


@dataclass(frozen=True)
class Ask:
    """What QML asks the provider for: a picture, its size and which corners are round."""

    path: Path
    size: QSize
    radius: int
    corners: str
    #: Shown whole when filling would crop beyond the safe margin.
    whole: bool = False


def parse_id(image_id: str) -> Ask | None:
    """'r24-1100-320x180/file:///x.jpg' -> Ask(Path('/x.jpg'), QSize(320, 180), 24, '1100');
    None when malformed."""
    spec, _, url = image_id.partition("/")
    match = re.fullmatch(r"r(\d+)-([01]{4})(w?)-(\d+)x(\d+)", spec)
    local = QUrl(QUrl.fromPercentEncoding(url.encode())).toLocalFile()
    if match is None or not local:
        return None
    radius, corners, whole, width, height = match.groups()
    if int(width) == 0 or int(height) == 0:
        return None
    return Ask(Path(local), QSize(int(width), int(height)), int(radius), corners, whole == "w")


def crops_too_much(source: QSize, box: QSize) -> bool:
    """Filling `box` with a picture of size `source` would cut more than CROP_MARGIN off
    each of two opposite sides."""
    a = source.width() / source.height()
    b = box.width() / box.height()
    return 1 - min(a, b) / max(a, b) > 2 * CROP_MARGIN


def rounded(source: QImage, size: QSize, radius: int, corners: str, whole: bool = False) -> QImage:
    """`source` filling `size` (centre crop) with the flagged corners rounded; with `whole`,
    fitted inside instead when filling would crop too much."""
    from PySide6.QtCore import Qt  # its enums cost 20 ms: not on a start that needs none

    out = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(Qt.GlobalColor.transparent)
    w, h = size.width(), size.height()
    fit = whole and crops_too_much(source.size(), size)
    scaled = source.scaled(
        size,
        Qt.AspectRatioMode.KeepAspectRatio if fit else Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipPath(_outline(w, h, min(radius, w // 2, h // 2), corners))
    if fit:
        painter.drawImage((w - scaled.width()) // 2, (h - scaled.height()) // 2, scaled)
    else:
        x = (scaled.width() - w) // 2
        y = (scaled.height() - h) // 2
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


class PictureShelf:
    """Finished pictures kept on disk between starts, one file each (a small header, then
    the premultiplied ARGB32 pixels as QImage holds them: nothing to decode).

    What made a picture is its key: the source's path, size and modification time, the
    size asked for, the radius and corners, and `RECIPE`. A changed source or recipe
    therefore finds nothing and makes a new picture; the old one ages out when the shelf is
    over `SHELF_BYTES`. A file is named by a checksum of its key and holds the key itself,
    so two keys of one checksum never swap pictures; a damaged file does not match its
    header and is never shown.
    """

    _HEADER = struct.Struct("<4sIII")  # magic, width, height, length of the key
    _MAGIC = b"KPC2"

    def __init__(self, folder: Path, limit: int = SHELF_BYTES) -> None:
        self.folder = folder
        self._limit = limit
        self._used: int | None = None  # bytes on the shelf, counted at the first put

    @staticmethod
    def key(ask: Ask) -> str | None:
        """What makes the picture asked for; None if its source cannot be read."""
        try:
            st = ask.path.stat()
        except OSError:
            return None
        return (
            f"{RECIPE}|{ask.path}|{st.st_size}|{st.st_mtime_ns}"
            f"|{ask.size.width()}x{ask.size.height()}|{ask.radius}|{ask.corners}{'w' if ask.whole else ''}"
        )

    def _file(self, key: bytes) -> Path:
        # zlib, not hashlib: importing hashlib costs the start some 5 ms.
        return self.folder / f"{zlib.crc32(key):08x}"

    def get(self, key: str) -> QImage | None:
        made_of = key.encode()
        try:
            data = self._file(made_of).read_bytes()
        except OSError:
            return None
        if len(data) < self._HEADER.size:
            return None
        magic, w, h, n = self._HEADER.unpack_from(data)
        start = self._HEADER.size + n
        if magic != self._MAGIC or w * h == 0 or len(data) != start + 4 * w * h:
            return None
        if data[self._HEADER.size : start] != made_of:
            return None
        pixels = data[start:]
        # copy(): the image owns its pixels rather than borrowing those of `data`.
        return QImage(pixels, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()

    def put(self, key: str, image: QImage) -> None:
        """Keep `image` (written whole or not at all); a full or unwritable disk only costs
        the next start the time to make it again."""
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        made_of = key.encode()
        header = self._HEADER.pack(self._MAGIC, image.width(), image.height(), len(made_of)) + made_of
        pixels = bytes(image.constBits())  # 32-bit pixels: rows are never padded
        try:
            replace_whole(self._file(made_of), header + pixels)
        except OSError as e:
            log.warning("cannot keep a picture in %s: %s", self.folder, e)
            return
        self._make_room(len(header) + len(pixels))

    def _make_room(self, added: int) -> None:
        if self._used is not None:
            self._used += added
            if self._used <= self._limit:
                return
        files = []
        for entry in os.scandir(self.folder):
            try:
                st = entry.stat()
            except OSError:
                continue
            files.append((st.st_mtime_ns, st.st_size, entry.path))
        self._used = sum(size for _, size, _ in files)
        # Down to three quarters, so that the shelf is not swept at every new picture.
        for _, size, name in sorted(files):
            if self._used <= self._limit * 3 // 4:
                break
            try:
                os.unlink(name)
            except OSError:
                continue
            self._used -= size


class RoundedImageProvider(QQuickImageProvider):
    def __init__(self, shelf: PictureShelf | None = None) -> None:
        """`shelf`: where finished pictures are kept between starts (None: nowhere)."""
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._shelf = shelf

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:
        # The size is in the id (not `sourceSize`), so that a box whose width and height
        # change one after the other asks once, not once with a stale height in between.
        ask = parse_id(id)
        image = self._picture(ask) if ask is not None else QImage()
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image  # a null image: QML reports Image.Error, the placeholder stays

    def _picture(self, ask: Ask) -> QImage:
        key = self._shelf.key(ask) if self._shelf is not None else None
        if key is not None and self._shelf is not None:
            kept = self._shelf.get(key)
            if kept is not None:
                return kept
        source = _cache.get(ask.path)
        if source is None:
            return QImage()
        image = rounded(source, ask.size, ask.radius, ask.corners, ask.whole)
        if key is not None and self._shelf is not None:
            self._shelf.put(key, image)
        return image
