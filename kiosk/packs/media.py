"""Checks that a media file is what the kiosk can show, judged the way the kiosk shows it:
images with Pillow under Qt's own decoding limit, audio and video with PyAV (the same
FFmpeg family Qt Multimedia plays with), every file decoded whole, and its content matching
its name.

Each check gives None when the file is fine, or a reason written for a content author.
"""

from __future__ import annotations

import json
import math
import os
import struct
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.datadir import replace_whole
from kiosk.packs.qtlimit import QT_ALLOCATION_LIMIT_MB
from kiosk.packs.webvtt import SubtitleError, parse_vtt

if TYPE_CHECKING:
    import av

# Pillow and PyAV are imported where a file is decoded, not here: a kiosk whose media
# results are remembered (MediaChecks) starts without loading either (about 250 ms).

# What Qt Multimedia's software FFmpeg decodes on every kiosk (no AV1 or HEVC decoder there).
VIDEO_CODECS = {"h264": "H.264", "vp8": "VP8", "vp9": "VP9", "mpeg4": "MPEG-4 Part 2", "theora": "Theora"}
AUDIO_CODECS = {
    "aac": "AAC",
    "mp3": "MP3",
    "mp3float": "MP3",
    "opus": "Opus",
    "vorbis": "Vorbis",
    "pcm_s16le": "PCM",
    "pcm_s24le": "PCM",
    "pcm_f32le": "PCM",
    "pcm_u8": "PCM",
    "flac": "FLAC",
}
IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}
#: An image's suffix and the format its content must be.
IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
IMAGE_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}
#: A video's or a sound's suffix and the containers its content may be (as `_container` names them).
VIDEO_SUFFIXES = {
    ".mp4": {"MP4"},
    ".m4v": {"MP4"},
    ".mov": {"MOV", "MP4"},
    ".webm": {"WebM"},
    # WebM is a kind of Matroska: a WebM file named .mkv is what its name says.
    ".mkv": {"Matroska", "WebM"},
    ".ogv": {"Ogg"},
}
AUDIO_SUFFIXES = {
    ".wav": {"WAV"},
    ".mp3": {"MP3"},
    ".ogg": {"Ogg"},
    ".oga": {"Ogg"},
    ".opus": {"Ogg"},
    ".m4a": {"MP4"},
}
#: The name each container goes by, for the reasons.
CONTAINER_NAMES = {
    "MP4": "MP4",
    "MOV": "QuickTime (MOV)",
    "WebM": "WebM",
    "Matroska": "Matroska (MKV)",
    "Ogg": "Ogg",
    "WAV": "WAV",
    "MP3": "MP3",
}
A_CONTAINER = {
    "MP4": "an MP4 file",
    "MOV": "a QuickTime (MOV) file",
    "WebM": "a WebM file",
    "Matroska": "a Matroska (MKV) file",
    "Ogg": "an Ogg file",
    "WAV": "a WAV file",
    "MP3": "an MP3 file",
}

#: How far a video or sound may stop short of the length its container declares before it
#: counts as cut short (the last frames' durations and an encoder's padding differ a little).
SHORT_BY_S = 0.5
#: Bytes a WAV file may lack of the length its header declares (see read_shape).
RIFF_SLACK = 8


class Use(StrEnum):
    """What a media file is for, which decides what it must be."""

    FULLSCREEN = "full-screen image"
    PICTURE = "service image or banner"
    ICON = "icon"
    VIDEO = "video"
    AUDIO = "narration audio"
    SUBTITLES = "subtitles"


MIN_SIZE = {Use.FULLSCREEN: (1920, 1080), Use.PICTURE: (800, 450), Use.ICON: (128, 128)}


@dataclass(frozen=True)
class Checked:
    reason: str | None
    duration_s: float | None = None


@dataclass(frozen=True)
class Decoded:
    """What decoding a file once found, whatever it is used for: the reason it cannot be
    shown at all (None if it can), a video's or a sound's length, and an image's size as
    stored and as a card shows it (turned by its EXIF orientation)."""

    reason: str | None
    duration_s: float | None = None
    size: tuple[int, int] | None = None
    shown: tuple[int, int] | None = None


def kind_of(use: Use) -> str:
    """What a file is decoded as for `use`: the three image uses share one decoding."""
    return "image" if use in MIN_SIZE else use.name.lower()


def check(path: Path, use: Use) -> Checked:
    """`path` checked for `use` (decoded now; MediaChecks remembers the decoding)."""
    return judge(decode(path, kind_of(use)), use)


def decode(path: Path, kind: str, *, whole: bool = True) -> Decoded:
    """Decode `path` as `kind` ("image", "video", "audio" or "subtitles"): whole, or for a
    file HQ has decoded whole before it signed it (`whole=False`), a video or a sound only
    to its first frame (container, codecs, the header's length and one frame still checked)."""
    if kind == "image":
        return decode_image(path)
    if kind == "video":
        return decode_av(path, video=True, whole=whole)
    if kind == "audio":
        return decode_av(path, video=False, whole=whole)
    return Decoded(check_subtitles(path))


def judge(decoded: Decoded, use: Use) -> Checked:
    """What `decoded` means for `use`: an image must also be large enough for it."""
    if decoded.reason is not None or use not in MIN_SIZE or decoded.size is None:
        return Checked(decoded.reason, decoded.duration_s)
    return Checked(size_reason(decoded, use))


# -- images ------------------------------------------------------------------------------


def qt_bytes(width: int, height: int, bits: int) -> int:
    """The bytes Qt counts against its allocation limit for a `width` x `height` picture it
    decodes into `bits` bits a pixel: as QImageIOHandler::allocateImage does, rows padded to
    32 bits and any depth under 32 counted as 32 (a handler may need that much while it
    decodes)."""
    bits = max(32, bits)
    return ((width * bits + 31) >> 5 << 2) * height


def qt_bits(fmt: str, head: bytes, transparent: bool) -> int:
    """Bits a pixel of the QImage Qt decodes a file of `fmt` into: 64 (RGBX64/RGBA64) for a
    PNG of 16 bits a channel with colour or alpha (a grey one with a transparent colour, a
    tRNS chunk, becomes RGBA64 too), 32 or fewer for everything else."""
    if fmt == "PNG" and len(head) >= 26 and head[24] == 16 and (head[25] in (2, 4, 6) or transparent):
        return 64
    return 32


def too_large_reason(width: int, height: int, bits: int) -> str | None:
    limit = QT_ALLOCATION_LIMIT_MB << 20
    if qt_bytes(width, height, bits) <= limit:
        return None
    per_pixel = max(32, bits) // 8
    most = limit // per_pixel
    side = math.isqrt(most)
    if per_pixel == 8:
        how = "8 bytes a pixel for a PNG of 16 bits a channel"  # with colour, alpha or tRNS
        fix = "save it with 8 bits a channel, or scale it down"
    else:
        how, fix = "4 bytes a pixel", "scale it down"
    return (
        f"is {width}x{height} pixels, too large for the kiosk to decode: Qt decodes at most "
        f"{QT_ALLOCATION_LIMIT_MB} MB a picture, {how}, so at most {most:,} pixels (such as "
        f"{side}x{side}); {fix} (a 1920x1080 screen needs no more than 1920x1080)"
    )


def decode_image(path: Path) -> Decoded:
    from PIL import Image, UnidentifiedImageError

    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return Decoded(
            f"has suffix '{path.suffix}'; an image must be PNG (.png), JPEG (.jpg, .jpeg) or WebP (.webp)"
        )
    # Pillow's own guard against huge pictures is a looser pixel count than Qt's, and its
    # refusal reads as "not an image": the kiosk's limit (Qt's) is applied below from the
    # header, before anything is decoded.
    Image.MAX_IMAGE_PIXELS = None
    head = b""
    progressive = False
    try:
        with path.open("rb") as f:
            head = f.read(32)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                # A camera's JPEG with extra pictures (MPO) is a JPEG to Qt.
                fmt = "JPEG" if im.format == "MPO" else (im.format or "unknown")
                w, h = im.size
                if fmt not in IMAGE_FORMATS:
                    return Decoded(f"is a picture in the {fmt} format; use PNG, JPEG or WebP")
                if fmt != IMAGE_SUFFIXES[suffix]:
                    return Decoded(_misnamed_image(path, fmt))
                too_large = too_large_reason(w, h, qt_bits(fmt, head, "transparency" in im.info))
                if too_large:
                    return Decoded(too_large)
                # Qt turns a JPEG by its EXIF orientation, never a PNG or a WebP.
                turned = fmt == "JPEG" and im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
                # verify() reads a PNG's chunks but decodes no JPEG data: only decoding the
                # whole picture finds a file cut short, as the kiosk's decoder will. A JPEG is
                # decoded at an eighth of its size: libjpeg still reads every byte of its
                # data (and fails where it ends), in a fifth of the time.
                if fmt == "JPEG":
                    progressive = bool(im.info.get("progressive"))
                    im.draft(im.mode, (max(1, w // 8), max(1, h // 8)))
                im.load()
    except UnidentifiedImageError:
        return Decoded("is not an image the kiosk can open: its content is not PNG, JPEG or WebP")
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as e:
        return Decoded(_damaged_image(path, head, e, progressive))
    return Decoded(None, size=(w, h), shown=(h, w) if turned else (w, h))


def _misnamed_image(path: Path, fmt: str) -> str:
    right = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[fmt]
    return (
        f"is a {IMAGE_NAMES[fmt]} image, but its name ends in '{path.suffix}', which means "
        f"{IMAGE_NAMES[IMAGE_SUFFIXES[path.suffix.lower()]]}: rename it to '{path.stem}{right}'"
    )


def _damaged_image(path: Path, head: bytes, e: BaseException, progressive: bool) -> str:
    fmt = IMAGE_SUFFIXES[path.suffix.lower()]
    detail = str(e) or type(e).__name__
    cut = None
    if "truncated" in detail.lower():
        cut = "the file ends before its picture does"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        fmt = "WEBP"
        declared = 8 + struct.unpack_from("<I", head, 4)[0]
        have = path.stat().st_size
        if have < declared:
            cut = f"it has {have:,} of the {declared:,} bytes its header declares"
    if cut:
        # Qt's JPEG decoder shows what it got and fills the rest with grey (a progressive
        # JPEG's first passes cover the whole picture, coarsely); its PNG and WebP decoders
        # give nothing.
        shown = "show nothing"
        if fmt == "JPEG":
            shown = "show grey below the cut"
            if progressive:
                shown = (
                    "show it unfinished (a progressive JPEG: blurred or off in colour, "
                    "the more so the more is missing)"
                )
        return f"is cut short: {cut}, so the kiosk would {shown}; copy or export it again"
    return f"is a damaged {IMAGE_NAMES.get(fmt, fmt)} image ({detail}); export it again"


def size_reason(decoded: Decoded, use: Use) -> str | None:
    assert decoded.size is not None and decoded.shown is not None
    # Card pictures are turned by their EXIF orientation (kiosk/ui/images.py); QML's Image,
    # which shows the others, does not turn them.
    w, h = decoded.shown if use is Use.PICTURE else decoded.size
    min_w, min_h = MIN_SIZE[use]
    fits = w >= min_w and h >= min_h
    if use is Use.FULLSCREEN:
        fits = fits or (w >= min_h and h >= min_w)
    if fits:
        return None
    either = " (either orientation)" if use is Use.FULLSCREEN else ""
    turned = ""
    if (w, h) != decoded.size:
        turned = f" as shown (stored {decoded.size[0]}x{decoded.size[1]}, turned by its EXIF orientation)"
    return f"is {w}x{h}{turned}, too small for a {use.value}: at least {min_w}x{min_h}{either}"


# -- video and audio ---------------------------------------------------------------------


def _open(path: Path) -> av.container.InputContainer:
    import av

    return av.open(str(path), mode="r", timeout=10)


def _codec_name(stream: av.stream.Stream) -> str:
    """The codec's own name ("av1"), not the decoder library's ("libdav1d")."""
    codec = stream.codec_context.codec
    return getattr(codec, "canonical_name", None) or codec.name


def _ffmpeg_error() -> type[Exception]:
    import av

    return av.FFmpegError


@dataclass(frozen=True)
class Shape:
    """What a container's own header says, read without FFmpeg: its brand or DocType, the
    bytes it declares it holds (None when it does not say), for MP4 whether its index (the
    'moov' box) is there, and for Ogg (which declares no length) whether its last page ends
    the stream."""

    brand: str = ""
    declared: int | None = None
    has_index: bool = True
    unended: bool = False
    #: What declares the length: the container's header, or an Ogg file's last page.
    by: str = "header"
    #: Bytes the file may lack of `declared` and still be whole.
    slack: int = 0

    def cut(self, have: int) -> bool:
        """Whether a file of `have` bytes ends before this header says it does."""
        return self.unended or (self.declared is not None and have < self.declared - self.slack)


def _vint(data: bytes, i: int, keep_marker: bool = False) -> tuple[int, int, bool]:
    """An EBML variable-length integer at `i`: its value, its length, and whether it is the
    reserved "unknown size"."""
    first = data[i]
    if first == 0:
        raise ValueError("no EBML integer")
    n = 9 - first.bit_length()
    value = first if keep_marker else first & (0xFF >> n)
    for k in range(1, n):
        value = value << 8 | data[i + k]
    return value, n, not keep_marker and value == (1 << (7 * n)) - 1


def read_shape(path: Path) -> Shape:
    """The container header's promises, for the families that make them (MP4/MOV: its
    top-level boxes; Matroska/WebM: its Segment; WAV: its RIFF size)."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(4096)
        try:
            if head[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip"):
                return _iso_shape(f, size)
            if head[:4] == b"\x1a\x45\xdf\xa3":
                return _ebml_shape(head)
            if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
                declared = struct.unpack_from("<I", head, 4)[0]
                if declared in (0, 0xFFFFFFFF):  # written while streaming: no length
                    return Shape()
                # A few bytes of slack: some writers leave out the last chunk's pad byte or
                # count the RIFF header in its size.
                return Shape(declared=8 + declared, slack=RIFF_SLACK)
            if head[:4] == b"OggS":
                return _ogg_shape(f, size)
        except (ValueError, IndexError, struct.error):
            pass  # a header we cannot follow: FFmpeg says what is wrong with it
    return Shape()


def _iso_shape(f: Any, size: int) -> Shape:
    at, brand, boxes = 0, "", set()
    while at < size:
        f.seek(at)
        header = f.read(16)
        if len(header) < 8:
            # A few bytes after the last box (padding, or junk a tool left) hold nothing a
            # player reads: a box they were the start of would have to be the index, and
            # its absence is told below.
            break
        length, kind = struct.unpack_from(">I4s", header)
        if length == 1:
            if len(header) < 16:
                return Shape(brand, at + 16, "moov" in boxes)
            length = struct.unpack_from(">Q", header, 8)[0]
        elif length == 0:
            length = size - at  # the last box, to the end of the file
        if length < 8:
            break
        name = kind.decode("latin-1")
        boxes.add(name)
        if name == "ftyp" and not brand:
            f.seek(at + 8)
            brand = f.read(4).decode("latin-1")
        if at + length > size:
            return Shape(brand, at + length, "moov" in boxes)
        at += length
    return Shape(brand, None, "moov" in boxes)


def _ogg_shape(f: Any, size: int) -> Shape:
    """An Ogg file's last page: whole, and flagged as the end of its stream (every muxer
    flags a stream's last page; a file cut between pages has no such page at its end).

    The last page is the one that ends exactly where the file does: "OggS" may also occur
    inside a page's data, but such a match hardly ever claims to end at the file's end.
    """
    start = max(0, size - 65536)  # a page is at most 65,307 bytes
    f.seek(start)
    tail = f.read()
    partial = None
    at = len(tail)
    while (at := tail.rfind(b"OggS", 0, at)) >= 0:
        if len(tail) - at < 27 or tail[at + 4] != 0:
            partial = partial or start + at + 27
            continue
        flags, segments = tail[at + 5], tail[at + 26]
        table = tail[at + 27 : at + 27 + segments]
        end = start + at + 27 + segments + sum(table)
        if end == size and len(table) == segments:
            return Shape(unended=not flags & 0x04)
        if end > size:
            partial = partial or end
    return Shape(declared=partial, by="last page")


def _ebml_shape(head: bytes) -> Shape:
    i = 4
    length, n, _ = _vint(head, i)
    i += n
    end = i + length
    doctype = ""
    while i < end:
        element, n = _vint(head, i, keep_marker=True)[:2]
        i += n
        length, n, _ = _vint(head, i)
        i += n
        if element == 0x4282:
            doctype = head[i : i + length].decode("ascii", "replace").rstrip("\0")
        i += length
    segment, n = _vint(head, end, keep_marker=True)[:2]
    if segment != 0x18538067:
        return Shape(doctype)
    length, m, unknown = _vint(head, end + n)
    return Shape(doctype, None if unknown else end + n + m + length)


def container_of(c: av.container.InputContainer, shape: Shape) -> str:
    """The container family as the suffixes name it ("MP4", "WebM"...), or FFmpeg's long name
    of one the format does not take."""
    name = c.format.name
    if name.startswith("mov,"):
        # An MP4 opens with its `ftyp` box; an old QuickTime file may have none.
        return "MOV" if shape.brand in ("qt  ", "") else "MP4"
    if name == "matroska,webm":
        return "WebM" if shape.brand == "webm" else "Matroska"
    return {"ogg": "Ogg", "wav": "WAV", "mp3": "MP3"}.get(name) or c.format.long_name or name


def _misnamed_media(path: Path, found: str, expected: set[str], video: bool) -> str:
    table = VIDEO_SUFFIXES if video else AUDIO_SUFFIXES
    right = next((s for s, fams in table.items() if found in fams), None)
    if right is None:
        allowed = "MP4, WebM, MKV or OGV" if video else "WAV, MP3, OGG, Opus or M4A"
        what = A_CONTAINER.get(found, f"in the {found} container")
        return f"is {what}; {'a video' if video else 'narration'} must be {allowed}"
    names = CONTAINER_NAMES if video else {**CONTAINER_NAMES, "MP4": "M4A (MP4 audio)"}
    means = " or ".join(names[e] for e in sorted(expected))
    return (
        f"is {A_CONTAINER[found]}, but its name ends in '{path.suffix}', which means {means}: "
        f"rename it to '{path.stem}{right}', or convert it to {means}"
    )


def decode_av(path: Path, video: bool, whole: bool = True) -> Decoded:
    suffix = path.suffix.lower()
    table = VIDEO_SUFFIXES if video else AUDIO_SUFFIXES
    if suffix not in table:
        if video:
            return Decoded(f"has suffix '{path.suffix}'; a video must be MP4, WebM, MKV or OGV")
        return Decoded(f"has suffix '{path.suffix}'; narration must be WAV, MP3, OGG, Opus or M4A")
    shape = read_shape(path)
    have = path.stat().st_size
    cut = shape.cut(have)
    what = "video" if video else "audio"
    try:
        with _open(path) as c:
            found = container_of(c, shape)
            if found not in table[suffix]:
                return Decoded(_misnamed_media(path, found, table[suffix], video))
            reason, streams = _streams_reason(c, video)
            if reason:
                return Decoded(reason)
            return _decode_all(c, streams, shape, have, video, whole)
    except _ffmpeg_error() as e:
        if cut:
            return Decoded(_cut_reason(shape, have, "the kiosk cannot play it at all"))
        if not shape.has_index:
            return Decoded(
                "has no index (no 'moov' box): it was cut short or never finished; "
                "the kiosk cannot play it; export it again"
            )
        return Decoded(f"cannot be decoded as {what} ({e.strerror or e})")


def _streams_reason(c: av.container.InputContainer, video: bool) -> tuple[str | None, list]:
    """Why the streams the kiosk plays cannot be decoded (None if they can), and those streams."""
    if video:
        if not c.streams.video:
            return "has no video stream", []
        vs = c.streams.video[0]
        name = _codec_name(vs)
        if name not in VIDEO_CODECS:
            allowed = ", ".join(sorted(set(VIDEO_CODECS.values())))
            return f"is {name.upper()} video, which the kiosk cannot decode; use {allowed}", []
        for a in c.streams.audio:
            if _codec_name(a) not in AUDIO_CODECS:
                name = _codec_name(a)
                return f"has {name} audio, which the kiosk cannot decode; use AAC, MP3, Opus or Vorbis", []
        return None, [vs, *c.streams.audio]
    if not c.streams.audio:
        return "has no audio stream", []
    name = _codec_name(c.streams.audio[0])
    if name not in AUDIO_CODECS:
        return f"is {name} audio, which the kiosk cannot decode", []
    return None, [c.streams.audio[0]]


def _decode_all(
    c: av.container.InputContainer, streams: list, shape: Shape, have: int, video: bool, whole: bool = True
) -> Decoded:
    """Decode every frame of `streams`, as the kiosk will when it plays the file to its end
    (or, not `whole`, up to the first frame of the stream the kiosk shows or plays)."""
    start = (c.start_time or 0) / 1_000_000
    # Where each stream's decoded packets end, in its own time base (Fractions only once).
    ends = {s.index: 0 for s in streams}
    frames = 0
    broken: tuple[float, Exception] | None = None
    first = streams[0]
    if video and whole:
        # Frames on every core: a third less time on two. Not for the first frame alone:
        # frame threads hold it back until each has a packet (three decoded instead of one,
        # three times the CPU).
        first.thread_type = "AUTO"
    for packet in c.demux(*streams):
        try:
            got = packet.decode()
        except _ffmpeg_error() as e:
            broken = (_reached(streams, ends, start), e)
            break
        if packet.stream is first:
            frames += len(got)
        if packet.pts is not None:
            i = packet.stream.index
            ends[i] = max(ends[i], packet.pts + (packet.duration or 0))
        if frames and not whole:
            break
    if not whole:
        if shape.cut(have):
            return Decoded(_cut_reason(shape, have, "the kiosk cannot play it whole"))
        if broken is not None or frames == 0:
            what = "video" if video else "audio"
            return Decoded(f"has no decodable {what} at its start: it is damaged; export it again")
        return Decoded(None, _duration(c, first))
    reached = _reached(streams, ends, start)
    duration = _duration(c, first)
    if shape.cut(have):
        plays = f"the kiosk plays at most {reached:.1f} s"
        # FFmpeg counts some containers' length (WAV's) from the bytes there are.
        if duration and duration - reached > 0.05:
            plays += f" of its {duration:.1f} s"
        return Decoded(_cut_reason(shape, have, plays))
    if broken is not None:
        at, e = broken
        why = getattr(e, "strerror", None) or e
        return Decoded(f"is damaged at {at:.1f} s ({why}): the kiosk would stop there; export it again")
    if frames == 0:
        return Decoded("has a video stream with no decodable frame" if video else "has no decodable audio")
    short = _short(streams, ends, reached, duration)
    if short is not None:
        got, declared = short
        return Decoded(
            f"stops at {got:.1f} s of the {declared:.1f} s it declares: it was cut short or is damaged; "
            "export it again"
        )
    return Decoded(None, duration)


def _short(
    streams: list, ends: dict[int, int], reached: float, duration: float | None
) -> tuple[float, float] | None:
    """(seconds decoded, seconds declared) when the decoded streams stop short of what is
    declared for them. Each stream's own length where its container gives one (MP4 does), so
    that a longer track the kiosk does not play (timecode, text) is no false alarm; else the
    container's."""
    own = [(s, d) for s in streams if (d := _stream_length(s)) is not None and s.time_base]
    for s, declared in own:
        got = float((ends[s.index] - (s.start_time or 0)) * s.time_base)
        if got < declared - SHORT_BY_S:
            return got, declared
    if not own and duration and reached < duration - SHORT_BY_S:
        return reached, duration
    return None


def _stream_length(stream: av.stream.Stream) -> float | None:
    """The length a stream declares for itself, in seconds: MP4's track length, or the
    DURATION tag a Matroska muxer writes per track ("00:00:02.000000000")."""
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    tag = stream.metadata.get("DURATION") or stream.metadata.get("duration")
    if not tag:
        return None
    try:
        h, m, sec = tag.split(":")
        return int(h) * 3600 + int(m) * 60 + float(sec)
    except ValueError:
        return None


def _reached(streams: list, ends: dict[int, int], start: float) -> float:
    """How far into the file (in seconds) the decoded packets of `streams` reach."""
    return max((float(ends[s.index] * s.time_base) - start for s in streams if s.time_base), default=0.0)


def _duration(c: av.container.InputContainer, stream: av.stream.Stream) -> float | None:
    if c.duration:
        return c.duration / 1_000_000
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _cut_reason(shape: Shape, have: int, plays: str) -> str:
    if shape.declared is not None:
        short = f"it has {have:,} of the {shape.declared:,} bytes its {shape.by} declares"
    else:
        short = "its last Ogg page does not end the stream"
    return f"is cut short: {short}, so {plays}; copy or export it again"


def check_video(path: Path) -> Checked:
    return judge(decode_av(path, video=True), Use.VIDEO)


def check_audio(path: Path) -> str | None:
    return decode_av(path, video=False).reason


# -- subtitles ---------------------------------------------------------------------------


def check_subtitles(path: Path) -> str | None:
    if path.suffix.lower() != ".vtt":
        return "subtitles must be a WebVTT file (.vtt)"
    try:
        parse_vtt(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "is not UTF-8 text"
    except SubtitleError as e:
        return f"is not valid WebVTT: {e}"
    return None


class MediaChecks:
    """Remembers what decoding each file found, by file identity (path, size, modification
    time) and what it was decoded as (image, video, audio, subtitles).

    Decoding every image and video of a large pack takes seconds; a kiosk re-validates its
    packs at every start, so results are kept (in memory, and in a JSON file when `path` is
    given) and a file is decoded again only when it changes. A picture used as a banner and
    as a full-screen image is decoded once: only its size is judged per use.
    """

    #: Bumped when the checks judge differently: what an older kiosk remembered is then
    #: decoded again (version 1 let through pictures Qt refuses and JPEGs cut short).
    VERSION = 2

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._results: dict[str, list[Any]] = {}
        self._dirty = False
        if path is not None and path.is_file():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                if raw.get("version") == self.VERSION:
                    self._results = {k: list(v) for k, v in raw["files"].items() if len(v) == 4}
            except (OSError, ValueError, TypeError, KeyError, AttributeError):
                self._results = {}  # a damaged cache only costs a re-check

    @staticmethod
    def _key(path: Path, kind: str, st: os.stat_result) -> str:
        return f"{path}|{st.st_size}|{st.st_mtime_ns}|{kind}"

    @staticmethod
    def _content_key(sha256: str, suffix: str, kind: str) -> str:
        # The suffix is part of the verdict (a video named .png is refused), so of the key.
        return f"sha256:{sha256}|{suffix.lower()}|{kind}"

    def _kept(self, key: str) -> Decoded | None:
        kept = self._results.get(key)
        if kept is None:
            return None
        reason, duration, size, shown = kept
        return Decoded(reason, duration, tuple(size) if size else None, tuple(shown) if shown else None)

    def _keep(self, result: Decoded, *keys: str) -> Decoded:
        for key in keys:
            self._results[key] = [result.reason, result.duration_s, result.size, result.shown]
        self._dirty = True
        return result

    def decoded(
        self, path: Path, kind: str, st: os.stat_result | None = None, *, sha256: str | None = None
    ) -> Decoded:
        """What decoding `path` as `kind` finds. With `sha256`, the hash HQ signed and the
        file was verified to have: HQ decoded exactly these bytes whole before it signed
        them, so here a video or sound is decoded to its first frame only, and the verdict
        is kept by that hash too (a later set carrying the file is not decoded again)."""
        key = self._key(path, kind, st or path.stat())
        found = self._kept(key)
        if found is not None:
            return found
        if sha256 is None:
            return self._keep(decode(path, kind), key)
        by_content = self._content_key(sha256, path.suffix, kind)
        found = self._kept(by_content)
        if found is not None:
            return self._keep(found, key)
        return self._keep(decode(path, kind, whole=False), key, by_content)

    def check(
        self, path: Path, use: Use, st: os.stat_result | None = None, *, sha256: str | None = None
    ) -> Checked:
        """`path` checked for `use`; `st` is its stat when the caller already has it;
        `sha256` the signed hash it was verified to have, when it came from HQ."""
        return judge(self.decoded(path, kind_of(use), st, sha256=sha256), use)

    def check_content(self, path: Path, sha256: str, suffix: str, use: Use) -> Checked:
        """A download on its way to becoming a blob (`path`, named by its hash), verified to
        have the signed `sha256`, checked as a file named with `suffix` and kept by the hash
        alone. (The decoders judge a file by its name too: one named otherwise is decoded
        through a hard link that has the suffix, removed after.)"""
        kind = kind_of(use)
        by_content = self._content_key(sha256, suffix, kind)
        found = self._kept(by_content)
        if found is not None:
            return judge(found, use)
        if path.suffix.lower() == suffix.lower():
            return judge(self._keep(decode(path, kind, whole=False), by_content), use)
        named = path.with_name(f"{path.name}.check{suffix.lower()}")
        named.unlink(missing_ok=True)
        os.link(path, named)
        try:
            return judge(self._keep(decode(named, kind, whole=False), by_content), use)
        finally:
            named.unlink(missing_ok=True)

    def forget_gone(self, held: set[str]) -> int:
        """Forget the results of files no longer there and of signed content no longer held
        (`held`: the hashes of the blobs kept): each new pack set adds its own, and the file
        is read at every start. How many were forgotten."""

        def stale(key: str) -> bool:
            if key.startswith("sha256:"):
                return key[len("sha256:") :].split("|", 1)[0] not in held
            return not os.path.exists(key.rsplit("|", 3)[0])

        gone = [key for key in self._results if stale(key)]
        for key in gone:
            del self._results[key]
        self._dirty = self._dirty or bool(gone)
        return len(gone)

    @property
    def remembers_nothing(self) -> bool:
        """True on a kiosk's first start, and on the first after the checks changed."""
        return not self._results

    def decode_ahead(self, folders: Iterable[Path], initializer: Callable[[], None] | None = None) -> None:
        """Decode every picture, video, sound and subtitle file under `folders` on two threads (Pillow and
        FFmpeg let go of Python's lock while they decode), so that the reader, which asks
        for them one at a time, finds them here. `initializer` runs first in each thread."""
        from concurrent.futures import ThreadPoolExecutor

        uses = {
            # One decoding serves every image use: it is kept by file, not by use.
            **dict.fromkeys(IMAGE_SUFFIXES, Use.PICTURE),
            **dict.fromkeys(VIDEO_SUFFIXES, Use.VIDEO),
            **dict.fromkeys(AUDIO_SUFFIXES, Use.AUDIO),
            ".vtt": Use.SUBTITLES,
        }
        found = [
            (p, uses[p.suffix.lower()])
            for folder in folders
            for p in folder.rglob("*")
            if p.suffix.lower() in uses and p.is_file()
        ]
        with ThreadPoolExecutor(
            max_workers=2, thread_name_prefix="kiosk-check", initializer=initializer
        ) as pool:
            list(pool.map(lambda item: self.check(*item), found))

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        data = {"version": self.VERSION, "files": self._results}
        replace_whole(self.path, json.dumps(data).encode())
        self._dirty = False
