"""Builds small, complete, valid packs in a folder, for tests to break one thing at a time.

Media is real (Pillow images, PyAV video and audio) and made once per test session, then
copied, so every pack passes the same checks the kiosk runs on real content.
"""

from __future__ import annotations

import copy
import json
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image

from kiosk.packs.model import Text

T = {"zh-CN": "测试", "en": "Test"}


def text(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


def model_text(zh: str, en: str) -> Text:
    """The model's `Text` in both languages, for items built in Python instead of read from files."""
    return Text((("zh-CN", zh), ("en", en)))


def make_media(folder: Path) -> Path:
    """Writes one of each kind of media file into `folder` and returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1920, 1080), (20, 90, 160)).save(folder / "full.jpg", quality=60)
    Image.new("RGB", (1080, 1920), (20, 120, 90)).save(folder / "portrait.jpg", quality=60)
    Image.new("RGB", (800, 450), (200, 80, 40)).save(folder / "picture.jpg", quality=60)
    Image.new("RGBA", (128, 128), (255, 255, 255, 0)).save(folder / "icon.png")
    Image.new("RGB", (640, 360), (0, 0, 0)).save(folder / "small.jpg", quality=60)
    (folder / "not-an-image.jpg").write_text("hello", encoding="utf-8")
    encode_video(folder / "clip.mp4", "libx264", 8)
    encode_video(folder / "clip-av1.mp4", "libsvtav1", 4)
    encode_audio(folder / "voice.ogg")
    (folder / "subs.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", encoding="utf-8")
    (folder / "bad.vtt").write_text("not subtitles\n", encoding="utf-8")
    return folder


def encode_video(path: Path, codec: str, frames: int, size: tuple[int, int] = (320, 180)) -> None:
    with av.open(str(path), "w") as out:
        s = out.add_stream(codec, rate=25)
        s.width, s.height = size
        s.pix_fmt = "yuv420p"
        for i in range(frames):
            img = Image.new("RGB", size, (i * 20 % 255, 100, 150))
            for p in s.encode(av.VideoFrame.from_image(img)):
                out.mux(p)
        for p in s.encode():
            out.mux(p)


def encode_audio(path: Path) -> None:
    import numpy as np

    with av.open(str(path), "w", format="ogg") as out:
        s = out.add_stream("libopus", rate=48000)
        s.layout = "mono"
        samples = (np.sin(np.arange(4800) / 10) * 3000).astype("int16").reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = 48000
        frame.time_base = Fraction(1, 48000)
        frame.pts = 0
        for p in s.encode(frame):
            out.mux(p)
        for p in s.encode():
            out.mux(p)


def national_files() -> dict[str, Any]:
    """The JSON content of a small valid national pack (media under media/)."""
    scene = {"caption": T, "image": "media/full.jpg"}
    return {
        "pack.json": {
            "format": 1,
            "id": "national",
            "version": 1,
            "scope": "national",
            "title": text("全国", "National"),
            "languages": ["zh-CN", "en"],
        },
        "categories.json": [
            {
                "id": "cat.music",
                "name": text("音乐", "Music"),
                "icon": "media/icon.png",
                "color": "#E4572E",
                "order": 10,
            },
            {"id": "cat.data", "name": text("流量", "Data"), "color": "#1A73E8", "order": 20},
        ],
        "services.json": [
            {
                "id": "svc.ringback",
                "category": "cat.music",
                "name": text("彩铃", "Ring-back tones"),
                "pitch": text("好听", "Callers hear music."),
                "description": text("描述", "Description."),
                "price": {"amount": "5.00", "currency": "CNY", "period": "month"},
                "images": ["media/picture.jpg"],
                "tags": ["music"],
                "demo": "demo.ringback",
                "video": "vid.ringback",
            },
            {
                "id": "svc.data10",
                "category": "cat.data",
                "name": text("10GB流量包", "10 GB data"),
                "pitch": text("够用", "Enough."),
                "description": text("描述", "Description."),
                "price": {"amount": "30.00", "currency": "CNY", "period": "month"},
                "images": ["media/picture.jpg"],
            },
        ],
        "offers.json": [
            {
                "id": "off.daily",
                "kind": "daily_deal",
                "title": text("每日特惠", "Daily deal"),
                "description": text("八折", "20% off"),
                "services": ["svc.ringback"],
                "rule": {"type": "percent_off", "percent": 20, "periods": 3},
                "valid": {"from": "2026-01-01", "until": "2027-12-31"},
            },
        ],
        "demos.json": [
            {
                "id": "demo.ringback",
                "title": text("彩铃体验", "Try it"),
                "start": "s1",
                "scenes": [
                    {
                        "id": "s1",
                        **scene,
                        "narration": {
                            "text": T,
                            "audio": {"zh-CN": "media/voice.ogg", "en": "media/voice.ogg"},
                        },
                        "hotspots": [
                            {"id": "h1", "rect": [0.1, 0.1, 0.3, 0.2], "label": T, "next": "s2"},
                            {"id": "h2", "rect": [0.5, 0.1, 0.3, 0.2], "label": T, "next": "s3"},
                        ],
                    },
                    {"id": "s2", **scene, "next": "s3"},
                    {"id": "s3", "caption": T, "video": "media/clip.mp4", "next": "s4", "auto_advance_s": 5},
                    {"id": "s4", **scene},
                ],
            },
        ],
        "videos.json": [
            {
                "id": "vid.ringback",
                "title": text("彩铃", "Ring-back"),
                "file": "media/clip.mp4",
                "poster": "media/full.jpg",
                "subtitles": {"zh-CN": "media/subs.vtt", "en": "media/subs.vtt"},
            },
        ],
        "attract.json": {
            "items": [
                {"id": "a.one", "image": "media/full.jpg", "duration_s": 8},
                {"id": "a.two", "video": "media/clip.mp4"},
                {"id": "a.three", "image": "media/portrait.jpg", "duration_s": 5},
            ]
        },
        "top10.json": {"services": ["svc.ringback", "svc.data10"]},
    }


VOICE = {"zh-CN": "media/voice.ogg", "en": "media/voice.ogg"}


def narrated_files() -> dict[str, Any]:
    """`national_files()` with narration on a category, a service and an offer (text and
    audio, text alone, audio alone) and the guides of two screens."""
    files = national_files()
    files["categories.json"][0]["narration"] = {
        "text": text("彩铃和音乐。", "Ring-back and music."),
        "audio": VOICE,
    }
    files["services.json"][0]["narration"] = {
        "text": text("彩铃：来电听歌。", "Ring-back tones: callers hear music.")
    }
    files["offers.json"][0]["narration"] = {"audio": VOICE}
    files["guides.json"] = {
        "guides": [
            {"id": "home", "narration": {"text": text("请选择。", "Pick a service."), "audio": VOICE}},
            {"id": "digit.7", "narration": {"text": text("七", "seven")}},
        ]
    }
    return copy.deepcopy(files)  # VOICE is shared: a test may change what it got


def write_pack(root: Path, files: dict[str, Any], media: Path) -> Path:
    """Writes `files` (name -> JSON value, or str for raw text) and a copy of `media`."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        raw = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, indent=1)
        (root / name).write_text(raw, encoding="utf-8")
    if media is not None and not (root / "media").exists():
        shutil.copytree(media, root / "media")
    return root


def make_pack(root: Path, media: Path, files: dict[str, Any] | None = None) -> Path:
    return write_pack(root, copy.deepcopy(files) if files is not None else national_files(), media)
