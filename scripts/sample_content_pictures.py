"""The pictures of the sample content packs, each drawn by one function the data files name.

A data file asks for a drawing as `{ draw = "name", ...arguments }`; `make_sample_content.py`
looks the name up in `DRAWINGS` and calls the function with the arguments, the colours
resolved (see scripts/sample_content/README.md). Here live the phone screens of the demos,
the illustrations beside them, the templates of the pack's pictures (demo scene, service
image, offer banner, attract slide, category icon) and the frames of the promo videos: art,
drawn with the kit in `sample_content_art.py`. What the packs say (names, prices, narration,
captions, hotspots) is in the data files, not here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

from PIL import Image
from sample_content_art import (
    INK,
    LINE,
    MUTED,
    PAGE,
    SCREEN_H,
    SCREEN_W,
    WHITE,
    Box,
    Canvas,
    Color,
    alpha,
    app_header,
    backdrop,
    badge,
    button,
    chip,
    color,
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

FULL = (1920, 1080)
CARD = (1200, 675)
ICON = (256, 256)
SS = 2.0  # supersampling of full-screen art
PX, PY = 390, 40  # where the phone stands in demo scenes
RX = 1400  # centre of the illustration on the right of demo scenes

Txt = dict[str, str]
Song = list[str]  # [title in Chinese, title in English, length], as in library.toml
Draw = Callable[[Canvas], None]

MUSIC, MUSIC2 = color("music"), color("music2")
VIDEO, VIDEO2 = color("video"), color("video2")
NEWS, NEWS2 = color("news"), color("news2")
PAY, PAY2 = color("pay"), color("pay2")
DATA, DATA2 = color("data"), color("data2")
CLOUD, CLOUD2 = color("cloud"), color("cloud2")
FAMILY, FAMILY2 = color("family"), color("family2")
WARN = color("warn")

DRAWINGS: dict[str, Callable[..., None]] = {
    "badge": badge,
    "chip": chip,
    "notes": notes,
    "scenery": scenery,
    "pos_terminal": pos_terminal,
}


F = TypeVar("F", bound=Callable[..., None])


def drawing(fn: F) -> F:
    """Lets the data files draw `fn` by its name."""
    DRAWINGS[fn.__name__] = fn
    return fn


def ease(t: float) -> float:
    """Smooth 0..1 for t in 0..1 (clamped)."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


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


def icon_row(
    s: Canvas,
    y: float,
    icon: str,
    zh: str,
    en: str,
    color: Color,
    h: int = 104,
    r: float = 30,
    size: float = 34,
    light: float = 0.8,
    dark: float = 0.1,
    selected: Color | None = None,
) -> Box:
    """A list row led by `icon` on a disc tinted from `color`."""
    b = row(s, y, zh, en, lead=(0, 0, 0, 0), h=h, selected=selected)
    s.circle(b[0] + h // 2, y + h // 2, r, tint(color, light))
    s.icon(icon, b[0] + h // 2, y + h // 2, size, shade(color, dark))
    return b


@drawing
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


@drawing
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


@drawing
def confirm_sheet(
    s: Canvas, color: Color, title: Txt, detail: Txt, price: str, per: Txt, points: list[Txt]
) -> None:
    """The review step before subscribing; marks `confirm` and `cancel`."""
    confirm, cancel = {"zh-CN": "确认开通", "en": "Confirm"}, {"zh-CN": "再想想", "en": "Not now"}
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


@drawing
def done_screen(s: Canvas, color: Color, title: Txt, lines: list[dict], note: Txt | None = None) -> None:
    """A success page: the badge, a title, and a card of lines, each an icon, a label and a value."""
    s.rect((0, 0, SCREEN_W, SCREEN_H), WHITE)
    s.gradient((0, 0, SCREEN_W, 430), tint(color, 0.82), WHITE, angle="v")
    status_bar(s)
    success_badge(s, SCREEN_W / 2, 250, 74, color)
    s.text(SCREEN_W / 2, 402, title["zh-CN"], 36, INK, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 444, title["en"], 20, MUTED, anchor="mm")
    card = (28, 494, SCREEN_W - 56, 96 * len(lines) + 20)
    s.rrect(card, 26, PAGE)
    y = card[1] + 58
    for line in lines:
        icon, label, value = line["icon"], line["label"], line["value"]
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


@drawing
def call_screen(
    s: Canvas,
    color: Color,
    accent: Color,
    song: Song | None = None,
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
    if song and not video_kind:
        card = (44, 540, SCREEN_W - 88, 120)
        s.rrect(card, 28, (255, 255, 255, 36))
        s.circle(100, 600, 30, color)
        s.icon("music", 100, 600, 32, WHITE)
        s.text(148, 584, song[0], 24, WHITE, bold=True, anchor="lm")
        s.text(148, 616, song[1], 16, (255, 255, 255, 190), anchor="lm")
        waveform(s, (300, 574, 110, 52), (255, 255, 255, 200), bars=10, seed=5, phase=phase)
    for i, icon in enumerate(("sound", "plus", "user")):
        cx = SCREEN_W / 2 + (i - 1) * 130
        s.circle(cx, 730, 42, (255, 255, 255, 50))
        s.icon(icon, cx, 730, 34, WHITE)
    s.circle(SCREEN_W / 2, 860, 50, (235, 64, 64))
    s.icon("handset", SCREEN_W / 2, 860, 50, WHITE)
    home_indicator(s, light=True)


@drawing
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


@drawing
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


VR_CLIPS: list[tuple[str, str, str]] = [
    ("sunset", "海边日落", "Seaside sunset"),
    ("night", "星空之旅", "Starry journey"),
    ("forest", "春日森林", "Spring forest"),
    ("sea", "蔚蓝海岸", "Blue coast"),
]


@drawing
def vr_gallery(s: Canvas, color: Color, accent: Color) -> None:
    top = app_header(s, "视频彩铃", "Video ring-back tones", color)
    for k, (kind, zh, en) in enumerate(VR_CLIPS):
        x = 24 + (k % 2) * 224
        y = top + 22 + (k // 2) * 332
        b = (x, y, 200, 250)
        s.shadow(b, 20, blur=10, dy=6, opacity=0.18)
        scenery(s, b, kind, r=20, phase=k)
        s.circle(x + 100, y + 125, 30, (255, 255, 255, 190))
        s.icon("play", x + 102, y + 125, 28, color)
        s.rrect((x + 12, y + 212, 60, 28), 14, (0, 0, 0, 110))
        s.text(x + 42, y + 226, "0:15", 15, WHITE, anchor="mm")
        s.text(x + 4, y + 278, zh, 22, INK, bold=True, anchor="lm")
        s.text(x + 4, y + 306, en, 15, MUTED, anchor="lm")
        s.mark(f"clip{k}", (x, y, 200, 318))
    button(
        s, (40, 840, SCREEN_W - 80, 92), "上传我的视频", "Upload my own video", color, "upload", ghost=True
    )
    home_indicator(s)


@drawing
def vr_upload(s: Canvas, color: Color) -> None:
    top = plain_header(s, "选择视频", "Choose a video")
    boxes = thumbs(s, 16, top + 10, 3, 4, 140, 10, KINDS[::-1] + KINDS, r=8)
    for i, b in enumerate(boxes):
        s.text(
            b[0] + b[2] - 10, b[1] + b[3] - 16, f"0:{8 + i * 3 % 50:02d}", 14, WHITE, bold=True, anchor="rm"
        )
    sel = boxes[4]
    s.rrect(sel, 8, outline=color, width=6)
    s.circle(sel[0] + sel[2] - 24, sel[1] + 24, 18, color)
    s.icon("check", sel[0] + sel[2] - 24, sel[1] + 24, 24, WHITE)
    s.rect((0, 812, SCREEN_W, SCREEN_H - 812), WHITE)
    button(s, (40, 840, SCREEN_W - 80, 92), "使用这段视频", "Use this clip", color, "use")
    home_indicator(s)


@drawing
def vr_preview(s: Canvas, color: Color) -> None:
    scenery(s, (0, 0, SCREEN_W, SCREEN_H), "sunset", phase=0.8)
    s.vfade((0, 0, SCREEN_W, 220), (0, 0, 0), 130, 0)
    s.vfade((0, SCREEN_H - 300, SCREEN_W, 300), (0, 0, 0), 0, 120)
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 103, "预览 · Preview", 22, WHITE, bold=True, anchor="mm")
    progress(s, (40, 760, SCREEN_W - 80, 8), 0.45, WHITE, (255, 255, 255, 90))
    s.text(40, 790, "0:07", 15, WHITE, anchor="lm")
    s.text(SCREEN_W - 40, 790, "0:15", 15, WHITE, anchor="rm")
    button(s, (40, 836, SCREEN_W - 80, 96), "设为视频彩铃", "Set as video ring-back", color, "set")
    home_indicator(s, light=True)


DARK = (18, 20, 30)


GOLD = rgb("#F5C451")


def vip_tag(s: Canvas, x: float, y: float) -> None:
    s.rrect((x, y, 52, 26), 8, GOLD)
    s.text(x + 26, y + 13, "VIP", 15, (80, 50, 0), bold=True, anchor="mm")


@drawing
def vm_home(s: Canvas, color: Color) -> None:
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
    s.circle(SCREEN_W - 80, 372, 30, color)
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
    tab_bar(s, ["home", "video", "star", "user"], 0, color)
    s.rect((0, SCREEN_H - 104, SCREEN_W, 104), (26, 28, 40))
    for i, name in enumerate(["home", "video", "star", "user"]):
        s.icon(name, SCREEN_W / 8 * (2 * i + 1), SCREEN_H - 62, 34, color if i == 0 else (120, 126, 140))
    home_indicator(s, light=True)


@drawing
def vm_player(s: Canvas, color: Color, locked: bool) -> None:
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
        progress(s, (24, 300, SCREEN_W - 48, 6), 0.3, color, (255, 255, 255, 80))
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
        s.rrect(b, 14, tint(color, 0.1) if current else (40, 43, 58))
        s.text(b[0] + 48, b[1] + 35, str(k + 1), 24, WHITE, bold=current, anchor="mm")
        if k >= 6:
            vip_tag(s, b[0] + b[2] - 44, b[1] - 8)
    home_indicator(s, light=True)


@drawing
def vm_paywall(s: Canvas, color: Color) -> None:
    vm_player(s, color, locked=True)
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
        s.rrect(b, 22, tint(color, 0.88) if sel else PAGE, outline=color if sel else None, width=3)
        s.text(b[0] + 66, b[1] + 36, zh, 20, INK, bold=True, anchor="mm")
        s.text(b[0] + 66, b[1] + 62, en, 14, MUTED, anchor="mm")
        pw = s.text(b[0] + 66, b[1] + 112, price, 36, shade(color, 0.15), bold=True, anchor="mm")
        if per:
            s.text(b[0] + 66 + pw / 2 + 4, b[1] + 118, per, 16, shade(color, 0.15), anchor="lm")
    s.text(40, top + 330, "话费支付，随时取消  On your phone bill, cancel any time", 15, MUTED, anchor="lm")
    button(
        s, (32, top + 366, SCREEN_W - 64, 90), "开通会员 ¥15/月", "Join for 15 yuan a month", color, "join"
    )
    s.text(SCREEN_W / 2, top + 488, "暂不开通  Not now", 19, MUTED, anchor="mm")
    s.mark("later", (SCREEN_W / 2 - 120, top + 466, 240, 44))


@drawing
def vm_cast(s: Canvas, color: Color) -> None:
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
        b = icon_row(s, y, icon, zh, en, color, selected=color if on else None)
        if on:
            s.circle(b[0] + b[2] - 44, y + 52, 18, color)
            s.icon("check", b[0] + b[2] - 44, y + 52, 22, WHITE)
        y += 118
    s.text(SCREEN_W / 2, y + 50, "一个会员账号，手机、平板、电视都能看", 19, MUTED, anchor="mm")
    s.text(SCREEN_W / 2, y + 80, "One membership for phone, tablet and TV", 15, MUTED, anchor="mm")
    home_indicator(s)


@drawing
def news_inbox(s: Canvas, color: Color) -> None:
    top = plain_header(s, "信息", "Messages", back=False)
    s.rrect((24, top + 8, SCREEN_W - 48, 56), 28, PAGE)
    s.icon("search", 56, top + 36, 24, MUTED)
    threads = [
        ("news", color, "手机报", "早间版 · Morning edition", "07:00", True),
        ("phone", DATA, "10086", "本月账单已出 · Your bill", "昨天", False),
        ("gift", PAY, "积分商城", "积分兑好礼 · Rewards", "周六", False),
        ("user", FAMILY, "妈妈", "晚上回家吃饭吗？", "周五", False),
        ("bell", MUTED, "快递", "包裹已签收 · Delivered", "周四", False),
    ]
    y = top + 90
    for i, (icon, c, name, msg, when, unread) in enumerate(threads):
        b = (16, y, SCREEN_W - 32, 112)
        if unread:
            s.rrect(b, 22, tint(color, 0.88))
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


@drawing
def news_edition(s: Canvas, color: Color) -> None:
    top = app_header(s, "手机报 · 早间版", "Mobile News · Morning", shade(color, 0.05))
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
        s.rrect((206, y + 18, text_width(zh + " " + en, 15) + 20, 30), 15, tint(color, 0.82))
        s.text(216, y + 33, zh + " " + en, 15, shade(color, 0.35), bold=True, anchor="lm")
        skeleton(s, 206, y + 64, [220, 200, 140], h=13, gap=26)
        y += 166
    home_indicator(s)


@drawing
def news_settings(s: Canvas, color: Color) -> None:
    top = app_header(s, "订阅设置", "Choose your editions", shade(color, 0.05))
    opts = [
        ("sun", "早间版 07:00", "Morning edition", True),
        ("moon", "晚间版 19:00", "Evening edition", True),
        ("star", "体育", "Sports", True),
        ("wallet", "财经", "Business", False),
        ("video", "娱乐", "Entertainment", False),
    ]
    y = top + 24
    for icon, zh, en, on in opts:
        b = icon_row(s, y, icon, zh, en, color, h=100, r=28, size=32, dark=0.2)
        toggle(s, b[0] + b[2] - 96, y + 29, on, color)
        y += 112
    s.text(SCREEN_W / 2, y + 24, "每月3元 · 短信/彩信发送", 19, MUTED, anchor="mm")
    s.text(SCREEN_W / 2, y + 52, "3 yuan a month, sent by SMS/MMS", 15, MUTED, anchor="mm")
    button(
        s,
        (40, 836, SCREEN_W - 80, 96),
        "订阅 ¥3/月",
        "Subscribe for 3 yuan a month",
        shade(color, 0.05),
        "subscribe",
    )
    home_indicator(s)


def barcode(s: Canvas, x: float, y: float, w: float, h: float) -> None:
    bits = "1101001110101100111010011011101011001101101110100111010110011101001101110101"
    step = w / len(bits)
    for i, b in enumerate(bits):
        if b == "1":
            s.rect((x + i * step, y, step * (1.0 if i % 3 else 1.6), h), INK)


@drawing
def pay_home(s: Canvas, color: Color) -> None:
    s.gradient((0, 0, SCREEN_W, 420), tint(color, 0.05), PAY2, angle="diag")
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
        app_tile(s, b, color, icon, zh, en, name)
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
        b = icon_row(s, y, icon, zh, en, color, h=96, r=28, size=30, light=0.82, dark=0.15)
        s.text(b[0] + b[2] - 24, y + 48, amt, 24, INK, bold=True, anchor="rm")
        y += 104
    tab_bar(s, ["home", "wallet", "gift", "user"], 0, color)


@drawing
def pay_code(s: Canvas, color: Color) -> None:
    s.gradient((0, 0, SCREEN_W, SCREEN_H), color, PAY2, angle="v")
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
    s.gradient((SCREEN_W / 2 - 28, 522, 56, 56), tint(color, 0.05), PAY2, r=14)
    s.icon("wallet", SCREEN_W / 2, 550, 32, WHITE)
    s.text(SCREEN_W / 2, 722, "每分钟自动刷新", 18, MUTED, anchor="mm")
    s.text(SCREEN_W / 2, 752, "Refreshes every minute", 15, MUTED, anchor="mm")
    s.rrect((24, 824, SCREEN_W - 48, 96), 24, (255, 255, 255, 40))
    s.icon("wallet", 80, 872, 34, WHITE)
    s.text(120, 860, "优先使用余额支付", 20, WHITE, bold=True, anchor="lm")
    s.text(120, 888, "Paying from balance first", 15, (255, 255, 255, 200), anchor="lm")
    s.icon("chevron", SCREEN_W - 60, 872, 26, WHITE)
    home_indicator(s, light=True)


@drawing
def pay_scan(s: Canvas, color: Color) -> None:
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
        s.line([(x + dx * 50, y), (x, y), (x, y + dy * 50)], tint(color, 0.2), 8)
    s.rrect((fr[0] + 10, 420, fr[2] - 20, 5), 2, tint(color, 0.3))
    status_bar(s, light=True)
    s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 103, "扫一扫 · Scan", 24, WHITE, bold=True, anchor="mm")
    card = (0, 640, SCREEN_W, SCREEN_H - 640)
    s.rrect(card, 36, WHITE, corners=(True, True, False, False))
    s.circle(64, 704, 30, tint(color, 0.82))
    s.icon("home", 64, 704, 32, shade(color, 0.15))
    s.text(108, 690, "便利店", 24, INK, bold=True, anchor="lm")
    s.text(108, 720, "Convenience store", 16, MUTED, anchor="lm")
    s.text(SCREEN_W - 40, 704, "¥23.50", 38, INK, bold=True, anchor="rm")
    s.rect((32, 760, SCREEN_W - 64, 1), LINE)
    s.text(40, 792, "付款方式 Pay with", 17, MUTED, anchor="lm")
    s.text(SCREEN_W - 40, 792, "余额 Balance", 17, INK, anchor="rm")
    button(s, (32, 830, SCREEN_W - 64, 92), "支付 ¥23.50", "Pay 23.50 yuan", color, "pay")
    home_indicator(s)


@drawing
def data_usage(s: Canvas, color: Color, left: str, frac: float, low: bool) -> None:
    s.gradient((0, 0, SCREEN_W, 560), tint(color, 0.05), DATA2, angle="diag")
    status_bar(s, light=True)
    s.text(SCREEN_W / 2, 100, "我的流量", 28, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 132, "My data", 16, (255, 255, 255, 200), anchor="mm")
    s.circle(SCREEN_W / 2, 330, 150, WHITE)
    gauge(s, SCREEN_W / 2, 330, 132, frac, WARN if low else color, 26)
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
        button(s, (40, 836, SCREEN_W - 80, 96), "加流量包", "Add data", color, "add")
    else:
        s.rrect((24, 716, SCREEN_W - 48, 88), 22, tint(PAY, 0.86))
        s.icon("check", 66, 760, 32, PAY)
        s.text(100, 746, "10GB 月包已生效", 21, shade(PAY, 0.3), bold=True, anchor="lm")
        s.text(100, 774, "10 GB monthly pack is active", 15, shade(PAY, 0.2), anchor="lm")
        tab_bar(s, ["home", "data", "gift", "user"], 1, color)
        return
    home_indicator(s)


DATA_PACKS = [
    ("10GB 月包", "10 GB monthly", "¥30", "/月", "p10", "热销 Hot"),
    ("1GB 日包", "1 GB day pass · 24 h", "¥5", "", "p1", ""),
    ("20GB 夜间包", "20 GB, 23:00–07:00", "¥10", "/月", "p20", ""),
    ("5GB 月包", "5 GB monthly", "¥20", "/月", "p5", ""),
]


@drawing
def data_packs(s: Canvas, color: Color, pick: str = "p10") -> None:
    top = plain_header(s, "流量包", "Data packs")
    s.rect((0, top, SCREEN_W, SCREEN_H - top), PAGE)
    y = top + 20
    for zh, en, price, per, name, tag in DATA_PACKS:
        sel = name == pick
        b = (24, y, SCREEN_W - 48, 150)
        if sel:
            s.shadow(b, 26, blur=14, dy=8, color=color, opacity=0.25)
        s.rrect(b, 26, WHITE, outline=color if sel else None, width=3)
        s.gradient((44, y + 28, 94, 94), tint(color, 0.1), DATA2, r=24)
        s.icon("data", 91, y + 75, 52, WHITE)
        s.text(160, y + 58, zh, 26, INK, bold=True, anchor="lm")
        s.text(160, y + 96, en, 16, MUTED, anchor="lm")
        pw = text_width(price, 34, True)
        s.text(
            SCREEN_W - 48 - (text_width(per, 17) if per else 0),
            y + 76,
            price,
            34,
            shade(color, 0.1),
            bold=True,
            anchor="rm",
        )
        if per:
            s.text(SCREEN_W - 46, y + 84, per, 17, shade(color, 0.1), anchor="rm")
        if tag:
            s.rrect((SCREEN_W - 48 - 96, y - 12, 96, 30), 15, WARN)
            s.text(SCREEN_W - 96, y + 3, tag, 15, WHITE, bold=True, anchor="mm")
        del pw
        s.mark(name, b)
        y += 170
    home_indicator(s)


@drawing
def day_offer(s: Canvas, color: Color) -> None:
    top = app_header(s, "1GB 日包", "1 GB day pass", color)
    card = (24, top + 24, SCREEN_W - 48, 300)
    s.gradient(card, tint(color, 0.1), DATA2, r=30)
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
        icon_row(s, y, icon, zh, en, color, h=92, r=26, size=28, light=0.82)
        y += 102
    button(s, (40, 836, SCREEN_W - 80, 96), "立即购买 ¥5", "Buy now for 5 yuan", color, "buy")
    home_indicator(s)


@drawing
def code_sheet(s: Canvas, color: Color, digits: str) -> None:
    top = sheet(s, 560)
    s.text(40, top + 62, "短信验证码", 30, INK, bold=True, anchor="lm")
    s.text(40, top + 98, "Enter the code sent to 138 •••• 8000", 17, MUTED, anchor="lm")
    for i, d in enumerate(digits):
        b = (40 + i * 104, top + 134, 84, 100)
        s.rrect(b, 18, PAGE, outline=color if i == len(digits) - 1 else LINE, width=3)
        s.text(b[0] + 42, b[1] + 50, d, 44, INK, bold=True, anchor="mm")
    s.text(40, top + 270, "为了保护你，每次订购都需要二次确认", 18, MUTED, anchor="lm")
    s.text(40, top + 298, "Every order is confirmed twice to protect you", 15, MUTED, anchor="lm")
    s.rrect((24, top + 330, SCREEN_W - 48, 60), 18, tint(color, 0.9))
    s.text(44, top + 360, "1GB 日包 · 1 GB day pass", 19, INK, anchor="lm")
    s.text(SCREEN_W - 44, top + 360, "¥5", 24, shade(color, 0.1), bold=True, anchor="rm")
    button(s, (32, top + 414, SCREEN_W - 64, 90), "确认购买", "Confirm purchase", color, "confirm")


NIGHT = (20, 22, 48)


@drawing
def night_home(s: Canvas, color: Color) -> None:
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
    button(s, (40, 836, SCREEN_W - 80, 96), "了解详情", "Learn more", color, "more")
    home_indicator(s, light=True)


@drawing
def night_detail(s: Canvas, color: Color) -> None:
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
    button(s, (40, 836, SCREEN_W - 80, 96), "立即订购", "Subscribe", color, "order")
    home_indicator(s, light=True)


@drawing
def night_done(s: Canvas, color: Color) -> None:
    s.rect((0, 0, SCREEN_W, SCREEN_H), NIGHT)
    status_bar(s, light=True)
    success_badge(s, SCREEN_W / 2, 250, 70, PAY)
    s.text(SCREEN_W / 2, 396, "订购成功", 36, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 436, "Late-night pack is active", 19, (255, 255, 255, 180), anchor="mm")
    for i, (icon, zh, en, val, frac, c) in enumerate(
        (
            ("sun", "白天 · 套餐流量", "Daytime · plan data", "6.4 / 10 GB", 0.64, color),
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


@drawing
def cloud_home(s: Canvas, color: Color) -> None:
    top = app_header(s, "云盘", "Cloud drive", color, back=False, height=150)
    s.gradient((0, top - 2, SCREEN_W, 150), shade(color, 0.06), tint(color, 0.05), angle="h")
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
        s.gradient((b[0] + 20, b[1] + 20, 64, 64), tint(color, 0.1), CLOUD2, r=18)
        s.icon(icon, b[0] + 52, b[1] + 52, 36, WHITE)
        s.text(b[0] + 100, b[1] + 40, n, 20, MUTED, anchor="lm")
        s.text(b[0] + 20, b[1] + 112, zh, 24, INK, bold=True, anchor="lm")
        s.text(b[0] + 80, b[1] + 114, en, 16, MUTED, anchor="lm")
    y = top + 530
    b = icon_row(s, y, "upload", "自动备份照片", "Auto-backup photos", color, h=110, size=32)
    toggle(s, b[0] + b[2] - 96, y + 34, False, color)
    s.mark("backup", b)
    tab_bar(s, ["home", "cloud", "photo", "user"], 1, color)


@drawing
def cloud_backup(s: Canvas, color: Color) -> None:
    top = app_header(s, "正在备份", "Backing up", color)
    s.rrect((24, top + 20, SCREEN_W - 48, 130), 24, WHITE)
    s.text(48, top + 60, "1,286 / 2,000", 28, INK, bold=True, anchor="lm")
    s.text(SCREEN_W - 48, top + 60, "64%", 28, color, bold=True, anchor="rm")
    progress(s, (48, top + 96, SCREEN_W - 96, 16), 0.64, color)
    s.text(48, top + 132, "原图上传 · Full original quality", 15, MUTED, anchor="lm")
    boxes = thumbs(s, 24, top + 170, 3, 4, 132, 14, KINDS, r=14)
    for i, b in enumerate(boxes):
        cx, cy = b[0] + b[2] - 22, b[1] + 22
        if i < 7:
            s.circle(cx, cy, 15, PAY)
            s.icon("check", cx, cy, 20, WHITE)
        else:
            s.rect((b[0], b[1] + b[3] - 10, b[2], 10), (0, 0, 0, 60))
            s.rect((b[0], b[1] + b[3] - 10, b[2] * (0.8 if i == 7 else 0.2), 10), color)
            s.circle(cx, cy, 15, (0, 0, 0, 90))
            s.icon("upload", cx, cy, 18, WHITE)
    home_indicator(s)


@drawing
def cloud_sync(s: Canvas, color: Color) -> None:
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
        b = icon_row(s, y, icon, zh, en, color)
        s.circle(b[0] + b[2] - 44, y + 52, 17, PAY)
        s.icon("check", b[0] + b[2] - 44, y + 52, 22, WHITE)
        y += 116
    s.text(40, y + 30, "最近上传", 22, INK, bold=True, anchor="lm")
    s.text(136, y + 32, "Latest uploads", 15, MUTED, anchor="lm")
    thumbs(s, 24, y + 60, 4, 1, 98, 10, ["sea", "forest", "sunset", "kapok"], r=12)
    home_indicator(s)


@drawing
def cloud_share(s: Canvas, color: Color) -> None:
    cloud_backup(s, color)
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
    button(s, (32, top + 440, SCREEN_W - 64, 90), "发送给家人", "Send to family", color, "share")


MEMBERS = [
    ("我", "Me", "12.4 GB", 0.5),
    ("妈妈", "Mum", "3.1 GB", 0.13),
    ("爸爸", "Dad", "5.6 GB", 0.23),
    ("孩子", "Child", "1.2 GB", 0.05),
]


@drawing
def avatar(s: Canvas, cx: float, cy: float, r: float, color: Color, label: str | None = None) -> None:
    s.circle(cx, cy, r, tint(color, 0.75))
    s.icon("user", cx, cy + r * 0.08, r * 1.2, shade(color, 0.05))
    if label:
        s.text(cx, cy + r + 22, label, 17, INK, anchor="mm")


@drawing
def family_plan_screen(s: Canvas, color: Color, members: int) -> None:
    top = app_header(s, "全家享", "Family plan", color)
    card = (24, top + 24, SCREEN_W - 48, 260)
    s.gradient(card, tint(color, 0.05), FAMILY2, r=30)
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
            avatar(s, cx, cy, 42, [color, FAMILY2, DATA, PAY][i], MEMBERS[i][0])
        else:
            s.circle(cx, cy, 42, WHITE, outline=color, width=3)
            s.icon("plus", cx, cy, 36, color)
            s.text(cx, cy + 64, "添加 Add", 17, color, anchor="mm")
            if i == members:
                s.mark("add", (cx - 50, cy - 50, 100, 140))
    feats = [
        ("shield", "副卡月租全免", "No monthly fee for extra lines"),
        ("home", "含宽带和电视", "Broadband and TV included"),
    ]
    y = top + 540
    for icon, zh, en in feats:
        icon_row(s, y, icon, zh, en, color, h=96, r=27, size=30, light=0.82)
        y += 106
    home_indicator(s)


@drawing
def family_add(s: Canvas, color: Color) -> None:
    top = plain_header(s, "添加成员", "Add a member")
    s.rect((0, top, SCREEN_W, SCREEN_H - top), PAGE)
    s.text(32, top + 40, "手机号码 Mobile number", 18, MUTED, anchor="lm")
    s.rrect((24, top + 64, SCREEN_W - 48, 88), 22, WHITE, outline=color, width=3)
    s.text(52, top + 108, "139 0013 9000", 34, INK, bold=True, anchor="lm")
    s.text(32, top + 196, "关系 Relationship", 18, MUTED, anchor="lm")
    for i, (zh, en) in enumerate((("父母", "Parent"), ("子女", "Child"), ("伴侣", "Partner"))):
        b = (24 + i * 146, top + 222, 132, 82)
        sel = i == 0
        s.rrect(b, 20, color if sel else WHITE)
        s.text(b[0] + 66, b[1] + 30, zh, 22, WHITE if sel else INK, bold=True, anchor="mm")
        s.text(b[0] + 66, b[1] + 58, en, 15, WHITE if sel else MUTED, anchor="mm")
    keys = "123456789·0⌫"
    for k, ch in enumerate(keys):
        b = (24 + (k % 3) * 146, top + 334 + (k // 3) * 84, 132, 72)
        s.rrect(b, 16, WHITE)
        s.text(b[0] + 66, b[1] + 36, ch if ch != "⌫" else "←", 30, INK, anchor="mm")
    button(s, (40, 836, SCREEN_W - 80, 96), "添加", "Add member", color, "add")
    home_indicator(s)


@drawing
def family_members(s: Canvas, color: Color) -> None:
    top = app_header(s, "共享流量", "Shared data this month", color)
    s.rrect((24, top + 20, SCREEN_W - 48, 230), 26, WHITE)
    gauge(s, 130, top + 135, 80, 0.223, color, 20)
    s.text(130, top + 128, "22.3", 30, INK, bold=True, anchor="mm")
    s.text(130, top + 160, "/100 GB", 14, MUTED, anchor="mm")
    s.text(250, top + 110, "本月已用", 20, MUTED, anchor="lm")
    s.text(250, top + 146, "22.3 GB", 32, INK, bold=True, anchor="lm")
    s.text(250, top + 182, "Used so far", 15, MUTED, anchor="lm")
    y = top + 274
    colors = [color, FAMILY2, DATA, PAY]
    for (zh, en, used, frac), c in zip(MEMBERS, colors, strict=True):
        s.rrect((24, y, SCREEN_W - 48, 112), 24, WHITE)
        avatar(s, 78, y + 56, 32, c)
        s.text(128, y + 38, f"{zh} {en}", 21, INK, bold=True, anchor="lm")
        s.text(SCREEN_W - 52, y + 38, used, 20, INK, bold=True, anchor="rm")
        progress(s, (128, y + 70, SCREEN_W - 180, 14), frac, c)
        y += 124
    home_indicator(s)


def locate_map(s: Canvas, color: Color, zone: bool = False) -> None:
    city_map(s, (0, 0, SCREEN_W, SCREEN_H))
    if zone:
        s.circle(300, 420, 150, alpha(color, 50), outline=color, width=4)
    map_pin(s, 120, 640, rgb("#2E86DE"), "home", 72)
    map_pin(s, 300, 420, rgb("#F39C12"), "star", 72)
    s.circle(330, 470, 44, alpha(color, 60))
    s.circle(330, 470, 30, WHITE)
    s.circle(330, 470, 25, tint(color, 0.7))
    s.icon("user", 330, 472, 32, shade(color, 0.1))
    s.rect((0, 0, SCREEN_W, 150), (255, 255, 255, 210))
    status_bar(s)
    s.icon("back", 38, 103, 30, INK)
    s.text(SCREEN_W / 2, 96, "亲情定位", 28, INK, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 128, "Family locator", 16, MUTED, anchor="mm")


@drawing
def locate_home(s: Canvas, color: Color) -> None:
    locate_map(s, color)
    card = (20, 720, SCREEN_W - 40, 210)
    s.shadow(card, 28, blur=16, dy=8, opacity=0.2)
    s.rrect(card, 28, WHITE)
    for i, (zh, en, where, c) in enumerate(
        (("孩子", "Child", "学校 · School", color), ("妈妈", "Mum", "家 · Home", FAMILY2))
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


@drawing
def locate_detail(s: Canvas, color: Color) -> None:
    locate_map(s, color)
    top = SCREEN_H - 470
    s.rrect((0, top, SCREEN_W, 510), 36, WHITE)
    s.rrect((SCREEN_W / 2 - 36, top + 14, 72, 8), 4, LINE)
    avatar(s, 80, top + 84, 42, color)
    s.text(140, top + 68, "孩子 Child", 26, INK, bold=True, anchor="lm")
    s.text(140, top + 104, "学校附近 Near school · 2 min", 17, MUTED, anchor="lm")
    for i, (icon, big, small) in enumerate(
        (("bolt", "76%", "手表电量 Watch"), ("pin", "120 m", "离学校 To school"))
    ):
        b = (24 + i * 220, top + 156, 204, 100)
        s.rrect(b, 20, PAGE)
        s.icon(icon, b[0] + 40, b[1] + 50, 32, color)
        s.text(b[0] + 72, b[1] + 38, big, 24, INK, bold=True, anchor="lm")
        s.text(b[0] + 72, b[1] + 70, small, 15, MUTED, anchor="lm")
    button(s, (24, top + 286, 200, 90), "打电话", "Call", color, ghost=True)
    button(s, (240, top + 286, 208, 90), "安全区", "Safe zone", color, "zone")


@drawing
def locate_zone(s: Canvas, color: Color) -> None:
    locate_map(s, color, zone=True)
    top = SCREEN_H - 330
    s.rrect((0, top, SCREEN_W, 370), 36, WHITE)
    s.text(40, top + 56, "学校安全区", 26, INK, bold=True, anchor="lm")
    s.text(40, top + 90, "School safe zone · radius", 16, MUTED, anchor="lm")
    s.text(SCREEN_W - 40, top + 70, "500 m", 28, color, bold=True, anchor="rm")
    progress(s, (40, top + 130, SCREEN_W - 80, 12), 0.45, color)
    s.circle(40 + (SCREEN_W - 80) * 0.45, top + 136, 18, WHITE, outline=color, width=4)
    button(s, (32, top + 186, SCREEN_W - 64, 90), "保存", "Save", color, "save")


def category_icon(color: Color, icon: str) -> Image.Image:
    """A 256x256 transparent PNG: a gradient rounded square with a white glyph."""
    c = Canvas(256, 256, 4.0, None)
    c.gradient((8, 8, 240, 240), tint(color, 0.25), shade(color, 0.18), r=64)
    c.icon(icon, 128, 128, 136, WHITE)
    return c.finish(ICON)


ChipSpec = tuple[str, str, str]  # icon, main, sub


def service_art(
    color: Color, accent: Color, icon: str, screen: Draw, chips: list[ChipSpec], variant: int = 0
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


@drawing
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


@drawing
def slide_phone(c: Canvas, screen: Draw, x: float = 1200, y: float = 60, scale: float = 0.86) -> None:
    s = c.sub(SCREEN_W, SCREEN_H, scale)
    screen(s)
    phone(c, x, y, s, scale=scale)


@drawing
def welcome_art(c: Canvas, tiles: list[dict]) -> None:
    """The categories' emblems scattered on the right (each tile an icon and a color)."""
    spots = [(1180, 260), (1430, 200), (1680, 300), (1300, 520), (1560, 500), (1200, 760), (1470, 760)]
    for (x, y), spot in zip(spots, tiles, strict=True):
        icon, col = spot["icon"], spot["color"]
        r = 110
        c.shadow((x - r, y - r, 2 * r, 2 * r), 48, blur=26, dy=16, color=shade(col, 0.5), opacity=0.35)
        c.gradient((x - r, y - r, 2 * r, 2 * r), tint(col, 0.2), shade(col, 0.15), r=52)
        c.icon(icon, x, y, 120, WHITE)
    chip(c, 1590, 690, "star", "动手试", "Try before you buy", DATA, h=100)


@drawing
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
    call_screen(s, col, acc, video_kind="sunset", phase=t * 0.9)
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


@drawing
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


# --------------------------------------------------------------------------- illustrations


@drawing
def disc(c: Canvas, x: float, y: float, r: float, color: Color) -> None:
    c.circle(x, y, r, color)


@drawing
def icon(c: Canvas, name: str, x: float, y: float, size: float, color: Color) -> None:
    c.icon(name, x, y, size, color)


@drawing
def avatars(
    c: Canvas,
    x: float,
    y: float,
    r: float,
    colors: list[Color],
    dx: float = 0,
    dy: float = 0,
    ring: float = 0,
) -> None:
    """People in a row (`dx`) or a column (`dy`), on white rings of radius `ring` if given."""
    for i, col in enumerate(colors):
        cx, cy = x + i * dx, y + i * dy
        if ring:
            c.circle(cx, cy, ring, WHITE)
        avatar(c, cx, cy, r, col)


@drawing
def tv_playing(c: Canvas) -> None:
    """A wall TV showing the members' series in 4K."""
    scr = television(c, 1000, 250, 800)
    scenery(c, scr, "dawn", r=4, phase=1.1)
    c.rrect((scr[0] + scr[2] - 130, scr[1] + 20, 110, 40), 10, (0, 0, 0, 120))
    c.text(scr[0] + scr[2] - 75, scr[1] + 40, "4K", 22, WHITE, bold=True, anchor="mm")


@drawing
def laptop_photos(c: Canvas, color: Color) -> None:
    """A laptop showing the cloud drive's photos."""
    scr = laptop(c, 1060, 250, 700)
    c.rect(scr, PAGE)
    c.rect((scr[0], scr[1], scr[2], 46), color)
    c.icon("cloud", scr[0] + 34, scr[1] + 23, 30, WHITE)
    thumbs(c, scr[0] + 20, scr[1] + 62, 5, 3, 112, 14, KINDS, r=10)


@drawing
def price_cards(c: Canvas, color: Color, price: str, cards: list[dict]) -> None:
    """A column of white cards, one a service (icon, color, name), each at `price`."""
    for i, card in enumerate(cards):
        y = 230 + i * 230
        c.shadow((1180, y - 90, 560, 180), 40, blur=24, dy=14, opacity=0.25)
        c.rrect((1180, y - 90, 560, 180), 40, WHITE)
        c.gradient((1210, y - 60, 120, 120), tint(card["color"], 0.15), shade(card["color"], 0.15), r=34)
        c.icon(card["icon"], 1270, y, 70, WHITE)
        c.text(1360, y - 18, card["name"]["zh-CN"], 40, INK, bold=True, anchor="lm")
        c.text(1360, y + 30, card["name"]["en"], 26, MUTED, anchor="lm")
        c.text(1710, y, price, 56, color, bold=True, anchor="rm")
