"""Drawing kit for the sample content packs: a supersampled canvas, icons, phone mock-ups.

Everything is drawn in *logical* units (a 1920x1080 design grid for full-screen art) on a
canvas rendered `ss` times larger, then scaled down once, so edges and text come out smooth
whatever the output size. Pillow only; no randomness, so the same calls give the same bytes.

Used by `make_sample_content.py`; nothing here knows about the pack format.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import qrcode
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

Color = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
Box = tuple[float, float, float, float]  # x, y, w, h in logical units

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
LIBRARY = Path(__file__).resolve().parent / "sample_content" / "library.toml"
WHITE: Color = (255, 255, 255)
INK: Color = (31, 35, 48)  # body text
MUTED: Color = (112, 119, 138)
LINE: Color = (228, 231, 238)
PAGE: Color = (244, 246, 250)  # app background inside the phone
DEVICE: Color = (28, 31, 38)


# --------------------------------------------------------------------------- colours


def rgb(hex_color: str) -> Color:
    h = hex_color.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


@cache
def library() -> dict:
    """`sample_content/library.toml`: named colours, song lists and landscapes."""
    return tomllib.loads(LIBRARY.read_text(encoding="utf-8"))


def color(name: str) -> Color:
    """A colour by its name in the library, or given as "#RRGGBB"."""
    return rgb(name if name.startswith("#") else library()["colors"][name])


def mix(a: Color, b: Color, t: float) -> Color:
    """`a` moved a fraction `t` of the way to `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def tint(c: Color, t: float) -> Color:
    return mix(c, WHITE, t)


def shade(c: Color, t: float) -> Color:
    return mix(c, (0, 0, 0), t)


def alpha(c: Color, a: int) -> RGBA:
    return (c[0], c[1], c[2], a)


# --------------------------------------------------------------------------- fonts


@cache
def _face_index(bold: bool) -> int:
    """Index of the Simplified Chinese face in the Noto Sans CJK collection."""
    path = FONT_DIR / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    for index in range(10):
        face = ImageFont.truetype(str(path), 12, index=index)
        if face.getname()[0] == "Noto Sans CJK SC":
            return index
    raise RuntimeError(f"no Noto Sans CJK SC face in {path}")


@cache
def font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONT_DIR / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    return ImageFont.truetype(str(path), max(1, px), index=_face_index(bold))


def text_width(s: str, size: float, bold: bool = False) -> float:
    """Width of `s` in logical units at `size` (measured at a large size for precision)."""
    return font(200, bold).getlength(s) * size / 200


def wrap(s: str, size: float, max_w: float, bold: bool = False) -> list[str]:
    """Break `s` into lines no wider than `max_w`: by word for Latin, by character for CJK."""
    lines: list[str] = []
    for para in s.split("\n"):
        tokens: list[str] = []
        word = ""
        for ch in para:
            if ord(ch) < 0x2E80 and ch != " ":
                word += ch
            else:
                if word:
                    tokens.append(word)
                    word = ""
                tokens.append(ch)
        if word:
            tokens.append(word)
        line = ""
        for tok in tokens:
            trial = line + tok
            if tok in "，。、；：！？）" or not line:
                line = trial  # closing punctuation never starts a line
            elif text_width(trial.rstrip(), size, bold) > max_w:
                lines.append(line.rstrip())
                line = "" if tok == " " else tok
            else:
                line = trial
        lines.append(line.rstrip())
    return lines


# --------------------------------------------------------------------------- canvas


@dataclass
class Mark:
    """A named rectangle drawn on a canvas (a tappable element), in logical units."""

    box: Box


class Canvas:
    """An image drawn in logical units at `ss` pixels per unit."""

    def __init__(self, w: float, h: float, ss: float = 2.0, bg: Color | None = WHITE) -> None:
        """`bg` None makes a transparent (RGBA) canvas."""
        self.w, self.h, self.ss = w, h, ss
        size = (round(w * ss), round(h * ss))
        self.img = Image.new("RGBA", size, (0, 0, 0, 0)) if bg is None else Image.new("RGB", size, bg)
        self.draw = ImageDraw.Draw(self.img, "RGBA")
        self.marks: dict[str, Box] = {}

    # -- coordinates
    def p(self, v: float) -> int:
        return round(v * self.ss)

    def px_box(self, box: Box) -> tuple[int, int, int, int]:
        x, y, w, h = box
        return (self.p(x), self.p(y), self.p(x + w) - 1, self.p(y + h) - 1)

    def visible(self, box: Box) -> bool:
        """Whether `box` covers a pixel: on a canvas drawn small, thin lines may not."""
        x0, y0, x1, y1 = self.px_box(box)
        return x1 >= x0 and y1 >= y0

    def mark(self, name: str, box: Box) -> Box:
        self.marks[name] = box
        return box

    def fraction(self, name: str) -> list[float]:
        """A mark as `[x, y, w, h]` fractions of the canvas, as hotspots want it."""
        x, y, w, h = self.marks[name]
        return [round(x / self.w, 4), round(y / self.h, 4), round(w / self.w, 4), round(h / self.h, 4)]

    # -- shapes
    def rect(self, box: Box, fill: Color | RGBA) -> None:
        if self.visible(box):
            self.draw.rectangle(self.px_box(box), fill=fill)

    def rrect(
        self,
        box: Box,
        r: float,
        fill: Color | RGBA | None = None,
        outline: Color | RGBA | None = None,
        width: float = 0,
        corners: tuple[bool, bool, bool, bool] | None = None,
    ) -> None:
        if not self.visible(box):
            return
        r = min(r, box[2] / 2, box[3] / 2)
        self.draw.rounded_rectangle(
            self.px_box(box),
            radius=self.p(r),
            fill=fill,
            outline=outline,
            width=self.p(width) if outline else 0,
            corners=corners,
        )

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: Color | RGBA | None = None,
        outline: Color | RGBA | None = None,
        width: float = 0,
    ) -> None:
        self.draw.ellipse(
            (self.p(cx - r), self.p(cy - r), self.p(cx + r), self.p(cy + r)),
            fill=fill,
            outline=outline,
            width=self.p(width) if outline else 0,
        )

    def ellipse(self, box: Box, fill: Color | RGBA) -> None:
        self.draw.ellipse(self.px_box(box), fill=fill)

    def line(
        self, pts: Iterable[tuple[float, float]], fill: Color | RGBA, width: float, round_caps: bool = True
    ) -> None:
        pts = [(self.p(x), self.p(y)) for x, y in pts]
        self.draw.line(pts, fill=fill, width=self.p(width), joint="curve")
        if round_caps:
            r = self.p(width) / 2
            for x, y in (pts[0], pts[-1]):
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def polygon(self, pts: Iterable[tuple[float, float]], fill: Color | RGBA) -> None:
        self.draw.polygon([(self.p(x), self.p(y)) for x, y in pts], fill=fill)

    def arc(self, box: Box, start: float, end: float, fill: Color | RGBA, width: float) -> None:
        self.draw.arc(self.px_box(box), start, end, fill=fill, width=self.p(width))

    # -- fills through masks
    def _mask(self, box: Box, r: float) -> Image.Image:
        x0, y0, x1, y1 = self.px_box(box)
        m = Image.new("L", (x1 - x0 + 1, y1 - y0 + 1), 0)
        ImageDraw.Draw(m).rounded_rectangle(
            (0, 0, m.width - 1, m.height - 1),
            radius=self.p(min(r, box[2] / 2, box[3] / 2)),
            fill=255,
        )
        return m

    def gradient(self, box: Box, c1: Color, c2: Color, r: float = 0, angle: str = "diag") -> None:
        """Fill `box` (rounded by `r`) with a gradient from `c1` (top/left) to `c2`."""
        x0, y0, x1, y1 = self.px_box(box)
        size = (x1 - x0 + 1, y1 - y0 + 1)
        g = gradient_image(size, c1, c2, angle)
        self.img.paste(g, (x0, y0), self._mask(box, r) if r else None)

    def vfade(self, box: Box, color: Color, top: int, bottom: int) -> None:
        """Lay `color` over `box` with opacity going from `top` to `bottom` (0-255)."""
        x0, y0, x1, y1 = self.px_box(box)
        size = (x1 - x0 + 1, y1 - y0 + 1)
        mask = _ramp(size, "v").point(lambda v: round(top + (bottom - top) * v / 255))
        self.img.paste(Image.new("RGB", size, color), (x0, y0), mask)

    def shadow(
        self,
        box: Box,
        r: float,
        blur: float = 24,
        dy: float = 14,
        color: Color = (20, 24, 40),
        opacity: float = 0.22,
    ) -> None:
        """A soft drop shadow under a rounded box (draw the box afterwards)."""
        pad = blur * 3
        x, y, w, h = box
        outer = (x - pad, y - pad + dy, w + 2 * pad, h + 2 * pad)
        ox0, oy0, ox1, oy1 = self.px_box(outer)
        m = Image.new("L", (ox1 - ox0 + 1, oy1 - oy0 + 1), 0)
        ImageDraw.Draw(m).rounded_rectangle(
            (self.p(pad), self.p(pad), self.p(pad + w), self.p(pad + h)),
            radius=self.p(r),
            fill=round(255 * opacity),
        )
        m = m.filter(ImageFilter.GaussianBlur(self.p(blur) / 2))
        self.img.paste(Image.new("RGB", m.size, color), (ox0, oy0), m)

    def glow(self, cx: float, cy: float, r: float, color: Color, opacity: float = 0.5) -> None:
        """A soft round light (decorative background blob)."""
        pad = r * 0.6
        size = self.p(2 * (r + pad))
        m = Image.new("L", (size, size), 0)
        c = size / 2
        rr = self.p(r)
        ImageDraw.Draw(m).ellipse((c - rr, c - rr, c + rr, c + rr), fill=round(255 * opacity))
        m = m.filter(ImageFilter.GaussianBlur(self.p(r) * 0.35))
        self.img.paste(Image.new("RGB", m.size, color), (self.p(cx) - size // 2, self.p(cy) - size // 2), m)

    # -- text
    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float,
        fill: Color | RGBA = INK,
        bold: bool = False,
        anchor: str = "la",
    ) -> float:
        """Draw one line; returns its width in logical units."""
        f = font(self.p(size), bold)
        self.draw.text((self.p(x), self.p(y)), s, font=f, fill=fill, anchor=anchor)
        return f.getlength(s) / self.ss

    def paragraph(
        self,
        x: float,
        y: float,
        s: str,
        size: float,
        max_w: float,
        fill: Color | RGBA = INK,
        bold: bool = False,
        leading: float = 1.45,
        align: str = "left",
    ) -> float:
        """Wrapped text from the top-left (`align` left or center on x); returns the bottom y."""
        for line in wrap(s, size, max_w, bold):
            anchor = "ma" if align == "center" else "la"
            self.text(x, y, line, size, fill, bold, anchor)
            y += size * leading
        return y

    def fit_size(self, s: str, size: float, max_w: float, bold: bool = False) -> float:
        """`size`, made smaller if needed so that `s` fits in `max_w`."""
        w = text_width(s, size, bold)
        return size if w <= max_w else size * max_w / w

    # -- icons, images, sub-canvases
    def icon(self, name: str, cx: float, cy: float, size: float, color: Color | RGBA = WHITE) -> None:
        px = self.p(size)
        m = icon_mask(name, px)
        col = color[:3]
        if len(color) == 4:
            m = m.point(lambda v, a=color[3]: v * a // 255)
        self.img.paste(Image.new("RGB", m.size, col), (self.p(cx) - px // 2, self.p(cy) - px // 2), m)

    def paste_image(self, im: Image.Image, box: Box, r: float = 0) -> None:
        x0, y0, x1, y1 = self.px_box(box)
        im = im.resize((x1 - x0 + 1, y1 - y0 + 1), Image.LANCZOS)
        self.img.paste(im.convert("RGB"), (x0, y0), self._mask(box, r) if r else None)

    def sub(self, w: float, h: float, scale: float = 1.0, bg: Color = PAGE) -> Canvas:
        return Canvas(w, h, self.ss * scale, bg)

    def paste_canvas(self, other: Canvas, x: float, y: float, r: float = 0) -> None:
        """Paste a sub-canvas at (x, y), clipped to a rounded rect; its marks come along."""
        scale = other.ss / self.ss
        box = (x, y, other.w * scale, other.h * scale)
        x0, y0, x1, y1 = self.px_box(box)
        im = other.img
        if im.size != (x1 - x0 + 1, y1 - y0 + 1):
            im = im.resize((x1 - x0 + 1, y1 - y0 + 1), Image.LANCZOS)
        self.img.paste(im, (x0, y0), self._mask(box, r) if r else None)
        for name, (mx, my, mw, mh) in other.marks.items():
            self.marks[name] = (x + mx * scale, y + my * scale, mw * scale, mh * scale)

    def qr(self, data: str, x: float, y: float, size: float, color: Color = INK) -> None:
        code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()
        n = len(matrix)
        cell = size / n
        for j, row in enumerate(matrix):
            for i, on in enumerate(row):
                x0, y0 = self.p(x + i * cell), self.p(y + j * cell)
                x1, y1 = self.p(x + (i + 1) * cell) - 1, self.p(y + (j + 1) * cell) - 1
                if on and x1 >= x0 and y1 >= y0:
                    self.draw.rectangle((x0, y0, x1, y1), fill=color)

    def finish(self, size: tuple[int, int] | None = None) -> Image.Image:
        target = size or (round(self.w), round(self.h))
        if self.img.size == target:
            return self.img.copy()
        return self.img.resize(target, Image.LANCZOS)


@cache
def _ramp(size: tuple[int, int], angle: str) -> Image.Image:
    w, h = size
    vertical = Image.linear_gradient("L").resize((w, h), Image.BILINEAR)
    if angle == "v":
        return vertical
    horizontal = Image.linear_gradient("L").rotate(90).transpose(Image.FLIP_LEFT_RIGHT)
    horizontal = horizontal.resize((w, h), Image.BILINEAR)
    if angle == "h":
        return horizontal
    return ImageChops.add(vertical, horizontal, scale=2.0)


def gradient_image(size: tuple[int, int], c1: Color, c2: Color, angle: str = "diag") -> Image.Image:
    """`angle`: "v" top to bottom, "h" left to right, "diag" top-left to bottom-right."""
    return Image.composite(Image.new("RGB", size, c2), Image.new("RGB", size, c1), _ramp(size, angle))


# --------------------------------------------------------------------------- icons

IconFn = Callable[[ImageDraw.ImageDraw, Callable[[float], float]], None]
_ICONS: dict[str, IconFn] = {}


def _icon(name: str) -> Callable[[IconFn], IconFn]:
    def register(fn: IconFn) -> IconFn:
        _ICONS[name] = fn
        return fn

    return register


def _pts(u: Callable[[float], float], *xy: float) -> list[tuple[float, float]]:
    return [(u(xy[i]), u(xy[i + 1])) for i in range(0, len(xy), 2)]


def _circ(
    d: ImageDraw.ImageDraw, u: Callable[[float], float], cx: float, cy: float, r: float, fill: int = 255
) -> None:
    d.ellipse((u(cx - r), u(cy - r), u(cx + r), u(cy + r)), fill=fill)


def _rr(
    d: ImageDraw.ImageDraw,
    u: Callable[[float], float],
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    r: float,
    fill: int = 255,
) -> None:
    d.rounded_rectangle((u(x0), u(y0), u(x1), u(y1)), radius=u(r), fill=fill)


@_icon("music")
def _music(d, u):
    d.ellipse((u(0.14), u(0.64), u(0.44), u(0.86)), fill=255)
    d.ellipse((u(0.56), u(0.54), u(0.86), u(0.76)), fill=255)
    d.rectangle((u(0.35), u(0.2), u(0.44), u(0.75)), fill=255)
    d.rectangle((u(0.77), u(0.1), u(0.86), u(0.65)), fill=255)
    d.polygon(_pts(u, 0.35, 0.2, 0.86, 0.08, 0.86, 0.24, 0.35, 0.36), fill=255)


@_icon("play")
def _play(d, u):
    d.polygon(_pts(u, 0.28, 0.16, 0.28, 0.84, 0.86, 0.5), fill=255)


@_icon("pause")
def _pause(d, u):
    _rr(d, u, 0.24, 0.16, 0.42, 0.84, 0.05)
    _rr(d, u, 0.58, 0.16, 0.76, 0.84, 0.05)


@_icon("video")
def _video(d, u):
    _rr(d, u, 0.06, 0.18, 0.94, 0.82, 0.14)
    d.polygon(_pts(u, 0.41, 0.34, 0.41, 0.66, 0.67, 0.5), fill=0)


@_icon("tv")
def _tv(d, u):
    _rr(d, u, 0.06, 0.14, 0.94, 0.72, 0.08)
    _rr(d, u, 0.13, 0.21, 0.87, 0.65, 0.04, 0)
    d.polygon(_pts(u, 0.43, 0.32, 0.43, 0.54, 0.61, 0.43), fill=255)
    _rr(d, u, 0.3, 0.8, 0.7, 0.87, 0.03)


@_icon("news")
def _news(d, u):
    _rr(d, u, 0.16, 0.08, 0.84, 0.92, 0.08)
    _rr(d, u, 0.27, 0.19, 0.73, 0.38, 0.03, 0)
    for y in (0.47, 0.59):
        _rr(d, u, 0.27, y, 0.73, y + 0.06, 0.03, 0)
    _rr(d, u, 0.27, 0.71, 0.56, 0.77, 0.03, 0)


@_icon("wallet")
def _wallet(d, u):
    _rr(d, u, 0.18, 0.12, 0.74, 0.34, 0.06)
    _rr(d, u, 0.08, 0.24, 0.92, 0.86, 0.12)
    _rr(d, u, 0.58, 0.44, 0.98, 0.66, 0.08, 0)
    _circ(d, u, 0.7, 0.55, 0.045)


@_icon("data")
def _data(d, u):
    d.rectangle((u(0.25), u(0.36), u(0.39), u(0.88)), fill=255)
    d.polygon(_pts(u, 0.1, 0.42, 0.32, 0.1, 0.54, 0.42), fill=255)
    d.rectangle((u(0.61), u(0.12), u(0.75), u(0.64)), fill=255)
    d.polygon(_pts(u, 0.46, 0.58, 0.68, 0.9, 0.9, 0.58), fill=255)


@_icon("cloud")
def _cloud(d, u):
    _circ(d, u, 0.34, 0.56, 0.2)
    _circ(d, u, 0.56, 0.44, 0.26)
    _circ(d, u, 0.77, 0.6, 0.16)
    _rr(d, u, 0.14, 0.5, 0.93, 0.76, 0.13)


@_icon("upload")
def _upload(d, u):
    d.polygon(_pts(u, 0.2, 0.42, 0.5, 0.1, 0.8, 0.42), fill=255)
    d.rectangle((u(0.42), u(0.38), u(0.58), u(0.7)), fill=255)
    _rr(d, u, 0.12, 0.78, 0.88, 0.9, 0.06)


@_icon("family")
def _family(d, u):
    _circ(d, u, 0.3, 0.28, 0.12)
    d.pieslice((u(0.1), u(0.44), u(0.5), u(1.04)), 180, 360, fill=255)
    _circ(d, u, 0.7, 0.28, 0.12)
    d.pieslice((u(0.5), u(0.44), u(0.9), u(1.04)), 180, 360, fill=255)
    _circ(d, u, 0.5, 0.55, 0.12, 0)
    d.pieslice((u(0.3), u(0.64), u(0.7), u(1.12)), 180, 360, fill=0)
    _circ(d, u, 0.5, 0.55, 0.085)
    d.pieslice((u(0.35), u(0.69), u(0.65), u(1.07)), 180, 360, fill=255)
    d.rectangle((0, u(0.75), u(1), u(1)), fill=0)


@_icon("user")
def _user(d, u):
    _circ(d, u, 0.5, 0.32, 0.2)
    d.pieslice((u(0.14), u(0.58), u(0.86), u(1.3)), 180, 360, fill=255)


@_icon("pin")
def _pin(d, u):
    _circ(d, u, 0.5, 0.38, 0.3)
    d.polygon(_pts(u, 0.24, 0.52, 0.76, 0.52, 0.5, 0.95), fill=255)
    _circ(d, u, 0.5, 0.38, 0.12, 0)


@_icon("moon")
def _moon(d, u):
    _circ(d, u, 0.48, 0.52, 0.38)
    _circ(d, u, 0.68, 0.36, 0.3, 0)


@_icon("check")
def _check(d, u):
    d.line(_pts(u, 0.2, 0.52, 0.42, 0.73, 0.82, 0.3), fill=255, width=round(u(0.13)), joint="curve")
    for x, y in ((0.2, 0.52), (0.82, 0.3)):
        _circ(d, u, x, y, 0.065)


@_icon("plus")
def _plus(d, u):
    _rr(d, u, 0.43, 0.15, 0.57, 0.85, 0.05)
    _rr(d, u, 0.15, 0.43, 0.85, 0.57, 0.05)


@_icon("back")
def _back(d, u):
    d.line(_pts(u, 0.62, 0.18, 0.3, 0.5, 0.62, 0.82), fill=255, width=round(u(0.1)), joint="curve")


@_icon("chevron")
def _chevron(d, u):
    d.line(_pts(u, 0.38, 0.18, 0.7, 0.5, 0.38, 0.82), fill=255, width=round(u(0.1)), joint="curve")


@_icon("phone")
def _phone(d, u):
    _rr(d, u, 0.26, 0.05, 0.74, 0.95, 0.1)
    _rr(d, u, 0.31, 0.15, 0.69, 0.79, 0.03, 0)
    _circ(d, u, 0.5, 0.87, 0.035, 0)


@_icon("handset")
def _handset(d, u):
    """A receiver lying on its back: the hang-up button's icon."""
    d.arc((u(0.08), u(0.3), u(0.92), u(1.14)), 198, 342, fill=255, width=round(u(0.17)))
    _rr(d, u, 0.04, 0.5, 0.34, 0.7, 0.07)
    _rr(d, u, 0.66, 0.5, 0.96, 0.7, 0.07)


@_icon("gift")
def _gift(d, u):
    _rr(d, u, 0.14, 0.46, 0.86, 0.92, 0.05)
    _rr(d, u, 0.08, 0.3, 0.92, 0.44, 0.04)
    d.rectangle((u(0.45), u(0.28), u(0.55), u(0.94)), fill=0)
    d.ellipse((u(0.22), u(0.08), u(0.5), u(0.3)), fill=255)
    d.ellipse((u(0.5), u(0.08), u(0.78), u(0.3)), fill=255)
    d.ellipse((u(0.31), u(0.15), u(0.45), u(0.25)), fill=0)
    d.ellipse((u(0.55), u(0.15), u(0.69), u(0.25)), fill=0)


@_icon("shield")
def _shield(d, u):
    d.polygon(_pts(u, 0.5, 0.06, 0.88, 0.2, 0.84, 0.56, 0.5, 0.94, 0.16, 0.56, 0.12, 0.2), fill=255)
    d.line(_pts(u, 0.32, 0.5, 0.46, 0.63, 0.7, 0.37), fill=0, width=round(u(0.08)), joint="curve")


@_icon("photo")
def _photo(d, u):
    _rr(d, u, 0.06, 0.16, 0.94, 0.84, 0.1)
    _rr(d, u, 0.14, 0.24, 0.86, 0.76, 0.05, 0)
    d.polygon(_pts(u, 0.18, 0.72, 0.4, 0.42, 0.58, 0.62, 0.66, 0.52, 0.82, 0.72), fill=255)
    _circ(d, u, 0.7, 0.36, 0.06)


@_icon("doc")
def _doc(d, u):
    d.polygon(_pts(u, 0.18, 0.06, 0.62, 0.06, 0.84, 0.28, 0.84, 0.94, 0.18, 0.94), fill=255)
    d.polygon(_pts(u, 0.6, 0.06, 0.6, 0.3, 0.84, 0.3), fill=0)
    for y in (0.46, 0.6, 0.74):
        _rr(d, u, 0.3, y, 0.72, y + 0.05, 0.02, 0)


@_icon("star")
def _star(d, u):
    pts = []
    for k in range(10):
        r = 0.46 if k % 2 == 0 else 0.2
        a = -math.pi / 2 + k * math.pi / 5
        pts += [0.5 + r * math.cos(a), 0.53 + r * math.sin(a)]
    d.polygon(_pts(u, *pts), fill=255)


@_icon("heart")
def _heart(d, u):
    _circ(d, u, 0.32, 0.36, 0.21)
    _circ(d, u, 0.68, 0.36, 0.21)
    d.polygon(_pts(u, 0.12, 0.44, 0.88, 0.44, 0.5, 0.88), fill=255)


@_icon("bolt")
def _bolt(d, u):
    d.polygon(_pts(u, 0.58, 0.04, 0.18, 0.56, 0.46, 0.56, 0.38, 0.96, 0.82, 0.4, 0.54, 0.4), fill=255)


@_icon("bell")
def _bell(d, u):
    d.pieslice((u(0.2), u(0.12), u(0.8), u(0.72)), 180, 360, fill=255)
    d.polygon(_pts(u, 0.2, 0.42, 0.8, 0.42, 0.9, 0.74, 0.1, 0.74), fill=255)
    _circ(d, u, 0.5, 0.84, 0.09)
    _circ(d, u, 0.5, 0.1, 0.06)


@_icon("scan")
def _scan(d, u):
    w = round(u(0.09))
    for xs, ys in (
        ((0.1, 0.1, 0.34), (0.34, 0.1, 0.1)),
        ((0.66, 0.9, 0.9), (0.1, 0.1, 0.34)),
        ((0.1, 0.1, 0.34), (0.66, 0.9, 0.9)),
        ((0.66, 0.9, 0.9), (0.9, 0.9, 0.66)),
    ):
        d.line([(u(x), u(y)) for x, y in zip(xs, ys, strict=True)], fill=255, width=w, joint="curve")
    _rr(d, u, 0.1, 0.46, 0.9, 0.54, 0.03)


@_icon("qr")
def _qr(d, u):
    for x, y in ((0.08, 0.08), (0.58, 0.08), (0.08, 0.58)):
        _rr(d, u, x, y, x + 0.34, y + 0.34, 0.05)
        _rr(d, u, x + 0.07, y + 0.07, x + 0.27, y + 0.27, 0.02, 0)
        _rr(d, u, x + 0.12, y + 0.12, x + 0.22, y + 0.22, 0.01)
    for x, y in ((0.6, 0.6), (0.78, 0.6), (0.6, 0.78), (0.8, 0.8), (0.7, 0.7)):
        d.rectangle((u(x), u(y), u(x + 0.12), u(y + 0.12)), fill=255)


@_icon("sound")
def _sound(d, u):
    d.polygon(_pts(u, 0.08, 0.36, 0.26, 0.36, 0.48, 0.14, 0.48, 0.86, 0.26, 0.64, 0.08, 0.64), fill=255)
    for r in (0.2, 0.36):
        d.arc((u(0.5 - r), u(0.5 - r), u(0.5 + r), u(0.5 + r)), -50, 50, fill=255, width=round(u(0.08)))


@_icon("signal")
def _signal(d, u):
    for i in range(4):
        x = 0.1 + i * 0.22
        _rr(d, u, x, 0.7 - i * 0.18, x + 0.15, 0.9, 0.03)


@_icon("search")
def _search(d, u):
    d.ellipse((u(0.1), u(0.1), u(0.66), u(0.66)), outline=255, width=round(u(0.1)))
    d.line(_pts(u, 0.58, 0.58, 0.88, 0.88), fill=255, width=round(u(0.12)))


@_icon("home")
def _home(d, u):
    d.polygon(_pts(u, 0.5, 0.08, 0.94, 0.48, 0.06, 0.48), fill=255)
    _rr(d, u, 0.18, 0.4, 0.82, 0.9, 0.05)
    _rr(d, u, 0.42, 0.6, 0.58, 0.9, 0.03, 0)


@_icon("clock")
def _clock(d, u):
    _circ(d, u, 0.5, 0.5, 0.42)
    _circ(d, u, 0.5, 0.5, 0.33, 0)
    d.line(_pts(u, 0.5, 0.26, 0.5, 0.52, 0.68, 0.62), fill=255, width=round(u(0.08)), joint="curve")


@_icon("sun")
def _sun(d, u):
    _circ(d, u, 0.5, 0.5, 0.2)
    for k in range(8):
        a = k * math.pi / 4
        d.line(
            [
                (u(0.5 + 0.3 * math.cos(a)), u(0.5 + 0.3 * math.sin(a))),
                (u(0.5 + 0.44 * math.cos(a)), u(0.5 + 0.44 * math.sin(a))),
            ],
            fill=255,
            width=round(u(0.08)),
        )


@_icon("bus")
def _bus(d, u):
    _rr(d, u, 0.14, 0.08, 0.86, 0.82, 0.12)
    _rr(d, u, 0.22, 0.2, 0.78, 0.48, 0.04, 0)
    _circ(d, u, 0.3, 0.64, 0.06, 0)
    _circ(d, u, 0.7, 0.64, 0.06, 0)
    _rr(d, u, 0.2, 0.78, 0.34, 0.94, 0.04)
    _rr(d, u, 0.66, 0.78, 0.8, 0.94, 0.04)


@_icon("lock")
def _lock(d, u):
    d.arc((u(0.26), u(0.08), u(0.74), u(0.56)), 180, 360, fill=255, width=round(u(0.1)))
    d.rectangle((u(0.26), u(0.31), u(0.36), u(0.46)), fill=255)
    d.rectangle((u(0.64), u(0.31), u(0.74), u(0.46)), fill=255)
    _rr(d, u, 0.14, 0.44, 0.86, 0.92, 0.08)
    _circ(d, u, 0.5, 0.63, 0.06, 0)
    d.rectangle((u(0.47), u(0.64), u(0.53), u(0.78)), fill=0)


@_icon("wifi")
def _wifi(d, u):
    for r in (0.44, 0.3, 0.16):
        d.arc((u(0.5 - r), u(0.8 - r), u(0.5 + r), u(0.8 + r)), 225, 315, fill=255, width=round(u(0.08)))
    _circ(d, u, 0.5, 0.78, 0.06)


@cache
def icon_mask(name: str, px: int) -> Image.Image:
    """The icon `name` as an L mask `px` wide, drawn at 4x and reduced for smooth edges."""
    big = max(8, px * 4)
    m = Image.new("L", (big, big), 0)
    d = ImageDraw.Draw(m)
    _ICONS[name](d, lambda v: v * big)
    return m.resize((max(1, px), max(1, px)), Image.LANCZOS)


# --------------------------------------------------------------------------- backgrounds


def backdrop(c: Canvas, color: Color, dark: bool = False) -> None:
    """A soft full-canvas gradient in `color` with two large diffuse lights."""
    if dark:
        c.gradient((0, 0, c.w, c.h), shade(color, 0.35), shade(color, 0.7))
        c.glow(c.w * 0.82, c.h * 0.18, c.h * 0.42, tint(color, 0.1), 0.55)
        c.glow(c.w * 0.1, c.h * 0.95, c.h * 0.35, color, 0.5)
    else:
        c.gradient((0, 0, c.w, c.h), tint(color, 0.93), tint(color, 0.78))
        c.glow(c.w * 0.88, c.h * 0.12, c.h * 0.4, WHITE, 0.7)
        c.glow(c.w * 0.06, c.h * 0.9, c.h * 0.32, tint(color, 0.55), 0.5)


# --------------------------------------------------------------------------- phone mock-up

PHONE_W, PHONE_H = 500, 1000
BEZEL = 14
SCREEN_W, SCREEN_H = PHONE_W - 2 * BEZEL, PHONE_H - 2 * BEZEL
SCREEN_R = 52
STATUS_H = 58


def phone(c: Canvas, x: float, y: float, screen: Canvas, scale: float = 1.0, body: Color = DEVICE) -> None:
    """Draw a phone at (x, y) (its top-left) with `screen` (a SCREEN_W x SCREEN_H sub-canvas
    made with `c.sub(SCREEN_W, SCREEN_H, scale)`) showing on it."""
    w, h = PHONE_W * scale, PHONE_H * scale
    c.shadow((x, y, w, h), 70 * scale, blur=36 * scale, dy=26 * scale, opacity=0.32)
    # side buttons
    c.rrect((x - 5 * scale, y + 210 * scale, 8 * scale, 70 * scale), 3 * scale, shade(body, 0.2))
    c.rrect((x - 5 * scale, y + 300 * scale, 8 * scale, 70 * scale), 3 * scale, shade(body, 0.2))
    c.rrect((x + w - 3 * scale, y + 250 * scale, 8 * scale, 110 * scale), 3 * scale, shade(body, 0.2))
    c.rrect((x, y, w, h), 70 * scale, body)
    c.rrect(
        (x + 3 * scale, y + 3 * scale, w - 6 * scale, h - 6 * scale),
        67 * scale,
        outline=tint(body, 0.18),
        width=2 * scale,
    )
    c.paste_canvas(screen, x + BEZEL * scale, y + BEZEL * scale, SCREEN_R * scale)
    # the camera island, drawn over the screen
    c.rrect((x + w / 2 - 62 * scale, y + 30 * scale, 124 * scale, 34 * scale), 17 * scale, (8, 9, 12))


def status_bar(s: Canvas, light: bool = False) -> None:
    """Clock, signal, 5G and battery along the top of a phone screen."""
    col = WHITE if light else INK
    s.text(46, 30, "9:41", 22, col, bold=True, anchor="lm")
    x = SCREEN_W - 44
    s.rrect((x - 40, 20, 36, 20), 6, outline=col, width=2)
    s.rrect((x - 37, 23, 26, 14), 3, col)
    s.rrect((x - 3, 26, 4, 8), 1, col)
    s.text(x - 52, 30, "5G", 19, col, bold=True, anchor="rm")
    for i in range(4):
        bh = 7 + i * 4
        s.rrect((x - 124 + i * 9, 39 - bh, 6, bh), 1.5, col)


def app_header(
    s: Canvas, title: str, sub: str, color: Color, back: bool = True, height: float = 150
) -> float:
    """A coloured app bar with a bilingual title; returns the y where content starts."""
    s.gradient((0, 0, SCREEN_W, height), tint(color, 0.08), shade(color, 0.12), angle="h")
    status_bar(s, light=True)
    if back:
        s.icon("back", 38, 103, 30, WHITE)
    s.text(SCREEN_W / 2, 96, title, 28, WHITE, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 128, sub, 16, (*WHITE, 210), anchor="mm")
    return height


def plain_header(s: Canvas, title: str, sub: str, back: bool = True) -> float:
    status_bar(s)
    if back:
        s.icon("back", 38, 103, 30, INK)
    s.text(SCREEN_W / 2, 96, title, 28, INK, bold=True, anchor="mm")
    s.text(SCREEN_W / 2, 128, sub, 16, MUTED, anchor="mm")
    return 150


def button(
    s: Canvas, box: Box, zh: str, en: str, color: Color, name: str | None = None, ghost: bool = False
) -> Box:
    """A big primary button with a Chinese label and a smaller English one under it."""
    x, y, w, h = box
    if ghost:
        s.rrect(box, h / 2, WHITE, outline=color, width=3)
        fg: Color = color
    else:
        s.shadow(box, h / 2, blur=10, dy=6, color=color, opacity=0.35)
        s.gradient(box, tint(color, 0.1), shade(color, 0.1), r=h / 2, angle="h")
        fg = WHITE
    if en:
        s.text(x + w / 2, y + h * 0.4, zh, min(28, h * 0.32), fg, bold=True, anchor="mm")
        s.text(x + w / 2, y + h * 0.72, en, min(17, h * 0.2), fg, anchor="mm")
    else:
        s.text(x + w / 2, y + h / 2, zh, min(28, h * 0.34), fg, bold=True, anchor="mm")
    if name:
        s.mark(name, box)
    return box


def toggle(s: Canvas, x: float, y: float, on: bool, color: Color) -> Box:
    """An iOS-style switch with its top-left at (x, y); 72x42."""
    box = (x, y, 72, 42)
    s.rrect(box, 21, color if on else (210, 214, 222))
    knob_x = x + 51 if on else x + 21
    s.circle(knob_x, y + 21, 17, WHITE)
    return box


def progress(s: Canvas, box: Box, frac: float, color: Color, track: Color = LINE) -> None:
    x, y, w, h = box
    s.rrect(box, h / 2, track)
    if frac > 0:
        s.gradient((x, y, max(h, w * frac), h), tint(color, 0.25), color, r=h / 2, angle="h")


def tile(
    s: Canvas,
    box: Box,
    c1: Color,
    c2: Color,
    icon: str | None = None,
    r: float = 18,
    icon_scale: float = 0.46,
) -> None:
    """A gradient square with a white icon: album art, app icons, thumbnails."""
    s.gradient(box, c1, c2, r=r)
    if icon:
        x, y, w, h = box
        s.icon(icon, x + w / 2, y + h / 2, min(w, h) * icon_scale, WHITE)


def row(
    s: Canvas,
    y: float,
    title: str,
    sub: str,
    lead: Box | None = None,
    h: float = 104,
    name: str | None = None,
    selected: Color | None = None,
    x: float = 24,
    w: float = SCREEN_W - 48,
) -> Box:
    """A list row on a white card; draw the leading art into `lead` afterwards."""
    box = (x, y, w, h)
    if selected:
        s.rrect(box, 22, tint(selected, 0.88), outline=selected, width=3)
    else:
        s.rrect(box, 22, WHITE)
    tx = x + (h + 6 if lead is not None else 26)
    s.text(tx, y + h * 0.38, title, 25, INK, bold=True, anchor="lm")
    s.text(tx, y + h * 0.7, sub, 17, MUTED, anchor="lm")
    if name:
        s.mark(name, box)
    return box


def sheet(s: Canvas, height: float) -> float:
    """Dim the screen and raise a white bottom sheet; returns its top y."""
    s.rect((0, 0, SCREEN_W, SCREEN_H), (10, 12, 20, 120))
    top = SCREEN_H - height
    s.rrect((0, top, SCREEN_W, height + 40), 36, WHITE)
    s.rrect((SCREEN_W / 2 - 36, top + 14, 72, 8), 4, LINE)
    return top


def success_badge(c: Canvas, cx: float, cy: float, r: float, color: Color) -> None:
    c.circle(cx, cy, r * 1.35, alpha(color, 40))
    c.circle(cx, cy, r * 1.15, alpha(color, 70))
    c.gradient((cx - r, cy - r, 2 * r, 2 * r), tint(color, 0.15), shade(color, 0.1), r=r)
    c.icon("check", cx, cy, r * 1.2, WHITE)


def tab_bar(s: Canvas, icons: list[str], active: int, color: Color) -> None:
    top = SCREEN_H - 104
    s.rect((0, top, SCREEN_W, 104), WHITE)
    s.rect((0, top, SCREEN_W, 2), LINE)
    step = SCREEN_W / len(icons)
    for i, name in enumerate(icons):
        s.icon(name, step * (i + 0.5), top + 42, 34, color if i == active else (170, 176, 190))
    s.rrect((SCREEN_W / 2 - 70, SCREEN_H - 20, 140, 6), 3, (20, 20, 24))


def home_indicator(s: Canvas, light: bool = False) -> None:
    s.rrect((SCREEN_W / 2 - 70, SCREEN_H - 20, 140, 6), 3, WHITE if light else (20, 20, 24))


def waveform(
    c: Canvas, box: Box, color: Color | RGBA, bars: int = 40, seed: int = 3, phase: float = 0.0
) -> None:
    """Audio-like bars; deterministic from `seed` and `phase`."""
    x, y, w, h = box
    step = w / bars
    for i in range(bars):
        v = 0.5 + 0.5 * math.sin(i * 0.7 + seed + phase) * math.cos(i * 0.23 + seed * 0.5)
        v = 0.18 + 0.82 * abs(v)
        bh = h * v
        c.rrect((x + i * step + step * 0.2, y + (h - bh) / 2, step * 0.6, bh), step * 0.3, color)


# --------------------------------------------------------------------------- illustrations


def badge(c: Canvas, cx: float, cy: float, r: float, color: Color, icon: str, rings: bool = True) -> None:
    """A large round emblem: halo rings, a gradient disc and a white icon."""
    if rings:
        c.circle(cx, cy, r * 1.8, alpha(color, 22))
        c.circle(cx, cy, r * 1.42, alpha(color, 40))
    c.shadow(
        (cx - r, cy - r, 2 * r, 2 * r), r, blur=r * 0.22, dy=r * 0.14, color=shade(color, 0.4), opacity=0.35
    )
    c.gradient((cx - r, cy - r, 2 * r, 2 * r), tint(color, 0.2), shade(color, 0.18), r=r)
    c.icon(icon, cx, cy, r * 1.0, WHITE)


def chip(
    c: Canvas,
    x: float,
    y: float,
    icon: str,
    main: str,
    sub: str,
    color: Color,
    h: float = 108,
    w: float | None = None,
) -> Box:
    """A floating white card: a coloured icon disc, a bold line and a small line."""
    main_size, sub_size = h * 0.29, h * 0.175
    tw = max(text_width(main, main_size, True), text_width(sub, sub_size))
    w = w or h + tw + h * 0.36
    box = (x, y, w, h)
    c.shadow(box, h * 0.26, blur=h * 0.2, dy=h * 0.1, opacity=0.16)
    c.rrect(box, h * 0.26, WHITE)
    d = h * 0.62
    c.gradient((x + (h - d) / 2, y + (h - d) / 2, d, d), tint(color, 0.12), shade(color, 0.12), r=d / 2)
    c.icon(icon, x + h / 2, y + h / 2, d * 0.55, WHITE)
    c.text(x + h * 0.98, y + h * 0.4, main, main_size, INK, bold=True, anchor="lm")
    c.text(x + h * 0.98, y + h * 0.73, sub, sub_size, MUTED, anchor="lm")
    return box


def notes(c: Canvas, spots: Iterable[tuple[float, float, float]], color: Color | RGBA) -> None:
    """Music notes at (x, y, size) spots."""
    for x, y, size in spots:
        c.icon("music", x, y, size, color)


def laptop(c: Canvas, x: float, y: float, w: float) -> Box:
    """A laptop seen from the front; returns the screen box to draw into."""
    h = w * 0.62
    c.shadow((x - w * 0.06, y + h, w * 1.12, w * 0.05), w * 0.02, blur=w * 0.03, dy=w * 0.02, opacity=0.3)
    c.rrect((x, y, w, h), w * 0.03, DEVICE)
    c.rrect((x - w * 0.08, y + h - w * 0.005, w * 1.16, w * 0.045), w * 0.02, (200, 205, 214))
    c.rrect((x + w * 0.42, y + h - w * 0.005, w * 0.16, w * 0.016), w * 0.008, (170, 176, 188))
    return (x + w * 0.025, y + w * 0.025, w * 0.95, h - w * 0.05)


def television(c: Canvas, x: float, y: float, w: float) -> Box:
    """A wall TV on a stand; returns the screen box."""
    h = w * 9 / 16
    c.shadow((x, y, w, h), 12, blur=30, dy=20, opacity=0.3)
    c.rrect((x, y, w, h), 12, DEVICE)
    c.polygon(
        [(x + w * 0.44, y + h), (x + w * 0.56, y + h), (x + w * 0.6, y + h + 40), (x + w * 0.4, y + h + 40)],
        (60, 64, 74),
    )
    c.rrect((x + w * 0.3, y + h + 36, w * 0.4, 12), 6, (60, 64, 74))
    return (x + 10, y + 10, w - 20, h - 20)


def pos_terminal(c: Canvas, x: float, y: float, color: Color, k: float = 1.4) -> None:
    """A shop's payment terminal (top-left at x, y) whose scanner light points left."""
    w, h = 240 * k, 380 * k
    for i in range(7):
        a = (i - 3) * 0.11
        c.line(
            [(x + 6 * k, y + 40 * k), (x - 300 * k, y + 40 * k + math.tan(a) * 300 * k)],
            (255, 70, 70, 40),
            10 * k,
        )
    c.circle(x + 6 * k, y + 40 * k, 14 * k, (255, 90, 90, 120))
    c.shadow((x, y, w, h), 40 * k, blur=28 * k, dy=18 * k, opacity=0.28)
    c.gradient((x, y, w, h), (70, 76, 90), (40, 44, 54), r=40 * k)
    c.rrect((x + 24 * k, y + 28 * k, 192 * k, 150 * k), 16 * k, tint(color, 0.85))
    c.text(x + 120 * k, y + 80 * k, "¥23.50", 40 * k, shade(color, 0.3), bold=True, anchor="mm")
    c.rrect((x + 60 * k, y + 126 * k, 120 * k, 12 * k), 6 * k, tint(color, 0.4))
    for i in range(3):
        for j in range(3):
            c.rrect((x + (30 + j * 64) * k, y + (200 + i * 54) * k, 52 * k, 40 * k), 10 * k, (96, 104, 120))
    c.rrect((x - 4 * k, y + 26 * k, 12 * k, 28 * k), 5 * k, (255, 90, 90))


def scenery(c: Canvas, box: Box, kind: str, r: float = 0, phase: float = 0.0) -> None:
    """A flat landscape picture (sky, sun, layered hills) filling `box`; `phase` slides the
    hills sideways for animation. Stands in for photos and video frames."""
    x, y, w, h = box
    spec = library()["scenery"][kind]
    sky = spec["sky"]
    hills = spec["hills"]
    s = c.sub(w, h, 1.0, rgb(sky[0]))
    s.gradient((0, 0, w, h), rgb(sky[0]), rgb(sky[1]), angle="v")
    if spec.get("stars"):
        for i in range(28):
            sx = (i * 0.6180339 * w * 1.7 + 13) % w
            sy = (i * 0.41421 * h * 1.3 + 7) % (h * 0.5)
            s.circle(sx, sy, max(1.2, w * 0.004 * (1 + i % 3)), (255, 255, 255, 150 + 30 * (i % 3)))
    sun = rgb(spec["sun"])
    sun_r = min(w, h) * 0.14
    s.circle(w * 0.68, h * 0.34, sun_r * 1.5, alpha(sun, 70))
    s.circle(w * 0.68, h * 0.34, sun_r, sun)
    if "water" in spec:
        s.gradient((0, h * 0.7, w, h * 0.3), rgb(spec["water"]), shade(rgb(spec["water"]), 0.3), angle="v")
        for i in range(6):
            s.rrect(
                (w * (0.1 + 0.13 * i), h * (0.76 + 0.03 * (i % 3)), w * 0.08, h * 0.012),
                h * 0.006,
                (255, 255, 255, 90),
            )
    for k, col in enumerate(hills):
        base = h * (0.6 + 0.14 * k) if "water" not in spec else h * (0.55 + 0.1 * k)
        amp = h * (0.13 - 0.03 * k)
        pts = [(0.0, h)]
        steps = 24
        for i in range(steps + 1):
            t = i / steps
            v = math.sin(t * 5.1 + k * 1.7 + phase) * 0.6 + math.sin(t * 11.3 + k + phase * 1.6) * 0.4
            pts.append((t * w, base - amp * (0.5 + 0.5 * v)))
        pts.append((w, h))
        if "water" in spec:
            pts = [(px, min(py, h * 0.7)) for px, py in pts]
            pts[0] = (0.0, h * 0.7)
            pts[-1] = (w, h * 0.7)
        s.polygon(pts, rgb(col))
    c.paste_canvas(s, x, y, r)
