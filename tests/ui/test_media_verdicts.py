"""A hold-out of odd media: for each file, what `kiosk pack validate` says and what the kiosk
actually shows, side by side.

Pictures are shown the kiosk's two ways: as a card picture (kiosk/ui/images.py, through
the image provider QML asks) and as a full-screen picture (QML's Image, as the attract loop
shows it). Videos and sounds are played by Qt Multimedia, the kiosk's player. Nothing here
assumes what Qt does: each case shows or plays the file and checks what came out.
"""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor, QImage, QImageReader
from PySide6.QtMultimedia import QAudioBufferOutput, QMediaPlayer, QVideoSink
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.packs import media
from kiosk.packs.media import QT_ALLOCATION_LIMIT_MB, MediaChecks, Use
from kiosk.packs.validate_cmd import check
from kiosk.ui.boot import application
from kiosk.ui.images import RoundedImageProvider
from tests.packfactory import make_pack, national_files

BLUE = (20, 90, 160)

# -- making the files --------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def flat_png(
    path: Path,
    w: int,
    h: int,
    bits: int = 8,
    color: tuple[int, ...] = BLUE,
    kind: int = 2,
    chunks: bytes = b"",
) -> Path:
    """A one-colour PNG written row by row: Pillow cannot write 16 bits a channel, and holds a
    9000x9000 picture whole (324 MB) to write it. One colour compresses to little. `kind` is
    the PNG colour type (0 grey, 2 RGB, 3 palette); `chunks` go before the pixels (tRNS, PLTE)."""
    pixel = bytes(color) if bits == 8 else b"".join(struct.pack(">H", c * 257) for c in color)
    row = b"\0" + pixel * w
    z = zlib.compressobj(1)
    data = [z.compress(row * 64) for _ in range(h // 64)] + [z.compress(row * (h % 64)), z.flush()]
    header = struct.pack(">IIBBBBB", w, h, bits, kind, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + chunks
        + _chunk(b"IDAT", b"".join(data))
        + _chunk(b"IEND", b"")
    )
    return path


def striped(path: Path, fmt: str, size: tuple[int, int] = (1600, 900)) -> Path:
    """Blue with red stripes, so a picture cut short shows where it ends."""
    image = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(image)
    for y in range(0, size[1], 20):
        draw.rectangle([0, y, size[0], y + 9], fill=(200, 30, 30))
    image.save(path, fmt, quality=90)
    return path


def cut(path: Path, fraction: float, name: str | None = None) -> Path:
    """The first `fraction` of `path`'s bytes, as a copy cut short in transfer would be."""
    data = path.read_bytes()
    out = path.with_name(name or f"cut-{path.name}")
    out.write_bytes(data[: int(len(data) * fraction)])
    return out


def damaged(path: Path, fraction: float, length: int, name: str | None = None) -> Path:
    """A copy of `path` with `length` bytes from `fraction` of the way in scrambled."""
    data = bytearray(path.read_bytes())
    at = int(len(data) * fraction)
    data[at : at + length] = bytes(b ^ 0x5A for b in data[at : at + length])
    out = path.with_name(name or f"damaged-{path.name}")
    out.write_bytes(bytes(data))
    return out


def renamed(path: Path, name: str) -> Path:
    out = path.with_name(name)
    shutil.copyfile(path, out)
    return out


def video(
    path: Path, codec: str, audio: str | None = None, seconds: float = 2.0, options: dict | None = None
) -> Path:
    """`seconds` of noise (so the bytes spread evenly over the time) in `path`'s container."""
    frames = round(seconds * 25)
    with av.open(str(path), "w", options=options or {}) as out:
        vs = out.add_stream(codec, rate=25)
        vs.width, vs.height = 160, 90
        vs.pix_fmt = "yuv420p"
        streams = [vs]
        if audio:
            a = out.add_stream(audio, rate=48000)
            a.layout = "mono"
        rng = np.random.default_rng(7)
        for _ in range(frames):
            noise = rng.integers(0, 255, (90, 160, 3), dtype=np.uint8)
            for p in vs.encode(av.VideoFrame.from_ndarray(noise, format="rgb24")):
                out.mux(p)
        if audio:
            streams.append(a)
            _tone(a, out, seconds)
        for s in streams:
            for p in s.encode():
                out.mux(p)
    return path


def _tone(stream: Any, out: Any, seconds: float) -> None:
    samples = (np.sin(np.arange(int(48000 * seconds)) / 10) * 3000).astype("int16").reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
    frame.sample_rate, frame.pts, frame.time_base = 48000, 0, Fraction(1, 48000)
    for p in stream.encode(frame):
        out.mux(p)


def sound(path: Path, codec: str, fmt: str | None = None, seconds: float = 3.0) -> Path:
    with av.open(str(path), "w", format=fmt) as out:
        a = out.add_stream(codec, rate=48000)
        a.layout = "mono"
        _tone(a, out, seconds)
        for p in a.encode():
            out.mux(p)
    return path


# -- showing them the kiosk's ways -------------------------------------------------------


def card_picture(path: Path) -> QImage:
    """`path` as the kiosk makes a card picture of it (a null image: the card shows its
    placeholder)."""
    url = QUrl.toPercentEncoding(QUrl.fromLocalFile(str(path)).toString()).data().decode()
    return RoundedImageProvider().requestImage(f"r0-0000-320x180/{url}", QSize(), QSize())


def full_screen_status(qtbot: Any, path: Path, box: tuple[int, int] | None = None) -> str:
    """What QML's Image makes of `path`: whole, as the attract loop shows a full-screen
    picture, or for a `box` of that size (`sourceSize`), as a category icon is shown."""
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    size = f"sourceSize: Qt.size({box[0]}, {box[1]})" if box else ""
    # The status as a number: PySide cannot convert QQuickImageBase::Status.
    component.setData(f"import QtQuick\nImage {{ property int code: status; {size} }}".encode(), QUrl())
    item = component.create()
    assert item is not None, component.errorString()
    item.setProperty("source", QUrl.fromLocalFile(str(path)))
    ready, loading, error = 1, 2, 3  # Image.Status
    qtbot.waitUntil(lambda: item.property("code") != loading)
    status = item.property("code")
    item.deleteLater()
    return {ready: "shown", error: "nothing"}.get(status, f"status {status}")


def shown(image: QImage) -> str:
    """What a customer sees of a card picture of a `striped` or flat blue source."""
    if image.isNull():
        return "nothing"
    bottom = image.pixelColor(image.width() // 2, image.height() - 3)
    # libjpeg fills what a cut file lacks with mid-grey (#808080).
    if all(abs(c - 128) < 8 for c in (bottom.red(), bottom.green(), bottom.blue())):
        return "grey below the cut"
    return "the picture"


@dataclass
class Played:
    ended: bool = False
    error: str = ""
    frames: int = 0
    last_s: float = 0.0


def to_the_end(qtbot: Any, player: QMediaPlayer, path: Path, outcome: Played | Heard) -> None:
    """`player` plays `path` at 4x until it ends or fails; `outcome` gets which."""

    def status(s: QMediaPlayer.MediaStatus) -> None:
        if s is QMediaPlayer.MediaStatus.EndOfMedia:
            outcome.ended = True
        elif s is QMediaPlayer.MediaStatus.InvalidMedia:
            outcome.error = outcome.error or "invalid media"

    def error(_: QMediaPlayer.Error, text: str) -> None:
        outcome.error = text or "error"

    player.mediaStatusChanged.connect(status)
    player.errorOccurred.connect(error)
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.setPlaybackRate(4.0)
    player.play()
    qtbot.waitUntil(lambda: outcome.ended or bool(outcome.error))
    player.stop()


def play(qtbot: Any, path: Path) -> Played:
    """`path` played by Qt Multimedia to its end or its error (faster than real time: only
    what is played matters, not when)."""
    played = Played()
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)

    def frame(f: Any) -> None:
        if f.isValid():
            played.frames += 1
            played.last_s = max(played.last_s, f.startTime() / 1e6)

    sink.videoFrameChanged.connect(frame)
    to_the_end(qtbot, player, path, played)
    return played


def verdict(path: Path, use: Use) -> str | None:
    return media.check(path, use).reason


# -- pictures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pictures")


@dataclass(frozen=True)
class PictureCase:
    make: Callable[[Path], Path]
    #: What the validator says: None (valid) or parts of its reason ({size}: the file's bytes).
    says: str | tuple[str, ...] | None
    #: What the kiosk shows: "the picture", "nothing", "grey below the cut".
    shows: str


PICTURES = {
    "8000x8000 PNG (at Qt's limit)": PictureCase(
        lambda d: flat_png(d / "p8000.png", 8000, 8000), None, "the picture"
    ),
    "8200x8200 PNG": PictureCase(
        lambda d: flat_png(d / "p8200.png", 8200, 8200),
        "is 8200x8200 pixels, too large for the kiosk to decode: Qt decodes at most 256 MB a picture, "
        "4 bytes a pixel, so at most 67,108,864 pixels (such as 8192x8192); scale it down",
        "nothing",
    ),
    "9000x9000 PNG": PictureCase(
        lambda d: flat_png(d / "p9000.png", 9000, 9000), "is 9000x9000 pixels, too large", "nothing"
    ),
    "12000x12000 PNG (past Pillow's own guard)": PictureCase(
        lambda d: flat_png(d / "p12000.png", 12000, 12000), "is 12000x12000 pixels, too large", "nothing"
    ),
    "5700x5700 PNG of 16 bits a channel": PictureCase(
        lambda d: flat_png(d / "deep5700.png", 5700, 5700, bits=16), None, "the picture"
    ),
    "5800x5800 PNG of 16 bits a channel": PictureCase(
        lambda d: flat_png(d / "deep5800.png", 5800, 5800, bits=16),
        "8 bytes a pixel for a PNG of 16 bits a channel, so at most 33,554,432 pixels (such as "
        "5792x5792); save it with 8 bits a channel, or scale it down",
        "nothing",
    ),
    # Qt counts any depth under 32 bits as 32: a grey PNG of 16 bits fits as an RGB one does...
    "8000x8000 grey PNG of 16 bits": PictureCase(
        lambda d: flat_png(d / "grey8000.png", 8000, 8000, bits=16, color=(40,), kind=0), None, "the picture"
    ),
    # ... unless it has a transparent colour, which Qt decodes into RGBA64 ...
    "5800x5800 grey PNG of 16 bits with a transparent colour": PictureCase(
        lambda d: flat_png(
            d / "clear5800.png", 5800, 5800, bits=16, color=(40,), kind=0, chunks=_chunk(b"tRNS", b"\0\0")
        ),
        (
            "is 5800x5800 pixels, too large for the kiosk to decode",
            "Qt decodes at most 256 MB a picture, 8 bytes",
        ),
        "nothing",
    ),
    # ... and a palette of one byte a pixel counts as 4 all the same.
    "8200x8200 palette PNG": PictureCase(
        lambda d: flat_png(
            d / "pal8200.png", 8200, 8200, color=(0,), kind=3, chunks=_chunk(b"PLTE", bytes(BLUE))
        ),
        (
            "is 8200x8200 pixels, too large for the kiosk to decode",
            "Qt decodes at most 256 MB a picture, 4 bytes",
        ),
        "nothing",
    ),
    "JPEG": PictureCase(lambda d: striped(d / "whole.jpg", "JPEG"), None, "the picture"),
    "JPEG cut to 40%": PictureCase(
        lambda d: cut(striped(d / "j.jpg", "JPEG"), 0.4),
        "is cut short: the file ends before its picture does, so the kiosk would show grey below the cut",
        "grey below the cut",
    ),
    "PNG cut to 40%": PictureCase(
        lambda d: cut(striped(d / "p.png", "PNG"), 0.4),
        "is cut short: the file ends before its picture does, so the kiosk would show nothing",
        "nothing",
    ),
    "WebP cut to 40%": PictureCase(
        lambda d: cut(striped(d / "w.webp", "WEBP"), 0.4),
        (
            "is cut short: it has {size} of the ",
            " bytes its header declares, so the kiosk would show nothing",
        ),
        "nothing",
    ),
    "PNG with 16 bytes scrambled": PictureCase(
        lambda d: damaged(striped(d / "d.png", "PNG"), 0.3, 16),
        "is a damaged PNG image (unrecognized data stream contents when reading image file); export it again",
        "nothing",
    ),
    "WebP with 16 bytes scrambled": PictureCase(
        lambda d: damaged(striped(d / "d.webp", "WEBP"), 0.3, 16),
        "is a damaged WebP image (failed to read next frame); export it again",
        "nothing",
    ),
    "JPEG cut to 95%": PictureCase(
        lambda d: cut(striped(d / "j95.jpg", "JPEG"), 0.95, "cut95.jpg"),
        "so the kiosk would show grey below the cut",
        "grey below the cut",
    ),
}


@pytest.mark.parametrize("name", list(PICTURES))
def test_a_picture_validates_exactly_when_the_kiosk_shows_it(qtbot: Any, pictures: Path, name: str) -> None:
    case = PICTURES[name]
    path = case.make(pictures)

    says = verdict(path, Use.PICTURE)
    card = shown(card_picture(path))
    full = full_screen_status(qtbot, path)

    assert card == case.shows
    assert full == ("nothing" if case.shows == "nothing" else "shown")
    if case.says is None:
        assert says is None
    else:
        parts = (case.says,) if isinstance(case.says, str) else case.says
        assert says is not None
        for part in parts:
            assert part.format(size=f"{path.stat().st_size:,}") in says


def qt_pixels(path: Path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].astype(int)


def test_a_progressive_jpeg_cut_short_shows_whole_but_unfinished(qapp: Any, pictures: Path) -> None:
    """Its first passes cover the whole picture: no grey below a cut, but not the picture."""
    whole = pictures / "progressive.jpg"
    Image.open(striped(pictures / "stripes.png", "PNG")).save(whole, "JPEG", quality=90, progressive=True)
    path = cut(whole, 0.4)

    assert shown(card_picture(path)) == "the picture"
    assert np.abs(qt_pixels(path) - qt_pixels(whole)).mean() > 10
    assert verdict(path, Use.PICTURE) == (
        "is cut short: the file ends before its picture does, so the kiosk would show it unfinished "
        "(a progressive JPEG: blurred or off in colour, the more so the more is missing); copy or export "
        "it again"
    )


def test_a_refused_picture_is_named_with_its_file_and_field(tmp_path: Path, media_dir: Path) -> None:
    files = national_files()
    files["services.json"][0]["images"] = ["media/huge.png"]
    root = make_pack(tmp_path / "pack", media_dir, files)
    flat_png(root / "media" / "huge.png", 9000, 9000)

    checked = check(root)

    assert checked.pack is None
    assert (
        "pack/error: services.json: [0].images[0]: 'media/huge.png' is 9000x9000 pixels, too large for "
        "the kiosk to decode: Qt decodes at most 256 MB a picture, 4 bytes a pixel, so at most "
        "67,108,864 pixels (such as 8192x8192); scale it down (a 1920x1080 screen needs no more than "
        "1920x1080)"
    ) in checked.lines


def test_the_kiosk_decodes_with_the_limit_the_validator_judges_by(qapp: Any) -> None:
    before = QImageReader.allocationLimit()
    try:
        QImageReader.setAllocationLimit(1024)  # as QT_IMAGEIO_MAXALLOC could set it
        application()
        assert QImageReader.allocationLimit() == QT_ALLOCATION_LIMIT_MB
    finally:
        QImageReader.setAllocationLimit(before)


def test_a_jpeg_over_the_limit_is_refused_for_every_use(qtbot: Any, pictures: Path) -> None:
    """Qt shrinks a JPEG while it decodes it for a small box, so an icon, a scene or a poster
    (QML's Image with a sourceSize) would show one over the limit; the attract loop and the
    cards decode it whole and show nothing. One limit holds for every use: a file may serve
    several, and none needs that many pixels."""
    path = pictures / "huge.jpg"
    Image.new("RGB", (8200, 8200), BLUE).save(path, quality=60)

    assert full_screen_status(qtbot, path, box=(96, 96)) == "shown"
    assert full_screen_status(qtbot, path) == "nothing"
    assert shown(card_picture(path)) == "nothing"
    for use in (Use.ICON, Use.FULLSCREEN, Use.PICTURE):
        assert (verdict(path, use) or "").startswith("is 8200x8200 pixels, too large for the kiosk to decode")


def test_a_picture_named_as_another_format_is_refused_though_qt_would_guess_it(
    qtbot: Any, pictures: Path
) -> None:
    """Qt looks inside a file whose name is wrong and shows it; the format holds names to
    what the files are, so the reason says what the file is and what to call it."""
    png = renamed(striped(pictures / "real.png", "PNG"), "named.jpg")
    jpeg = renamed(striped(pictures / "real.jpg", "JPEG"), "named.webp")

    assert shown(card_picture(png)) == "the picture"
    assert verdict(png, Use.PICTURE) == (
        "is a PNG image, but its name ends in '.jpg', which means JPEG: rename it to 'named.png'"
    )
    assert verdict(jpeg, Use.FULLSCREEN) == (
        "is a JPEG image, but its name ends in '.webp', which means WebP: rename it to 'named.jpg'"
    )


def test_an_image_of_another_suffix_or_format_is_refused(pictures: Path) -> None:
    gif = pictures / "anim.gif"
    Image.new("RGB", (900, 500), BLUE).save(gif)
    gif_as_png = renamed(gif, "anim.png")

    assert verdict(gif, Use.PICTURE) == (
        "has suffix '.gif'; an image must be PNG (.png), JPEG (.jpg, .jpeg) or WebP (.webp)"
    )
    assert verdict(gif_as_png, Use.PICTURE) == "is a picture in the GIF format; use PNG, JPEG or WebP"


def test_a_card_picture_is_judged_the_way_up_the_card_shows_it(pictures: Path) -> None:
    """The card turns a camera's picture by its EXIF orientation (as QImageReader's
    autoTransform does); 900x500 stored on its side is 500x900 on the card."""
    path = pictures / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90° clockwise to show
    Image.new("RGB", (900, 500), BLUE).save(path, exif=exif)

    assert card_picture(path).size() == QSize(320, 180)  # cropped to the card either way
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    assert reader.read().size() == QSize(500, 900)
    assert verdict(path, Use.PICTURE) == (
        "is 500x900 as shown (stored 900x500, turned by its EXIF orientation), too small for a "
        "service image or banner: at least 800x450"
    )
    assert verdict(path, Use.ICON) is None


def test_a_png_is_never_turned_by_its_exif_orientation(pictures: Path) -> None:
    """Qt turns only JPEGs: a PNG carrying the same orientation shows as stored."""
    path = pictures / "turned.png"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (900, 500), BLUE).save(path, exif=exif)
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)

    assert reader.read().size() == QSize(900, 500)
    assert verdict(path, Use.PICTURE) is None


# -- videos and sounds -------------------------------------------------------------------


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("clips")
    video(d / "clip.mp4", "libx264", "aac")
    video(d / "fast.mp4", "libx264", "aac", options={"movflags": "faststart"})
    video(d / "clip.webm", "libvpx-vp9", "libopus")
    video(d / "clip.mkv", "libx264", "aac")
    return d


def test_a_whole_video_validates_and_plays_to_its_end(qtbot: Any, clips: Path) -> None:
    for name in ("clip.mp4", "fast.mp4", "clip.webm", "clip.mkv"):
        checked = media.check(clips / name, Use.VIDEO)
        played = play(qtbot, clips / name)

        assert checked.reason is None, name
        assert checked.duration_s == pytest.approx(2.0, abs=0.05)
        assert played.ended and not played.error and played.frames > 0, (name, played)


def test_an_mp4_cut_short_before_its_index_is_refused_and_does_not_play(qtbot: Any, clips: Path) -> None:
    path = cut(clips / "clip.mp4", 0.4)

    says = verdict(path, Use.VIDEO)
    played = play(qtbot, path)

    assert says is not None
    assert says.startswith(f"is cut short: it has {path.stat().st_size:,} of the ")
    assert says.endswith(
        "bytes its header declares, so the kiosk cannot play it at all; copy or export it again"
    )
    assert played.error and played.frames == 0


@pytest.mark.parametrize("name", ["fast.mp4", "clip.webm", "clip.mkv"])
def test_a_video_cut_short_is_refused_with_how_much_of_it_would_play(
    qtbot: Any, clips: Path, name: str
) -> None:
    """A cut MP4 with its index first stops with an error; a cut WebM or MKV ends early as
    if it were whole. Either way the customer sees part of it, never more than the validator
    says."""
    path = cut(clips / name, 0.4)

    says = verdict(path, Use.VIDEO)
    played = play(qtbot, path)

    assert says is not None and says.startswith(f"is cut short: it has {path.stat().st_size:,} of the ")
    at_most = float(says.split("the kiosk plays at most ")[1].split(" s")[0])
    assert " s of its 2.0 s; copy or export it again" in says
    assert 0.5 < at_most < 1.2
    assert played.frames > 0 and played.last_s <= at_most + 0.05  # the reason rounds to 0.1 s
    assert played.ended or played.error


def test_a_webm_damaged_midway_is_refused_where_it_stops(qtbot: Any, clips: Path) -> None:
    """FFmpeg's Matroska reader gives up at the damage: the kiosk's player ends there, as if
    the video were over."""
    path = damaged(clips / "clip.webm", 0.6, 4000)

    says = verdict(path, Use.VIDEO)
    played = play(qtbot, path)

    assert says is not None and says.startswith("stops at ")
    assert says.endswith(" s of the 2.0 s it declares: it was cut short or is damaged; export it again")
    stops = float(says.removeprefix("stops at ").split(" s")[0])
    assert 0.5 < stops < 1.8
    assert played.ended and not played.error and 0 < played.last_s <= stops + 0.05


def test_a_video_whose_subtitle_track_outlasts_it_is_whole(qtbot: Any, clips: Path) -> None:
    """The container's length (7 s) is its longest track's, a text track the kiosk does not
    play; the video's own track declares 1 s and holds it all."""
    path = clips / "subtitled.mkv"
    with av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=25)
        vs.width, vs.height, vs.pix_fmt = 160, 90, "yuv420p"
        text = out.add_stream("ass")
        for _ in range(25):
            black = np.zeros((90, 160, 3), np.uint8)
            for p in vs.encode(av.VideoFrame.from_ndarray(black, format="rgb24")):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)
        cue = av.Packet(b"0,0,Default,,0,0,0,,Hello")
        cue.stream, cue.pts, cue.dts, cue.duration, cue.time_base = text, 5000, 5000, 2000, Fraction(1, 1000)
        out.mux(cue)

    checked = media.check(path, Use.VIDEO)

    assert checked.reason is None and checked.duration_s == pytest.approx(7.0)
    played = play(qtbot, path)
    assert played.ended and not played.error and played.frames > 0


def test_damage_ffmpeg_decodes_past_is_not_seen(qtbot: Any, clips: Path) -> None:
    """An H.264 stream with scrambled bytes plays to its end (smeared where the damage is):
    the kiosk shows all of it, and the validator cannot tell."""
    path = damaged(clips / "clip.mp4", 0.3, 4000)

    assert verdict(path, Use.VIDEO) is None
    played = play(qtbot, path)
    assert played.ended and not played.error


@pytest.mark.parametrize(
    ("source", "name", "says"),
    [
        (
            "clip.mp4",
            "mp4.webm",
            "is an MP4 file, but its name ends in '.webm', which means WebM: rename it to 'mp4.mp4', "
            "or convert it to WebM",
        ),
        (
            "clip.webm",
            "webm.mp4",
            "is a WebM file, but its name ends in '.mp4', which means MP4: rename it to 'webm.webm', "
            "or convert it to MP4",
        ),
        (
            "clip.mkv",
            "mkv.webm",
            "is a Matroska (MKV) file, but its name ends in '.webm', which means WebM: rename it to "
            "'mkv.mkv', or convert it to WebM",
        ),
    ],
)
def test_a_video_must_be_what_its_name_says(
    qtbot: Any, clips: Path, source: str, name: str, says: str
) -> None:
    """Qt's player looks inside and plays it; the format holds names to what the files are."""
    path = renamed(clips / source, name)

    assert verdict(path, Use.VIDEO) == says
    played = play(qtbot, path)
    assert played.ended and not played.error


def test_a_few_bytes_after_an_mp4s_last_box_are_no_cut(qtbot: Any, clips: Path) -> None:
    path = clips / "padded.mp4"
    path.write_bytes((clips / "clip.mp4").read_bytes() + b"\0\0\0\0")

    assert verdict(path, Use.VIDEO) is None
    played = play(qtbot, path)
    assert played.ended and not played.error


def test_a_container_the_format_does_not_take_is_named(clips: Path) -> None:
    avi = video(clips / "clip.avi", "mpeg4", seconds=0.5)

    assert verdict(renamed(avi, "avi.mkv"), Use.VIDEO) == (
        "is in the AVI (Audio Video Interleaved) container; a video must be MP4, WebM, MKV or OGV"
    )
    assert verdict(renamed(avi, "clip.avi.mp4"), Use.VIDEO) == verdict(clips / "avi.mkv", Use.VIDEO)


def test_a_webm_named_mkv_is_what_its_name_says(clips: Path) -> None:
    """WebM is a kind of Matroska."""
    assert verdict(renamed(clips / "clip.webm", "webm.mkv"), Use.VIDEO) is None


@pytest.fixture(scope="module")
def sounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("sounds")
    sound(d / "voice.ogg", "libopus")
    sound(d / "voice.mp3", "libmp3lame")
    sound(d / "voice.wav", "pcm_s16le")
    sound(d / "voice.m4a", "aac", fmt="ipod")
    return d


@dataclass
class Heard:
    ended: bool = False
    error: str = ""
    seconds: float = 0.0


def listen(qtbot: Any, path: Path) -> Heard:
    """`path` played by Qt Multimedia to its end or its error, the sound it decodes counted
    as it comes (QAudioBufferOutput: no audio device needed; faster than real time)."""
    heard = Heard()
    player = QMediaPlayer()
    sink = QAudioBufferOutput()
    player.setAudioBufferOutput(sink)

    def buffer(b: Any) -> None:
        heard.seconds += b.duration() / 1e6

    sink.audioBufferReceived.connect(buffer)
    to_the_end(qtbot, player, path, heard)
    return heard


def test_whole_sounds_of_every_kind_validate_and_play_to_their_end(qtbot: Any, sounds: Path) -> None:
    for name in ("voice.ogg", "voice.mp3", "voice.wav", "voice.m4a"):
        checked = media.check(sounds / name, Use.AUDIO)
        heard = listen(qtbot, sounds / name)

        assert checked.reason is None, name
        assert checked.duration_s == pytest.approx(3.0, abs=0.1), name
        assert heard.ended and not heard.error and heard.seconds == pytest.approx(3.0, abs=0.1), (name, heard)


@pytest.mark.parametrize(
    ("source", "name", "says"),
    [
        (
            "voice.ogg",
            "ogg.mp3",
            "is an Ogg file, but its name ends in '.mp3', which means MP3: rename it to 'ogg.ogg', "
            "or convert it to MP3",
        ),
        (
            "voice.mp3",
            "mp3.ogg",
            "is an MP3 file, but its name ends in '.ogg', which means Ogg: rename it to 'mp3.mp3', "
            "or convert it to Ogg",
        ),
        (
            "voice.wav",
            "wav.m4a",
            "is a WAV file, but its name ends in '.m4a', which means M4A (MP4 audio): rename it to "
            "'wav.wav', or convert it to M4A (MP4 audio)",
        ),
        (
            "voice.m4a",
            "m4a.opus",
            "is an MP4 file, but its name ends in '.opus', which means Ogg: rename it to 'm4a.m4a', "
            "or convert it to Ogg",
        ),
    ],
)
def test_a_sound_must_be_what_its_name_says(
    qtbot: Any, sounds: Path, source: str, name: str, says: str
) -> None:
    """Qt's player looks inside and plays it all; the format holds names to what the files are."""
    path = renamed(sounds / source, name)

    assert verdict(path, Use.AUDIO) == says
    heard = listen(qtbot, path)
    assert heard.ended and not heard.error and heard.seconds == pytest.approx(3.0, abs=0.1)


def test_a_wav_cut_short_is_refused_and_stops_with_an_error(qtbot: Any, sounds: Path) -> None:
    path = cut(sounds / "voice.wav", 0.4)

    heard = listen(qtbot, path)

    assert heard.error and 0 < heard.seconds <= 1.2
    assert verdict(path, Use.AUDIO) == (
        f"is cut short: it has {path.stat().st_size:,} of the {(sounds / 'voice.wav').stat().st_size:,} "
        "bytes its header declares, so the kiosk plays at most 1.2 s; copy or export it again"
    )


def test_a_wav_whose_header_counts_a_few_bytes_too_many_is_whole(qtbot: Any, sounds: Path) -> None:
    """Some writers count the RIFF header in its size, or leave out a pad byte."""
    data = bytearray((sounds / "voice.wav").read_bytes())
    struct.pack_into("<I", data, 4, struct.unpack_from("<I", data, 4)[0] + 8)
    path = sounds / "generous.wav"
    path.write_bytes(bytes(data))

    heard = listen(qtbot, path)

    assert heard.ended and not heard.error and heard.seconds == pytest.approx(3.0, abs=0.01)
    assert verdict(path, Use.AUDIO) is None


def test_an_mp3_cut_short_is_refused_where_the_kiosk_stops_it(qtbot: Any, sounds: Path) -> None:
    """Qt's player ends a cut MP3 where its data ends, as if it were over."""
    path = cut(sounds / "voice.mp3", 0.4)

    heard = listen(qtbot, path)

    assert heard.ended and not heard.error and heard.seconds == pytest.approx(1.2, abs=0.1)
    assert verdict(path, Use.AUDIO) == (
        "stops at 1.2 s of the 3.0 s it declares: it was cut short or is damaged; export it again"
    )


def test_an_m4a_cut_short_is_refused_and_does_not_play(qtbot: Any, sounds: Path) -> None:
    path = cut(sounds / "voice.m4a", 0.4)

    heard = listen(qtbot, path)

    assert heard.error and heard.seconds == 0
    assert (verdict(path, Use.AUDIO) or "").endswith(
        "bytes its header declares, so the kiosk cannot play it at all; copy or export it again"
    )


@pytest.mark.parametrize("where", ["inside a page", "between pages"])
def test_an_ogg_cut_short_is_refused_with_what_plays(qtbot: Any, sounds: Path, where: str) -> None:
    """Ogg declares no length. Cut inside a page (of about a second), its last page says how
    long it should be; cut where a page ends, only its last page not ending the stream tells."""
    data = (sounds / "voice.ogg").read_bytes()
    path = sounds / f"cut {where}.ogg"
    if where == "inside a page":
        path.write_bytes(data[: int(len(data) * 0.4)])
        why = f"it has {path.stat().st_size:,} of the "
    else:
        pages = [i for i in range(len(data)) if data.startswith(b"OggS", i)]
        path.write_bytes(data[: pages[len(pages) // 2]])
        why = "its last Ogg page does not end the stream"

    heard = listen(qtbot, path)
    says = verdict(path, Use.AUDIO) or ""

    assert heard.ended and not heard.error and 0.5 < heard.seconds < 2.5
    assert says.startswith(f"is cut short: {why}")
    assert says.endswith(" s; copy or export it again")
    assert float(says.split("plays at most ")[1].split(" s")[0]) == pytest.approx(heard.seconds, abs=0.1)


# -- remembered verdicts -----------------------------------------------------------------


def test_a_picture_used_twice_is_decoded_once_and_judged_per_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "banner.jpg"
    Image.new("RGB", (1000, 600), BLUE).save(path)
    decoded: list[str] = []
    real = media.decode
    monkeypatch.setattr(media, "decode", lambda p, kind: decoded.append(kind) or real(p, kind))
    checks = MediaChecks(tmp_path / "media-checks.json")

    picture = checks.check(path, Use.PICTURE)
    full = checks.check(path, Use.FULLSCREEN)
    checks.save()
    again = MediaChecks(tmp_path / "media-checks.json").check(path, Use.FULLSCREEN)

    assert decoded == ["image"]
    assert picture.reason is None
    assert (
        full.reason
        == again.reason
        == "is 1000x600, too small for a full-screen image: at least 1920x1080 (either orientation)"
    )


@pytest.mark.parametrize("version", [None, 1])
def test_verdicts_remembered_by_older_checks_are_judged_again(tmp_path: Path, version: int | None) -> None:
    """Older checks let through pictures Qt refuses: what they remembered is not trusted,
    even under the key the current checks would look for."""
    path = flat_png(tmp_path / "huge.png", 9000, 9000)
    st = path.stat()
    key = f"{path}|{st.st_size}|{st.st_mtime_ns}|image"
    files = {key: [None, None, [9000, 9000], [9000, 9000]]}
    cache = tmp_path / "media-checks.json"
    cache.write_text(json.dumps(files if version is None else {"version": version, "files": files}))
    current = tmp_path / "current.json"
    current.write_text(json.dumps({"version": MediaChecks.VERSION, "files": files}))

    assert MediaChecks(cache).check(path, Use.PICTURE).reason is not None
    assert MediaChecks(current).check(path, Use.PICTURE).reason is None  # the same, remembered now


def test_a_mismatched_colour_is_not_mistaken_for_grey() -> None:
    """`shown` tells the grey of a cut JPEG from the picture's own colours, dark grey too."""
    dark = QImage(8, 8, QImage.Format.Format_RGB32)
    dark.fill(QColor(40, 40, 40))
    blue = QImage(8, 8, QImage.Format.Format_RGB32)
    blue.fill(QColor(*BLUE))
    grey = QImage(8, 8, QImage.Format.Format_RGB32)
    grey.fill(QColor(128, 128, 128))

    assert shown(blue) == shown(dark) == "the picture"
    assert shown(grey) == "grey below the cut"
    assert shown(QImage()) == "nothing"
