"""The kiosk against the peer a store would pick instead: the same home page as plain HTML in
Chromium's kiosk mode.

Both run full screen on their own Xvfb server (1920x1080x24, software GL: Mesa llvmpipe for
the kiosk's Qt Quick, SwiftShader for Chromium) and are watched from outside by the same
detector: Xvfb keeps its framebuffer in a memory-mapped file (`-fbdir`), which this script
polls every POLL_MS (sampling every SAMPLE_ROW-th row, every pixel of it) and timestamps
each change. Taps are injected with XTest (libXtst through ctypes, timestamped at the
flush), as a touch screen's driver would. Runs alternate, kiosk then Chromium, RUNS times;
each run is a fresh start of the program (after one untimed start of each, which warms the
OS file cache, Qt's QML cache, the kiosk's media checks and its remembered first picture,
and Chromium's profile) and measures:

- content: spawn -> the first polled framebuffer with content (not near-uniform: at least
  CONTENT_SHARE of the sampled pixels away from the most common colour). For the kiosk this
  is the attract loop's first picture, remembered from the last run and shown before the UI
  is built; its time to interactive (UI built, attract running, touch answered) is printed
  too, from the process's own marker line. For Chromium, also the page complete: the last
  change before the first carousel turn could happen;
- tap -> first visible change: on the home screen, a tap on a category tile (the press held
  TAP_HOLD_MS, as a quick finger does), from the touch to the first changed framebuffer
  outside the offers carousel (the one thing that moves by itself): the pressed look where
  there is one (both have it), else the next screen; and to the category shown (a change of
  at least NEW_SCREEN_SHARE of the screen). The tap is made just after a carousel turn has
  ended and the screen is still, then Back. The kiosk's first tap on its attract loop
  (-> home) is reported on its own: Chromium has no attract loop;
- memory: PSS (from /proc/PID/smaps_rollup) summed over the program's process tree, on
  home after the taps;
- idle CPU on home: CPU time (utime + stime from /proc/PID/stat) of the process tree over
  IDLE_S seconds with nobody touching, as a share of one core, and the X server's share
  beside it (it copies what both draw into the framebuffer).

The HTML page is generated from the bundled sample content (campaigns carousel turning every
7 s with a 0.6 s slide, categories, TOP-10, the same pictures, names and prices), with one
page per category for the tap to open. Needs Xvfb and Chromium (Debian: xvfb, chromium;
.ci/run installs them) and libXtst (with xdotool or libxtst6). Without Chromium the script
says so and measures the kiosk alone. About 6 minutes.

    uv run python benchmarks/chromium_peer.py

For iterating on the kiosk: `--kiosk-only` (no Chromium), `--runs N`, `--taps N`, `--idle-s S`;
`--trace` prints, for each tile tap, when the kiosk's window got the press and the release
and when each frame was synchronised, rendered and swapped, in ms from the touch (the
kiosk's perf_counter and this script's read the same monotonic clock); `--log FILE` keeps the kiosk's
standard error (QSG_INFO=1, QSG_RENDER_TIMING=1 write there). The environment is passed on
to the kiosk (QSG_RENDER_LOOP, LP_NUM_THREADS, ...). `--bare` adds the floor: a bare Qt
Quick window on the same GL and detector, half of it one rectangle that darkens while
pressed (its tap changes half the screen, so its first change is also its "next screen").
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import html
import json
import mmap
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1920, 1080)
RUNS = 3
TAPS = 5
IDLE_S = 21.0  # three turns of the carousel
POLL_MS = 2.0
SAMPLE_ROW = 4
CONTENT_SHARE = 0.05
START_LIMIT_S = 30.0
TAP_LIMIT_S = 3.0
QUIET_S = 0.4
#: How long a tap holds the press: a quick finger's.
TAP_HOLD_MS = 80
#: A change of at least this share of the screen (outside the carousel) is the next screen.
NEW_SCREEN_SHARE = 0.3
#: The HTML carousel turns like the kiosk's (OffersCarousel.qml): every 7 s, a 0.6 s slide.
TURN_EVERY_MS = 7000
TURN_MS = 600
GOAL_TAP_MS = 100.0
LANG = "zh-CN"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


# -- the kiosk, as `kiosk run` starts it, answering where its items are -----------------
_TELLING = threading.Lock()  # the GUI and the render thread both tell the parent things


def tell(line: str) -> None:
    """One whole line to the parent (print writes the line and its end apart)."""
    with _TELLING:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def kiosk_child() -> None:
    """`kiosk run` (full screen), plus a thread that answers `where NAME` on stdin with the
    item's scene rectangle, so the parent knows where to tap. Prints `INTERACTIVE <epoch>`
    at the first frame at which the UI is uncovered with the attract loop showing an item."""
    sys.path.insert(0, str(ROOT))
    from kiosk.datadir import default_data_dir
    from kiosk.ui.boot import Boot

    boot = Boot(default_data_dir(), fullscreen=True)
    from PySide6.QtCore import QObject, QPointF, Signal

    class Asker(QObject):
        asked = Signal(str)

    def where(name: str) -> None:
        from kiosk.ui.scene import shown_named

        item = shown_named(boot.window.contentItem(), name)
        if item is None:
            tell(f"AT {name} none")
            return
        p = item.mapToScene(QPointF(0, 0))
        tell(f"AT {name} {p.x():.0f} {p.y():.0f} {item.width():.0f} {item.height():.0f}")

    asker = Asker()
    asker.asked.connect(where)  # queued: emitted from the reading thread

    def read() -> None:
        for line in sys.stdin:
            if line.startswith("where "):
                asker.asked.emit(line[6:].strip())

    threading.Thread(target=read, daemon=True).start()

    def on_frame() -> None:
        if not boot.window.property("covered"):
            tell(f"INTERACTIVE {time.time():.4f}")
            boot.window.frameSwapped.disconnect(on_frame)

    boot.window.frameSwapped.connect(on_frame)
    if os.environ.get("KIOSK_PEER_TRACE"):
        trace(boot.window)
    boot.show()
    boot.wait_for_first_frame()
    from kiosk.config import load_settings
    from kiosk.ui.app import run

    sys.exit(run(load_settings(), boot))


def trace(window: object) -> None:
    """Print `TRACE what perf_counter` (the clock the parent times taps with) at each mouse
    press and release the window gets, and at each frame's render start, end and swap (on
    the render thread, where the threaded loop draws): where a tap's time goes inside."""
    from PySide6.QtCore import QEvent, QObject, Qt

    def say(what: str) -> None:
        tell(f"TRACE {what} {time.perf_counter():.4f}")

    class Filter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                say("press" if event.type() == QEvent.Type.MouseButtonPress else "release")
            return False

    keep = Filter(window)  # type: ignore[arg-type]
    window.installEventFilter(keep)  # type: ignore[attr-defined]
    direct = Qt.ConnectionType.DirectConnection
    window.beforeSynchronizing.connect(lambda: say("sync"), direct)  # type: ignore[attr-defined]
    window.beforeRendering.connect(lambda: say("render"), direct)  # type: ignore[attr-defined]
    window.afterRendering.connect(lambda: say("rendered"), direct)  # type: ignore[attr-defined]
    window.frameSwapped.connect(lambda: say("swapped"), direct)  # type: ignore[attr-defined]


BARE_QML = b"""
import QtQuick
Window {
    width: Screen.width
    height: Screen.height
    color: "#F3F6FB"
    Rectangle {
        width: parent.width / 2
        height: parent.height
        color: tap.pressed ? "#004A9C" : "#0057B8"
        MouseArea { id: tap; anchors.fill: parent }
    }
}
"""


def bare_child() -> None:
    """The floor: a Qt Quick window on the same GL, half of it one rectangle that darkens
    while pressed, so that its press changes half the screen (the next screen's share)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(BARE_QML)
    window = engine.rootObjects()[0]
    if os.environ.get("KIOSK_PEER_TRACE"):
        trace(window)
    window.showFullScreen()  # as the kiosk's Boot.show
    sys.exit(app.exec())


# -- the HTML peer ----------------------------------------------------------------------
@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2


PAGE_MARGIN = 48
TOP_BAR = 124
SIDE_W = round(SIZE[0] * 0.34)
MAIN_W = SIZE[0] - 2 * PAGE_MARGIN - SIDE_W - 40
CAROUSEL = Rect(PAGE_MARGIN, TOP_BAR + 32 + 60, MAIN_W, 320 + 26)
TILES_TOP = CAROUSEL.y + CAROUSEL.h + 28 + 60
TILE_COLUMNS = 3
BACK = Rect(PAGE_MARGIN, 12, 200, 100)

CSS = f"""
* {{ box-sizing: border-box; margin: 0; padding: 0; }}
body {{ width: {SIZE[0]}px; height: {SIZE[1]}px; overflow: hidden; background: #F3F6FB;
  font-family: "Noto Sans CJK SC", sans-serif; color: #0E1A2B; }}
.top {{ position: absolute; left: 0; top: 0; width: 100%; height: {TOP_BAR}px; background: #0057B8;
  color: #fff; display: flex; align-items: center; padding: 0 {PAGE_MARGIN}px; font-size: 34px; }}
.top .lang {{ margin-left: auto; font-size: 26px; border: 2px solid #fff; border-radius: 40px;
  padding: 10px 28px; }}
.back {{ color: #fff; text-decoration: none; font-size: 30px; width: {BACK.w}px; }}
h2 {{ position: absolute; font-size: 34px; height: 48px; }}
.carousel {{ position: absolute; left: {CAROUSEL.x}px; top: {CAROUSEL.y}px; width: {CAROUSEL.w}px;
  height: {CAROUSEL.h}px; overflow: hidden; }}
.strip {{ display: flex; gap: 24px; transition: transform {TURN_MS}ms ease-in-out; }}
.offer {{ flex: 0 0 {CAROUSEL.w}px; height: 320px; background: #fff; border-radius: 28px;
  overflow: hidden; display: flex; box-shadow: 0 4px 14px rgba(0,0,0,.12); color: inherit;
  text-decoration: none; }}
.offer img {{ height: 320px; width: 569px; object-fit: cover; }}
.offer div {{ padding: 32px; }}
.offer .kind {{ display: inline-block; background: #13A89E; color: #fff; border-radius: 21px;
  padding: 6px 16px; font-size: 19px; font-weight: bold; }}
.offer h3 {{ font-size: 34px; margin: 10px 0; }}
.offer p {{ font-size: 22px; background: #FFF1E0; color: #8A4B00; border-radius: 16px; padding: 12px; }}
.dots {{ position: absolute; bottom: 0; left: 0; width: 100%; text-align: center; }}
.dots i {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px; background: #CBD5E1;
  margin: 0 6px; transition: width 300ms; }}
.dots i.on {{ width: 36px; background: #0057B8; }}
.tiles {{ position: absolute; left: {PAGE_MARGIN}px; top: {TILES_TOP}px; width: {MAIN_W + 24}px;
  display: flex; flex-wrap: wrap; }}
.tile {{ display: flex; flex-direction: column; align-items: center; justify-content: center;
  width: {(MAIN_W + 24) // TILE_COLUMNS - 24}px; height: 230px; margin: 0 24px 24px 0; border-radius: 28px;
  color: #fff; text-decoration: none; font-size: 30px; font-weight: bold; }}
.tile:active {{ transform: scale(0.985); }}
.tile img {{ width: 96px; height: 96px; margin-bottom: 14px; }}
.side {{ position: absolute; right: {PAGE_MARGIN}px; top: {TOP_BAR + 32}px; width: {SIDE_W}px;
  bottom: {PAGE_MARGIN}px; background: #fff; border-radius: 28px; padding: 24px;
  box-shadow: 0 4px 14px rgba(0,0,0,.12); }}
.side h2 {{ position: static; margin-bottom: 12px; }}
.row {{ display: flex; align-items: center; height: 80px; border-bottom: 1px solid #E2E8F0;
  color: inherit; text-decoration: none; font-size: 24px; }}
.row b {{ width: 48px; color: #0057B8; font-size: 28px; }}
.row img {{ width: 64px; height: 64px; object-fit: cover; border-radius: 12px; margin-right: 16px; }}
.row span {{ flex: 1; }}
.row em {{ font-style: normal; color: #E4572E; font-weight: bold; }}
.cards {{ position: absolute; left: {PAGE_MARGIN}px; top: {TOP_BAR + 40}px; right: {PAGE_MARGIN}px;
  display: flex; flex-wrap: wrap; gap: 24px; }}
.card {{ width: 430px; height: 400px; background: #fff; border-radius: 28px; overflow: hidden;
  box-shadow: 0 4px 14px rgba(0,0,0,.12); font-size: 26px; }}
.card img {{ width: 100%; height: 240px; object-fit: cover; }}
.card div {{ padding: 16px 24px; }}
"""

CAROUSEL_JS = f"""
const strip = document.querySelector('.strip');
const dots = document.querySelectorAll('.dots i');
let at = 0;
setInterval(() => {{
  at = (at + 1) % dots.length;
  strip.style.transform = 'translateX(' + (-at * ({CAROUSEL.w} + 24)) + 'px)';
  dots.forEach((d, i) => d.classList.toggle('on', i === at));
}}, {TURN_EVERY_MS});
"""


def url(path: Path) -> str:
    return path.resolve().as_uri()


def write_pages(folder: Path) -> tuple[Path, Rect]:
    """The home page (and a page per category) from the bundled sample content, as the
    kiosk shows it today; the home page's path and the first category tile's rectangle."""
    sys.path.insert(0, str(ROOT))
    from kiosk.config import load_settings
    from kiosk.ui.app import load

    loaded = load(load_settings(folder / "settings"))
    if loaded.catalog is None:
        raise RuntimeError("no usable sample content: " + "; ".join(loaded.problems[:3]))
    view = loaded.catalog.at(datetime.now())
    e = html.escape

    def page(title: str, body: str, script: str = "") -> str:
        return (
            f'<!doctype html><html lang="{LANG}"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}<script>{script}</script></body></html>"
        )

    offers = []
    for o in view.offers:
        service = view.service(o.services[0]) if o.services else None
        explanation = view.quote(service).explanation(LANG) if service is not None else ""
        banner = f'<img src="{url(o.banner)}">' if o.banner is not None else ""
        offers.append(
            f'<a class="offer" href="#">{banner}<div><span class="kind">{e(o.kind.value)}</span>'
            f"<h3>{e(o.title.get(LANG))}</h3><p>{e(explanation or o.description.get(LANG))}</p></div></a>"
        )
    dots = "".join(f'<i class="{"on" if i == 0 else ""}"></i>' for i in range(len(offers)))
    tiles = []
    for c in view.categories:
        icon = f'<img src="{url(c.icon)}">' if c.icon is not None else ""
        tiles.append(
            f'<a class="tile" style="background:{e(c.color)}" href="cat-{e(c.id)}.html">'
            f"{icon}{e(c.name.get(LANG))}</a>"
        )
        cards = "".join(
            f'<div class="card"><img src="{url(s.images[0])}"><div><b>{e(s.name.get(LANG))}</b><br>'
            f"{e(view.quote(s).now_text(LANG))}</div></div>"
            for s in view.services_in(c.id)
            if s.images
        )
        top = f'<div class="top"><a class="back" href="home.html">‹ 返回</a>{e(c.name.get(LANG))}</div>'
        (folder / f"cat-{c.id}.html").write_text(
            page(c.name.get(LANG), top + f'<div class="cards">{cards}</div>')
        )
    rows = "".join(
        f'<a class="row" href="#"><b>{i}</b><img src="{url(s.images[0])}"><span>{e(s.name.get(LANG))}</span>'
        f"<em>{e(view.quote(s).now_text(LANG))}</em></a>"
        for i, s in enumerate(view.top10, 1)
        if s.images
    )
    body = (
        '<div class="top">体验专区<span class="lang">English</span></div>'
        f'<h2 style="left:{PAGE_MARGIN}px;top:{TOP_BAR + 32}px">为您推荐</h2>'
        f'<div class="carousel"><div class="strip">{"".join(offers)}</div>'
        f'<div class="dots">{dots}</div></div>'
        f'<h2 style="left:{PAGE_MARGIN}px;top:{TILES_TOP - 60}px">探索业务</h2>'
        f'<div class="tiles">{"".join(tiles)}</div>'
        f'<div class="side"><h2>TOP 10</h2>{rows}</div>'
    )
    home = folder / "home.html"
    home.write_text(page("体验专区", body, CAROUSEL_JS))
    tile_w = (MAIN_W + 24) // TILE_COLUMNS - 24
    return home, Rect(PAGE_MARGIN, TILES_TOP, tile_w, 230)


# -- Xvfb, its framebuffer, XTest -------------------------------------------------------
class Screen:
    """An Xvfb server with its framebuffer in a file, watched by polling that file."""

    def __init__(self, work: Path) -> None:
        self.fbdir = work / "fb"
        self.fbdir.mkdir()
        self.display = self._free_display()
        self.proc = subprocess.Popen(
            [
                "Xvfb",
                f":{self.display}",
                "-screen",
                "0",
                f"{SIZE[0]}x{SIZE[1]}x24",
                "-fbdir",
                str(self.fbdir),
                "-nolisten",
                "tcp",
                "-noreset",
                "-nocursor",  # a touch screen shows no pointer
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{self.display}")
        fb = self.fbdir / "Xvfb_screen0"
        deadline = time.monotonic() + 10
        while not (socket.exists() and fb.exists() and fb.stat().st_size > 0):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"Xvfb :{self.display} did not start")
            time.sleep(0.05)
        self._file = fb.open("rb")
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        (header_size,) = struct.unpack(">I", self._map[0:4])
        width, height = struct.unpack(">II", self._map[16:24])
        bits, bytes_per_line = struct.unpack(">II", self._map[44:52])
        (ncolors,) = struct.unpack(">I", self._map[76:80])
        if bits != 32 or (width, height) != SIZE:
            raise RuntimeError(f"unexpected framebuffer: {width}x{height}, {bits} bits per pixel")
        offset = header_size + ncolors * 12
        pixels = np.frombuffer(self._map, dtype=np.uint32, count=height * bytes_per_line // 4, offset=offset)
        self.pixels = pixels.reshape(height, bytes_per_line // 4)[:, :width]
        self.xtest = XTest(f":{self.display}")
        #: When the last tap's press left (perf_counter), for --trace.
        self.last_tap = 0.0

    @staticmethod
    def _free_display() -> int:
        for n in range(140, 400):
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
                return n
        raise RuntimeError("no free X display number")

    @property
    def env(self) -> dict[str, str]:
        return {"DISPLAY": f":{self.display}"}

    def sample(self) -> np.ndarray:
        return self.pixels[::SAMPLE_ROW].copy()

    def watch(self, until: Callable[[float, np.ndarray, bool], bool], limit_s: float) -> None:
        """Poll the framebuffer; `until(now, frame, changed)` after each poll stops it when
        true, as does `limit_s`."""
        last = self.sample()
        end = time.perf_counter() + limit_s
        while True:
            now = time.perf_counter()
            frame = self.sample()
            changed = not np.array_equal(frame, last)
            last = frame
            if until(now, frame, changed) or now > end:
                return
            time.sleep(POLL_MS / 1000)

    def close(self) -> None:
        self.xtest.close()
        del self.pixels
        self._map.close()
        self._file.close()
        self.proc.terminate()
        self.proc.wait()


class XTest:
    """Taps through the XTest extension, as a touch screen's driver delivers them."""

    def __init__(self, display: str) -> None:
        x11 = ctypes.util.find_library("X11")
        xtst = ctypes.util.find_library("Xtst")
        if x11 is None or xtst is None:
            raise RuntimeError("libX11 and libXtst are needed (Debian: libxtst6)")
        self.x = ctypes.CDLL(x11)
        self.t = ctypes.CDLL(xtst)
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XFlush.argtypes = [ctypes.c_void_p]
        self.x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.t.XTestFakeMotionEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self.t.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")

    def move(self, x: int, y: int) -> None:
        self.t.XTestFakeMotionEvent(self.dpy, 0, x, y, 0)
        self.x.XFlush(self.dpy)

    def press(self, down: bool) -> float:
        """Press (or release) where the pointer is; the time the event left, perf_counter."""
        self.t.XTestFakeButtonEvent(self.dpy, 1, int(down), 0)
        at = time.perf_counter()
        self.x.XFlush(self.dpy)
        return at

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)


# -- the process tree -------------------------------------------------------------------
def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(parents.get(p, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for p in pids:
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def pss_mib(pids: list[int]) -> float:
    kib = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kib += int(line.split()[1])
        except OSError:
            continue
    return kib / 1024


# -- one run of one program -------------------------------------------------------------
def has_content(frame: np.ndarray) -> bool:
    flat = frame.ravel()
    _, counts = np.unique(flat[:: max(1, flat.size // 20000)], return_counts=True)
    return 1 - counts.max() / counts.sum() >= CONTENT_SHARE


@dataclass
class Run:
    content: float = 0.0
    interactive: float | None = None
    complete: float | None = None
    attract_tap: tuple[float, float] | None = None
    taps: list[float] = field(default_factory=list)
    screens: list[float] = field(default_factory=list)
    pss: float = 0.0
    cpu: float = 0.0
    x_cpu: float = 0.0


class Program:
    """Start, find where to tap, stop: the kiosk or Chromium."""

    name = ""

    def __init__(self, screen: Screen, work: Path) -> None:
        self.screen = screen
        self.work = work
        self.proc: subprocess.Popen[str] | None = None

    def command(self) -> tuple[list[str], dict[str, str]]:
        raise NotImplementedError

    def start(self) -> float:
        cmd, env = self.command()
        spawned = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd,
            env={**os.environ, **self.screen.env, **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(self.work / f"{self.name}.log").open("ab"),
            text=True,
            start_new_session=True,
        )
        return spawned

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def tile(self) -> Rect:
        raise NotImplementedError

    def back(self) -> Rect:
        raise NotImplementedError

    def carousel(self) -> Rect:
        raise NotImplementedError


class Kiosk(Program):
    name = "kiosk"

    def __init__(self, screen: Screen, work: Path) -> None:
        super().__init__(screen, work)
        self.data = work / "kiosk-data"
        self.data.mkdir()
        # Nobody touches it while idle CPU is measured: the session must not end meanwhile.
        (self.data / "kiosk.json").write_text(json.dumps({"idle_timeout_s": 3600}))
        self.first_tile = "categoryTile_" + first_category()
        self.lines: list[str] = []
        self.cond = threading.Condition()

    def command(self) -> tuple[list[str], dict[str, str]]:
        env = {
            "QT_QPA_PLATFORM": "xcb",
            "LIBGL_ALWAYS_SOFTWARE": "1",
            "QT_LOGGING_RULES": "qt.multimedia*=false",
            "KIOSK_DATA_DIR": str(self.data),
            "XDG_CACHE_HOME": str(self.work / "kiosk-cache"),
        }
        return [sys.executable, str(Path(__file__).resolve()), "--kiosk-child"], env

    def start(self) -> float:
        spawned = super().start()
        self.lines = []
        assert self.proc is not None and self.proc.stdout is not None
        out = self.proc.stdout

        def read() -> None:
            for line in out:
                with self.cond:
                    self.lines.append(line.strip())
                    self.cond.notify_all()

        threading.Thread(target=read, daemon=True).start()
        return spawned

    def line(self, prefix: str, timeout: float = 10) -> str:
        with self.cond:
            ok = self.cond.wait_for(lambda: any(x.startswith(prefix) for x in self.lines), timeout)
            if not ok:
                raise RuntimeError(f"the kiosk did not say {prefix!r} (see {self.work / 'kiosk.log'})")
            found = next(x for x in self.lines if x.startswith(prefix))
            self.lines.remove(found)
            return found

    def where(self, name: str) -> Rect:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(f"where {name}\n")
        self.proc.stdin.flush()
        answer = self.line(f"AT {name} ").split()[2:]
        if answer == ["none"]:
            raise RuntimeError(f"nothing called {name} on the kiosk's screen")
        x, y, w, h = (int(v) for v in answer)
        return Rect(x, y, w, h)

    def print_trace(self, at: float, first: float, shown: float) -> None:
        """One line: the kiosk's TRACE events of the last tap, ms from the touch (see trace)."""
        with self.cond:
            events = [x.split() for x in self.lines if x.startswith("TRACE ")]
            self.lines = [x for x in self.lines if not x.startswith("TRACE ")]
        marks = [(what, (float(t) - at) * 1000) for _, what, t in events]
        near = [f"{what}@{ms:.0f}" for what, ms in marks if -100 <= ms <= shown + 50]
        print(f"tap: first change {first:.0f} ms, shown {shown:.0f} ms: {' '.join(near)}", flush=True)

    def interactive_epoch(self) -> float:
        return float(self.line("INTERACTIVE ", START_LIMIT_S).split()[1])

    def tile(self) -> Rect:
        return self.where(self.first_tile)

    def back(self) -> Rect:
        return self.where("backButton")

    def carousel(self) -> Rect:
        return self.where("homeOffers")


class Bare(Program):
    """A bare Qt Quick window (BARE_QML): what the detector sees of the GL alone."""

    name = "bare Qt Quick window"

    def command(self) -> tuple[list[str], dict[str, str]]:
        env = {"QT_QPA_PLATFORM": "xcb", "LIBGL_ALWAYS_SOFTWARE": "1"}
        return [sys.executable, str(Path(__file__).resolve()), "--bare-child"], env

    def tile(self) -> Rect:
        return Rect(0, 0, SIZE[0] // 2, SIZE[1])

    def back(self) -> Rect:
        return self.tile()

    def carousel(self) -> Rect:
        return Rect(0, 0, 0, 0)


class Chromium(Program):
    name = "chromium"

    def __init__(self, screen: Screen, work: Path, binary: str, home: Path, tile: Rect) -> None:
        super().__init__(screen, work)
        self.binary = binary
        self.home = home
        self._tile = tile

    def command(self) -> tuple[list[str], dict[str, str]]:
        return [
            self.binary,
            "--kiosk",
            self.home.as_uri(),
            f"--user-data-dir={self.work / 'chromium-profile'}",
            "--no-sandbox",  # as root, as here; a store would run it as a user
            "--no-first-run",
            "--no-default-browser-check",
            "--noerrdialogs",
            "--disable-session-crashed-bubble",
            "--disable-infobars",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-features=Translate,MediaRouter,OptimizationHints",
            "--password-store=basic",
            "--use-angle=swiftshader",
            "--force-device-scale-factor=1",
            "--window-position=0,0",
            f"--window-size={SIZE[0]},{SIZE[1]}",
        ], {}

    def tile(self) -> Rect:
        return self._tile

    def back(self) -> Rect:
        return BACK

    def carousel(self) -> Rect:
        return CAROUSEL


def changed_share(frame: np.ndarray, base: np.ndarray, mask: Rect | None) -> float:
    """The share of sampled pixels outside `mask` that differ between the two frames."""
    diff = frame != base
    if mask is not None:
        y0, y1 = mask.y // SAMPLE_ROW, (mask.y + mask.h + SAMPLE_ROW - 1) // SAMPLE_ROW
        diff[y0:y1, mask.x : mask.x + mask.w] = False
    return float(diff.mean())


def wait_still_after_turn(screen: Screen, carousel: Rect) -> None:
    """Wait for the carousel to turn and the screen to stay still for QUIET_S after it (or,
    if nothing turns within a turn's period, for the screen to be still)."""
    state = {"turned": False, "last_change": time.perf_counter()}

    def until(now: float, frame: np.ndarray, changed: bool) -> bool:
        if changed:
            state["turned"] = True
            state["last_change"] = now
        return now - state["last_change"] >= QUIET_S and (
            state["turned"] or now - state["last_change"] > TURN_EVERY_MS / 1000
        )

    screen.watch(until, TURN_EVERY_MS / 1000 + 3)


def tap_and_watch(screen: Screen, rect: Rect, mask: Rect | None) -> tuple[float, float]:
    """A tap at `rect`'s centre (held TAP_HOLD_MS, as a quick finger), then ms from the touch
    to the first framebuffer change outside `mask` (whatever it is: the pressed look or the
    next screen), and to the first change of at least NEW_SCREEN_SHARE of it (the next
    screen). The pointer moves there first, untimed (a finger has no hover, a pointer may)."""
    screen.xtest.move(*rect.centre)
    time.sleep(0.05)
    base = screen.sample()
    at = screen.xtest.press(True)
    screen.last_tap = at
    seen: dict[str, float] = {}

    def until(now: float, frame: np.ndarray, changed: bool) -> bool:
        if "released" not in seen and now - at >= TAP_HOLD_MS / 1000:
            seen["released"] = screen.xtest.press(False)
        share = changed_share(frame, base, mask)
        if share > 0:
            seen.setdefault("first", now)
        if share >= NEW_SCREEN_SHARE:
            seen.setdefault("screen", now)
        return "screen" in seen and "released" in seen

    screen.watch(until, TAP_LIMIT_S)
    if "released" not in seen:
        screen.xtest.press(False)
    if "screen" not in seen:
        raise RuntimeError(f"the next screen did not show within {TAP_LIMIT_S} s of the tap")
    return (seen["first"] - at) * 1000, (seen["screen"] - at) * 1000


def settle(screen: Screen, quiet: float = QUIET_S, limit: float = 5.0) -> None:
    state = {"last": time.perf_counter()}

    def until(now: float, frame: np.ndarray, changed: bool) -> bool:
        if changed:
            state["last"] = now
        return now - state["last"] >= quiet

    screen.watch(until, limit)


def measure(program: Program, xvfb_pid: int) -> Run:
    screen = program.screen
    run = Run()
    spawned = program.start()
    assert program.proc is not None
    wall_spawned = time.time()
    content: list[float] = []
    changes: list[float] = []

    def until(now: float, frame: np.ndarray, changed: bool) -> bool:
        if changed:
            changes.append(now)
            if not content and has_content(frame):
                content.append(now)
        # Chromium: watch on to the page complete, up to before its carousel's first turn.
        return bool(content) and (program.name == "kiosk" or now - spawned > content[0] - spawned + 3)

    screen.watch(until, START_LIMIT_S)
    if not content:
        raise RuntimeError(f"{program.name} showed no content within {START_LIMIT_S} s")
    run.content = content[0] - spawned
    if isinstance(program, Kiosk):
        run.interactive = program.interactive_epoch() - wall_spawned
        settle(screen)
        attract = program.where("attractTouchArea")
        run.attract_tap = tap_and_watch(screen, attract, None)
        settle(screen)
    else:
        run.complete = max(t for t in changes if t - spawned < TURN_EVERY_MS / 1000) - spawned
    carousel = program.carousel()
    for _ in range(OPTIONS.taps):
        tile = program.tile()
        if isinstance(program, Bare):
            settle(screen)
        else:
            wait_still_after_turn(screen, carousel)
        first, shown = tap_and_watch(screen, tile, carousel)
        run.taps.append(first)
        run.screens.append(shown)
        settle(screen)
        if isinstance(program, Kiosk) and OPTIONS.trace:
            program.print_trace(screen.last_tap, first, shown)
        tap_and_watch(screen, program.back(), carousel)
        settle(screen)
    time.sleep(1)
    pids = tree(program.proc.pid)
    run.pss = pss_mib(pids)
    cpu0, x0, t0 = cpu_seconds(pids), cpu_seconds([xvfb_pid]), time.perf_counter()
    time.sleep(OPTIONS.idle_s)
    pids = tree(program.proc.pid)
    cpu1, x1, t1 = cpu_seconds(pids), cpu_seconds([xvfb_pid]), time.perf_counter()
    run.cpu = (cpu1 - cpu0) / (t1 - t0)
    run.x_cpu = (x1 - x0) / (t1 - t0)
    program.stop()
    return run


def first_category() -> str:
    sys.path.insert(0, str(ROOT))
    from kiosk.config import load_settings
    from kiosk.ui.app import load

    with tempfile.TemporaryDirectory() as d:
        loaded = load(load_settings(Path(d)))
    assert loaded.catalog is not None
    return loaded.catalog.at(datetime.now()).categories[0].id


# -- figures ----------------------------------------------------------------------------
def med(values: Iterator[float] | list[float]) -> float:
    return statistics.median(list(values))


def report(runs: dict[str, list[Run]]) -> None:
    print(
        f"Xvfb {SIZE[0]}x{SIZE[1]}x24, software GL, {OPTIONS.runs} fresh starts each, alternating; "
        f"framebuffer polled every {POLL_MS:.0f} ms (every {SAMPLE_ROW}th row)"
    )
    for name, rs in runs.items():
        taps = [t for r in rs for t in r.taps]
        print(f"{name}:")
        print(f"  content on screen, s from spawn:    {', '.join(f'{r.content:.2f}' for r in rs)}")
        if name == "kiosk":
            print(
                f"  interactive (own marker), s:        {', '.join(f'{r.interactive or 0:.2f}' for r in rs)}"
            )
            # Only the home screen counts: the attract loop moves by itself.
            print(
                "  tap on attract -> home shown:        "
                + ", ".join(f"{(r.attract_tap or (0, 0))[1]:.0f} ms" for r in rs)
            )
        else:
            print(f"  page complete (last change), s:     {', '.join(f'{r.complete or 0:.2f}' for r in rs)}")
        shown = [t for r in rs for t in r.screens]
        print(
            f"  tap category tile -> first change:  median {med(taps):.0f} ms, "
            f"slowest {max(taps):.0f} ms, first {rs[0].taps[0]:.0f} ms ({len(taps)} taps)"
        )
        print(
            f"  tap category tile -> category shown: median {med(shown):.0f} ms, "
            f"slowest {max(shown):.0f} ms, first {rs[0].screens[0]:.0f} ms"
        )
        print(f"  memory (PSS, process tree):         {', '.join(f'{r.pss:.0f}' for r in rs)} MiB")
        print(
            f"  idle CPU on home over {OPTIONS.idle_s:.0f} s:        "
            f"{', '.join(f'{100 * r.cpu:.1f}%' for r in rs)} of a core "
            f"(X server: {', '.join(f'{100 * r.x_cpu:.1f}%' for r in rs)})"
        )
    if "chromium" not in runs:
        if not OPTIONS.kiosk_only:
            print("Chromium: not found (Debian: apt-get install chromium); the kiosk alone was measured")
        return
    k, c = runs["kiosk"], runs["chromium"]
    kt = [t for r in k for t in r.taps]
    ct = [t for r in c for t in r.taps]
    kc, cc = med(r.cpu for r in k), med(r.cpu for r in c)
    print("medians, kiosk vs Chromium:")
    print(f"  content on screen:   {med(r.content for r in k):.2f} s vs {med(r.content for r in c):.2f} s")
    print(
        f"  kiosk interactive {med(r.interactive or 0 for r in k):.2f} s vs "
        f"Chromium page complete {med(r.complete or 0 for r in c):.2f} s"
    )
    print(f"  memory (PSS):        {med(r.pss for r in k):.0f} MiB vs {med(r.pss for r in c):.0f} MiB")
    print(
        f"  idle CPU on home:    {100 * kc:.1f}% vs {100 * cc:.1f}% of a core  "
        f"[goal: at most Chromium's: {'met' if kc <= cc else 'NOT met'}]"
    )
    print(
        f"  tap -> category shown: {med(t for r in k for t in r.screens):.0f} ms vs "
        f"{med(t for r in c for t in r.screens):.0f} ms"
    )
    print(
        f"  tap -> first visible change: {med(kt):.0f} ms vs {med(ct):.0f} ms (kiosk slowest "
        f"{max(kt):.0f} ms)  [goal: kiosk median < {GOAL_TAP_MS:.0f} ms: "
        f"{'met' if med(kt) < GOAL_TAP_MS else 'NOT met'}]"
    )


@contextmanager
def screens(work: Path, n: int) -> Iterator[list[Screen]]:
    made: list[Screen] = []
    try:
        for i in range(n):
            folder = work / f"screen{i}"
            folder.mkdir()
            made.append(Screen(folder))
        yield made
    finally:
        for s in made:
            s.close()


def main() -> None:
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is needed (Debian: apt-get install xvfb)")
    binary = None if OPTIONS.kiosk_only else next((b for b in map(shutil.which, CHROMIUM_NAMES) if b), None)
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-peer-"))
    try:
        home, tile = write_pages(work)
        with screens(work, 1 + bool(binary) + OPTIONS.bare) as (kiosk_screen, *rest):
            programs: list[Program] = [Kiosk(kiosk_screen, work)]
            if binary:
                programs.append(Chromium(rest.pop(0), work, binary, home, tile))
            elif not OPTIONS.kiosk_only:
                print("Chromium: not found (Debian: apt-get install chromium); measuring the kiosk alone")
            if OPTIONS.bare:
                programs.append(Bare(rest.pop(0), work))
            try:
                for p in programs:  # untimed: caches, profile, the kiosk's remembered picture
                    p.start()
                    p.screen.watch(lambda now, frame, changed: has_content(frame), START_LIMIT_S)
                    time.sleep(2)
                    p.stop()
                runs: dict[str, list[Run]] = {p.name: [] for p in programs}
                for _ in range(OPTIONS.runs):
                    for p in programs:
                        runs[p.name].append(measure(p, p.screen.proc.pid))
            finally:  # a run that failed leaves no program behind
                for p in programs:
                    p.stop()
        report(runs)
    finally:
        if OPTIONS.log is not None and (work / "kiosk.log").exists():
            shutil.copy(work / "kiosk.log", OPTIONS.log)
        shutil.rmtree(work, ignore_errors=True)


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="The kiosk against the same page in Chromium, on Xvfb.")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"fresh starts of each program ({RUNS})")
    parser.add_argument("--taps", type=int, default=TAPS, help=f"taps on a category tile per run ({TAPS})")
    parser.add_argument(
        "--idle-s", type=float, default=IDLE_S, help=f"seconds of idle CPU measured ({IDLE_S:.0f})"
    )
    parser.add_argument(
        "--kiosk-only", action="store_true", help="measure the kiosk alone (quicker, for iterating)"
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="print each tile tap's press, render and swap times inside the kiosk",
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="measure a bare Qt Quick window too: one rectangle darkening when pressed",
    )
    parser.add_argument("--log", type=Path, help="keep the kiosk's standard error (all runs) in this file")
    return parser.parse_args(argv)


OPTIONS = options([])

if __name__ == "__main__":
    if sys.argv[1:] == ["--kiosk-child"]:
        kiosk_child()
    elif sys.argv[1:] == ["--bare-child"]:
        bare_child()
    else:
        OPTIONS = options()
        if OPTIONS.trace:
            os.environ["KIOSK_PEER_TRACE"] = "1"
        main()
