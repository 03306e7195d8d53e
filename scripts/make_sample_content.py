"""Make the bundled sample content packs, in content pack format 1 (docs/content-pack.md).

`uv run python scripts/make_sample_content.py` wipes and rewrites three packs:

- `kiosk/sample_content/national` (scope `national`): 7 categories with icons, 11 services with
  images, a 4-5 scene tappable demo per service (narration text in zh-CN and en everywhere,
  narration audio for four demos), two promo videos with posters and zh-CN/en subtitles, an
  attract loop, a daily deal, a family-plan campaign, a weekend-only campaign, a TOP-10, and
  a late-night data pack that is only on show in the evening (18:00-01:00);
- `kiosk/sample_content/province-gd` (scope `province:GD`): Cantonese ring-back tones with their own
  images, narrated demo and attract slide, and an override of the national 10 GB pack's price;
- `kiosk/sample_content/store-gd-sz-0001` (scope `store:GD-SZ-0001`): the Futian store's opening
  campaign with its banner and attract slide.

All art is drawn with Pillow (`sample_content_art.py`), narration is spoken by espeak-ng and
stored as 16 kHz mono Opus, videos are H.264 made with PyAV. Output is deterministic: no
randomness, no timestamps, single-threaded x264, bit-exact muxers; two runs give identical
files. Hotspot rectangles are taken from where the tappable element was actually drawn.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import av
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_content_art import (
    INK,
    LINE,
    MUTED,
    PAGE,
    SCREEN_H,
    SCREEN_W,
    WHITE,
    Canvas,
    Color,
    alpha,
    app_header,
    backdrop,
    badge,
    button,
    chip,
    home_indicator,
    laptop,
    mix,
    notes,
    phone,
    plain_header,
    pos_terminal,
    progress,
    rgb,
    row,
    scenery,
    shade,
    sheet,
    status_bar,
    success_badge,
    tab_bar,
    television,
    text_width,
    tile,
    tint,
    toggle,
    waveform,
)

ROOT = Path(__file__).resolve().parent.parent
PACKS = ROOT / "kiosk" / "sample_content"
FULL = (1920, 1080)
CARD = (1200, 675)
ICON = (256, 256)
SS = 2.0  # supersampling of full-screen art
JPEG_QUALITY = 82
PX, PY = 390, 40  # where the phone stands in demo scenes
RX = 1400  # centre of the illustration on the right of demo scenes

Txt = dict[str, str]


def T(zh: str, en: str) -> Txt:
    """A text in both languages."""
    assert zh and en
    return {"zh-CN": zh, "en": en}


# --------------------------------------------------------------------------- palette

MUSIC, MUSIC2 = rgb("#EF476F"), rgb("#7B2CBF")
VIDEO, VIDEO2 = rgb("#FF7A1A"), rgb("#E0306A")
NEWS, NEWS2 = rgb("#F2A900"), rgb("#E76F51")
PAY, PAY2 = rgb("#12A873"), rgb("#0B7A8C")
DATA, DATA2 = rgb("#1E6FEB"), rgb("#00B4D8")
CLOUD, CLOUD2 = rgb("#0FA3B1"), rgb("#3A86FF")
FAMILY, FAMILY2 = rgb("#8B5CF6"), rgb("#EC4899")
KAPOK = rgb("#D62839")  # Guangdong's kapok-flower red


def hexcolor(c: Color) -> str:
    return "#{:02X}{:02X}{:02X}".format(*c)


# --------------------------------------------------------------------------- writing


class PackWriter:
    """Writes one pack folder; paths given and returned are relative to the pack."""

    def __init__(self, name: str) -> None:
        self.root = PACKS / name
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)

    def path(self, rel: str) -> Path:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def jpeg(self, rel: str, im: Image.Image) -> str:
        im.convert("RGB").save(self.path(rel), "JPEG", quality=JPEG_QUALITY, optimize=True)
        return rel

    def png(self, rel: str, im: Image.Image) -> str:
        im.save(self.path(rel), "PNG", optimize=True)
        return rel

    def text(self, rel: str, content: str) -> str:
        self.path(rel).write_text(content, encoding="utf-8", newline="\n")
        return rel

    def json(self, name: str, data: object) -> None:
        self.text(name, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- audio

VOICES = {"zh-CN": ("cmn-latn-pinyin", "165"), "en": ("en-us", "160")}


def speak(words: str, lang: str, out: Path) -> None:
    """Speak `words` with espeak-ng and store it as 16 kHz mono Opus in Ogg.

    The installed espeak-ng has no full Mandarin character dictionary, so Chinese narration
    is spoken from hand-written pinyin with tone numbers (`cmn-latn-pinyin`)."""
    voice, speed = VOICES[lang]
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "voice.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", speed, "-w", str(wav), words], check=True, capture_output=True
        )
        src = av.open(str(wav))
        dst = av.open(str(out), "w", format="ogg", options={"fflags": "+bitexact"})
        stream = dst.add_stream("libopus", rate=16000, layout="mono")
        stream.bit_rate = 16000
        resampler = av.AudioResampler(format="s16", layout="mono", rate=16000)
        for frame in src.decode(audio=0):
            for f in resampler.resample(frame):
                for packet in stream.encode(f):
                    dst.mux(packet)
        for f in resampler.resample(None):
            for packet in stream.encode(f):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
        dst.close()
        src.close()


# --------------------------------------------------------------------------- video


def encode_video(
    out: Path,
    frame: Callable[[Canvas, float], None],
    seconds: float,
    size: tuple[int, int] = (1280, 720),
    fps: int = 25,
) -> None:
    """Render `frame(canvas, t)` on a 1920x1080 grid for every frame and encode H.264."""
    container = av.open(
        str(out), "w", format="mp4", options={"movflags": "+faststart", "fflags": "+bitexact"}
    )
    stream = container.add_stream("libx264", rate=fps)
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    stream.options = {"crf": "30", "preset": "medium", "threads": "1"}
    stream.codec_context.thread_count = 1
    for i in range(round(seconds * fps)):
        c = Canvas(1920, 1080, 1.0)
        frame(c, i / fps)
        img = c.finish(size)
        for packet in stream.encode(av.VideoFrame.from_image(img)):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()


def vtt(cues: list[tuple[float, float, str]]) -> str:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    lines = ["WEBVTT", ""]
    for i, (a, b, text) in enumerate(cues, 1):
        lines += [str(i), f"{ts(a)} --> {ts(b)}", text, ""]
    return "\n".join(lines)


def ease(t: float) -> float:
    """Smooth 0..1 for t in 0..1 (clamped)."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


# --------------------------------------------------------------------------- demos


@dataclass
class Hot:
    """A hotspot: `mark` names the element drawn on the scene (defaults to `id`)."""

    id: str
    label: Txt
    next: str
    mark: str | None = None


@dataclass
class Scene:
    id: str
    caption: Txt
    say: Txt
    draw: Callable[[Canvas], None]
    hot: list[Hot] = field(default_factory=list)
    next: str | None = None
    pinyin: str | None = None  # for spoken zh-CN narration


@dataclass
class DemoDef:
    id: str
    title: Txt
    scenes: list[Scene]
    audio: bool = False


def stage(
    c: Canvas, color: Color, screen: Callable[[Canvas], None], side: Callable[[Canvas], None] | None = None
) -> None:
    """A demo scene: soft backdrop, an illustration on the right, the phone on the left."""
    backdrop(c, color)
    if side:
        side(c)
    s = c.sub(SCREEN_W, SCREEN_H)
    screen(s)
    phone(c, PX, PY, s)


def build_demo(pack: PackWriter, demo: DemoDef) -> dict:
    slug = demo.id.removeprefix("demo.").replace(".", "-")
    scenes = []
    for n, sc in enumerate(demo.scenes, 1):
        c = Canvas(*FULL, SS)
        sc.draw(c)
        item: dict = {
            "id": sc.id,
            "image": pack.jpeg(f"media/demos/{slug}/{n}-{sc.id}.jpg", c.finish()),
            "caption": sc.caption,
        }
        narration: dict = {"text": sc.say}
        if demo.audio:
            assert sc.pinyin, (demo.id, sc.id)
            audio = {}
            for lang, words in (("zh-CN", sc.pinyin), ("en", sc.say["en"])):
                rel = f"media/voice/{lang}/{slug}-{n}-{sc.id}.ogg"
                speak(words, lang, pack.path(rel))
                audio[lang] = rel
            narration["audio"] = audio
        item["narration"] = narration
        if sc.hot:
            item["hotspots"] = [
                {"id": h.id, "rect": c.fraction(h.mark or h.id), "label": h.label, "next": h.next}
                for h in sc.hot
            ]
        if sc.next:
            item["next"] = sc.next
        scenes.append(item)
    return {"id": demo.id, "title": demo.title, "start": demo.scenes[0].id, "scenes": scenes}


# --------------------------------------------------------------------------- shared screens

Song = tuple[str, str, str]  # zh title, en title, length


def song_list(
    s: Canvas,
    color: Color,
    accent: Color,
    title: Txt,
    banner: Txt,
    songs: list[Song],
    pick: int = 0,
    scenery_kind: str = "sunset",
) -> None:
    """A ring-back tone library: a chart banner and a list of songs; marks `song0`..."""
    top = app_header(s, title["zh-CN"], title["en"], color)
    bx = (24, top + 24, SCREEN_W - 48, 196)
    s.gradient(bx, shade(color, 0.05), accent, r=28)
    s.circle(bx[0] + bx[2] - 70, bx[1] + 60, 90, (255, 255, 255, 28))
    s.circle(bx[0] + bx[2] - 20, bx[1] + 170, 70, (255, 255, 255, 22))
    s.text(56, top + 78, banner["zh-CN"], 34, WHITE, bold=True, anchor="lm")
    s.text(56, top + 120, banner["en"], 18, (255, 255, 255, 225), anchor="lm")
    waveform(s, (56, top + 148, 300, 50), (255, 255, 255, 170))
    y = top + 246
    for i, (zh, en, length) in enumerate(songs):
        sel = i == pick
        box = row(
            s, y, zh, f"{en} · {length}", lead=(0, 0, 0, 0), name=f"song{i}", selected=color if sel else None
        )
        tile(
            s,
            (box[0] + 14, y + 14, 76, 76),
            mix(color, accent, 0.18 * i),
            mix(accent, color, 0.25 * i),
            "music",
            r=16,
        )
        s.circle(box[0] + box[2] - 46, y + 52, 24, tint(color, 0.82 if sel else 0.9))
        s.icon("play", box[0] + box[2] - 44, y + 52, 22, color)
        y += 118


def player(
    s: Canvas, color: Color, accent: Color, song: Song, tag: Txt, action: Txt, played: float = 0.35
) -> None:
    """Preview of one song; marks `set` on the primary button."""
    s.gradient((0, 0, SCREEN_W, SCREEN_H), shade(accent, 0.35), shade(color, 0.15), angle="v")
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 103, tag["zh-CN"] + " · " + tag["en"], 20, (255, 255, 255, 220), anchor="mm")
    art = (SCREEN_W / 2 - 170, 170, 340, 340)
    s.shadow(art, 40, blur=30, dy=20, opacity=0.4)
    s.gradient(art, tint(color, 0.15), accent, r=40)
    s.circle(SCREEN_W / 2, 340, 130, (255, 255, 255, 30))
    s.circle(SCREEN_W / 2, 340, 90, (255, 255, 255, 40))
    s.icon("music", SCREEN_W / 2, 340, 130, WHITE)
    s.text(SCREEN_W / 2, 566, song[0], 36, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 606, song[1], 20, (255, 255, 255, 200), anchor="mm")
    bars = 34
    wx, ww = 44, SCREEN_W - 88
    for i in range(bars):
        v = 0.2 + 0.8 * abs(math.sin(i * 0.7 + 2) * math.cos(i * 0.23 + 1))
        bh = 54 * v
        col = WHITE if i / bars < played else (255, 255, 255, 80)
        s.rrect((wx + i * ww / bars + 2, 670 - bh / 2, ww / bars - 5, bh), 3, col)
    s.text(wx, 716, f"0:{round(30 * played):02d}", 16, (255, 255, 255, 190), anchor="lm")
    s.text(wx + ww, 716, "0:30", 16, (255, 255, 255, 190), anchor="rm")
    s.icon("heart", 110, 770, 34, (255, 255, 255, 200))
    s.circle(SCREEN_W / 2, 770, 40, WHITE)
    s.icon("pause", SCREEN_W / 2, 770, 34, shade(accent, 0.2))
    s.icon("sound", SCREEN_W - 110, 770, 36, (255, 255, 255, 200))
    button(s, (40, 836, SCREEN_W - 80, 96), action["zh-CN"], action["en"], color, "set")
    home_indicator(s, light=True)


def confirm_sheet(
    s: Canvas, color: Color, title: Txt, detail: Txt, price: str, per: Txt, points: list[Txt]
) -> None:
    """The review step before subscribing; marks `confirm` and `cancel`."""
    confirm, cancel = T("确认开通", "Confirm"), T("再想想", "Not now")
    top = sheet(s, 520)
    s.text(40, top + 62, title["zh-CN"], 32, INK, bold=True, anchor="lm")
    s.text(40, top + 100, title["en"] + " · " + detail["en"], 17, MUTED, anchor="lm")
    s.rrect((24, top + 128, SCREEN_W - 48, 100), 22, tint(color, 0.9))
    w = s.text(48, top + 182, price, 52, shade(color, 0.1), bold=True, anchor="ls")
    s.text(56 + w, top + 170, per["zh-CN"], 22, shade(color, 0.1), bold=True, anchor="ls")
    s.text(56 + w, top + 196, per["en"], 15, shade(color, 0.1), anchor="ls")
    s.text(SCREEN_W - 48, top + 178, detail["zh-CN"], 20, MUTED, anchor="rm")
    y = top + 262
    for p in points:
        s.circle(52, y, 15, tint(color, 0.8))
        s.icon("check", 52, y, 20, shade(color, 0.1))
        s.text(80, y - 2, p["zh-CN"], 20, INK, anchor="lm")
        s.text(80 + text_width(p["zh-CN"], 20) + 12, y, p["en"], 15, MUTED, anchor="lm")
        y += 42
    button(s, (32, top + 354, SCREEN_W - 64, 90), confirm["zh-CN"], confirm["en"], color, "confirm")
    cb = (SCREEN_W / 2 - 120, top + 452, 240, 46)
    s.text(SCREEN_W / 2, cb[1] + 23, cancel["zh-CN"] + "  " + cancel["en"], 19, MUTED, anchor="mm")
    s.mark("cancel", cb)


def done_screen(
    s: Canvas, color: Color, title: Txt, lines: list[tuple[str, Txt, str]], note: Txt | None = None
) -> None:
    """A success page: the badge, a title, and a card of (icon, label, value) lines."""
    s.rect((0, 0, SCREEN_W, SCREEN_H), WHITE)
    s.gradient((0, 0, SCREEN_W, 430), tint(color, 0.82), WHITE, angle="v")
    status_bar(s)
    success_badge(s, SCREEN_W / 2, 250, 74, color)
    s.text(SCREEN_W / 2, 402, title["zh-CN"], 36, INK, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 444, title["en"], 20, MUTED, anchor="mm")
    card = (28, 494, SCREEN_W - 56, 96 * len(lines) + 20)
    s.rrect(card, 26, PAGE)
    y = card[1] + 58
    for icon, label, value in lines:
        s.circle(76, y, 26, tint(color, 0.82))
        s.icon(icon, 76, y, 28, shade(color, 0.1))
        s.text(118, y - 12, label["zh-CN"], 21, INK, anchor="lm")
        s.text(118, y + 16, label["en"], 15, MUTED, anchor="lm")
        s.text(SCREEN_W - 54, y, value, 24, INK, bold=True, anchor="rm")
        y += 96
    if note:
        s.text(SCREEN_W / 2, card[1] + card[3] + 50, note["zh-CN"], 19, MUTED, anchor="mm")
        s.text(SCREEN_W / 2, card[1] + card[3] + 80, note["en"], 15, MUTED, anchor="mm")
    home_indicator(s)


def call_screen(
    s: Canvas,
    color: Color,
    accent: Color,
    playing: Song | None,
    video_kind: str | None = None,
    phase: float = 0.0,
) -> None:
    """A caller's phone while it rings: a ring-back song playing, or a video ring-back."""
    if video_kind:
        scenery(s, (0, 0, SCREEN_W, SCREEN_H), video_kind, phase=phase)
        s.vfade((0, 0, SCREEN_W, 360), (24, 18, 40), 235, 0)
        s.vfade((0, SCREEN_H - 360, SCREEN_W, 360), (24, 18, 40), 0, 170)
    else:
        s.gradient((0, 0, SCREEN_W, SCREEN_H), (32, 30, 58), shade(accent, 0.45), angle="v")
    status_bar(s, light=True)
    if not video_kind:
        s.circle(SCREEN_W / 2, 270, 96, (255, 255, 255, 30))
        s.circle(SCREEN_W / 2, 270, 74, tint(color, 0.2))
        s.icon("user", SCREEN_W / 2, 270, 92, WHITE)
        ny = 420
    else:
        ny = 140
    s.text(SCREEN_W / 2, ny, "138 0013 8000", 34, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, ny + 46, "正在呼叫…  Calling…", 20, (255, 255, 255, 200), anchor="mm")
    if playing and not video_kind:
        card = (44, 540, SCREEN_W - 88, 120)
        s.rrect(card, 28, (255, 255, 255, 36))
        s.circle(100, 600, 30, color)
        s.icon("music", 100, 600, 32, WHITE)
        s.text(148, 584, playing[0], 24, WHITE, bold=True, anchor="lm")
        s.text(148, 616, playing[1], 16, (255, 255, 255, 190), anchor="lm")
        waveform(s, (300, 574, 110, 52), (255, 255, 255, 200), bars=10, seed=5, phase=phase)
    for i, icon in enumerate(("sound", "plus", "user")):
        cx = SCREEN_W / 2 + (i - 1) * 130
        s.circle(cx, 730, 42, (255, 255, 255, 50))
        s.icon(icon, cx, 730, 34, WHITE)
    s.circle(SCREEN_W / 2, 860, 50, (235, 64, 64))
    s.icon("handset", SCREEN_W / 2, 860, 50, WHITE)
    home_indicator(s, light=True)


def lock_screen(
    s: Canvas, kind: str, sender: str, icon: str, color: Color, title: Txt, body: Txt, clock: str = "9:41"
) -> None:
    """A lock screen with one notification; marks `notice`."""
    scenery(s, (0, 0, SCREEN_W, SCREEN_H), kind)
    s.rect((0, 0, SCREEN_W, SCREEN_H), (0, 0, 0, 60))
    status_bar(s, light=True)
    s.icon("lock", SCREEN_W / 2, 100, 30, WHITE)
    s.text(SCREEN_W / 2, 200, clock, 110, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 286, "11月23日 星期一  Mon 23 Nov", 20, (255, 255, 255, 220), anchor="mm")
    card = (22, 352, SCREEN_W - 44, 196)
    s.rrect(card, 30, (255, 255, 255, 225))
    s.gradient((44, 374, 52, 52), tint(color, 0.1), shade(color, 0.15), r=14)
    s.icon(icon, 70, 400, 30, WHITE)
    s.text(110, 400, sender, 19, MUTED, bold=True, anchor="lm")
    s.text(SCREEN_W - 48, 400, "现在 now", 16, MUTED, anchor="rm")
    s.text(44, 460, title["zh-CN"], 24, INK, bold=True, anchor="lm")
    s.text(44, 492, title["en"], 17, INK, anchor="lm")
    s.text(44, 524, body["zh-CN"] + " · " + body["en"], 16, MUTED, anchor="lm")
    s.mark("notice", card)
    s.circle(70, SCREEN_H - 110, 34, (255, 255, 255, 60))
    s.icon("bolt", 70, SCREEN_H - 110, 30, WHITE)
    s.circle(SCREEN_W - 70, SCREEN_H - 110, 34, (255, 255, 255, 60))
    s.icon("photo", SCREEN_W - 70, SCREEN_H - 110, 30, WHITE)
    home_indicator(s, light=True)


def caller_side(c: Canvas, color: Color, accent: Color, title: Txt, song: Song) -> None:
    """Right-hand illustration: music flowing from the ringing phone to the caller's ear."""
    badge(c, RX + 40, 430, 150, color, "music")
    notes(
        c,
        [
            (1060, 300, 70),
            (1150, 640, 56),
            (1700, 250, 64),
            (1740, 600, 80),
            (1010, 520, 48),
            (1620, 760, 50),
        ],
        alpha(accent, 150),
    )
    chip(c, RX - 250, 720, "sound", title["zh-CN"], title["en"], color, h=120)
    chip(c, RX - 140, 872, "music", song[0], song[1], accent, h=100)


# --------------------------------------------------------------------------- demo: ring-back

RB_SONGS: list[Song] = [
    ("夏日微风", "Summer Breeze", "3:42"),
    ("城市灯火", "City Lights", "4:05"),
    ("晴天序曲", "Sunny Overture", "3:18"),
    ("星河漫步", "Starlit Stroll", "3:56"),
    ("山海之间", "Hills and Sea", "4:21"),
]


def ringback_demo() -> DemoDef:
    col, acc = MUSIC, MUSIC2
    song = RB_SONGS[0]
    title, banner = T("彩铃", "Ring-back tones"), T("热门榜 TOP 50", "Most loved this week")

    def browse(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 430, 170, col, "music")
            notes(c, [(1120, 250, 64), (1700, 280, 80), (1660, 620, 56), (1100, 600, 50)], alpha(acc, 120))
            chip(c, RX - 300, 720, "music", "100,000+", "正版歌曲 Licensed songs", col, h=120)
            chip(c, RX + 20, 860, "star", "TOP 50", "每周更新 Updated weekly", acc, h=104)

        stage(c, col, lambda s: song_list(s, col, acc, title, banner, RB_SONGS), side)

    def preview(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 430, 170, acc, "sound")
            chip(c, RX - 320, 720, "play", "0:30", "试听片段 Preview clip", col, h=120)
            chip(c, RX + 10, 860, "heart", "98%", "好评 Liked by listeners", acc, h=104)

        stage(
            c,
            col,
            lambda s: player(s, col, acc, song, T("试听", "Preview"), T("设为彩铃", "Set as ring-back tone")),
            side,
        )

    def confirm(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            player(s, col, acc, song, T("试听", "Preview"), T("设为彩铃", "Set as ring-back tone"))
            confirm_sheet(
                s,
                col,
                T("开通彩铃", "Ring-back tones"),
                T("夏日微风", song[1]),
                "¥5",
                T("/月", "a month"),
                [T("可随时退订", "Cancel any time"), T("换歌不另收费", "Change songs free")],
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 430, 170, col, "shield")
            chip(c, RX - 300, 720, "check", "¥5 / 月", "每月 a month · 无隐藏费用 no hidden fees", col, h=120)
            chip(c, RX - 60, 870, "bell", "二次确认", "Always confirmed twice", acc, h=104)

        stage(c, col, screen, side)

    def done(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            done_screen(
                s,
                col,
                T("设置成功", "All set"),
                [
                    ("music", T("当前彩铃", "Your ring-back tone"), song[0]),
                    ("clock", T("生效时间", "Active from"), "现在 now"),
                    ("wallet", T("资费", "Price"), "¥5/月"),
                ],
                T("来电的朋友现在就能听到", "Callers hear it from now on"),
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 450, 190, col, "check")
            notes(c, [(1120, 260, 64), (1700, 280, 80), (1680, 700, 56)], alpha(acc, 120))

        stage(c, col, screen, side)

    def call(c: Canvas) -> None:
        stage(
            c,
            col,
            lambda s: call_screen(s, col, acc, song),
            lambda c: caller_side(c, col, acc, T("朋友听到的", "What your friend hears"), song),
        )

    return DemoDef(
        "demo.ringback",
        T("彩铃体验", "Try ring-back tones"),
        audio=True,
        scenes=[
            Scene(
                "browse",
                T("在曲库里挑一首喜欢的歌", "Browse the library and pick a song"),
                T(
                    "彩铃曲库有十万多首正版歌曲。点一下《夏日微风》，先听一听。",
                    "The ring-back library has over a hundred thousand licensed songs. "
                    "Tap Summer Breeze to hear it first.",
                ),
                browse,
                hot=[Hot("song", T("试听《夏日微风》", "Play Summer Breeze"), "preview", "song0")],
                pinyin="cai3 ling2 qu3 ku4 you3 shi2 wan4 duo1 shou3 zheng4 ban3 ge1 qu3. "
                "dian3 yi2 xia4 xia4 ri4 wei1 feng1, xian1 ting1 yi4 ting1.",
            ),
            Scene(
                "preview",
                T("试听满意，就设为彩铃", "Like it? Make it your ring-back tone"),
                T(
                    "这就是来电的人会听到的音乐。喜欢的话，点“设为彩铃”。",
                    "This is what your callers will hear. If you like it, tap Set as ring-back tone.",
                ),
                preview,
                hot=[Hot("set", T("设为彩铃", "Set as ring-back tone"), "confirm")],
                pinyin="zhe4 jiu4 shi4 lai2 dian4 de5 ren2 hui4 ting1 dao4 de5 yin1 yue4. "
                "xi3 huan1 de5 hua4, dian3 she4 wei2 cai3 ling2.",
            ),
            Scene(
                "confirm",
                T("确认开通：每月5元，随时可退订", "Confirm: 5 yuan a month, cancel any time"),
                T(
                    "开通前会再次确认价格：每月5元，可以随时退订。点“确认开通”。",
                    "You always see the price before anything starts: five yuan a month, and you "
                    "can cancel any time. Tap Confirm.",
                ),
                confirm,
                hot=[
                    Hot("confirm", T("确认开通", "Confirm"), "done"),
                    Hot("cancel", T("再想想", "Not now"), "browse"),
                ],
                pinyin="kai1 tong1 qian2 hui4 zai4 ci4 que4 ren4 jia4 ge2: mei3 yue4 wu3 yuan2, "
                "ke3 yi3 sui2 shi2 tui4 ding4. dian3 que4 ren4 kai1 tong1.",
            ),
            Scene(
                "done",
                T("设置成功，马上生效", "Done, and it works straight away"),
                T(
                    "设置成功！从现在起，朋友给你打电话时，就会听到这首歌。",
                    "All set! From now on, friends who call you will hear this song.",
                ),
                done,
                next="call",
                pinyin="she4 zhi4 cheng2 gong1! cong2 xian4 zai4 qi3, peng2 you5 gei3 ni3 da3 "
                "dian4 hua4 shi2, jiu4 hui4 ting1 dao4 zhe4 shou3 ge1.",
            ),
            Scene(
                "call",
                T("朋友来电时，听到的是你选的歌", "When a friend calls, they hear your song"),
                T(
                    "朋友打来电话，等待接听时听到的不再是嘟嘟声，而是《夏日微风》。",
                    "When a friend calls, they hear Summer Breeze while they wait, instead of a "
                    "plain ringing tone.",
                ),
                call,
                pinyin="peng2 you5 da3 lai2 dian4 hua4, deng3 dai4 jie1 ting1 shi2 ting1 dao4 de5 "
                "bu2 zai4 shi4 du1 du1 sheng1, er2 shi4 xia4 ri4 wei1 feng1.",
            ),
        ],
    )


# --------------------------------------------------------------------------- more helpers


def gauge(
    s: Canvas,
    cx: float,
    cy: float,
    r: float,
    frac: float,
    color: Color,
    width: float = 30,
    track: Color = LINE,
) -> None:
    box = (cx - r, cy - r, 2 * r, 2 * r)
    s.arc(box, 0, 360, track, width)
    if frac > 0:
        s.arc(box, -90, -90 + 360 * frac, color, width)
        for a in (-90, -90 + 360 * frac):
            rad = math.radians(a)
            s.circle(
                cx + (r - width / 2) * math.cos(rad), cy + (r - width / 2) * math.sin(rad), width / 2, color
            )


def skeleton(
    s: Canvas, x: float, y: float, widths: list[float], color: Color = LINE, h: float = 12, gap: float = 24
) -> None:
    """Grey text-like bars: content that is there but need not be read."""
    for i, w in enumerate(widths):
        s.rrect((x, y + i * gap, w, h), h / 2, color)


def city_map(s: Canvas, box: tuple[float, float, float, float]) -> None:
    x, y, w, h = box
    s.rect(box, (238, 240, 232))
    s.ellipse((x + w * 0.55, y + h * 0.08, w * 0.5, h * 0.3), (204, 232, 196))
    s.ellipse((x - w * 0.15, y + h * 0.62, w * 0.45, h * 0.28), (204, 232, 196))
    s.line(
        [
            (x - 10, y + h * 0.42),
            (x + w * 0.3, y + h * 0.36),
            (x + w * 0.6, y + h * 0.5),
            (x + w + 10, y + h * 0.44),
        ],
        (170, 208, 240),
        34,
        round_caps=False,
    )
    for k in range(5):
        yy = y + h * (0.1 + 0.2 * k)
        s.line([(x, yy), (x + w, yy + 30)], WHITE, 16 if k % 2 else 24, round_caps=False)
    for k in range(4):
        xx = x + w * (0.12 + 0.26 * k)
        s.line([(xx, y), (xx - 20, y + h)], WHITE, 14 if k % 2 else 22, round_caps=False)


def map_pin(s: Canvas, x: float, y: float, color: Color, icon: str, size: float = 64) -> None:
    """A pin whose point is at (x, y)."""
    s.shadow((x - size * 0.3, y - 6, size * 0.6, 12), 6, blur=6, dy=0, opacity=0.3)
    s.icon("pin", x, y - size / 2, size, shade(color, 0.05))
    s.circle(x, y - size * 0.62, size * 0.2, WHITE)
    s.icon(icon, x, y - size * 0.62, size * 0.26, color)


def app_tile(
    s: Canvas,
    box: tuple[float, float, float, float],
    color: Color,
    icon: str,
    zh: str,
    en: str,
    name: str | None = None,
) -> None:
    """A square shortcut button with an icon and a two-line label."""
    x, y, w, h = box
    s.rrect(box, 26, WHITE)
    s.gradient((x + w / 2 - 40, y + 24, 80, 80), tint(color, 0.1), shade(color, 0.12), r=24)
    s.icon(icon, x + w / 2, y + 64, 44, WHITE)
    s.text(x + w / 2, y + h - 54, zh, 24, INK, bold=True, anchor="mm")
    s.text(x + w / 2, y + h - 24, en, 16, MUTED, anchor="mm")
    if name:
        s.mark(name, box)


def thumbs(
    s: Canvas,
    x: float,
    y: float,
    cols: int,
    rows: int,
    size: float,
    gap: float,
    kinds: list[str],
    r: float = 12,
) -> list[tuple[float, float, float, float]]:
    boxes = []
    for j in range(rows):
        for i in range(cols):
            b = (x + i * (size + gap), y + j * (size + gap), size, size)
            scenery(s, b, kinds[(i + j * cols) % len(kinds)], r=r, phase=i * 1.3 + j * 0.7)
            boxes.append(b)
    return boxes


KINDS = ["sunset", "sea", "forest", "night", "dawn", "kapok"]


# --------------------------------------------------------------------------- demo: video ring-back

VR_CLIPS: list[tuple[str, str, str]] = [
    ("sunset", "海边日落", "Seaside sunset"),
    ("night", "星空之旅", "Starry journey"),
    ("forest", "春日森林", "Spring forest"),
    ("sea", "蔚蓝海岸", "Blue coast"),
]


def vr_gallery(s: Canvas, col: Color, acc: Color) -> None:
    top = app_header(s, "视频彩铃", "Video ring-back tones", col)
    for k, (kind, zh, en) in enumerate(VR_CLIPS):
        x = 24 + (k % 2) * 224
        y = top + 22 + (k // 2) * 332
        b = (x, y, 200, 250)
        s.shadow(b, 20, blur=10, dy=6, opacity=0.18)
        scenery(s, b, kind, r=20, phase=k)
        s.circle(x + 100, y + 125, 30, (255, 255, 255, 190))
        s.icon("play", x + 102, y + 125, 28, col)
        s.rrect((x + 12, y + 212, 60, 28), 14, (0, 0, 0, 110))
        s.text(x + 42, y + 226, "0:15", 15, WHITE, anchor="mm")
        s.text(x + 4, y + 278, zh, 22, INK, bold=True, anchor="lm")
        s.text(x + 4, y + 306, en, 15, MUTED, anchor="lm")
        s.mark(f"clip{k}", (x, y, 200, 318))
    button(s, (40, 840, SCREEN_W - 80, 92), "上传我的视频", "Upload my own video", col, "upload", ghost=True)
    home_indicator(s)


def vr_upload(s: Canvas, col: Color) -> None:
    top = plain_header(s, "选择视频", "Choose a video")
    boxes = thumbs(s, 16, top + 10, 3, 4, 140, 10, KINDS[::-1] + KINDS, r=8)
    for i, b in enumerate(boxes):
        s.text(
            b[0] + b[2] - 10, b[1] + b[3] - 16, f"0:{8 + i * 3 % 50:02d}", 14, WHITE, bold=True, anchor="rm"
        )
    sel = boxes[4]
    s.rrect(sel, 8, outline=col, width=6)
    s.circle(sel[0] + sel[2] - 24, sel[1] + 24, 18, col)
    s.icon("check", sel[0] + sel[2] - 24, sel[1] + 24, 24, WHITE)
    s.rect((0, 812, SCREEN_W, SCREEN_H - 812), WHITE)
    button(s, (40, 840, SCREEN_W - 80, 92), "使用这段视频", "Use this clip", col, "use")
    home_indicator(s)


def vr_preview(s: Canvas, col: Color) -> None:
    scenery(s, (0, 0, SCREEN_W, SCREEN_H), "sunset", phase=0.8)
    s.vfade((0, 0, SCREEN_W, 220), (0, 0, 0), 130, 0)
    s.vfade((0, SCREEN_H - 300, SCREEN_W, 300), (0, 0, 0), 0, 120)
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 103, "预览 · Preview", 22, WHITE, bold=True, anchor="mm")
    progress(s, (40, 760, SCREEN_W - 80, 8), 0.45, WHITE, (255, 255, 255, 90))
    s.text(40, 790, "0:07", 15, WHITE, anchor="lm")
    s.text(SCREEN_W - 40, 790, "0:15", 15, WHITE, anchor="rm")
    button(s, (40, 836, SCREEN_W - 80, 96), "设为视频彩铃", "Set as video ring-back", col, "set")
    home_indicator(s, light=True)


def video_ringback_demo() -> DemoDef:
    col, acc = MUSIC, rgb("#FF8E72")

    def gallery(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "video")
            chip(c, RX - 300, 720, "play", "1080P", "高清画质 HD quality", col, h=120)
            chip(c, RX + 10, 860, "clock", "15″", "短视频 15-second clips", MUSIC2, h=104)

        stage(c, col, lambda s: vr_gallery(s, col, acc), side)

    def upload(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, MUSIC2, "upload")
            chip(c, RX - 280, 720, "photo", "相册", "从相册选取 From your album", col, h=120)
            chip(c, RX - 40, 860, "shield", "审核", "上线前审核 Checked first", MUSIC2, h=104)

        stage(c, col, lambda s: vr_upload(s, col), side)

    def preview(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "play")
            chip(c, RX - 260, 720, "sound", "有声有画", "Picture and sound", col, h=120)

        stage(c, col, lambda s: vr_preview(s, col), side)

    def caller(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "video")
            chip(c, RX - 300, 720, "phone", "对方看到的", "What your caller sees", col, h=120)
            chip(c, RX - 20, 860, "bolt", "4G / 5G", "高清通话 HD calls", MUSIC2, h=104)

        stage(c, col, lambda s: call_screen(s, col, acc, None, "sunset", 0.8), side)

    return DemoDef(
        "demo.ringback.video",
        T("视频彩铃体验", "Try video ring-back tones"),
        [
            Scene(
                "gallery",
                T("选一段视频，或上传你自己的", "Pick a clip, or upload your own"),
                T(
                    "视频彩铃让来电的人在等待时看到一段短视频。可以选现成的，也可以上传自己拍的。",
                    "With video ring-back tones, callers watch a short video while they wait. "
                    "Pick a ready-made clip or upload one you shot yourself.",
                ),
                gallery,
                hot=[
                    Hot("clip", T("选择《海边日落》", "Choose Seaside sunset"), "preview", "clip0"),
                    Hot("upload", T("上传我的视频", "Upload my own video"), "upload"),
                ],
            ),
            Scene(
                "upload",
                T("从相册里选一段15秒以内的视频", "Choose a clip of up to 15 seconds"),
                T(
                    "从相册里选一段15秒以内的视频，审核通过后就能用。",
                    "Choose a clip of up to 15 seconds from your album. It goes live once it has "
                    "been checked.",
                ),
                upload,
                hot=[Hot("use", T("使用这段视频", "Use this clip"), "preview")],
            ),
            Scene(
                "preview",
                T("先预览，再一键设置", "Preview it, then set it with one tap"),
                T(
                    "先看看效果，满意就点“设为视频彩铃”。",
                    "Have a look first. If you like it, tap Set as video ring-back.",
                ),
                preview,
                hot=[Hot("set", T("设为视频彩铃", "Set as video ring-back"), "caller")],
            ),
            Scene(
                "caller",
                T("来电的人等待时看到你的视频", "Callers watch your video while they wait"),
                T(
                    "朋友给你打电话时，手机上播放的就是这段视频，声音画面都有。",
                    "When friends call you, this video plays on their phone, with picture and sound.",
                ),
                caller,
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: video membership

DARK = (18, 20, 30)
GOLD = rgb("#F5C451")


def vip_tag(s: Canvas, x: float, y: float) -> None:
    s.rrect((x, y, 52, 26), 8, GOLD)
    s.text(x + 26, y + 13, "VIP", 15, (80, 50, 0), bold=True, anchor="mm")


def vm_home(s: Canvas, col: Color) -> None:
    s.rect((0, 0, SCREEN_W, SCREEN_H), DARK)
    status_bar(s, light=True)
    s.text(32, 104, "视频会员", 30, WHITE, bold=True, anchor="lm")
    s.text(172, 106, "Video membership", 17, (255, 255, 255, 160), anchor="lm")
    s.icon("search", SCREEN_W - 48, 104, 32, WHITE)
    feat = (24, 150, SCREEN_W - 48, 268)
    scenery(s, feat, "dawn", r=24, phase=0.4)
    s.rect((24, 330, SCREEN_W - 48, 88), (0, 0, 0, 110))
    s.text(48, 360, "山河纪行", 30, WHITE, bold=True, anchor="lm")
    s.text(48, 396, "Journey Across the Land · 4K", 16, (255, 255, 255, 210), anchor="lm")
    s.circle(SCREEN_W - 80, 372, 30, col)
    s.icon("play", SCREEN_W - 78, 372, 28, WHITE)
    vip_tag(s, 40, 166)
    s.mark("feature", feat)
    for j, (zh, en) in enumerate((("热播剧集", "Trending series"), ("院线电影", "New films"))):
        y = 454 + j * 240
        s.text(28, y, zh, 24, WHITE, bold=True, anchor="lm")
        s.text(28 + text_width(zh, 24, True) + 12, y + 2, en, 15, (255, 255, 255, 140), anchor="lm")
        for i in range(3):
            b = (24 + i * 146, y + 28, 132, 180)
            scenery(s, b, KINDS[(i + 2 * j + 1) % 6], r=14, phase=i + j)
            if (i + j) % 2 == 0:
                vip_tag(s, b[0] + 8, b[1] + 8)
    tab_bar(s, ["home", "video", "star", "user"], 0, col)
    s.rect((0, SCREEN_H - 104, SCREEN_W, 104), (26, 28, 40))
    for i, name in enumerate(["home", "video", "star", "user"]):
        s.icon(name, SCREEN_W / 8 * (2 * i + 1), SCREEN_H - 62, 34, col if i == 0 else (120, 126, 140))
    home_indicator(s, light=True)


def vm_player(s: Canvas, col: Color, locked: bool) -> None:
    s.rect((0, 0, SCREEN_W, SCREEN_H), DARK)
    scenery(s, (0, 0, SCREEN_W, 330), "dawn", phase=1.1)
    s.vfade((0, 0, SCREEN_W, 160), (0, 0, 0), 120, 0)
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    if locked:
        s.rect((0, 120, SCREEN_W, 210), (0, 0, 0, 120))
        s.circle(SCREEN_W / 2, 225, 44, (255, 255, 255, 60))
        s.icon("lock", SCREEN_W / 2, 225, 44, WHITE)
    else:
        s.rrect((SCREEN_W - 110, 84, 84, 32), 8, (0, 0, 0, 120))
        s.text(SCREEN_W - 68, 100, "1080P", 16, WHITE, bold=True, anchor="mm")
        progress(s, (24, 300, SCREEN_W - 48, 6), 0.3, col, (255, 255, 255, 80))
        s.circle(24 + (SCREEN_W - 48) * 0.3, 303, 10, WHITE)
    s.text(28, 378, "山河纪行", 30, WHITE, bold=True, anchor="lm")
    s.text(28, 414, "Journey Across the Land · 第3集 Ep. 3", 17, (255, 255, 255, 170), anchor="lm")
    chips = [("4K", "超清"), ("无广告", "Ad-free"), ("杜比音效", "Dolby")]
    x = 28.0
    for zh, en in chips:
        w = text_width(zh + " " + en, 16) + 28
        s.rrect((x, 444, w, 36), 18, (255, 255, 255, 30))
        s.text(x + w / 2, 462, zh + " " + en, 16, GOLD, anchor="mm")
        x += w + 10
    s.text(28, 524, "选集", 22, WHITE, bold=True, anchor="lm")
    s.text(84, 526, "Episodes", 15, (255, 255, 255, 140), anchor="lm")
    for k in range(12):
        b = (24 + (k % 4) * 108, 556 + (k // 4) * 84, 96, 70)
        current = k == 2
        s.rrect(b, 14, tint(col, 0.1) if current else (40, 43, 58))
        s.text(b[0] + 48, b[1] + 35, str(k + 1), 24, WHITE, bold=current, anchor="mm")
        if k >= 6:
            vip_tag(s, b[0] + b[2] - 44, b[1] - 8)
    home_indicator(s, light=True)


def vm_paywall(s: Canvas, col: Color) -> None:
    vm_player(s, col, locked=True)
    top = sheet(s, 540)
    s.text(40, top + 60, "开通视频会员", 32, INK, bold=True, anchor="lm")
    s.text(40, top + 98, "Join to watch all episodes in HD, ad-free", 17, MUTED, anchor="lm")
    plans = [
        ("连续包月", "Monthly", "¥15", "/月", True),
        ("季卡", "3 months", "¥45", "", False),
        ("年卡", "12 months", "¥180", "", False),
    ]
    for i, (zh, en, price, per, sel) in enumerate(plans):
        b = (24 + i * 144, top + 130, 132, 170)
        s.rrect(b, 22, tint(col, 0.88) if sel else PAGE, outline=col if sel else None, width=3)
        s.text(b[0] + 66, b[1] + 36, zh, 20, INK, bold=True, anchor="mm")
        s.text(b[0] + 66, b[1] + 62, en, 14, MUTED, anchor="mm")
        pw = s.text(b[0] + 66, b[1] + 112, price, 36, shade(col, 0.15), bold=True, anchor="mm")
        if per:
            s.text(b[0] + 66 + pw / 2 + 4, b[1] + 118, per, 16, shade(col, 0.15), anchor="lm")
    s.text(40, top + 330, "话费支付，随时取消  On your phone bill, cancel any time", 15, MUTED, anchor="lm")
    button(s, (32, top + 366, SCREEN_W - 64, 90), "开通会员 ¥15/月", "Join for 15 yuan a month", col, "join")
    s.text(SCREEN_W / 2, top + 488, "暂不开通  Not now", 19, MUTED, anchor="mm")
    s.mark("later", (SCREEN_W / 2 - 120, top + 466, 240, 44))


def vm_cast(s: Canvas, col: Color) -> None:
    top = plain_header(s, "投屏", "Cast to a screen")
    s.rect((0, top, SCREEN_W, SCREEN_H - top), PAGE)
    s.rrect((24, top + 20, SCREEN_W - 48, 180), 24, DARK)
    scenery(s, (40, top + 36, 200, 148), "dawn", r=14, phase=1.1)
    s.text(258, top + 80, "山河纪行", 24, WHITE, bold=True, anchor="lm")
    s.text(258, top + 112, "第3集 Ep. 3", 16, (255, 255, 255, 170), anchor="lm")
    s.text(258, top + 150, "正在投屏 Casting", 16, GOLD, anchor="lm")
    devices = [
        ("tv", "客厅电视", "Living-room TV", True),
        ("phone", "平板", "Tablet", False),
        ("tv", "卧室电视", "Bedroom TV", False),
    ]
    y = top + 230
    for icon, zh, en, on in devices:
        b = row(s, y, zh, en, lead=(0, 0, 0, 0), selected=col if on else None)
        s.circle(b[0] + 52, y + 52, 30, tint(col, 0.8))
        s.icon(icon, b[0] + 52, y + 52, 34, shade(col, 0.1))
        if on:
            s.circle(b[0] + b[2] - 44, y + 52, 18, col)
            s.icon("check", b[0] + b[2] - 44, y + 52, 22, WHITE)
        y += 118
    s.text(SCREEN_W / 2, y + 50, "一个会员账号，手机、平板、电视都能看", 19, MUTED, anchor="mm")
    s.text(SCREEN_W / 2, y + 80, "One membership for phone, tablet and TV", 15, MUTED, anchor="mm")
    home_indicator(s)


def video_member_demo() -> DemoDef:
    col = VIDEO

    def home(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "video")
            chip(c, RX - 300, 720, "star", "5,000+", "剧集和电影 Series and films", col, h=120)
            chip(c, RX + 0, 860, "bolt", "每周上新", "New every week", VIDEO2, h=104)

        stage(c, col, lambda s: vm_home(s, col), side)

    def paywall(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "wallet")
            chip(c, RX - 300, 720, "wallet", "¥15 / 月", "话费支付 On your phone bill", col, h=120)
            chip(c, RX - 40, 860, "check", "随时取消", "Cancel any time", VIDEO2, h=104)

        stage(c, col, lambda s: vm_paywall(s, col), side)

    def playing(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "play")
            chip(c, RX - 280, 720, "star", "4K", "超清画质 Ultra HD", col, h=120)
            chip(c, RX - 20, 860, "shield", "0 广告", "No ads, ever", VIDEO2, h=104)

        stage(c, col, lambda s: vm_player(s, col, locked=False), side)

    def cast(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            scr = television(c, 1000, 250, 800)
            scenery(c, scr, "dawn", r=4, phase=1.1)
            c.rrect((scr[0] + scr[2] - 130, scr[1] + 20, 110, 40), 10, (0, 0, 0, 120))
            c.text(scr[0] + scr[2] - 75, scr[1] + 40, "4K", 22, WHITE, bold=True, anchor="mm")
            chip(c, 1080, 800, "tv", "大屏观看", "Watch on the big screen", col, h=110)

        stage(c, col, lambda s: vm_cast(s, col), side)

    return DemoDef(
        "demo.video.member",
        T("视频会员体验", "Try video membership"),
        [
            Scene(
                "home",
                T("会员专区：热门剧集和新片", "The members' zone: hit series and new films"),
                T(
                    "会员专区有五千多部剧集和电影，每周上新。点一下《山河纪行》。",
                    "The members' zone has over five thousand series and films, with new ones every "
                    "week. Tap Journey Across the Land.",
                ),
                home,
                hot=[Hot("feature", T("播放《山河纪行》", "Play Journey Across the Land"), "paywall")],
            ),
            Scene(
                "paywall",
                T("每月15元，从话费里扣", "15 yuan a month, on your phone bill"),
                T(
                    "开通会员每月15元，直接从话费里扣，不用绑银行卡。",
                    "Membership is 15 yuan a month, added to your phone bill. No bank card needed.",
                ),
                paywall,
                hot=[
                    Hot("join", T("开通会员", "Join"), "playing"),
                    Hot("later", T("暂不开通", "Not now"), "home"),
                ],
            ),
            Scene(
                "playing",
                T("高清无广告，想看就看", "HD and ad-free, whenever you like"),
                T(
                    "开通后立刻就能看，4K超清，没有广告。",
                    "Start watching right away, in 4K and with no ads.",
                ),
                playing,
                next="cast",
            ),
            Scene(
                "cast",
                T("手机、平板、电视，一个会员都能看", "One membership for phone, tablet and TV"),
                T("回家还能投到电视上，全家一起看。", "At home, cast it to the TV and watch together."),
                cast,
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: mobile news


def news_inbox(s: Canvas, col: Color) -> None:
    top = plain_header(s, "信息", "Messages", back=False)
    s.rrect((24, top + 8, SCREEN_W - 48, 56), 28, PAGE)
    s.icon("search", 56, top + 36, 24, MUTED)
    threads = [
        ("news", col, "手机报", "早间版 · Morning edition", "07:00", True),
        ("phone", DATA, "10086", "本月账单已出 · Your bill", "昨天", False),
        ("gift", PAY, "积分商城", "积分兑好礼 · Rewards", "周六", False),
        ("user", FAMILY, "妈妈", "晚上回家吃饭吗？", "周五", False),
        ("bell", MUTED, "快递", "包裹已签收 · Delivered", "周四", False),
    ]
    y = top + 90
    for i, (icon, c, name, msg, when, unread) in enumerate(threads):
        b = (16, y, SCREEN_W - 32, 112)
        if unread:
            s.rrect(b, 22, tint(col, 0.88))
            s.mark("edition", b)
        s.gradient((32, y + 18, 76, 76), tint(c, 0.1), shade(c, 0.12), r=38)
        s.icon(icon, 70, y + 56, 38, WHITE)
        s.text(126, y + 40, name, 24, INK, bold=True, anchor="lm")
        s.text(126, y + 76, msg, 18, INK if unread else MUTED, anchor="lm")
        s.text(SCREEN_W - 40, y + 40, when, 16, MUTED, anchor="rm")
        if unread:
            s.circle(SCREEN_W - 50, y + 76, 9, (235, 64, 64))
        if i:
            s.rect((126, y, SCREEN_W - 150, 1), LINE)
        y += 118
    home_indicator(s)


def news_edition(s: Canvas, col: Color) -> None:
    top = app_header(s, "手机报 · 早间版", "Mobile News · Morning", shade(col, 0.05))
    s.rrect((24, top + 20, SCREEN_W - 48, 120), 24, WHITE)
    s.icon("sun", 90, top + 80, 70, rgb("#F5A623"))
    s.text(150, top + 66, "26°", 40, INK, bold=True, anchor="lm")
    s.text(150, top + 108, "晴 Sunny · 18–27°C", 17, MUTED, anchor="lm")
    s.text(SCREEN_W - 52, top + 66, "11/23", 22, INK, bold=True, anchor="rm")
    s.text(SCREEN_W - 52, top + 106, "AQI 32", 17, PAY, bold=True, anchor="rm")
    sections = [
        ("要闻", "Top stories", "sunset"),
        ("财经", "Business", "sea"),
        ("体育", "Sports", "forest"),
        ("科技", "Tech", "night"),
    ]
    y = top + 160
    for zh, en, kind in sections:
        s.rrect((24, y, SCREEN_W - 48, 150), 24, WHITE)
        scenery(s, (40, y + 16, 150, 118), kind, r=14, phase=y / 100)
        s.rrect((206, y + 18, text_width(zh + " " + en, 15) + 20, 30), 15, tint(col, 0.82))
        s.text(216, y + 33, zh + " " + en, 15, shade(col, 0.35), bold=True, anchor="lm")
        skeleton(s, 206, y + 64, [220, 200, 140], h=13, gap=26)
        y += 166
    home_indicator(s)


def news_settings(s: Canvas, col: Color) -> None:
    top = app_header(s, "订阅设置", "Choose your editions", shade(col, 0.05))
    opts = [
        ("sun", "早间版 07:00", "Morning edition", True),
        ("moon", "晚间版 19:00", "Evening edition", True),
        ("star", "体育", "Sports", True),
        ("wallet", "财经", "Business", False),
        ("video", "娱乐", "Entertainment", False),
    ]
    y = top + 24
    for icon, zh, en, on in opts:
        b = row(s, y, zh, en, lead=(0, 0, 0, 0), h=100)
        s.circle(b[0] + 50, y + 50, 28, tint(col, 0.8))
        s.icon(icon, b[0] + 50, y + 50, 32, shade(col, 0.2))
        toggle(s, b[0] + b[2] - 96, y + 29, on, col)
        y += 112
    s.text(SCREEN_W / 2, y + 24, "每月3元 · 短信/彩信发送", 19, MUTED, anchor="mm")
    s.text(SCREEN_W / 2, y + 52, "3 yuan a month, sent by SMS/MMS", 15, MUTED, anchor="mm")
    button(
        s,
        (40, 836, SCREEN_W - 80, 96),
        "订阅 ¥3/月",
        "Subscribe for 3 yuan a month",
        shade(col, 0.05),
        "subscribe",
    )
    home_indicator(s)


def news_demo() -> DemoDef:
    col = NEWS

    def inbox(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "news")
            chip(c, RX - 300, 720, "sun", "07:00", "早间版 Morning edition", col, h=120)
            chip(c, RX + 0, 860, "moon", "19:00", "晚间版 Evening edition", NEWS2, h=104)

        stage(c, col, lambda s: news_inbox(s, col), side)

    def read(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, NEWS2, "news")
            chip(c, RX - 300, 720, "clock", "3 分钟", "读完一期 Read in 3 minutes", col, h=120)
            chip(c, RX + 0, 860, "sun", "天气", "每天天气 Daily weather", NEWS2, h=104)

        stage(c, col, lambda s: news_edition(s, col), side)

    def settings(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "bell")
            chip(c, RX - 280, 720, "check", "按需选择", "Only what you want", col, h=120)
            chip(c, RX - 20, 860, "wallet", "¥3 / 月", "每月 a month", NEWS2, h=104)

        stage(c, col, lambda s: news_settings(s, col), side)

    def done(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            done_screen(
                s,
                shade(col, 0.05),
                T("订阅成功", "Subscribed"),
                [
                    ("sun", T("早间版", "Morning edition"), "07:00"),
                    ("moon", T("晚间版", "Evening edition"), "19:00"),
                    ("wallet", T("资费", "Price"), "¥3/月"),
                ],
                T("明天早上7点收到第一期", "Your first edition arrives at 7 tomorrow"),
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 450, 190, col, "check")

        stage(c, col, screen, side)

    return DemoDef(
        "demo.news",
        T("手机报体验", "Try mobile news"),
        [
            Scene(
                "inbox",
                T("每天早晚两期，直接发到手机上", "Two editions a day, sent to your phone"),
                T(
                    "手机报每天早上7点和晚上7点各发一期。点开今天的早间版看看。",
                    "Mobile News arrives at 7 every morning and 7 every evening. Open today's "
                    "morning edition.",
                ),
                inbox,
                hot=[Hot("edition", T("打开早间版", "Open the morning edition"), "read")],
            ),
            Scene(
                "read",
                T("要闻、天气、财经、体育，一期看完", "News, weather, business and sports"),
                T(
                    "一期手机报包括要闻、天气、财经和体育，三分钟就能看完。",
                    "Each edition brings the top stories, the weather, business and sports. "
                    "You can read it in three minutes.",
                ),
                read,
                next="settings",
            ),
            Scene(
                "settings",
                T("只订自己想看的版面", "Pick only the sections you want"),
                T(
                    "想看哪些版面自己选。每月3元，点“订阅”。",
                    "Choose the sections you want. It's 3 yuan a month; tap Subscribe.",
                ),
                settings,
                hot=[Hot("subscribe", T("订阅", "Subscribe"), "done")],
            ),
            Scene(
                "done",
                T("订阅成功，明早7点收到第一期", "Subscribed: first edition at 7 tomorrow"),
                T(
                    "订阅成功！明天早上7点就能收到第一期。",
                    "You're subscribed! Your first edition arrives at 7 tomorrow morning.",
                ),
                done,
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: Hebao payment


def barcode(s: Canvas, x: float, y: float, w: float, h: float) -> None:
    bits = "1101001110101100111010011011101011001101101110100111010110011101001101110101"
    step = w / len(bits)
    for i, b in enumerate(bits):
        if b == "1":
            s.rect((x + i * step, y, step * (1.0 if i % 3 else 1.6), h), INK)


def pay_home(s: Canvas, col: Color) -> None:
    s.gradient((0, 0, SCREEN_W, 420), tint(col, 0.05), PAY2, angle="diag")
    status_bar(s, light=True)
    s.text(36, 104, "和包", 32, WHITE, bold=True, anchor="lm")
    s.text(112, 108, "Hebao Pay", 18, (255, 255, 255, 200), anchor="lm")
    s.icon("bell", SCREEN_W - 48, 104, 30, WHITE)
    s.text(36, 172, "余额 Balance (¥)", 18, (255, 255, 255, 210), anchor="lm")
    s.text(36, 222, "1,286.50", 48, WHITE, bold=True, anchor="lm")
    for i, (icon, zh, en, name) in enumerate(
        (("qr", "付款码", "Pay code", "paycode"), ("scan", "扫一扫", "Scan", "scan"))
    ):
        b = (24 + i * 220, 276, 204, 190)
        s.shadow(b, 26, blur=14, dy=8, opacity=0.18)
        app_tile(s, b, col, icon, zh, en, name)
    s.rect((0, 490, SCREEN_W, SCREEN_H - 490), PAGE)
    s.text(32, 516, "最近交易", 22, INK, bold=True, anchor="lm")
    s.text(130, 518, "Recent", 15, MUTED, anchor="lm")
    txs = [
        ("home", "便利店", "Convenience store", "-23.50"),
        ("bus", "地铁", "Metro", "-4.00"),
        ("phone", "话费充值", "Phone top-up", "-50.00"),
    ]
    y = 546
    for icon, zh, en, amt in txs:
        b = row(s, y, zh, en, lead=(0, 0, 0, 0), h=96)
        s.circle(b[0] + 48, y + 48, 28, tint(col, 0.82))
        s.icon(icon, b[0] + 48, y + 48, 30, shade(col, 0.15))
        s.text(b[0] + b[2] - 24, y + 48, amt, 24, INK, bold=True, anchor="rm")
        y += 104
    tab_bar(s, ["home", "wallet", "gift", "user"], 0, col)


def pay_code(s: Canvas, col: Color) -> None:
    s.gradient((0, 0, SCREEN_W, SCREEN_H), col, PAY2, angle="v")
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 103, "付款码 · Pay code", 24, WHITE, bold=True, anchor="mm")
    card = (24, 160, SCREEN_W - 48, 640)
    s.rrect(card, 30, WHITE)
    s.text(SCREEN_W / 2, 214, "向商家出示  Show to the cashier", 20, MUTED, anchor="mm")
    barcode(s, 58, 250, SCREEN_W - 116, 110)
    s.text(SCREEN_W / 2, 384, "2847 •••• •••• 5319", 18, MUTED, anchor="mm")
    s.qr("KIOSK DEMO ONLY - not a real payment code", SCREEN_W / 2 - 130, 420, 260)
    s.rrect((SCREEN_W / 2 - 34, 516, 68, 68), 16, WHITE)
    s.gradient((SCREEN_W / 2 - 28, 522, 56, 56), tint(col, 0.05), PAY2, r=14)
    s.icon("wallet", SCREEN_W / 2, 550, 32, WHITE)
    s.text(SCREEN_W / 2, 722, "每分钟自动刷新", 18, MUTED, anchor="mm")
    s.text(SCREEN_W / 2, 752, "Refreshes every minute", 15, MUTED, anchor="mm")
    s.rrect((24, 824, SCREEN_W - 48, 96), 24, (255, 255, 255, 40))
    s.icon("wallet", 80, 872, 34, WHITE)
    s.text(120, 860, "优先使用余额支付", 20, WHITE, bold=True, anchor="lm")
    s.text(120, 888, "Paying from balance first", 15, (255, 255, 255, 200), anchor="lm")
    s.icon("chevron", SCREEN_W - 60, 872, 26, WHITE)
    home_indicator(s, light=True)


def pay_scan(s: Canvas, col: Color) -> None:
    s.gradient((0, 0, SCREEN_W, SCREEN_H), (60, 58, 54), (24, 24, 28), angle="v")
    s.rrect((60, 200, 352, 420), 30, (236, 232, 222))
    s.text(SCREEN_W / 2, 250, "便利店 收款码", 22, INK, bold=True, anchor="mm")
    s.qr("KIOSK DEMO ONLY - sample shop code", SCREEN_W / 2 - 110, 290, 220)
    s.rrect((60, 200, 352, 420), 30, (0, 0, 0, 70))
    fr = (SCREEN_W / 2 - 140, 270, 280, 280)
    for (x, y), (dx, dy) in zip(
        ((fr[0], fr[1]), (fr[0] + fr[2], fr[1]), (fr[0], fr[1] + fr[3]), (fr[0] + fr[2], fr[1] + fr[3])),
        ((1, 1), (-1, 1), (1, -1), (-1, -1)),
        strict=True,
    ):
        s.line([(x + dx * 50, y), (x, y), (x, y + dy * 50)], tint(col, 0.2), 8)
    s.rrect((fr[0] + 10, 420, fr[2] - 20, 5), 2, tint(col, 0.3))
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 103, "扫一扫 · Scan", 24, WHITE, bold=True, anchor="mm")
    card = (0, 640, SCREEN_W, SCREEN_H - 640)
    s.rrect(card, 36, WHITE, corners=(True, True, False, False))
    s.circle(64, 704, 30, tint(col, 0.82))
    s.icon("home", 64, 704, 32, shade(col, 0.15))
    s.text(108, 690, "便利店", 24, INK, bold=True, anchor="lm")
    s.text(108, 720, "Convenience store", 16, MUTED, anchor="lm")
    s.text(SCREEN_W - 40, 704, "¥23.50", 38, INK, bold=True, anchor="rm")
    s.rect((32, 760, SCREEN_W - 64, 1), LINE)
    s.text(40, 792, "付款方式 Pay with", 17, MUTED, anchor="lm")
    s.text(SCREEN_W - 40, 792, "余额 Balance", 17, INK, anchor="rm")
    button(s, (32, 830, SCREEN_W - 64, 92), "支付 ¥23.50", "Pay 23.50 yuan", col, "pay")
    home_indicator(s)


def pay_demo() -> DemoDef:
    col = PAY

    def home(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "wallet")
            chip(c, RX - 300, 720, "qr", "付款码", "出示给商家 Show your code", col, h=120)
            chip(c, RX - 20, 860, "scan", "扫一扫", "扫商家的码 Scan theirs", PAY2, h=104)

        stage(c, col, lambda s: pay_home(s, col), side)

    def qr(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            c.circle(1420, 480, 300, alpha(col, 26))
            pos_terminal(c, 1380, 200, col)
            chip(c, 1060, 820, "bolt", "1 秒", "扫码即付 Paid in a second", col, h=120)

        stage(c, col, lambda s: pay_code(s, col), side)

    def scan(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, PAY2, "scan")
            chip(c, RX - 300, 720, "check", "核对金额", "Check the amount first", col, h=120)
            chip(c, RX - 20, 860, "shield", "安全支付", "Protected payments", PAY2, h=104)

        stage(c, col, lambda s: pay_scan(s, col), side)

    def paid(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            done_screen(
                s,
                col,
                T("支付成功", "Payment successful"),
                [
                    ("wallet", T("付款金额", "Amount"), "¥23.50"),
                    ("home", T("商户", "Shop"), "便利店"),
                    ("star", T("积分", "Points"), "+23"),
                ],
                T("每笔消费都能攒积分", "Every purchase earns points"),
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "check")
            chip(c, RX - 260, 720, "star", "+23", "积分到账 Points earned", PAY2, h=120)

        stage(c, col, screen, side)

    return DemoDef(
        "demo.pay",
        T("和包支付体验", "Try Hebao mobile payment"),
        audio=True,
        scenes=[
            Scene(
                "home",
                T("两种付款方式：出示付款码，或扫一扫", "Two ways to pay: show a code, or scan"),
                T(
                    "和包有两种付款方式：出示付款码，或者扫商家的收款码。",
                    "Hebao gives you two ways to pay: show your payment code, or scan the shop's code.",
                ),
                home,
                hot=[Hot("paycode", T("付款码", "Pay code"), "qr"), Hot("scan", T("扫一扫", "Scan"), "scan")],
                pinyin="he2 bao1 you3 liang3 zhong3 fu4 kuan3 fang1 shi4: chu1 shi4 fu4 kuan3 ma3, "
                "huo4 zhe3 sao3 shang1 jia1 de5 shou1 kuan3 ma3.",
            ),
            Scene(
                "qr",
                T("把付款码给收银员扫一下", "Let the cashier scan your code"),
                T("把付款码给收银员扫一下，就付好了。", "Let the cashier scan your code, and you have paid."),
                qr,
                next="paid",
                pinyin="ba3 fu4 kuan3 ma3 gei3 shou1 yin2 yuan2 sao3 yi2 xia4, jiu4 fu4 hao3 le5.",
            ),
            Scene(
                "scan",
                T("扫商家的收款码，核对金额后支付", "Scan the shop's code, check, then pay"),
                T(
                    "扫一扫商家的收款码，核对金额，再点支付。",
                    "Scan the shop's code, check the amount, then tap Pay.",
                ),
                scan,
                hot=[Hot("pay", T("支付 ¥23.50", "Pay 23.50 yuan"), "paid")],
                pinyin="sao3 yi4 sao3 shang1 jia1 de5 shou1 kuan3 ma3, he2 dui4 jin1 e2, zai4 "
                "dian3 zhi1 fu4.",
            ),
            Scene(
                "paid",
                T("支付成功，还能攒积分", "Paid, and you earn points too"),
                T("支付成功，每一笔消费还能攒积分。", "Payment done, and every purchase earns you points."),
                paid,
                pinyin="zhi1 fu4 cheng2 gong1, mei3 yi4 bi3 xiao1 fei4 hai2 neng2 zan3 ji1 fen1.",
            ),
        ],
    )


# --------------------------------------------------------------------------- demos: data packs

WARN = rgb("#F0643C")


def data_usage(s: Canvas, col: Color, left: str, frac: float, low: bool) -> None:
    s.gradient((0, 0, SCREEN_W, 560), tint(col, 0.05), DATA2, angle="diag")
    status_bar(s, light=True)
    s.text(SCREEN_W / 2, 100, "我的流量", 28, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 132, "My data", 16, (255, 255, 255, 200), anchor="mm")
    s.circle(SCREEN_W / 2, 330, 150, WHITE)
    gauge(s, SCREEN_W / 2, 330, 132, frac, WARN if low else col, 26)
    s.text(SCREEN_W / 2, 316, left, 50, INK, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 366, "剩余 Left", 19, MUTED, anchor="mm")
    s.rect((0, 520, SCREEN_W, SCREEN_H - 520), PAGE)
    s.rrect((24, 500, SCREEN_W - 48, 196), 26, WHITE)
    lines = [
        ("套餐流量 Plan", "10 GB"),
        ("本月已用 Used", "9.2 GB"),
        ("流量包 Packs", "—" if low else "10 GB"),
    ]
    for i, (k, v) in enumerate(lines):
        y = 540 + i * 58
        s.text(52, y, k, 19, MUTED, anchor="lm")
        s.text(SCREEN_W - 52, y, v, 22, INK, bold=True, anchor="rm")
    if low:
        s.rrect((24, 716, SCREEN_W - 48, 88), 22, tint(WARN, 0.86))
        s.icon("bell", 66, 760, 32, WARN)
        s.text(100, 746, "流量即将用完", 21, shade(WARN, 0.3), bold=True, anchor="lm")
        s.text(100, 774, "Less than 1 GB left this month", 15, shade(WARN, 0.2), anchor="lm")
        button(s, (40, 836, SCREEN_W - 80, 96), "加流量包", "Add data", col, "add")
    else:
        s.rrect((24, 716, SCREEN_W - 48, 88), 22, tint(PAY, 0.86))
        s.icon("check", 66, 760, 32, PAY)
        s.text(100, 746, "10GB 月包已生效", 21, shade(PAY, 0.3), bold=True, anchor="lm")
        s.text(100, 774, "10 GB monthly pack is active", 15, shade(PAY, 0.2), anchor="lm")
        tab_bar(s, ["home", "data", "gift", "user"], 1, col)
        return
    home_indicator(s)


DATA_PACKS = [
    ("10GB 月包", "10 GB monthly", "¥30", "/月", "p10", "热销 Hot"),
    ("1GB 日包", "1 GB day pass · 24 h", "¥5", "", "p1", ""),
    ("20GB 夜间包", "20 GB, 23:00–07:00", "¥10", "/月", "p20", ""),
    ("5GB 月包", "5 GB monthly", "¥20", "/月", "p5", ""),
]


def data_packs(s: Canvas, col: Color, pick: str = "p10") -> None:
    top = plain_header(s, "流量包", "Data packs")
    s.rect((0, top, SCREEN_W, SCREEN_H - top), PAGE)
    y = top + 20
    for zh, en, price, per, name, tag in DATA_PACKS:
        sel = name == pick
        b = (24, y, SCREEN_W - 48, 150)
        if sel:
            s.shadow(b, 26, blur=14, dy=8, color=col, opacity=0.25)
        s.rrect(b, 26, WHITE, outline=col if sel else None, width=3)
        s.gradient((44, y + 28, 94, 94), tint(col, 0.1), DATA2, r=24)
        s.icon("data", 91, y + 75, 52, WHITE)
        s.text(160, y + 58, zh, 26, INK, bold=True, anchor="lm")
        s.text(160, y + 96, en, 16, MUTED, anchor="lm")
        pw = text_width(price, 34, True)
        s.text(
            SCREEN_W - 48 - (text_width(per, 17) if per else 0),
            y + 76,
            price,
            34,
            shade(col, 0.1),
            bold=True,
            anchor="rm",
        )
        if per:
            s.text(SCREEN_W - 46, y + 84, per, 17, shade(col, 0.1), anchor="rm")
        if tag:
            s.rrect((SCREEN_W - 48 - 96, y - 12, 96, 30), 15, WARN)
            s.text(SCREEN_W - 96, y + 3, tag, 15, WHITE, bold=True, anchor="mm")
        del pw
        s.mark(name, b)
        y += 170
    home_indicator(s)


def data_demo() -> DemoDef:
    col = DATA

    def usage(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, WARN, "data")
            chip(c, RX - 300, 720, "bell", "< 1 GB", "本月剩余 Left this month", WARN, h=120)
            chip(c, RX - 20, 860, "clock", "8 天", "才到月底 Days to go", col, h=104)

        stage(c, col, lambda s: data_usage(s, col, "0.8 GB", 0.92, True), side)

    def packs(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "data")
            chip(c, RX - 300, 720, "star", "10 GB", "最受欢迎 Most popular", col, h=120)
            chip(c, RX - 20, 860, "wallet", "¥30 / 月", "每月 a month", DATA2, h=104)

        stage(c, col, lambda s: data_packs(s, col), side)

    def confirm(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            data_packs(s, col)
            confirm_sheet(
                s,
                col,
                T("10GB 流量包", "10 GB data pack"),
                T("每月自动续订", "Monthly"),
                "¥30",
                T("/月", "a month"),
                [T("立即生效", "Starts right away"), T("可随时退订", "Cancel any time")],
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "shield")
            chip(c, RX - 280, 720, "bolt", "立即生效", "No waiting", col, h=120)

        stage(c, col, screen, side)

    def done(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, PAY, "check")
            chip(c, RX - 300, 720, "video", "约 20 小时", "高清视频 About 20 h of HD video", col, h=120)
            chip(c, RX - 20, 860, "bolt", "5G", "全速 Full speed", DATA2, h=104)

        stage(c, col, lambda s: data_usage(s, col, "10.8 GB", 0.46, False), side)

    return DemoDef(
        "demo.data.10gb",
        T("10GB流量包体验", "Try the 10 GB data pack"),
        audio=True,
        scenes=[
            Scene(
                "usage",
                T("这个月流量快用完了？", "Running out of data this month?"),
                T(
                    "这个月的流量只剩不到1GB了。点“加流量包”。",
                    "Less than one gigabyte left this month. Tap Add data.",
                ),
                usage,
                hot=[Hot("add", T("加流量包", "Add data"), "packs")],
                pinyin="zhe4 ge4 yue4 de5 liu2 liang4 zhi3 sheng4 bu2 dao4 yi2 ge4 ji1 le5. "
                "dian3 jia1 liu2 liang4 bao1.",
            ),
            Scene(
                "packs",
                T("选10GB月包，每月30元", "Choose the 10 GB monthly pack"),
                T("选择10GB月包，每月30元。", "Choose the ten gigabyte monthly pack, thirty yuan a month."),
                packs,
                hot=[Hot("p10", T("10GB 月包", "10 GB monthly pack"), "confirm")],
                pinyin="xuan3 ze2 shi2 ji1 yue4 bao1, mei3 yue4 san1 shi2 yuan2.",
            ),
            Scene(
                "confirm",
                T("确认后立即生效", "It starts as soon as you confirm"),
                T("确认之后立即生效，不用等待。", "It takes effect the moment you confirm. No waiting."),
                confirm,
                hot=[
                    Hot("confirm", T("确认开通", "Confirm"), "done"),
                    Hot("cancel", T("再想想", "Not now"), "packs"),
                ],
                pinyin="que4 ren4 zhi1 hou4 li4 ji2 sheng1 xiao4, bu2 yong4 deng3 dai4.",
            ),
            Scene(
                "done",
                T("流量马上到账", "Your data is there at once"),
                T("流量已经到账，可以放心看视频了。", "Your data is in. Go ahead and stream."),
                done,
                pinyin="liu2 liang4 yi3 jing1 dao4 zhang4, ke3 yi3 fang4 xin1 kan4 shi4 pin2 le5.",
            ),
        ],
    )


def day_offer(s: Canvas, col: Color) -> None:
    top = app_header(s, "1GB 日包", "1 GB day pass", col)
    card = (24, top + 24, SCREEN_W - 48, 300)
    s.gradient(card, tint(col, 0.1), DATA2, r=30)
    s.circle(card[0] + card[2] - 60, card[1] + 60, 110, (255, 255, 255, 26))
    s.text(56, top + 110, "1 GB", 72, WHITE, bold=True, anchor="lm")
    s.text(56, top + 176, "24 小时有效 · Valid for 24 hours", 19, WHITE, anchor="lm")
    s.text(56, top + 260, "¥5", 52, WHITE, bold=True, anchor="lm")
    s.text(120, top + 268, "一次性 one-off", 17, (255, 255, 255, 220), anchor="lm")
    feats = [
        ("bolt", "购买即用", "Works straight away"),
        ("clock", "从购买起算24小时", "24 h from purchase"),
        ("shield", "不自动续订", "Never renews by itself"),
    ]
    y = top + 354
    for icon, zh, en in feats:
        b = row(s, y, zh, en, lead=(0, 0, 0, 0), h=92)
        s.circle(b[0] + 46, y + 46, 26, tint(col, 0.82))
        s.icon(icon, b[0] + 46, y + 46, 28, shade(col, 0.1))
        y += 102
    button(s, (40, 836, SCREEN_W - 80, 96), "立即购买 ¥5", "Buy now for 5 yuan", col, "buy")
    home_indicator(s)


def code_sheet(s: Canvas, col: Color, digits: str) -> None:
    top = sheet(s, 560)
    s.text(40, top + 62, "短信验证码", 30, INK, bold=True, anchor="lm")
    s.text(40, top + 98, "Enter the code sent to 138 •••• 8000", 17, MUTED, anchor="lm")
    for i, d in enumerate(digits):
        b = (40 + i * 104, top + 134, 84, 100)
        s.rrect(b, 18, PAGE, outline=col if i == len(digits) - 1 else LINE, width=3)
        s.text(b[0] + 42, b[1] + 50, d, 44, INK, bold=True, anchor="mm")
    s.text(40, top + 270, "为了保护你，每次订购都需要二次确认", 18, MUTED, anchor="lm")
    s.text(40, top + 298, "Every order is confirmed twice to protect you", 15, MUTED, anchor="lm")
    s.rrect((24, top + 330, SCREEN_W - 48, 60), 18, tint(col, 0.9))
    s.text(44, top + 360, "1GB 日包 · 1 GB day pass", 19, INK, anchor="lm")
    s.text(SCREEN_W - 44, top + 360, "¥5", 24, shade(col, 0.1), bold=True, anchor="rm")
    button(s, (32, top + 414, SCREEN_W - 64, 90), "确认购买", "Confirm purchase", col, "confirm")


def day_done(s: Canvas, col: Color) -> None:
    done_screen(
        s,
        col,
        T("购买成功", "Day pass active"),
        [
            ("data", T("日包流量", "Day pass data"), "1 GB"),
            ("clock", T("剩余时间", "Time left"), "23:59:58"),
            ("wallet", T("费用", "Paid"), "¥5"),
        ],
        T("明天此时自动结束，不会续订", "Ends this time tomorrow, no renewal"),
    )


def day_demo() -> DemoDef:
    col = DATA

    def sms(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, WARN, "bell")
            chip(c, RX - 280, 720, "data", "50 MB", "剩余流量 Data left", WARN, h=120)

        stage(
            c,
            col,
            lambda s: lock_screen(
                s,
                "sea",
                "10086",
                "phone",
                col,
                T("流量余额不足 50MB", "Only 50 MB of data left"),
                T("点击购买日包", "Tap for a day pass"),
            ),
            side,
        )

    def offer(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "data")
            chip(c, RX - 280, 720, "clock", "24 小时", "24 hours of data", col, h=120)
            chip(c, RX - 20, 860, "wallet", "¥5", "只付一次 Pay once", DATA2, h=104)

        stage(c, col, lambda s: day_offer(s, col), side)

    def code(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            day_offer(s, col)
            code_sheet(s, col, "4827")

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "lock")
            chip(c, RX - 280, 720, "shield", "二次确认", "Confirmed twice", col, h=120)

        stage(c, col, screen, side)

    def done(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, PAY, "check")
            chip(c, RX - 280, 720, "bolt", "1 GB", "已到账 Ready to use", col, h=120)

        stage(c, col, lambda s: day_done(s, col), side)

    return DemoDef(
        "demo.data.day",
        T("1GB日包体验", "Try the 1 GB day pass"),
        [
            Scene(
                "alert",
                T("流量不够时会收到提醒", "A message tells you when data runs low"),
                T(
                    "流量快用完时，10086会发短信提醒你。点开这条提醒。",
                    "When your data runs low, 10086 sends you a message. Tap it.",
                ),
                sms,
                hot=[Hot("notice", T("打开提醒", "Open the message"), "offer")],
            ),
            Scene(
                "offer",
                T("1GB日包：5元，24小时有效", "1 GB day pass: 5 yuan for 24 hours"),
                T(
                    "1GB日包只要5元，从购买起24小时内有效，不会自动续订。",
                    "The 1 GB day pass costs 5 yuan, lasts 24 hours from purchase, and never "
                    "renews by itself.",
                ),
                offer,
                hot=[Hot("buy", T("立即购买", "Buy now"), "code")],
            ),
            Scene(
                "code",
                T("输入短信验证码，二次确认", "Confirm a second time with the SMS code"),
                T(
                    "为了安全，每次购买都要输入短信验证码再确认一次。",
                    "For your safety, every purchase is confirmed a second time with a code sent by SMS.",
                ),
                code,
                hot=[Hot("confirm", T("确认购买", "Confirm purchase"), "done")],
            ),
            Scene(
                "done",
                T("24小时内随便用", "1 GB for the next 24 hours"),
                T("购买成功，这1GB在24小时内随便用。", "Done. The 1 GB is yours for the next 24 hours."),
                done,
            ),
        ],
    )


NIGHT = (20, 22, 48)


def night_home(s: Canvas, col: Color) -> None:
    s.gradient((0, 0, SCREEN_W, SCREEN_H), (16, 20, 56), (52, 34, 100), angle="v")
    for i in range(30):
        s.circle(
            (i * 97.3) % SCREEN_W, 140 + (i * 53.1) % 380, 1.6 + (i % 3), (255, 255, 255, 90 + 40 * (i % 3))
        )
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.circle(SCREEN_W / 2, 320, 130, (255, 255, 255, 16))
    s.circle(SCREEN_W / 2, 320, 100, (255, 255, 255, 22))
    s.icon("moon", SCREEN_W / 2, 320, 150, rgb("#FFE8A3"))
    s.text(SCREEN_W / 2, 500, "夜间流量包", 38, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 544, "Late-night data pack", 20, (255, 255, 255, 200), anchor="mm")
    for i, (big, small) in enumerate(
        (("20 GB", "每月 a month"), ("23–7点", "11 pm–7 am"), ("¥10", "每月 a month"))
    ):
        b = (24 + i * 146, 600, 132, 130)
        s.rrect(b, 22, (255, 255, 255, 28))
        s.text(b[0] + 66, b[1] + 52, big, 28, WHITE, bold=True, anchor="mm")
        s.text(b[0] + 66, b[1] + 92, small, 15, (255, 255, 255, 190), anchor="mm")
    button(s, (40, 836, SCREEN_W - 80, 96), "了解详情", "Learn more", col, "more")
    home_indicator(s, light=True)


def night_detail(s: Canvas, col: Color) -> None:
    s.rect((0, 0, SCREEN_W, SCREEN_H), NIGHT)
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 96, "夜间流量包", 28, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 128, "Late-night data pack", 16, (255, 255, 255, 180), anchor="mm")
    scenery(s, (24, 170, SCREEN_W - 48, 200), "night", r=26, phase=0.5)
    rows = [
        ("data", "流量", "Data", "20 GB"),
        ("clock", "可用时段", "Hours", "23:00–07:00"),
        ("wallet", "资费", "Price", "¥10/月"),
        ("bell", "用完提醒", "Alert when used up", "✓"),
    ]
    y = 398
    for icon, zh, en, val in rows:
        s.rrect((24, y, SCREEN_W - 48, 92), 22, (36, 40, 76))
        s.circle(72, y + 46, 26, (70, 76, 130))
        s.icon(icon, 72, y + 46, 28, WHITE)
        s.text(114, y + 34, zh, 21, WHITE, bold=True, anchor="lm")
        s.text(114, y + 62, en, 15, (255, 255, 255, 160), anchor="lm")
        s.text(SCREEN_W - 50, y + 46, val, 22, rgb("#FFE8A3"), bold=True, anchor="rm")
        y += 104
    button(s, (40, 836, SCREEN_W - 80, 96), "立即订购", "Subscribe", col, "order")
    home_indicator(s, light=True)


def night_done(s: Canvas, col: Color) -> None:
    s.rect((0, 0, SCREEN_W, SCREEN_H), NIGHT)
    status_bar(s, light=True)
    success_badge(s, SCREEN_W / 2, 250, 70, PAY)
    s.text(SCREEN_W / 2, 396, "订购成功", 36, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 436, "Late-night pack is active", 19, (255, 255, 255, 180), anchor="mm")
    for i, (icon, zh, en, val, frac, c) in enumerate(
        (
            ("sun", "白天 · 套餐流量", "Daytime · plan data", "6.4 / 10 GB", 0.64, col),
            ("moon", "夜间 · 夜间包", "Night · late-night pack", "0 / 20 GB", 0.02, rgb("#FFC857")),
        )
    ):
        y = 500 + i * 170
        s.rrect((24, y, SCREEN_W - 48, 150), 24, (36, 40, 76))
        s.icon(icon, 66, y + 44, 34, c)
        s.text(100, y + 36, zh, 21, WHITE, bold=True, anchor="lm")
        s.text(100, y + 62, en, 15, (255, 255, 255, 160), anchor="lm")
        s.text(SCREEN_W - 50, y + 44, val, 19, WHITE, bold=True, anchor="rm")
        progress(s, (48, y + 100, SCREEN_W - 96, 16), frac, c, (60, 66, 110))
    home_indicator(s, light=True)


def night_demo() -> DemoDef:
    col = rgb("#5B5CE6")
    moon = rgb("#3D3F9E")

    def intro(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            c.circle(RX, 420, 300, alpha(moon, 30))
            scenery(c, (RX - 330, 200, 660, 420), "night", r=40, phase=0.5)
            chip(c, RX - 300, 700, "moon", "23:00–07:00", "夜里专用 For night owls", moon, h=120)
            chip(c, RX - 20, 850, "video", "追剧 · 下载", "Stream and download", col, h=104)

        stage(c, moon, lambda s: night_home(s, col), side)

    def detail(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, moon, "moon")
            chip(c, RX - 280, 720, "data", "20 GB", "每月 a month", col, h=120)
            chip(c, RX - 20, 860, "wallet", "¥10 / 月", "每月 a month", moon, h=104)

        stage(c, moon, lambda s: night_detail(s, col), side)

    def confirm(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            night_detail(s, col)
            confirm_sheet(
                s,
                col,
                T("夜间流量包", "Late-night data pack"),
                T("每晚23点–7点", "Nightly"),
                "¥10",
                T("/月", "a month"),
                [T("每月20GB", "20 GB a month"), T("可随时退订", "Cancel any time")],
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, moon, "shield")
            chip(c, RX - 260, 720, "check", "随时退订", "Cancel any time", col, h=120)

        stage(c, moon, screen, side)

    def done(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX - 160, 420, 130, col, "sun")
            badge(c, RX + 160, 420, 130, moon, "moon")
            chip(c, RX - 300, 720, "data", "白天 + 夜间", "Day and night, counted apart", col, h=120)

        stage(c, moon, lambda s: night_done(s, col), side)

    return DemoDef(
        "demo.data.night",
        T("夜间流量包体验", "Try the late-night data pack"),
        [
            Scene(
                "intro",
                T("夜里追剧、下载，用夜间包", "Night-time streaming on its own pack"),
                T(
                    "喜欢晚上追剧、下载的话，夜间流量包很划算。点“了解详情”。",
                    "If you stream or download late at night, the late-night pack is great value. "
                    "Tap Learn more.",
                ),
                intro,
                hot=[Hot("more", T("了解详情", "Learn more"), "detail")],
            ),
            Scene(
                "detail",
                T("每月20GB，每晚23点到次日7点可用", "20 GB a month, from 11 pm to 7 am"),
                T(
                    "每月20GB，每天晚上11点到第二天早上7点可以用，每月10元。",
                    "20 GB a month, usable from 11 at night to 7 in the morning, for 10 yuan a month.",
                ),
                detail,
                hot=[Hot("order", T("立即订购", "Subscribe"), "confirm")],
            ),
            Scene(
                "confirm",
                T("确认订购，每月10元", "Confirm: 10 yuan a month"),
                T("确认价格后点“确认开通”。", "Check the price, then tap Confirm."),
                confirm,
                hot=[
                    Hot("confirm", T("确认开通", "Confirm"), "done"),
                    Hot("cancel", T("再想想", "Not now"), "detail"),
                ],
            ),
            Scene(
                "done",
                T("白天用套餐，夜里用夜间包", "Your plan by day, the pack by night"),
                T(
                    "开通后，白天用套餐流量，夜里优先用夜间包，两边分开算。",
                    "From now on your plan covers the day and the late-night pack covers the "
                    "night, counted separately.",
                ),
                done,
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: cloud drive


def cloud_home(s: Canvas, col: Color) -> None:
    top = app_header(s, "云盘", "Cloud drive", col, back=False, height=150)
    s.gradient((0, top - 2, SCREEN_W, 150), shade(col, 0.06), tint(col, 0.05), angle="h")
    s.text(40, top + 40, "已用 Used", 18, (255, 255, 255, 210), anchor="lm")
    s.text(40, top + 86, "12.6 GB / 100 GB", 34, WHITE, bold=True, anchor="lm")
    progress(s, (40, top + 118, SCREEN_W - 80, 12), 0.126, WHITE, (255, 255, 255, 70))
    folders = [
        ("photo", "相册", "Photos", "2,000"),
        ("doc", "文档", "Docs", "318"),
        ("video", "视频", "Videos", "146"),
        ("music", "音乐", "Music", "520"),
    ]
    for i, (icon, zh, en, n) in enumerate(folders):
        b = (24 + (i % 2) * 220, top + 174 + (i // 2) * 170, 204, 154)
        s.rrect(b, 24, WHITE)
        s.gradient((b[0] + 20, b[1] + 20, 64, 64), tint(col, 0.1), CLOUD2, r=18)
        s.icon(icon, b[0] + 52, b[1] + 52, 36, WHITE)
        s.text(b[0] + 100, b[1] + 40, n, 20, MUTED, anchor="lm")
        s.text(b[0] + 20, b[1] + 112, zh, 24, INK, bold=True, anchor="lm")
        s.text(b[0] + 80, b[1] + 114, en, 16, MUTED, anchor="lm")
    y = top + 530
    b = row(s, y, "自动备份照片", "Auto-backup photos", lead=(0, 0, 0, 0), h=110)
    s.circle(b[0] + 55, y + 55, 30, tint(col, 0.8))
    s.icon("upload", b[0] + 55, y + 55, 32, shade(col, 0.1))
    toggle(s, b[0] + b[2] - 96, y + 34, False, col)
    s.mark("backup", b)
    tab_bar(s, ["home", "cloud", "photo", "user"], 1, col)


def cloud_backup(s: Canvas, col: Color) -> None:
    top = app_header(s, "正在备份", "Backing up", col)
    s.rrect((24, top + 20, SCREEN_W - 48, 130), 24, WHITE)
    s.text(48, top + 60, "1,286 / 2,000", 28, INK, bold=True, anchor="lm")
    s.text(SCREEN_W - 48, top + 60, "64%", 28, col, bold=True, anchor="rm")
    progress(s, (48, top + 96, SCREEN_W - 96, 16), 0.64, col)
    s.text(48, top + 132, "原图上传 · Full original quality", 15, MUTED, anchor="lm")
    boxes = thumbs(s, 24, top + 170, 3, 4, 132, 14, KINDS, r=14)
    for i, b in enumerate(boxes):
        cx, cy = b[0] + b[2] - 22, b[1] + 22
        if i < 7:
            s.circle(cx, cy, 15, PAY)
            s.icon("check", cx, cy, 20, WHITE)
        else:
            s.rect((b[0], b[1] + b[3] - 10, b[2], 10), (0, 0, 0, 60))
            s.rect((b[0], b[1] + b[3] - 10, b[2] * (0.8 if i == 7 else 0.2), 10), col)
            s.circle(cx, cy, 15, (0, 0, 0, 90))
            s.icon("upload", cx, cy, 18, WHITE)
    home_indicator(s)


def cloud_sync(s: Canvas, col: Color) -> None:
    top = plain_header(s, "已同步到", "Synced to")
    s.rect((0, top, SCREEN_W, SCREEN_H - top), PAGE)
    devs = [
        ("phone", "这台手机", "This phone"),
        ("doc", "电脑", "Computer"),
        ("photo", "平板", "Tablet"),
        ("tv", "电视", "TV"),
    ]
    y = top + 24
    for icon, zh, en in devs:
        b = row(s, y, zh, en, lead=(0, 0, 0, 0), h=104)
        s.circle(b[0] + 52, y + 52, 30, tint(col, 0.8))
        s.icon(icon, b[0] + 52, y + 52, 34, shade(col, 0.1))
        s.circle(b[0] + b[2] - 44, y + 52, 17, PAY)
        s.icon("check", b[0] + b[2] - 44, y + 52, 22, WHITE)
        y += 116
    s.text(40, y + 30, "最近上传", 22, INK, bold=True, anchor="lm")
    s.text(136, y + 32, "Latest uploads", 15, MUTED, anchor="lm")
    thumbs(s, 24, y + 60, 4, 1, 98, 10, ["sea", "forest", "sunset", "kapok"], r=12)
    home_indicator(s)


def cloud_share(s: Canvas, col: Color) -> None:
    cloud_backup(s, col)
    top = sheet(s, 600)
    s.text(40, top + 62, "分享相册", 30, INK, bold=True, anchor="lm")
    s.text(40, top + 98, "Share an album", 17, MUTED, anchor="lm")
    thumbs(s, 40, top + 128, 3, 1, 118, 12, ["sunset", "sea", "forest"], r=14)
    s.rrect((40, top + 270, 130, 130), 16, WHITE, outline=LINE, width=2)
    s.qr("KIOSK DEMO ONLY - sample album link", 50, top + 280, 110)
    s.text(190, top + 300, "扫码查看 · 7天有效", 19, INK, bold=True, anchor="lm")
    s.text(190, top + 330, "Scan to view, 7 days", 15, MUTED, anchor="lm")
    s.rrect((190, top + 352, 240, 44), 14, PAGE)
    s.text(206, top + 374, "yun.example/s/8Fk2", 16, MUTED, anchor="lm")
    button(s, (32, top + 440, SCREEN_W - 64, 90), "发送给家人", "Send to family", col, "share")


def cloud_demo() -> DemoDef:
    col = CLOUD

    def home(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "cloud")
            chip(c, RX - 300, 720, "cloud", "100 GB", "云端空间 Cloud space", col, h=120)
            chip(c, RX - 20, 860, "photo", "≈ 25,000", "张照片 photos", CLOUD2, h=104)

        stage(c, col, lambda s: cloud_home(s, col), side)

    def backup(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, CLOUD2, "upload")
            chip(c, RX - 300, 720, "photo", "原图", "Full original quality", col, h=120)
            chip(c, RX - 20, 860, "wifi", "Wi-Fi", "连上Wi-Fi自动传 Uploads on Wi-Fi", CLOUD2, h=104)

        stage(c, col, lambda s: cloud_backup(s, col), side)

    def sync(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            scr = laptop(c, 1060, 250, 700)
            c.rect(scr, PAGE)
            c.rect((scr[0], scr[1], scr[2], 46), col)
            c.icon("cloud", scr[0] + 34, scr[1] + 23, 30, WHITE)
            thumbs(c, scr[0] + 20, scr[1] + 62, 5, 3, 112, 14, KINDS, r=10)
            chip(c, 1120, 780, "check", "多端同步", "Phone, computer, tablet", col, h=110)

        stage(c, col, lambda s: cloud_sync(s, col), side)

    def share(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "family")
            chip(c, RX - 300, 720, "qr", "扫码即看", "Scan to view", col, h=120)
            chip(c, RX - 20, 860, "lock", "7 天有效", "Link expires in 7 days", CLOUD2, h=104)

        stage(c, col, lambda s: cloud_share(s, col), side)

    return DemoDef(
        "demo.cloud",
        T("云盘体验", "Try the cloud drive"),
        audio=True,
        scenes=[
            Scene(
                "home",
                T("手机空间不够？照片存到云盘", "Phone full? Keep photos in the cloud"),
                T(
                    "手机空间不够了？打开自动备份，照片就会存到云盘。",
                    "Phone running out of space? Turn on auto-backup and your photos go to the cloud.",
                ),
                home,
                hot=[Hot("backup", T("打开自动备份", "Turn on auto-backup"), "backup")],
                pinyin="shou3 ji1 kong1 jian1 bu2 gou4 le5? da3 kai1 zi4 dong4 bei4 fen4, zhao4 "
                "pian4 jiu4 hui4 cun2 dao4 yun2 pan2.",
            ),
            Scene(
                "backup",
                T("照片自动上传，原图不压缩", "Photos upload by themselves, full quality"),
                T(
                    "照片和视频正在自动上传，原图画质不压缩。",
                    "Photos and videos upload automatically, at full original quality.",
                ),
                backup,
                next="sync",
                pinyin="zhao4 pian4 he2 shi4 pin2 zheng4 zai4 zi4 dong4 shang4 chuan2, yuan2 tu2 "
                "hua4 zhi4 bu4 ya1 suo1.",
            ),
            Scene(
                "sync",
                T("电脑、平板上也能打开", "Open them on your computer or tablet too"),
                T(
                    "在电脑和平板上登录同一个账号，就能打开这些照片。",
                    "Sign in on your computer or tablet and the same photos are there.",
                ),
                sync,
                next="share",
                pinyin="zai4 dian4 nao3 he2 ping2 ban3 shang4 deng1 lu4 tong2 yi2 ge4 zhang4 "
                "hao4, jiu4 neng2 da3 kai1 zhe4 xie1 zhao4 pian4.",
            ),
            Scene(
                "share",
                T("一键分享给家人", "Share with family in one tap"),
                T(
                    "想分享给家人？生成一个链接，发过去就行。",
                    "Want to share with family? Create a link and send it.",
                ),
                share,
                hot=[Hot("share", T("发送给家人", "Send to family"), "end")],
                pinyin="xiang3 fen1 xiang3 gei3 jia1 ren2? sheng1 cheng2 yi2 ge4 lian4 jie1, fa1 "
                "guo4 qu4 jiu4 xing2.",
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: family plan

MEMBERS = [
    ("我", "Me", "12.4 GB", 0.5),
    ("妈妈", "Mum", "3.1 GB", 0.13),
    ("爸爸", "Dad", "5.6 GB", 0.23),
    ("孩子", "Child", "1.2 GB", 0.05),
]


def avatar(s: Canvas, cx: float, cy: float, r: float, color: Color, label: str | None = None) -> None:
    s.circle(cx, cy, r, tint(color, 0.75))
    s.icon("user", cx, cy + r * 0.08, r * 1.2, shade(color, 0.05))
    if label:
        s.text(cx, cy + r + 22, label, 17, INK, anchor="mm")


def family_plan_screen(s: Canvas, col: Color, members: int) -> None:
    top = app_header(s, "全家享", "Family plan", col)
    card = (24, top + 24, SCREEN_W - 48, 260)
    s.gradient(card, tint(col, 0.05), FAMILY2, r=30)
    s.circle(card[0] + card[2] - 50, card[1] + 40, 110, (255, 255, 255, 24))
    s.text(52, top + 76, "¥128", 56, WHITE, bold=True, anchor="lm")
    s.text(190, top + 84, "/月 a month", 19, WHITE, anchor="lm")
    for i, (big, zh) in enumerate(
        (("100 GB", "共享流量 Shared data"), ("2000", "分钟 Minutes"), ("300M", "宽带 Broadband"))
    ):
        x = 52 + i * 140
        s.text(x, top + 176, big, 26, WHITE, bold=True, anchor="lm")
        s.text(x, top + 212, zh.split(" ")[0], 15, (255, 255, 255, 220), anchor="lm")
        s.text(x, top + 236, zh.split(" ")[1], 13, (255, 255, 255, 190), anchor="lm")
    s.text(32, top + 334, "家庭成员", 24, INK, bold=True, anchor="lm")
    s.text(32 + text_width("家庭成员", 24, True) + 12, top + 336, "Members (up to 4)", 15, MUTED, anchor="lm")
    for i in range(4):
        cx = 72 + i * 110
        cy = top + 420
        if i < members:
            avatar(s, cx, cy, 42, [col, FAMILY2, DATA, PAY][i], MEMBERS[i][0])
        else:
            s.circle(cx, cy, 42, WHITE, outline=col, width=3)
            s.icon("plus", cx, cy, 36, col)
            s.text(cx, cy + 64, "添加 Add", 17, col, anchor="mm")
            if i == members:
                s.mark("add", (cx - 50, cy - 50, 100, 140))
    feats = [
        ("shield", "副卡月租全免", "No monthly fee for extra lines"),
        ("home", "含宽带和电视", "Broadband and TV included"),
    ]
    y = top + 540
    for icon, zh, en in feats:
        b = row(s, y, zh, en, lead=(0, 0, 0, 0), h=96)
        s.circle(b[0] + 48, y + 48, 27, tint(col, 0.82))
        s.icon(icon, b[0] + 48, y + 48, 30, shade(col, 0.1))
        y += 106
    home_indicator(s)


def family_add(s: Canvas, col: Color) -> None:
    top = plain_header(s, "添加成员", "Add a member")
    s.rect((0, top, SCREEN_W, SCREEN_H - top), PAGE)
    s.text(32, top + 40, "手机号码 Mobile number", 18, MUTED, anchor="lm")
    s.rrect((24, top + 64, SCREEN_W - 48, 88), 22, WHITE, outline=col, width=3)
    s.text(52, top + 108, "139 0013 9000", 34, INK, bold=True, anchor="lm")
    s.text(32, top + 196, "关系 Relationship", 18, MUTED, anchor="lm")
    for i, (zh, en) in enumerate((("父母", "Parent"), ("子女", "Child"), ("伴侣", "Partner"))):
        b = (24 + i * 146, top + 222, 132, 82)
        sel = i == 0
        s.rrect(b, 20, col if sel else WHITE)
        s.text(b[0] + 66, b[1] + 30, zh, 22, WHITE if sel else INK, bold=True, anchor="mm")
        s.text(b[0] + 66, b[1] + 58, en, 15, WHITE if sel else MUTED, anchor="mm")
    keys = "123456789·0⌫"
    for k, ch in enumerate(keys):
        b = (24 + (k % 3) * 146, top + 334 + (k // 3) * 84, 132, 72)
        s.rrect(b, 16, WHITE)
        s.text(b[0] + 66, b[1] + 36, ch if ch != "⌫" else "←", 30, INK, anchor="mm")
    button(s, (40, 836, SCREEN_W - 80, 96), "添加", "Add member", col, "add")
    home_indicator(s)


def family_members(s: Canvas, col: Color) -> None:
    top = app_header(s, "共享流量", "Shared data this month", col)
    s.rrect((24, top + 20, SCREEN_W - 48, 230), 26, WHITE)
    gauge(s, 130, top + 135, 80, 0.223, col, 20)
    s.text(130, top + 128, "22.3", 30, INK, bold=True, anchor="mm")
    s.text(130, top + 160, "/100 GB", 14, MUTED, anchor="mm")
    s.text(250, top + 110, "本月已用", 20, MUTED, anchor="lm")
    s.text(250, top + 146, "22.3 GB", 32, INK, bold=True, anchor="lm")
    s.text(250, top + 182, "Used so far", 15, MUTED, anchor="lm")
    y = top + 274
    colors = [col, FAMILY2, DATA, PAY]
    for (zh, en, used, frac), c in zip(MEMBERS, colors, strict=True):
        s.rrect((24, y, SCREEN_W - 48, 112), 24, WHITE)
        avatar(s, 78, y + 56, 32, c)
        s.text(128, y + 38, f"{zh} {en}", 21, INK, bold=True, anchor="lm")
        s.text(SCREEN_W - 52, y + 38, used, 20, INK, bold=True, anchor="rm")
        progress(s, (128, y + 70, SCREEN_W - 180, 14), frac, c)
        y += 124
    home_indicator(s)


def family_demo() -> DemoDef:
    col = FAMILY

    def plan(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "family")
            chip(c, RX - 300, 720, "data", "100 GB", "全家共享 Shared by all", col, h=120)
            chip(c, RX - 20, 860, "home", "300M", "宽带 Home broadband", FAMILY2, h=104)

        stage(c, col, lambda s: family_plan_screen(s, col, 1), side)

    def add(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, FAMILY2, "user")
            chip(c, RX - 280, 720, "plus", "最多 4 人", "Up to 4 members", col, h=120)
            chip(c, RX - 20, 860, "phone", "号码不变", "Keep your numbers", FAMILY2, h=104)

        stage(c, col, lambda s: family_add(s, col), side)

    def members(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "data")
            chip(c, RX - 300, 720, "family", "一目了然", "See who used what", col, h=120)
            chip(c, RX - 20, 860, "bell", "用量提醒", "Alerts before it runs out", FAMILY2, h=104)

        stage(c, col, lambda s: family_members(s, col), side)

    def confirm(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            family_plan_screen(s, col, 4)
            confirm_sheet(
                s,
                col,
                T("全家享套餐", "Family plan"),
                T("4 位成员", "4 members"),
                "¥128",
                T("/月", "a month"),
                [T("含300M宽带", "300M broadband"), T("副卡免月租", "Extra lines free")],
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "shield")
            chip(c, RX - 280, 720, "wallet", "¥128 / 月", "全家 for the whole family", col, h=120)

        stage(c, col, screen, side)

    def done(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            done_screen(
                s,
                col,
                T("全家已加入", "Everyone is in"),
                [
                    ("family", T("成员", "Members"), "4"),
                    ("data", T("共享流量", "Shared data"), "100 GB"),
                    ("home", T("宽带安装", "Broadband set-up"), "48h"),
                ],
                T("宽带师傅会在48小时内联系你", "An engineer calls within 48 hours"),
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "heart")
            for i, cc in enumerate((col, FAMILY2, DATA, PAY)):
                avatar(c, RX - 240 + i * 160, 760, 60, cc)

        stage(c, col, screen, side)

    return DemoDef(
        "demo.family.plan",
        T("全家享套餐体验", "Try the family plan"),
        [
            Scene(
                "plan",
                T("一个套餐，全家共享流量和通话", "One plan for the whole family"),
                T(
                    "全家享套餐每月128元，全家共享100GB流量和2000分钟通话，还含宽带。点加号添加家人。",
                    "The family plan is 128 yuan a month: the family shares 100 GB of data and "
                    "2000 minutes, with broadband included. Tap plus to add someone.",
                ),
                plan,
                hot=[Hot("add", T("添加家人", "Add a family member"), "add")],
            ),
            Scene(
                "add",
                T("输入家人的手机号就能加入", "Add family by their mobile number"),
                T(
                    "输入家人的手机号，选好关系，点“添加”。号码不用换。",
                    "Enter their mobile number, choose the relationship and tap Add. They keep their number.",
                ),
                add,
                hot=[Hot("add", T("添加", "Add member"), "members")],
            ),
            Scene(
                "members",
                T("谁用了多少，一目了然", "See at a glance who used how much"),
                T("每个人用了多少流量，在这里一目了然。", "Here you see how much data each person has used."),
                members,
                next="confirm",
            ),
            Scene(
                "confirm",
                T("确认套餐：每月128元", "Confirm the plan: 128 yuan a month"),
                T("确认价格和成员后，点“确认开通”。", "Check the price and the members, then tap Confirm."),
                confirm,
                hot=[
                    Hot("confirm", T("确认开通", "Confirm"), "done"),
                    Hot("cancel", T("再想想", "Not now"), "plan"),
                ],
            ),
            Scene(
                "done",
                T("全家已加入，宽带48小时内上门", "Done: broadband set up within 48 hours"),
                T(
                    "全家都已加入。宽带师傅会在48小时内联系你上门安装。",
                    "Everyone is in. A broadband engineer will call you within 48 hours to set it up.",
                ),
                done,
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: family locator


def locate_map(s: Canvas, col: Color, zone: bool = False) -> None:
    city_map(s, (0, 0, SCREEN_W, SCREEN_H))
    if zone:
        s.circle(300, 420, 150, alpha(col, 50), outline=col, width=4)
    map_pin(s, 120, 640, rgb("#2E86DE"), "home", 72)
    map_pin(s, 300, 420, rgb("#F39C12"), "star", 72)
    s.circle(330, 470, 44, alpha(col, 60))
    s.circle(330, 470, 30, WHITE)
    s.circle(330, 470, 25, tint(col, 0.7))
    s.icon("user", 330, 472, 32, shade(col, 0.1))
    s.rect((0, 0, SCREEN_W, 150), (255, 255, 255, 210))
    status_bar(s)
    s.icon("back", 38, 103, 30, INK)
    s.text(SCREEN_W / 2, 96, "亲情定位", 28, INK, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 128, "Family locator", 16, MUTED, anchor="mm")


def locate_home(s: Canvas, col: Color) -> None:
    locate_map(s, col)
    card = (20, 720, SCREEN_W - 40, 210)
    s.shadow(card, 28, blur=16, dy=8, opacity=0.2)
    s.rrect(card, 28, WHITE)
    for i, (zh, en, where, c) in enumerate(
        (("孩子", "Child", "学校 · School", col), ("妈妈", "Mum", "家 · Home", FAMILY2))
    ):
        y = card[1] + 54 + i * 100
        avatar(s, 76, y, 32, c)
        s.text(124, y - 14, f"{zh} {en}", 22, INK, bold=True, anchor="lm")
        s.text(124, y + 18, where, 17, MUTED, anchor="lm")
        s.text(SCREEN_W - 48, y, "2 min", 16, MUTED, anchor="rm")
        if i == 0:
            s.mark("child", (card[0], card[1], card[2], 100))
        else:
            s.rect((124, y - 48, SCREEN_W - 168, 1), LINE)
    home_indicator(s)


def locate_detail(s: Canvas, col: Color) -> None:
    locate_map(s, col)
    top = SCREEN_H - 470
    s.rrect((0, top, SCREEN_W, 510), 36, WHITE)
    s.rrect((SCREEN_W / 2 - 36, top + 14, 72, 8), 4, LINE)
    avatar(s, 80, top + 84, 42, col)
    s.text(140, top + 68, "孩子 Child", 26, INK, bold=True, anchor="lm")
    s.text(140, top + 104, "学校附近 Near school · 2 min", 17, MUTED, anchor="lm")
    for i, (icon, big, small) in enumerate(
        (("bolt", "76%", "手表电量 Watch"), ("pin", "120 m", "离学校 To school"))
    ):
        b = (24 + i * 220, top + 156, 204, 100)
        s.rrect(b, 20, PAGE)
        s.icon(icon, b[0] + 40, b[1] + 50, 32, col)
        s.text(b[0] + 72, b[1] + 38, big, 24, INK, bold=True, anchor="lm")
        s.text(b[0] + 72, b[1] + 70, small, 15, MUTED, anchor="lm")
    button(s, (24, top + 286, 200, 90), "打电话", "Call", col, ghost=True)
    button(s, (240, top + 286, 208, 90), "安全区", "Safe zone", col, "zone")


def locate_zone(s: Canvas, col: Color) -> None:
    locate_map(s, col, zone=True)
    top = SCREEN_H - 330
    s.rrect((0, top, SCREEN_W, 370), 36, WHITE)
    s.text(40, top + 56, "学校安全区", 26, INK, bold=True, anchor="lm")
    s.text(40, top + 90, "School safe zone · radius", 16, MUTED, anchor="lm")
    s.text(SCREEN_W - 40, top + 70, "500 m", 28, col, bold=True, anchor="rm")
    progress(s, (40, top + 130, SCREEN_W - 80, 12), 0.45, col)
    s.circle(40 + (SCREEN_W - 80) * 0.45, top + 136, 18, WHITE, outline=col, width=4)
    button(s, (32, top + 186, SCREEN_W - 64, 90), "保存", "Save", col, "save")


def locator_demo() -> DemoDef:
    col = FAMILY

    def home(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "pin")
            chip(c, RX - 300, 720, "family", "全家位置", "Where everyone is", col, h=120)
            chip(c, RX - 20, 860, "shield", "经本人同意", "Only with their consent", FAMILY2, h=104)

        stage(c, col, lambda s: locate_home(s, col), side)

    def detail(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, FAMILY2, "user")
            chip(c, RX - 300, 720, "bolt", "76%", "手表电量 Watch battery", col, h=120)
            chip(c, RX - 20, 860, "phone", "一键通话", "Call in one tap", FAMILY2, h=104)

        stage(c, col, lambda s: locate_detail(s, col), side)

    def zone(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "shield")
            chip(c, RX - 280, 720, "pin", "500 m", "安全区半径 Zone radius", col, h=120)

        stage(c, col, lambda s: locate_zone(s, col), side)

    def alert(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "bell")
            chip(c, RX - 300, 720, "star", "07:52", "到校提醒 Arrived at school", col, h=120)
            chip(c, RX - 20, 860, "home", "16:40", "离校提醒 Left school", FAMILY2, h=104)

        stage(
            c,
            col,
            lambda s: lock_screen(
                s,
                "dawn",
                "亲情定位",
                "pin",
                col,
                T("孩子已到达学校", "Arrived at school"),
                T("07:52 进入安全区", "Entered the safe zone"),
                clock="7:52",
            ),
            side,
        )

    return DemoDef(
        "demo.family.locate",
        T("亲情定位体验", "Try the family locator"),
        [
            Scene(
                "map",
                T("家人在哪，地图上一看就知道", "See where your family are on the map"),
                T(
                    "家人的位置都显示在地图上，定位需要对方同意。点一下孩子。",
                    "Your family's locations show on the map, always with their consent. Tap your child.",
                ),
                home,
                hot=[Hot("child", T("查看孩子", "Show my child"), "detail")],
            ),
            Scene(
                "detail",
                T("查看位置和手表电量", "Check location and watch battery"),
                T(
                    "可以看到孩子在哪，手表还有多少电，也能直接打电话。",
                    "See where your child is and how much battery the watch has, or call straight away.",
                ),
                detail,
                hot=[Hot("zone", T("设置安全区", "Set a safe zone"), "zone")],
            ),
            Scene(
                "zone",
                T("在学校周围设一个安全区", "Draw a safe zone around the school"),
                T(
                    "在学校周围画一个安全区，半径可以调整。",
                    "Draw a safe zone around the school and adjust its size.",
                ),
                zone,
                hot=[Hot("save", T("保存", "Save"), "alert")],
            ),
            Scene(
                "alert",
                T("到校、离校，手机都会提醒", "Get a message on arrival and departure"),
                T(
                    "孩子到校或离校时，你的手机会收到提醒。",
                    "When your child arrives at or leaves school, your phone tells you.",
                ),
                alert,
            ),
        ],
    )


# --------------------------------------------------------------------------- demo: Cantonese (GD)

GD_SONGS: list[Song] = [
    ("珠江夜色", "Pearl River Nights", "3:58"),
    ("早茶时光", "Dim Sum Morning", "3:26"),
    ("骑楼旧梦", "Arcade Memories", "4:12"),
    ("木棉花开", "Kapok in Bloom", "3:47"),
    ("南粤之风", "Southern Breeze", "4:03"),
]


def cantonese_demo() -> DemoDef:
    col, acc = KAPOK, rgb("#F77F00")
    song = GD_SONGS[0]
    title, banner = T("粤语彩铃", "Cantonese ring-back"), T("粤语金曲榜", "Cantonese hits")

    def browse(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "music")
            notes(c, [(1120, 250, 64), (1700, 280, 80), (1660, 620, 56), (1100, 600, 50)], alpha(acc, 130))
            chip(c, RX - 300, 720, "music", "粤语金曲", "Cantonese classics and new hits", col, h=120)
            chip(c, RX - 20, 860, "pin", "广东专属", "Only in Guangdong", acc, h=104)

        stage(c, col, lambda s: song_list(s, col, acc, title, banner, GD_SONGS), side)

    def preview(c: Canvas) -> None:
        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, acc, "sound")
            chip(c, RX - 300, 720, "play", "0:30", "试听片段 Preview clip", col, h=120)

        stage(
            c,
            col,
            lambda s: player(
                s, col, acc, song, T("粤语", "Cantonese"), T("设为彩铃", "Set as ring-back tone")
            ),
            side,
        )

    def confirm(c: Canvas) -> None:
        def screen(s: Canvas) -> None:
            player(s, col, acc, song, T("粤语", "Cantonese"), T("设为彩铃", "Set as ring-back tone"))
            confirm_sheet(
                s,
                col,
                T("开通粤语彩铃", "Cantonese ring-back"),
                T("珠江夜色", song[1]),
                "¥5",
                T("/月", "a month"),
                [T("可随时退订", "Cancel any time"), T("换歌不另收费", "Change songs free")],
            )

        def side(c: Canvas) -> None:
            badge(c, RX, 420, 170, col, "shield")
            chip(c, RX - 280, 720, "check", "¥5 / 月", "随时退订 Cancel any time", col, h=120)

        stage(c, col, screen, side)

    def call(c: Canvas) -> None:
        stage(
            c,
            col,
            lambda s: call_screen(s, col, acc, song),
            lambda c: caller_side(c, col, acc, T("老友来电听到的", "What old friends hear"), song),
        )

    return DemoDef(
        "demo.gd.cantonese",
        T("粤语彩铃体验", "Try Cantonese ring-back tones"),
        audio=True,
        scenes=[
            Scene(
                "browse",
                T("粤语金曲，广东用户专享", "Cantonese hits, just for Guangdong"),
                T(
                    "粤语彩铃收录了经典老歌和流行新曲。点《珠江夜色》试听。",
                    "Cantonese ring-back tones cover golden oldies and new hits. Tap Pearl River "
                    "Nights to listen.",
                ),
                browse,
                hot=[Hot("song", T("试听《珠江夜色》", "Play Pearl River Nights"), "preview", "song0")],
                pinyin="yue4 yu3 cai3 ling2 shou1 lu4 le5 jing1 dian3 lao3 ge1 he2 liu2 xing2 "
                "xin1 qu3. dian3 zhu1 jiang1 ye4 se4 shi4 ting1.",
            ),
            Scene(
                "preview",
                T("试听满意，就设为彩铃", "Like it? Make it your ring-back tone"),
                T("喜欢这首歌的话，点“设为彩铃”。", "If you like it, tap Set as ring-back tone."),
                preview,
                hot=[Hot("set", T("设为彩铃", "Set as ring-back tone"), "confirm")],
                pinyin="xi3 huan1 zhe4 shou3 ge1 de5 hua4, dian3 she4 wei2 cai3 ling2.",
            ),
            Scene(
                "confirm",
                T("每月5元，随时可退订", "5 yuan a month, cancel any time"),
                T(
                    "每月5元，可以随时退订。点“确认开通”。",
                    "It's 5 yuan a month and you can cancel any time. Tap Confirm.",
                ),
                confirm,
                hot=[
                    Hot("confirm", T("确认开通", "Confirm"), "call"),
                    Hot("cancel", T("再想想", "Not now"), "browse"),
                ],
                pinyin="mei3 yue4 wu3 yuan2, ke3 yi3 sui2 shi2 tui4 ding4. dian3 que4 ren4 kai1 tong1.",
            ),
            Scene(
                "call",
                T("老友来电，听到地道粤语歌", "Old friends call and hear a Cantonese song"),
                T(
                    "设置好了！朋友来电时，听到的就是《珠江夜色》。",
                    "All set! Friends who call you now hear Pearl River Nights.",
                ),
                call,
                pinyin="she4 zhi4 hao3 le5! peng2 you5 lai2 dian4 shi2, ting1 dao4 de5 jiu4 shi4 "
                "zhu1 jiang1 ye4 se4.",
            ),
        ],
    )


# --------------------------------------------------------------------------- category icons


def category_icon(color: Color, icon: str) -> Image.Image:
    """A 256x256 transparent PNG: a gradient rounded square with a white glyph."""
    c = Canvas(256, 256, 4.0, None)
    c.gradient((8, 8, 240, 240), tint(color, 0.25), shade(color, 0.18), r=64)
    c.icon(icon, 128, 128, 136, WHITE)
    return c.finish(ICON)


# --------------------------------------------------------------------------- service images

ScreenFn = Callable[[Canvas], None]
ChipSpec = tuple[str, str, str]  # icon, main, sub


def service_art(
    color: Color, accent: Color, icon: str, screen: ScreenFn, chips: list[ChipSpec], variant: int = 0
) -> Image.Image:
    """A 1200x675 service picture: a phone showing the app, an emblem and two facts.

    Variant 0 (the tile image) is bold and colourful; variant 1 is light, mirrored."""
    c = Canvas(1920, 1080, CARD[0] * 2 / 1920)
    if variant == 0:
        c.gradient((0, 0, 1920, 1080), tint(color, 0.08), accent)
        c.circle(1500, 540, 560, (255, 255, 255, 18))
        c.circle(1500, 540, 420, (255, 255, 255, 22))
        c.circle(160, 980, 260, (255, 255, 255, 16))
        bx, px, chip_x = 560, 1180, 180
        c.circle(bx, 420, 290, (255, 255, 255, 30))
        c.circle(bx, 420, 235, (255, 255, 255, 40))
        badge(c, bx, 420, 180, color, icon, rings=False)
    else:
        backdrop(c, color)
        bx, px, chip_x = 1380, 240, 1020
        badge(c, bx, 420, 180, color, icon)
    s = c.sub(SCREEN_W, SCREEN_H, 0.96)
    screen(s)
    phone(c, px, 60, s, scale=0.96)
    for i, (ic, main, sub) in enumerate(chips):
        chip(c, chip_x + i * 200, 720 + i * 150, ic, main, sub, accent if i else color, h=124)
    return c.finish(CARD)


# --------------------------------------------------------------------------- banners, slides


def headline(
    c: Canvas, x: float, y: float, zh: str, en: str, zh_size: float, max_w: float, color: Color = WHITE
) -> float:
    """Chinese large, English smaller below it; returns the bottom y."""
    zs = c.fit_size(zh, zh_size, max_w, True)
    c.text(x, y, zh, zs, color, bold=True, anchor="ls")
    es = c.fit_size(en, zh_size * 0.42, max_w)
    c.text(x, y + es * 1.7, en, es, (*color, 225), anchor="ls")
    return y + es * 1.7


def pill(c: Canvas, x: float, y: float, text: str, size: float, fg: Color, bg: Color | tuple) -> float:
    w = text_width(text, size, True) + size * 1.6
    c.rrect((x, y, w, size * 2), size, bg)
    c.text(x + w / 2, y + size, text, size, fg, bold=True, anchor="mm")
    return w


def discount_disc(c: Canvas, cx: float, cy: float, r: float, big: str, small: str, color: Color) -> None:
    c.circle(cx, cy, r * 1.18, (255, 255, 255, 40))
    c.shadow((cx - r, cy - r, 2 * r, 2 * r), r, blur=r * 0.2, dy=r * 0.1, opacity=0.3)
    c.circle(cx, cy, r, WHITE)
    size = c.fit_size(big, r * 0.72, r * 1.5, True)
    c.text(cx, cy - r * 0.08, big, size, shade(color, 0.08), bold=True, anchor="mm")
    c.text(cx, cy + r * 0.48, small, r * 0.17, MUTED, bold=True, anchor="mm")


def offer_banner(
    color: Color, accent: Color, label: str, title: Txt, sub: Txt, big: str, small: str, icon: str, note: str
) -> Image.Image:
    """A 1200x675 campaign banner with a bilingual headline and the discount in a disc."""
    c = Canvas(1920, 1080, CARD[0] * 2 / 1920)
    c.gradient((0, 0, 1920, 1080), tint(color, 0.05), accent)
    c.circle(1500, 500, 520, (255, 255, 255, 20))
    c.circle(1780, 1000, 300, (255, 255, 255, 18))
    c.icon(icon, 1720, 180, 260, (255, 255, 255, 40))
    pill(c, 120, 130, label, 34, shade(color, 0.2), WHITE)
    y = headline(c, 120, 400, title["zh-CN"], title["en"], 116, 1020)
    c.paragraph(120, y + 70, sub["zh-CN"], 42, 980, (255, 255, 255, 240), bold=True)
    c.paragraph(120, y + 140, sub["en"], 32, 980, (255, 255, 255, 215))
    c.text(120, 980, note, 28, (255, 255, 255, 200), anchor="ls")
    discount_disc(c, 1440, 560, 250, big, small, color)
    return c.finish(CARD)


def slide(
    color: Color, accent: Color, label: str, title: Txt, sub: Txt, art: Callable[[Canvas], None]
) -> Image.Image:
    """A 1920x1080 attract slide: headline on the left, `art` on the right."""
    c = Canvas(*FULL, SS)
    c.gradient((0, 0, 1920, 1080), tint(color, 0.04), accent)
    c.circle(1420, 520, 640, (255, 255, 255, 14))
    c.circle(1420, 520, 470, (255, 255, 255, 18))
    c.circle(100, 120, 220, (255, 255, 255, 14))
    pill(c, 140, 150, label, 32, shade(color, 0.25), WHITE)
    y = headline(c, 140, 400, title["zh-CN"], title["en"], 112, 900)
    y = c.paragraph(140, y + 80, sub["zh-CN"], 40, 860, (255, 255, 255, 245), bold=True, leading=1.4)
    c.paragraph(140, y + 10, sub["en"], 30, 860, (255, 255, 255, 215), leading=1.4)
    art(c)
    return c.finish()


def slide_phone(c: Canvas, screen: ScreenFn, x: float = 1200, y: float = 60, scale: float = 0.86) -> None:
    s = c.sub(SCREEN_W, SCREEN_H, scale)
    screen(s)
    phone(c, x, y, s, scale=scale)


CATEGORY_ART = [
    ("music", MUSIC),
    ("data", DATA),
    ("wallet", PAY),
    ("cloud", CLOUD),
    ("family", FAMILY),
    ("video", VIDEO),
    ("news", NEWS),
]


def welcome_art(c: Canvas) -> None:
    spots = [(1180, 260), (1430, 200), (1680, 300), (1300, 520), (1560, 500), (1200, 760), (1470, 760)]
    for (x, y), (icon, col) in zip(spots, CATEGORY_ART, strict=True):
        r = 110
        c.shadow((x - r, y - r, 2 * r, 2 * r), 48, blur=26, dy=16, color=shade(col, 0.5), opacity=0.35)
        c.gradient((x - r, y - r, 2 * r, 2 * r), tint(col, 0.2), shade(col, 0.15), r=52)
        c.icon(icon, x, y, 120, WHITE)
    chip(c, 1590, 690, "star", "动手试", "Try before you buy", DATA, h=100)


# --------------------------------------------------------------------------- promo videos


def vrbt_frame(c: Canvas, t: float) -> None:
    col, acc = MUSIC, MUSIC2
    c.gradient((0, 0, 1920, 1080), shade(acc, 0.25), col)
    for i in range(6):  # drifting light discs
        x = (200 + i * 330 + t * (30 + 12 * i)) % 2100 - 90
        y = 180 + (i * 173) % 700 + 40 * math.sin(t * 1.3 + i)
        c.circle(x, y, 70 + 25 * (i % 3), (255, 255, 255, 18 + 4 * (i % 3)))
    px, py = 1160, 60 + 10 * math.sin(t * 2.4)
    for k in range(3):  # ringing waves around the phone
        p = (t * 0.9 + k / 3) % 1.0
        r = 300 + 360 * p
        c.circle(px + 250, py + 500, r, outline=(255, 255, 255, round(110 * (1 - p))), width=6)
    for i in range(7):  # notes rising
        p = (t / 6 + i / 7) % 1.0
        x = 1040 + (i * 131) % 820 + 30 * math.sin(t * 2 + i)
        c.icon("music", x, 1060 - p * 1100, 50 + 10 * (i % 3), (255, 255, 255, round(200 * (1 - p))))
    s = c.sub(SCREEN_W, SCREEN_H, 1.0)
    call_screen(s, col, acc, None, "sunset", phase=t * 0.9)
    phone(c, px, py, s)
    a = ease(t / 0.8)
    x = 140 - 80 * (1 - a)
    pill(c, x, 200, "新功能  NEW", 30, col, (255, 255, 255, round(255 * a)))
    if a > 0:
        headline(c, x, 420, "视频彩铃", "Video ring-back tones", 140, 900, mix(col, WHITE, a))
    b = ease((t - 2.6) / 0.8)
    if b > 0:
        y = 680 + 60 * (1 - b)
        w = (255, 255, 255, round(255 * b))
        c.text(140, y, "来电那一刻，就很精彩", 60, w, bold=True, anchor="ls")
        c.text(140, y + 60, "Make every call a little show", 36, w, anchor="ls")
    d = ease((t - 4.0) / 0.6)
    if d > 0:
        pill(c, 140, 820, "¥6 / 月  ·  6 yuan a month", 36, shade(col, 0.1), (255, 255, 255, round(255 * d)))


def data_frame(c: Canvas, t: float) -> None:
    col, acc = DATA, DATA2
    c.gradient((0, 0, 1920, 1080), shade(col, 0.35), col)
    for i in range(14):  # speed streaks
        p = (t * (0.6 + 0.07 * (i % 5)) + i * 0.137) % 1.0
        y = 80 + (i * 71) % 920
        x = -400 + p * 2700
        c.line([(x, y), (x + 260 + 40 * (i % 3), y)], (255, 255, 255, 40 + 10 * (i % 4)), 6 + 2 * (i % 3))
    fill = ease(t / 3.2)
    cx, cy, r = 1420, 520, 300
    c.circle(cx, cy, r + 70, (255, 255, 255, 20))
    c.circle(cx, cy, r - 10, (255, 255, 255, 235))
    gauge(c, cx, cy, r + 20, fill, acc, 44, (255, 255, 255, 60))
    c.text(cx, cy - 10, f"{10 * fill:.1f}", 150, shade(col, 0.2), bold=True, anchor="mm")
    c.text(cx, cy + 110, "GB", 52, MUTED, bold=True, anchor="mm")
    pulse = 1 + 0.06 * math.sin(t * 6)
    c.circle(cx + 300, cy - 290, 70 * pulse, rgb("#FFC857"))
    c.icon("bolt", cx + 300, cy - 290, 80 * pulse, shade(col, 0.3))
    c.text(cx + 400, cy - 290, "5G", 56, WHITE, bold=True, anchor="lm")
    a = ease(t / 0.8)
    x = 140 - 80 * (1 - a)
    if a > 0:
        pill(c, x, 200, "流量包  DATA", 30, col, (255, 255, 255, round(255 * a)))
        headline(c, x, 420, "10GB 流量包", "10 GB data pack", 130, 860, mix(col, WHITE, a))
    b = ease((t - 2.8) / 0.8)
    if b > 0:
        y = 680 + 60 * (1 - b)
        w = (255, 255, 255, round(255 * b))
        c.text(140, y, "每月30元，即买即用", 60, w, bold=True, anchor="ls")
        c.text(140, y + 60, "30 yuan a month, ready the moment you buy", 34, w, anchor="ls")
    d = ease((t - 4.2) / 0.6)
    if d > 0:
        pill(
            c,
            140,
            820,
            "刷视频 · 开热点 · 打游戏   Stream · Share · Play",
            32,
            shade(col, 0.1),
            (255, 255, 255, round(255 * d)),
        )


PROMOS = {
    "vid.ringback.video": {
        "slug": "ringback-video",
        "frame": vrbt_frame,
        "poster_t": 5.0,
        "title": T("视频彩铃：来电那一刻就很精彩", "Video ring-back tones in 6 seconds"),
        "cues": [
            (
                0.3,
                2.9,
                T(
                    "视频彩铃，让来电的人看到你选的短视频",
                    "With video ring-back tones, callers see a clip you chose",
                ),
            ),
            (
                3.0,
                6.0,
                T("来电那一刻就很精彩，每月只要6元", "Make every call a little show, for 6 yuan a month"),
            ),
        ],
    },
    "vid.data.10gb": {
        "slug": "data-10gb",
        "frame": data_frame,
        "poster_t": 5.0,
        "title": T("10GB流量包：每月30元", "The 10 GB data pack: 30 yuan a month"),
        "cues": [
            (0.3, 2.9, T("流量不够用？加一个10GB流量包", "Running short? Add a 10 GB data pack")),
            (3.0, 6.0, T("每月30元，买了马上就能用", "30 yuan a month, and it works the moment you buy")),
        ],
    },
}


# --------------------------------------------------------------------------- national pack


def price(amount: str, period: str = "month") -> dict:
    return {"amount": amount, "currency": "CNY", "period": period}


CATEGORIES = [
    ("cat.music", T("彩铃音乐", "Ring-back & music"), MUSIC, "music", 10),
    ("cat.data", T("流量", "Mobile data"), DATA, "data", 20),
    ("cat.payment", T("和包支付", "Mobile payment"), PAY, "wallet", 30),
    ("cat.cloud", T("云盘", "Cloud storage"), CLOUD, "cloud", 40),
    ("cat.family", T("家庭", "Family"), FAMILY, "family", 50),
    ("cat.video", T("视频娱乐", "Video"), VIDEO, "video", 60),
    ("cat.news", T("资讯", "News"), NEWS, "news", 70),
]


@dataclass
class ServiceDef:
    id: str
    category: str
    name: Txt
    pitch: Txt
    description: Txt
    price: dict
    tags: list[str]
    demo: Callable[[], DemoDef]
    art: list[tuple[Color, Color, str, ScreenFn, list[ChipSpec]]]
    video: str | None = None
    valid: dict | None = None


def national_services() -> list[ServiceDef]:
    return [
        ServiceDef(
            "svc.ringback",
            "cat.music",
            T("彩铃", "Ring-back tones"),
            T(
                "让来电的人先听到你选的歌，而不是单调的嘟嘟声。",
                "Callers hear a song you picked instead of a plain ringing tone.",
            ),
            T(
                "开通彩铃后，朋友给你打电话时，在等待接听的几秒钟里听到的是你选的音乐。曲库有十万多首正版歌曲，"
                "可以按心情、节日随时更换，还能为家人和同事分别设置不同的铃音。每月5元，换歌不另收费，可随时退订。",
                "With ring-back tones, anyone who calls you hears your chosen music while they wait "
                "for you to pick up. Choose from over 100,000 licensed songs, change them with "
                "your mood or the season, and even set different songs for family and "
                "colleagues. 5 yuan a month, song changes are free, and you can cancel any time.",
            ),
            price("5.00"),
            ["music", "ringback", "popular"],
            ringback_demo,
            [
                (
                    MUSIC,
                    MUSIC2,
                    "music",
                    lambda s: song_list(
                        s,
                        MUSIC,
                        MUSIC2,
                        T("彩铃", "Ring-back tones"),
                        T("热门榜 TOP 50", "Most loved this week"),
                        RB_SONGS,
                    ),
                    [("music", "100,000+", "正版歌曲 Licensed songs"), ("wallet", "¥5 / 月", "a month")],
                ),
                (
                    MUSIC,
                    MUSIC2,
                    "sound",
                    lambda s: call_screen(s, MUSIC, MUSIC2, RB_SONGS[0]),
                    [("sound", "来电听歌", "Callers hear music"), ("check", "随时更换", "Change any time")],
                ),
            ],
        ),
        ServiceDef(
            "svc.ringback.video",
            "cat.music",
            T("视频彩铃", "Video ring-back tones"),
            T(
                "让来电的人在等待时看一段你选的短视频。",
                "Callers watch a short video of your choice while they wait.",
            ),
            T(
                "视频彩铃是彩铃的升级版：朋友给你打电话时，在等待接听的那几秒，他的手机上会播放一段你选的短视频，"
                "有画面也有声音。可以从视频库里挑选，也可以上传自己拍的视频（15秒以内，审核后生效）。"
                "对方用支持高清通话的4G或5G手机就能看到，其他手机会听到视频的声音。",
                "Video ring-back tones take ring-back tones a step further: while a friend waits "
                "for you to answer, their phone plays a short video you picked, with picture and "
                "sound. Choose from the library or upload a clip of your own (up to 15 seconds, "
                "live once it has been checked). Callers with HD-calling 4G or 5G phones see it; "
                "other phones play its sound.",
            ),
            price("6.00"),
            ["music", "video", "5g", "new"],
            video_ringback_demo,
            [
                (
                    MUSIC,
                    rgb("#FF8E72"),
                    "video",
                    lambda s: vr_gallery(s, MUSIC, rgb("#FF8E72")),
                    [("play", "1080P", "高清画质 HD quality"), ("upload", "自己拍", "Use your own clip")],
                )
            ],
            video="vid.ringback.video",
        ),
        ServiceDef(
            "svc.data.10gb",
            "cat.data",
            T("10GB 流量包", "10 GB data pack"),
            T(
                "每月多10GB流量，刷视频、开热点都不怕。",
                "10 GB more every month, for all the video and hotspot you need.",
            ),
            T(
                "在套餐之外每月增加10GB国内通用流量，4G和5G网络都能用。订购后立即生效，当月费用按天折算。"
                "每月30元，可随时退订，退订从次月起生效。",
                "Adds 10 GB of nationwide data to your plan every month, on 4G and 5G. It starts "
                "as soon as you order and the first month is charged by the day. 30 yuan a "
                "month; cancel any time, effective from the next month.",
            ),
            price("30.00"),
            ["data", "5g", "popular"],
            data_demo,
            [
                (
                    DATA,
                    DATA2,
                    "data",
                    lambda s: data_usage(s, DATA, "10.8 GB", 0.46, False),
                    [("data", "10 GB", "每月 every month"), ("bolt", "立即生效", "Starts at once")],
                ),
                (
                    DATA,
                    DATA2,
                    "bolt",
                    lambda s: data_packs(s, DATA),
                    [("wallet", "¥30 / 月", "a month"), ("bolt", "4G / 5G", "全网通用 Nationwide")],
                ),
            ],
            video="vid.data.10gb",
        ),
        ServiceDef(
            "svc.data.day",
            "cat.data",
            T("1GB 日包", "1 GB day pass"),
            T(
                "临时不够用？5元买1GB，24小时有效。",
                "Short on data today? 1 GB for 5 yuan, valid for 24 hours.",
            ),
            T(
                "适合出差、旅行或月底流量紧张的时候。购买后立即生效，从购买起24小时内可用1GB国内流量，"
                "到期自动结束，不会续订。",
                "Handy for business trips, travel or the end of the month. It starts at once and "
                "gives you 1 GB of nationwide data for 24 hours from purchase, then simply ends: "
                "it never renews.",
            ),
            price("5.00", "once"),
            ["data", "travel"],
            day_demo,
            [
                (
                    DATA,
                    DATA2,
                    "clock",
                    lambda s: day_offer(s, DATA),
                    [("clock", "24 小时", "24 hours"), ("wallet", "¥5", "只付一次 Pay once")],
                )
            ],
        ),
        ServiceDef(
            "svc.data.night",
            "cat.data",
            T("夜间流量包", "Late-night data pack"),
            T(
                "每晚23点到次日7点专用，每月20GB只要10元。",
                "20 GB for 11 pm to 7 am every night, 10 yuan a month.",
            ),
            T(
                "夜间流量包每月提供20GB流量，在每天23:00到次日7:00使用，适合晚上追剧、下载游戏和系统更新。"
                "白天照常使用套餐流量，两部分分开计算。",
                "The late-night pack gives you 20 GB a month for use between 11 pm and 7 am: "
                "ideal for late-night streaming, game downloads and system updates. In the "
                "daytime you use your plan's data as usual; the two are counted separately.",
            ),
            price("10.00"),
            ["data", "night", "video"],
            night_demo,
            [
                (
                    rgb("#3D3F9E"),
                    rgb("#5B5CE6"),
                    "moon",
                    lambda s: night_home(s, rgb("#5B5CE6")),
                    [("moon", "23:00–07:00", "每晚 every night"), ("data", "20 GB", "每月 a month")],
                )
            ],
            valid={"hours": ["18:00-01:00"]},
        ),
        ServiceDef(
            "svc.pay.hebao",
            "cat.payment",
            T("和包支付", "Hebao mobile payment"),
            T(
                "手机就是钱包：扫码付款、坐地铁、缴话费，免费开通。",
                "Your phone is your wallet: pay by code, ride the metro, top up. Free to open.",
            ),
            T(
                "和包是中国移动的手机支付服务。在商店出示付款码或扫一扫商家的收款码就能付款，还能缴话费、水电费，"
                "乘坐公交地铁。每笔消费都能攒积分，积分可以兑换话费和流量。开通免费，付款不收手续费。",
                "Hebao is China Mobile's mobile payment service. Pay in shops by showing your "
                "payment code or scanning the shop's code, pay phone, water and power bills, and "
                "ride buses and the metro. Every purchase earns points you can swap for call "
                "credit and data. Free to open, with no fees on payments.",
            ),
            price("0.00", "once"),
            ["payment", "qr", "free"],
            pay_demo,
            [
                (
                    PAY,
                    PAY2,
                    "wallet",
                    lambda s: pay_home(s, PAY),
                    [("qr", "扫码付", "Pay by QR code"), ("star", "攒积分", "Earn points")],
                ),
                (
                    PAY,
                    PAY2,
                    "qr",
                    lambda s: pay_code(s, PAY),
                    [("bolt", "1 秒", "扫码即付 Paid in a second"), ("shield", "安全", "Protected")],
                ),
            ],
        ),
        ServiceDef(
            "svc.cloud.100gb",
            "cat.cloud",
            T("云盘 100GB", "Cloud drive 100 GB"),
            T(
                "100GB云空间，照片自动备份，换手机也不丢。",
                "100 GB in the cloud: photos back up by themselves and survive a new phone.",
            ),
            T(
                "开通后获得100GB云存储空间，可以自动备份手机里的照片、视频和通讯录，原图上传不压缩。"
                "在电脑、平板和电视上登录同一账号就能查看，还能生成链接分享给家人。每月10元。",
                "Get 100 GB of cloud storage that backs up your photos, videos and contacts "
                "automatically, at full original quality. Sign in on a computer, tablet or TV to "
                "see them, and share albums with family by link. 10 yuan a month.",
            ),
            price("10.00"),
            ["cloud", "photos", "backup"],
            cloud_demo,
            [
                (
                    CLOUD,
                    CLOUD2,
                    "cloud",
                    lambda s: cloud_home(s, CLOUD),
                    [("cloud", "100 GB", "云端空间 Cloud space"), ("photo", "原图", "Full quality")],
                ),
                (
                    CLOUD,
                    CLOUD2,
                    "upload",
                    lambda s: cloud_backup(s, CLOUD),
                    [("upload", "自动备份", "Automatic backup"), ("family", "分享", "Share with family")],
                ),
            ],
        ),
        ServiceDef(
            "svc.family.plan",
            "cat.family",
            T("全家享套餐", "Family plan"),
            T(
                "一家人一个套餐：共享100GB流量和2000分钟，还含宽带。",
                "One plan for the family: 100 GB and 2000 minutes to share, broadband included.",
            ),
            T(
                "全家享套餐每月128元，最多4位家庭成员共享100GB国内流量和2000分钟国内通话，"
                "还包含300M家庭宽带和高清电视。成员保留原号码，副卡免月租，主卡随时可以查看每个人的用量。",
                "For 128 yuan a month, up to four family members share 100 GB of nationwide data "
                "and 2000 minutes of calls, with 300 Mbps home broadband and HD TV included. "
                "Everyone keeps their number, extra lines have no monthly fee, and the main line "
                "can check everyone's usage at any time.",
            ),
            price("128.00"),
            ["family", "broadband", "plan"],
            family_demo,
            [
                (
                    FAMILY,
                    FAMILY2,
                    "family",
                    lambda s: family_plan_screen(s, FAMILY, 4),
                    [("data", "100 GB", "全家共享 Shared"), ("home", "300M", "宽带 Broadband")],
                ),
                (
                    FAMILY,
                    FAMILY2,
                    "data",
                    lambda s: family_members(s, FAMILY),
                    [("family", "4 人", "Up to 4 members"), ("phone", "号码不变", "Keep your numbers")],
                ),
            ],
        ),
        ServiceDef(
            "svc.family.locate",
            "cat.family",
            T("亲情定位", "Family locator"),
            T(
                "孩子到校、老人到家，位置和提醒都在你手机上。",
                "Know when the kids reach school and grandparents get home.",
            ),
            T(
                "经家人同意后，可以在地图上查看孩子手表或老人手机的位置，设置学校、家等安全区，"
                "有人进出安全区时自动提醒你。每月5元，最多可添加3位家人。",
                "With their consent, see where your child's watch or an elderly relative's phone "
                "is on a map. Set safe zones such as school or home and get a message whenever "
                "someone arrives or leaves. 5 yuan a month for up to 3 family members.",
            ),
            price("5.00"),
            ["family", "safety", "kids"],
            locator_demo,
            [
                (
                    FAMILY,
                    FAMILY2,
                    "pin",
                    lambda s: locate_home(s, FAMILY),
                    [("pin", "实时位置", "Live location"), ("bell", "到校提醒", "Arrival alerts")],
                )
            ],
        ),
        ServiceDef(
            "svc.video.member",
            "cat.video",
            T("视频会员", "Video membership"),
            T(
                "热门剧集、电影，高清无广告，每月15元。",
                "Hit series and films in HD with no ads, 15 yuan a month.",
            ),
            T(
                "开通后可以观看会员专区五千多部剧集和电影，4K超清，没有广告，每周上新。"
                "一个会员账号可以在手机、平板和电视上使用。费用计入话费，不用绑定银行卡，可随时取消。",
                "Watch more than 5,000 series and films in the members' zone, in 4K and with no "
                "ads, with new titles every week. One membership works on phone, tablet and TV. "
                "It's charged to your phone bill, needs no bank card, and you can cancel any "
                "time.",
            ),
            price("15.00"),
            ["video", "entertainment"],
            video_member_demo,
            [
                (
                    VIDEO,
                    VIDEO2,
                    "video",
                    lambda s: vm_home(s, VIDEO),
                    [("star", "5,000+", "剧集和电影 Series and films"), ("shield", "0 广告", "No ads")],
                ),
                (
                    VIDEO,
                    VIDEO2,
                    "tv",
                    lambda s: vm_player(s, VIDEO, locked=False),
                    [("tv", "投屏", "Cast to your TV"), ("star", "4K", "超清 Ultra HD")],
                ),
            ],
        ),
        ServiceDef(
            "svc.news.daily",
            "cat.news",
            T("手机报", "Mobile News"),
            T("每天早晚两期新闻，三分钟读完天下事。", "Two news editions a day: catch up in three minutes."),
            T(
                "手机报每天早上7点和晚上7点各发送一期，内容包括要闻、天气、财经、体育和科技，"
                "以彩信形式送达，不用流量。版面可以自己选，每月3元。",
                "Mobile News arrives at 7 every morning and 7 every evening with top stories, "
                "weather, business, sport and tech. It comes as a multimedia message, so it uses "
                "none of your data. Choose your sections, for 3 yuan a month.",
            ),
            price("3.00"),
            ["news", "sms"],
            news_demo,
            [
                (
                    NEWS,
                    NEWS2,
                    "news",
                    lambda s: news_edition(s, NEWS),
                    [("sun", "07:00", "早间版 Morning"), ("moon", "19:00", "晚间版 Evening")],
                )
            ],
        ),
    ]


def write_services(pack: PackWriter, services: list[ServiceDef], order0: int = 10) -> list[dict]:
    items = []
    demos = []
    for n, sv in enumerate(services):
        slug = sv.id.removeprefix("svc.").replace(".", "-")
        images = [
            pack.jpeg(f"media/services/{slug}-{k + 1}.jpg", service_art(*spec, variant=k))
            for k, spec in enumerate(sv.art)
        ]
        demo = sv.demo()
        demos.append(build_demo(pack, demo))
        item: dict = {
            "id": sv.id,
            "category": sv.category,
            "name": sv.name,
            "pitch": sv.pitch,
            "description": sv.description,
            "price": sv.price,
            "images": images,
            "tags": sv.tags,
            "demo": demo.id,
        }
        if sv.video:
            item["video"] = sv.video
        item["order"] = order0 + 10 * n
        if sv.valid:
            item["valid"] = sv.valid
        items.append(item)
    pack.json("services.json", items)
    return demos


def write_videos(pack: PackWriter) -> list[dict]:
    items = []
    for vid, spec in PROMOS.items():
        slug = spec["slug"]
        frame = spec["frame"]
        encode_video(pack.path(f"media/video/{slug}.mp4"), frame, 6.0)
        poster = Canvas(*FULL, SS)
        frame(poster, spec["poster_t"])
        subs = {}
        for lang, short in (("zh-CN", "zh"), ("en", "en")):
            subs[lang] = pack.text(
                f"media/video/{slug}.{short}.vtt", vtt([(a, b, text[lang]) for a, b, text in spec["cues"]])
            )
        items.append(
            {
                "id": vid,
                "title": spec["title"],
                "file": f"media/video/{slug}.mp4",
                "poster": pack.jpeg(f"media/video/{slug}-poster.jpg", poster.finish()),
                "subtitles": subs,
            }
        )
    pack.json("videos.json", items)
    return items


DAILY_WINDOW = {"from": "2026-11-01", "until": "2027-12-31"}
FAMILY_WINDOW = {"from": "2026-11-01", "until": "2027-03-31"}


def make_national() -> None:
    pack = PackWriter("national")
    pack.json(
        "pack.json",
        {
            "format": 1,
            "id": "national",
            "version": 1,
            "scope": "national",
            "title": T("全国内容包", "National content"),
            "languages": ["zh-CN", "en"],
        },
    )
    pack.json(
        "categories.json",
        [
            {
                "id": cid,
                "name": name,
                "icon": pack.png(f"media/icons/{cid.removeprefix('cat.')}.png", category_icon(col, icon)),
                "color": hexcolor(col),
                "order": order,
            }
            for cid, name, col, icon, order in CATEGORIES
        ],
    )
    services = national_services()
    demos = write_services(pack, services)
    pack.json("demos.json", demos)
    write_videos(pack)

    offers = [
        {
            "id": "off.daily.cloud",
            "kind": "daily_deal",
            "title": T("每日特惠：云盘100GB", "Daily deal: Cloud drive 100 GB"),
            "description": T(
                "今天开通云盘100GB，前3个月享8折，每月只要8元。",
                "Sign up for the 100 GB cloud drive today and get 20% off for the "
                "first 3 months: just 8 yuan a month.",
            ),
            "services": ["svc.cloud.100gb"],
            "rule": {"type": "percent_off", "percent": 20, "periods": 3},
            "banner": pack.jpeg(
                "media/offers/daily-cloud.jpg",
                offer_banner(
                    CLOUD,
                    CLOUD2,
                    "每日特惠  DAILY DEAL",
                    T("云盘100GB 前3个月8折", "Cloud drive 100 GB"),
                    T("每月只要8元，照片自动备份", "20% off for 3 months: 8 yuan a month"),
                    "8折",
                    "20% OFF",
                    "cloud",
                    "2026.11.01 – 2027.12.31",
                ),
            ),
            "order": 10,
            "valid": DAILY_WINDOW,
        },
        {
            "id": "off.family.welcome",
            "kind": "campaign",
            "title": T("全家享新装立减", "Family plan welcome offer"),
            "description": T(
                "新开通全家享套餐，前6个月每月立减30元。",
                "New family plans get 30 yuan off every month for the first 6 months.",
            ),
            "services": ["svc.family.plan"],
            "rule": {"type": "amount_off", "amount": "30.00", "periods": 6},
            "banner": pack.jpeg(
                "media/offers/family-welcome.jpg",
                offer_banner(
                    FAMILY,
                    FAMILY2,
                    "新装优惠  NEW CUSTOMERS",
                    T("全家享 每月立减30元", "Family plan"),
                    T("前6个月每月只要98元", "30 yuan off a month for 6 months: 98 yuan a month"),
                    "-¥30",
                    "每月 A MONTH",
                    "family",
                    "2026.11.01 – 2027.03.31",
                ),
            ),
            "order": 20,
            "valid": FAMILY_WINDOW,
        },
        {
            "id": "off.weekend.video",
            "kind": "campaign",
            "title": T("周末观影特惠", "Weekend movie deal"),
            "description": T(
                "周六、周日开通视频会员，首月只要9.9元。",
                "Join video membership on a Saturday or Sunday and pay just 9.90 yuan for the first month.",
            ),
            "services": ["svc.video.member"],
            "rule": {"type": "fixed_price", "amount": "9.90", "periods": 1},
            "banner": pack.jpeg(
                "media/offers/weekend-video.jpg",
                offer_banner(
                    VIDEO,
                    VIDEO2,
                    "周末限定  WEEKENDS ONLY",
                    T("周末开会员 首月9.9元", "Weekend movie deal"),
                    T("热门剧集、电影，高清无广告", "Video membership: first month 9.90 yuan"),
                    "¥9.9",
                    "首月 FIRST MONTH",
                    "video",
                    "每周六、周日  Saturdays and Sundays",
                ),
            ),
            "order": 30,
            "valid": {"days": ["sat", "sun"]},
        },
    ]
    pack.json("offers.json", offers)

    def welcome() -> Image.Image:
        return slide(
            DATA,
            rgb("#6A3DE8"),
            "5G 体验区  EXPERIENCE ZONE",
            T("欢迎来到业务体验区", "Welcome to the experience zone"),
            T(
                "彩铃、支付、流量、云盘、全家享，动手试一试。",
                "Ring-back tones, payment, data, cloud and family plans: try them yourself.",
            ),
            welcome_art,
        )

    def daily() -> Image.Image:
        def art(c: Canvas) -> None:
            slide_phone(c, lambda s: cloud_home(s, CLOUD), x=1180)
            discount_disc(c, 1690, 640, 150, "8折", "20% OFF", CLOUD)

        return slide(
            CLOUD,
            CLOUD2,
            "每日特惠  DAILY DEAL",
            T("云盘100GB 前3个月8折", "Cloud drive 100 GB, 20% off"),
            T(
                "每月只要8元，照片自动备份，换手机也不丢。",
                "Just 8 yuan a month for your first 3 months. Photos back up by themselves.",
            ),
            art,
        )

    def family() -> Image.Image:
        def art(c: Canvas) -> None:
            slide_phone(c, lambda s: family_plan_screen(s, FAMILY, 4), x=1180)
            for i, cc in enumerate((FAMILY, FAMILY2, DATA, PAY)):
                c.circle(1690, 250 + i * 150, 66, WHITE)
                avatar(c, 1690, 250 + i * 150, 58, cc)

        return slide(
            FAMILY,
            FAMILY2,
            "全家享  FAMILY PLAN",
            T("一家人，一个套餐", "One plan for the whole family"),
            T(
                "每月128元，共享100GB流量和2000分钟，含300M宽带。",
                "128 yuan a month: 100 GB and 2000 minutes to share, with 300M broadband.",
            ),
            art,
        )

    def payment() -> Image.Image:
        def art(c: Canvas) -> None:
            slide_phone(c, lambda s: pay_code(s, PAY), x=1180)
            pos_terminal(c, 1640, 380, PAY, k=0.9)

        return slide(
            PAY,
            PAY2,
            "和包支付  HEBAO PAY",
            T("出门只带手机就够了", "Just bring your phone"),
            T(
                "扫码付款、坐地铁、缴话费，开通免费。",
                "Pay in shops, ride the metro, top up your phone. Free to open.",
            ),
            art,
        )

    attract = {
        "items": [
            {
                "id": "a.welcome",
                "image": pack.jpeg("media/attract/welcome.jpg", welcome()),
                "duration_s": 8,
                "order": 10,
            },
            {"id": "a.video.ringback", "video": "media/video/ringback-video.mp4", "order": 20},
            {
                "id": "a.daily.cloud",
                "image": pack.jpeg("media/attract/daily-cloud.jpg", daily()),
                "duration_s": 8,
                "order": 30,
                "valid": DAILY_WINDOW,
            },
            {"id": "a.video.data", "video": "media/video/data-10gb.mp4", "order": 40},
            {
                "id": "a.family",
                "image": pack.jpeg("media/attract/family.jpg", family()),
                "duration_s": 8,
                "order": 50,
            },
            {
                "id": "a.payment",
                "image": pack.jpeg("media/attract/payment.jpg", payment()),
                "duration_s": 8,
                "order": 60,
            },
        ]
    }
    pack.json("attract.json", attract)
    pack.json(
        "top10.json",
        {
            "services": [
                "svc.ringback",
                "svc.data.10gb",
                "svc.cloud.100gb",
                "svc.pay.hebao",
                "svc.family.plan",
                "svc.video.member",
                "svc.ringback.video",
                "svc.data.day",
                "svc.news.daily",
                "svc.family.locate",
            ]
        },
    )


# --------------------------------------------------------------------------- province pack


def make_province() -> None:
    pack = PackWriter("province-gd")
    pack.json(
        "pack.json",
        {
            "format": 1,
            "id": "province-gd",
            "version": 1,
            "scope": "province:GD",
            "title": T("广东省内容包", "Guangdong content"),
            "languages": ["zh-CN", "en"],
        },
    )
    acc = rgb("#F77F00")
    sv = ServiceDef(
        "svc.gd.cantonese",
        "cat.music",
        T("粤语彩铃", "Cantonese ring-back tones"),
        T("来电听粤语金曲，广东用户专享。", "Cantonese classics for your callers, just for Guangdong."),
        T(
            "为广东用户精选的粤语彩铃曲库，经典老歌和流行新曲都有。设置以后，朋友来电等待接听时，"
            "听到的是地道的粤语歌。每月5元，换歌不另收费，可随时退订。",
            "A Cantonese ring-back library picked for Guangdong customers, from golden oldies to "
            "new hits. Once it's set, friends who call you hear a real Cantonese song while they "
            "wait. 5 yuan a month, song changes are free, and you can cancel any time.",
        ),
        price("5.00"),
        ["music", "ringback", "cantonese", "guangdong"],
        cantonese_demo,
        [
            (
                KAPOK,
                acc,
                "music",
                lambda s: song_list(
                    s,
                    KAPOK,
                    acc,
                    T("粤语彩铃", "Cantonese ring-back"),
                    T("粤语金曲榜", "Cantonese hits"),
                    GD_SONGS,
                ),
                [("music", "粤语金曲", "Cantonese hits"), ("pin", "广东专享", "Only in Guangdong")],
            ),
            (
                KAPOK,
                acc,
                "sound",
                lambda s: call_screen(s, KAPOK, acc, GD_SONGS[0]),
                [("sound", "老友来电", "Old friends call"), ("wallet", "¥5 / 月", "a month")],
            ),
        ],
    )
    demos = write_services(pack, [sv], order0=15)
    pack.json("demos.json", demos)

    def art(c: Canvas) -> None:
        slide_phone(
            c,
            lambda s: song_list(
                s,
                KAPOK,
                acc,
                T("粤语彩铃", "Cantonese ring-back"),
                T("粤语金曲榜", "Cantonese hits"),
                GD_SONGS,
            ),
            x=1180,
        )
        notes(c, [(1720, 240, 110), (1760, 560, 80), (1660, 820, 64)], (255, 255, 255, 150))

    pack.json(
        "attract.json",
        {
            "items": [
                {
                    "id": "a.gd.cantonese",
                    "image": pack.jpeg(
                        "media/attract/cantonese.jpg",
                        slide(
                            KAPOK,
                            acc,
                            "广东专享  GUANGDONG",
                            T("粤语彩铃，乡音一响就亲切", "Cantonese ring-back tones"),
                            T(
                                "经典粤语金曲，每月5元，朋友来电一听就知道是你。",
                                "Golden Cantonese hits for 5 yuan a month: "
                                "friends know it's you from the first note.",
                            ),
                            art,
                        ),
                    ),
                    "duration_s": 8,
                    "order": 25,
                }
            ]
        },
    )
    pack.json(
        "overrides.json",
        [
            {"section": "services", "id": "svc.data.10gb", "set": {"price": price("25.00")}},
        ],
    )


# --------------------------------------------------------------------------- store pack

OPENING_WINDOW = {"from": "2026-11-01", "until": "2027-01-31"}


def make_store() -> None:
    pack = PackWriter("store-gd-sz-0001")
    pack.json(
        "pack.json",
        {
            "format": 1,
            "id": "store-gd-sz-0001",
            "version": 1,
            "scope": "store:GD-SZ-0001",
            "title": T("深圳福田营业厅内容包", "Shenzhen Futian store content"),
            "languages": ["zh-CN", "en"],
        },
    )
    col, acc = KAPOK, rgb("#FF9F1C")
    pack.json(
        "offers.json",
        [
            {
                "id": "off.sz0001.opening",
                "kind": "campaign",
                "title": T("福田店开业季：首月1元", "Futian store opening: first month 1 yuan"),
                "description": T(
                    "深圳福田营业厅开业期间，在本店开通10GB流量包、视频会员或云盘100GB，首月只要1元。",
                    "While our Shenzhen Futian store celebrates its opening, sign up here "
                    "for the 10 GB data pack, video membership or the 100 GB cloud drive "
                    "and pay just 1 yuan for the first month.",
                ),
                "services": ["svc.data.10gb", "svc.video.member", "svc.cloud.100gb"],
                "rule": {"type": "fixed_price", "amount": "1.00", "periods": 1},
                "banner": pack.jpeg(
                    "media/offers/opening.jpg",
                    offer_banner(
                        col,
                        acc,
                        "福田店开业  GRAND OPENING",
                        T("开业季 首月1元", "Opening season deal"),
                        T("流量包、视频会员、云盘，任选开通", "Data, video or cloud: first month 1 yuan"),
                        "¥1",
                        "首月 FIRST MONTH",
                        "gift",
                        "2026.11.01 – 2027.01.31 · 深圳福田营业厅",
                    ),
                ),
                "order": 5,
                "valid": OPENING_WINDOW,
            },
        ],
    )

    def art(c: Canvas) -> None:
        for i, (icon, cc) in enumerate((("data", DATA), ("video", VIDEO), ("cloud", CLOUD))):
            y = 230 + i * 230
            c.shadow((1180, y - 90, 560, 180), 40, blur=24, dy=14, opacity=0.25)
            c.rrect((1180, y - 90, 560, 180), 40, WHITE)
            c.gradient((1210, y - 60, 120, 120), tint(cc, 0.15), shade(cc, 0.15), r=34)
            c.icon(icon, 1270, y, 70, WHITE)
            name = [
                ("10GB 流量包", "10 GB data pack"),
                ("视频会员", "Video membership"),
                ("云盘 100GB", "Cloud drive 100 GB"),
            ][i]
            c.text(1360, y - 18, name[0], 40, INK, bold=True, anchor="lm")
            c.text(1360, y + 30, name[1], 26, MUTED, anchor="lm")
            c.text(1710, y, "¥1", 56, col, bold=True, anchor="rm")
        c.icon("gift", 1760, 120, 150, (255, 255, 255, 90))

    pack.json(
        "attract.json",
        {
            "items": [
                {
                    "id": "a.sz0001.opening",
                    "image": pack.jpeg(
                        "media/attract/opening.jpg",
                        slide(
                            col,
                            acc,
                            "福田店盛大开业  GRAND OPENING",
                            T("开业季，首月只要1元", "Opening season: first month 1 yuan"),
                            T(
                                "在本店开通流量包、视频会员或云盘，首月1元。",
                                "Sign up here for data, video or cloud storage and pay 1 yuan for the first "
                                "month.",
                            ),
                            art,
                        ),
                    ),
                    "duration_s": 8,
                    "order": 5,
                    "valid": OPENING_WINDOW,
                }
            ]
        },
    )


def main() -> None:
    make_national()
    make_province()
    make_store()
    total = sum(p.stat().st_size for p in PACKS.rglob("*") if p.is_file())
    print(f"wrote {PACKS}: {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
