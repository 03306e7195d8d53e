"""Helpers for the touch UI tests: small real content built in Python, and a finger.

Content is built in Python (no pack files): a national `Pack` with three categories, five
services, two offers, a demo of three scenes, a promo video with subtitles and an attract
playlist. Media files are generated once per test session: PNG images (Pillow), a 2-second
MPEG-4 video (PyAV), a short WAV narration and WebVTT subtitles.
"""

from __future__ import annotations

import os
import wave
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QObject, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.domain.catalog import Catalog
from kiosk.packs.layering import layer
from kiosk.packs.model import (
    AttractItem,
    Category,
    Demo,
    DiscountRule,
    Hotspot,
    LocalMedia,
    Narration,
    Offer,
    OfferKind,
    Pack,
    Period,
    Price,
    RuleKind,
    Scene,
    Scope,
    ScopeLevel,
    Service,
    Text,
    Video,
)
from kiosk.services.ledger import Ledger
from kiosk.ui.driver import centre, placed
from kiosk.ui.scene import items, shown, shown_named
from kiosk.ui.shell import KioskShell
from tests.conftest import PATIENCE_MS
from tests.packfactory import encode_video, model_text

TZ = "Asia/Shanghai"


# -- media ------------------------------------------------------------------------------
def _png(path: Path, size: tuple[int, int], color: tuple[int, int, int]) -> Path:
    w, h = size
    img = Image.new("RGB", size, color)
    # A diagonal band, so a wrong crop or stretch would show.
    px = img.load()
    for y in range(0, h, 4):
        for x in range(0, w, 4):
            if abs(x * h / w - y) < h / 10:
                px[x, y] = (255, 255, 255)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path


def _video(path: Path, seconds: float = 2.0, size: tuple[int, int] = (320, 180)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    encode_video(path, "mpeg4", round(seconds * 25), size)
    return path


def _wav(path: Path, seconds: float = 0.3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * int(16000 * seconds))
    return path


def make_media(root: Path) -> dict[str, Path]:
    """Every media file the test content uses, made in `root`."""
    m: dict[str, Path] = {}
    for name, color in {
        "music": (228, 87, 46),
        "data": (46, 134, 171),
        "pay": (59, 178, 115),
        "radio": (160, 90, 200),
        "cloud": (90, 120, 220),
        "banner": (255, 140, 60),
    }.items():
        m[f"img.{name}"] = _png(root / f"img/{name}.png", (800, 450), color)
    for name in ("music", "data", "pay"):
        m[f"icon.{name}"] = _png(root / f"icon/{name}.png", (128, 128), (255, 255, 255))
    for i in range(1, 4):
        m[f"scene{i}"] = _png(root / f"scene/{i}.png", (1920, 1080), (20 * i, 60, 120))
    m["attract.hello"] = _png(root / "attract/hello.png", (1920, 1080), (10, 50, 120))
    m["attract.bye"] = _png(root / "attract/bye.png", (1920, 1080), (0, 120, 120))
    m["poster"] = _png(root / "video/poster.png", (1920, 1080), (30, 30, 80))
    m["video"] = _video(root / "video/ringback.mp4")
    broken = root / "video/broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(4096))
    m["broken"] = broken
    m["voice.zh"] = _wav(root / "voice/zh.wav")
    m["voice.en"] = _wav(root / "voice/en.wav")
    (root / "video/ringback.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:00.900\nPick a song\n\n00:01.000 --> 00:05.000\nCallers hear it\n",
        encoding="utf-8",
    )
    (root / "video/ringback.zh.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:00.900\n选一首歌\n\n00:01.000 --> 00:05.000\n来电者都能听到\n",
        encoding="utf-8",
    )
    m["vtt.en"] = root / "video/ringback.en.vtt"
    m["vtt.zh"] = root / "video/ringback.zh.vtt"
    return m


# -- content ----------------------------------------------------------------------------
def t(zh: str, en: str) -> Text:
    return model_text(zh, en)


def month(fen: int) -> Price:
    return Price(fen, Period.MONTH)


def build_pack(media: dict[str, Path], **changes: Any) -> Pack:
    """The test content as one national pack; `changes` replace whole sections."""
    categories = (
        Category("cat.music", t("音乐", "Music"), color="#E4572E", icon=media["icon.music"], order=10),
        Category("cat.data", t("流量", "Data"), color="#2E86AB", icon=media["icon.data"], order=20),
        Category("cat.pay", t("支付", "Payments"), color="#3BB273", icon=media["icon.pay"], order=30),
    )
    services = (
        Service(
            "svc.ringback",
            "cat.music",
            t("彩铃", "Ring-back tones"),
            t("让来电者听到你喜欢的歌。", "Callers hear your favourite song."),
            t("十万首歌曲任你选。", "Choose from 100,000 songs."),
            month(500),
            (media["img.music"],),
            demo="demo.ringback",
            video="vid.ringback",
            order=1,
        ),
        Service(
            "svc.radio",
            "cat.music",
            t("音乐电台", "Music radio"),
            t("全天不停的好音乐。", "Great music all day."),
            t("精选电台。", "Hand-picked stations."),
            month(300),
            (media["img.radio"],),
        ),
        Service(
            "svc.datapack",
            "cat.data",
            t("流量包", "Data pack"),
            t("每月多10GB。", "10 GB more every month."),
            t("随时可用。", "Use it any time."),
            month(2000),
            (media["img.data"],),
        ),
        Service(
            "svc.cloud",
            "cat.data",
            t("云盘", "Cloud storage"),
            t("照片永不丢失。", "Never lose a photo."),
            t("100GB空间。", "100 GB of space."),
            month(1000),
            (media["img.cloud"],),
        ),
        Service(
            "svc.pay",
            "cat.pay",
            t("手机支付", "Mobile payment"),
            t("一碰即付。", "Tap your phone to pay."),
            t("安全便捷。", "Safe and simple."),
            Price(0, Period.ONCE),
            (media["img.pay"],),
        ),
    )
    offers = (
        Offer(
            "off.daily",
            OfferKind.DAILY_DEAL,
            t("每日特惠", "Daily deal"),
            t("前三个月八折", "20% off for three months"),
            ("svc.ringback",),
            DiscountRule(RuleKind.PERCENT_OFF, percent=20, periods=3),
            media["img.banner"],
            order=1,
        ),
        Offer(
            "off.data",
            OfferKind.CAMPAIGN,
            t("流量节", "Data festival"),
            t("首月立减5元", "5 yuan off the first month"),
            ("svc.datapack",),
            DiscountRule(RuleKind.AMOUNT_OFF, amount_fen=500, periods=1),
            media["img.data"],
            order=2,
        ),
    )
    demo = Demo(
        "demo.ringback",
        t("彩铃体验", "Try ring-back tones"),
        "pick",
        (
            Scene(
                "pick",
                t("点击一首歌", "Tap a song"),
                image=media["scene1"],
                narration=Narration(
                    t("请选择一首歌。", "Pick a song."),
                    LocalMedia((("zh-CN", media["voice.zh"]), ("en", media["voice.en"]))),
                ),
                hotspots=(Hotspot("song1", (0.1, 0.3, 0.8, 0.15), t("歌曲一", "Song one"), "preview"),),
            ),
            Scene("preview", t("试听", "Listen"), image=media["scene2"], next="set"),
            Scene("set", t("设置完成", "All set"), image=media["scene3"]),
        ),
    )
    video = Video(
        "vid.ringback",
        t("彩铃介绍", "Ring-back tones in 2 seconds"),
        media["video"],
        media["poster"],
        LocalMedia((("zh-CN", media["vtt.zh"]), ("en", media["vtt.en"]))),
    )
    attract = (
        AttractItem("a.hello", image=media["attract.hello"], duration_s=2, order=1),
        AttractItem("a.bye", image=media["attract.bye"], duration_s=2, order=2),
    )
    pack = Pack(
        root=media["video"].parent.parent,
        id="national",
        version=1,
        scope=Scope(ScopeLevel.NATIONAL),
        title=t("测试内容", "Test content"),
        categories=categories,
        services=services,
        offers=offers,
        demos=(demo,),
        videos=(video,),
        attract=attract,
        top10=("svc.ringback", "svc.datapack", "svc.cloud", "svc.pay", "svc.radio"),
    )
    return replace(pack, **changes)


def build_catalog(pack: Pack) -> Catalog:
    result = layer([pack])
    assert not result.skipped, result.skipped
    return Catalog(result.content, TZ)


# -- the kiosk window -------------------------------------------------------------------
class FakeClock:
    """A clock that runs at real speed from a chosen start, so timers still fire."""

    def __init__(self, start: datetime) -> None:
        import time as _time

        self._mono = _time.monotonic
        self._base = start
        self._t0 = _time.monotonic()

    def __call__(self) -> datetime:
        return self._base + timedelta(seconds=self._mono() - self._t0)


# -- a finger ---------------------------------------------------------------------------
def find(shell: KioskShell, name: str) -> QQuickItem | None:
    """The visible item called `name` (the one on top when several screens hold one)."""
    return shown_named(shell.window.contentItem(), name)


def find_object(shell: KioskShell, name: str) -> QObject | None:
    """A non-visual QML object (a MediaPlayer, say) by objectName."""
    return shell.window.findChild(QObject, name)


def wait_for(qtbot: Any, shell: KioskShell, name: str, timeout: int = PATIENCE_MS) -> QQuickItem:
    qtbot.waitUntil(lambda: find(shell, name) is not None, timeout=timeout)
    item = find(shell, name)
    assert item is not None
    return item


def wait_idle(qtbot: Any, shell: KioskShell) -> None:
    """Until the StackView shows the navigator's screen, its transition finished. (Not only
    "not busy": on a loaded machine the transition may not have begun yet.)"""
    stack = find(shell, "stack")
    assert stack is not None
    wanted = f"{shell.kiosk.navigator.screen}Screen"

    def settled() -> bool:
        current = stack.property("currentItem")
        return current is not None and current.objectName() == wanted and not stack.property("busy")

    qtbot.waitUntil(settled, timeout=10_000)


def tap(qtbot: Any, shell: KioskShell, name: str, timeout: int = PATIENCE_MS) -> None:
    """Wait for the item `name`, the screen to settle, and touch its centre."""
    item = wait_for(qtbot, shell, name, timeout)
    wait_idle(qtbot, shell)
    qtbot.waitUntil(lambda: placed(item), timeout=timeout)
    assert item.isEnabled(), f"{name} is disabled"
    point = centre(item)
    win = shell.window
    assert 0 <= point.x() < win.width() and 0 <= point.y() < win.height(), f"{name} is off screen"
    QTest.mouseClick(win, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def texts(shell: KioskShell) -> list[str]:
    """Every visible text on screen."""
    out = []
    for it in items(shell.window.contentItem()):
        text = it.property("text")
        if isinstance(text, str) and text and shown(it):
            out.append(text)
    return out


def events(shell: KioskShell) -> list[dict[str, Any]]:
    ledger: Ledger = shell.ledger  # type: ignore[attr-defined]
    assert ledger.flush()
    return ledger.recent(1000)


def kinds(shell: KioskShell) -> list[str]:
    return [e["kind"] for e in events(shell)]


def prop(obj: QObject, name: str) -> Any:
    return obj.property(name)


def local(d: date, hh: int, mm: int, ss: float = 0) -> datetime:
    """A Shanghai wall-clock moment as an aware UTC datetime."""
    from zoneinfo import ZoneInfo

    whole = int(ss)
    micro = round((ss - whole) * 1_000_000)
    naive = datetime.combine(d, time(hh, mm, whole, micro))
    return naive.replace(tzinfo=ZoneInfo(TZ)).astimezone(UTC)
