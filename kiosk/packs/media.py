"""Checks that a media file is what the kiosk can show: images with Pillow, audio and video
with PyAV (the same FFmpeg family Qt Multimedia decodes with).

Each check returns None when the file is fine, or a reason written for a content author.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.datadir import replace_whole
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
VIDEO_SUFFIXES = {".mp4", ".m4v", ".webm", ".mkv", ".ogv", ".mov"}
AUDIO_SUFFIXES = {".wav", ".mp3", ".ogg", ".opus", ".m4a", ".oga"}


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


def check(path: Path, use: Use, suffix: str | None = None) -> Checked:
    """`path` checked for `use`; `suffix` is the file's suffix when its name on disk has
    another (a download named by its hash, checked for the name it will have in a pack)."""
    if use in MIN_SIZE:
        return Checked(check_image(path, use))
    if use is Use.VIDEO:
        return check_video(path, suffix)
    if use is Use.AUDIO:
        return Checked(check_audio(path, suffix))
    return Checked(check_subtitles(path))


def check_image(path: Path, use: Use) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt = im.format
                size = im.size
                im.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "is not an image that can be opened (PNG, JPEG or WebP expected)"
    except (OSError, SyntaxError, ValueError) as e:
        return f"is a damaged image ({e})"
    if fmt not in IMAGE_FORMATS:
        return f"is a {fmt} image; use PNG, JPEG or WebP"
    w, h = size
    min_w, min_h = MIN_SIZE[use]
    fits = w >= min_w and h >= min_h
    if use is Use.FULLSCREEN:
        fits = fits or (w >= min_h and h >= min_w)
    if not fits:
        either = " (either orientation)" if use is Use.FULLSCREEN else ""
        return f"is {w}x{h}, too small for a {use.value}: at least {min_w}x{min_h}{either}"
    return None


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


def check_video(path: Path, suffix: str | None = None) -> Checked:
    suffix = path.suffix if suffix is None else suffix
    if suffix.lower() not in VIDEO_SUFFIXES:
        return Checked(f"has suffix '{suffix}'; a video must be MP4, WebM, MKV or OGV")
    try:
        with _open(path) as c:
            if not c.streams.video:
                return Checked("has no video stream")
            vs = c.streams.video[0]
            name = _codec_name(vs)
            if name not in VIDEO_CODECS:
                allowed = ", ".join(sorted(set(VIDEO_CODECS.values())))
                return Checked(f"is {name.upper()} video, which the kiosk cannot decode; use {allowed}")
            for a in c.streams.audio:
                if _codec_name(a) not in AUDIO_CODECS:
                    return Checked(
                        f"has {_codec_name(a)} audio, which the kiosk cannot "
                        "decode; use AAC, MP3, Opus or Vorbis"
                    )
            frame = next(c.decode(video=0), None)
            if frame is None:
                return Checked("has a video stream with no decodable frame")
            duration = None
            if c.duration:
                duration = c.duration / 1_000_000
            elif vs.duration and vs.time_base:
                duration = float(vs.duration * vs.time_base)
            return Checked(None, duration)
    except _ffmpeg_error() as e:
        return Checked(f"cannot be decoded as video ({e.strerror or e})")


def check_audio(path: Path, suffix: str | None = None) -> str | None:
    suffix = path.suffix if suffix is None else suffix
    if suffix.lower() not in AUDIO_SUFFIXES:
        return f"has suffix '{suffix}'; narration must be WAV, MP3, OGG, Opus or M4A"
    try:
        with _open(path) as c:
            if not c.streams.audio:
                return "has no audio stream"
            name = _codec_name(c.streams.audio[0])
            if name not in AUDIO_CODECS:
                return f"is {name} audio, which the kiosk cannot decode"
            if next(c.decode(audio=0), None) is None:
                return "has no decodable audio"
    except _ffmpeg_error() as e:
        return f"cannot be decoded as audio ({e.strerror or e})"
    return None


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
    """Remembers check results by file identity (path, size, modification time, use), and
    for files whose content was verified against a signed hash (what sync downloads) by
    that hash too (content hash, suffix, use).

    Decoding every image and video of a large pack takes seconds; a kiosk re-validates its
    packs at every start, so results are kept (in memory, and in a JSON file when `path` is
    given) and a file is decoded again only when it changes. A file that a new pack set
    carries unchanged (the same hash) is not decoded again either, whatever its new path.
    Safe to use from several threads (each key is set whole, under Python's lock).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._results: dict[str, tuple[str | None, float | None]] = {}
        self._dirty = False
        if path is not None and path.is_file():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self._results = {k: (v[0], v[1]) for k, v in raw.items()}
            except (OSError, ValueError, TypeError, IndexError, AttributeError):
                self._results = {}  # a damaged cache only costs a re-check

    @staticmethod
    def _key(path: Path, use: Use, st: os.stat_result) -> str:
        return f"{path}|{st.st_size}|{st.st_mtime_ns}|{use.name}"

    @staticmethod
    def _content_key(sha256: str, suffix: str, use: Use) -> str:
        # The suffix is part of the verdict (a video named .png is refused), so it is part of the key.
        return f"sha256:{sha256}|{suffix.lower()}|{use.name}"

    def check(
        self, path: Path, use: Use, st: os.stat_result | None = None, *, sha256: str | None = None
    ) -> Checked:
        """`path` checked for `use`; `st` is its stat when the caller already has it;
        `sha256` the hash its content was verified to have, when the caller knows it."""
        key = self._key(path, use, st or path.stat())
        hit = self._results.get(key)
        if hit is None:
            by_content = self._content_key(sha256, path.suffix, use) if sha256 else None
            hit = self._results.get(by_content) if by_content else None
            if hit is None:
                result = check(path, use)
                hit = (result.reason, result.duration_s)
                if by_content:
                    self._results[by_content] = hit
            self._results[key] = hit
            self._dirty = True
        return Checked(*hit)

    def check_content(self, path: Path, sha256: str, suffix: str, use: Use) -> Checked:
        """`path`, whose content was verified to have the SHA-256 `sha256`, checked for
        `use` as a file named with `suffix`; decoded only when no file with this content was
        checked so before. Remembered by the hash alone (`path` is where the bytes are for
        now: a download on its way to becoming a blob)."""
        key = self._content_key(sha256, suffix, use)
        hit = self._results.get(key)
        if hit is None:
            result = check(path, use, suffix)
            hit = self._results[key] = (result.reason, result.duration_s)
            self._dirty = True
        return Checked(*hit)

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        replace_whole(self.path, json.dumps(dict(self._results)).encode())
        self._dirty = False
