"""Blank frames across the attract loop's transitions (goal: zero), every frame checked.

The attract loop must never show an empty frame between two items. This script plays a short
playlist built from the national sample pack's media (3 pictures at 2 s, its 2 promo videos
of 6 s, in the order picture, video, video, picture, picture, so the loop has picture->video,
video->video, video->picture and picture->picture switches) across TRANSITIONS switches
(at least 50, each kind several times) and checks EVERY frame the scene graph swaps: with
Qt Quick's `basic` render loop, `frameSwapped` comes on the GUI thread right after the
swap, and the window is grabbed (`QQuickWindow.grabWindow`) inside that handler, before the
event loop can deliver anything new (a video frame, a timer, an animation step), so the grab
is the frame just shown. A window that swaps no frame keeps showing the last one checked.
(The grab renders the scene once more, so the window swaps fewer frames per second than it
would unwatched; the rate is printed: a state shorter than one frame at that rate may be
swapped by an unwatched window and not by this one.)
A frame is blank when its picture area (the top 60%, above the "touch to start" pill that
the kiosk draws over everything) is near-uniform: BLANK_SHARE of the sampled pixels lie
within BLANK_DISTANCE of the frame's mean colour (all black, all white, or the slot's plain
background).

Set KIOSK_BENCH_SAVE_BLANK=DIR to keep the blank frames as PNG files.

BASELINE, in the same run, over the same playlist and checked the same way: a deliberately
naive single-slot player (one Image and one VideoOutput in a plain QML Window; when an item
ends the next source is set directly, nothing is preloaded).

Video frames are drawn only by a real GPU scene graph: the script re-runs itself under
`xvfb-run` (Mesa llvmpipe, QT_QPA_PLATFORM=xcb) unless a display is already there. Without
xvfb-run it falls back to offscreen, where videos are not drawn, and says so. Needs xvfb
(Debian: xvfb, xauth; .ci/run installs them). Runs in about 7 minutes (50 switches of an
18-second playlist cycle, twice).

    uv run python benchmarks/attract_gapless.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PySide6 import QtQuick  # noqa: F401  (rootObjects() come back as QQuickWindow)
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.config import load_settings
from kiosk.flow.attract import Clip
from kiosk.present.media import media_url
from kiosk.ui.app import application, load
from kiosk.ui.shell import KioskShell

ROOT = Path(__file__).resolve().parent.parent

SIZE = (1280, 720)
XVFB_SCREEN = f"-screen 0 {SIZE[0]}x{SIZE[1]}x24"
UNDER_XVFB = "KIOSK_BENCH_UNDER_XVFB"
#: Set to a folder to keep the blank frames as PNG files there.
SAVE_BLANK = "KIOSK_BENCH_SAVE_BLANK"
TRANSITIONS = 50
#: The figure counts only with at least this many switches, of each of these kinds.
MIN_TRANSITIONS = 50
REQUIRED_SWITCHES = frozenset({"picture->video", "video->video", "video->picture"})
#: Stop a player after this long even if it made fewer switches (it is then reported).
PLAYER_LIMIT_S = 400.0
START_LIMIT_S = 20.0
#: The part of the frame that is tested: the top 60% (the kiosk's hint pill is below).
REGION = 0.6
SAMPLE_STEP = 4
BLANK_DISTANCE = 16
BLANK_SHARE = 0.98

#: The playlist: (id, file in the national pack, seconds for a picture; None for a video).
PLAYLIST: tuple[tuple[str, str, int | None], ...] = (
    ("a.welcome", "media/attract/welcome.jpg", 2),
    ("a.video.ringback", "media/video/ringback-video.mp4", None),
    ("a.video.data", "media/video/data-10gb.mp4", None),
    ("a.daily.cloud", "media/attract/daily-cloud.jpg", 2),
    ("a.family", "media/attract/family.jpg", 2),
)

NAIVE_QML = b"""
import QtQuick
import QtMultimedia

// One slot: when an item ends, the next one's source is set at once; nothing is preloaded.
Window {
    id: win

    property var playlist: []
    property int index: -1
    property string currentId: ""

    function show(i) {
        win.index = i % win.playlist.length
        const item = win.playlist[win.index]
        win.currentId = item.itemId
        if (item.video) {
            timer.stop()
            picture.visible = false
            picture.source = ""
            output.visible = true
            player.source = item.source
            player.play()
        } else {
            player.stop()
            player.source = ""
            output.visible = false
            picture.source = item.source
            picture.visible = true
            timer.interval = item.durationMs
            timer.restart()
        }
    }

    width: 1280
    height: 720
    visible: true
    color: "black"

    Image {
        id: picture

        anchors.fill: parent
        fillMode: Image.PreserveAspectCrop
    }

    VideoOutput {
        id: output

        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectCrop
    }

    MediaPlayer {
        id: player

        videoOutput: output
        onMediaStatusChanged: if (mediaStatus === MediaPlayer.EndOfMedia) win.show(win.index + 1)
    }

    Timer {
        id: timer

        onTriggered: win.show(win.index + 1)
    }

    Component.onCompleted: win.show(0)
}
"""


# -- where to run -----------------------------------------------------------------------
def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_under_xvfb() -> int | None:
    """Run this script again under xvfb-run; its exit code, or None when that cannot be."""
    if has_display() or os.environ.get(UNDER_XVFB) or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return None
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        return None
    command = [
        xvfb,
        "-a",
        "-s",
        XVFB_SCREEN,
        "env",
        "QT_QPA_PLATFORM=xcb",
        f"{UNDER_XVFB}=1",
        sys.executable,
        str(Path(__file__).resolve()),
    ]
    return subprocess.call(command)


# -- frames -----------------------------------------------------------------------------
def is_blank(image: QImage) -> bool:
    """Near-uniform picture area: all but (1 - BLANK_SHARE) of the sampled pixels lie
    within BLANK_DISTANCE (in every channel) of the mean colour."""
    img = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h = img.width(), img.height()
    data = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    rows = data.reshape(h, img.bytesPerLine())[: int(h * REGION) : SAMPLE_STEP, : w * 4]
    px = rows.reshape(rows.shape[0], w, 4)[:, ::SAMPLE_STEP, :3].reshape(-1, 3).astype(np.int16)
    distance = np.abs(px - px.mean(axis=0)).max(axis=1)
    return bool((distance <= BLANK_DISTANCE).mean() >= BLANK_SHARE)


@dataclass
class Blank:
    at_s: float
    showing: str
    after: str  # the switch it follows, e.g. "video->picture"
    since_switch_ms: float


@dataclass
class Run:
    name: str
    kinds: dict[str, str]  # item id -> "picture" | "video"
    grabbed: int = 0
    blank: list[Blank] = field(default_factory=list)
    switches: list[str] = field(default_factory=list)
    frames: int = 0
    seconds: float = 0.0
    nothing_shown: int = 0  # grabs at which no item was on top (kiosk: the branded still)


def record(
    app: QGuiApplication, window: QQuickWindow, name: str, kinds: dict[str, str], showing: Callable[[], str]
) -> Run:
    """From the first item shown until TRANSITIONS switches have been made (plus a second),
    grab `window` at every frame it swaps, as that frame; count the blank ones."""
    run = Run(name, kinds)
    started = time.monotonic()
    while not showing():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.monotonic() - started > START_LIMIT_S:
            raise RuntimeError(f"{name}: nothing shown after {START_LIMIT_S:.0f} s")
    start = time.monotonic()
    state = {"shown": showing(), "switched_at": start, "switch": "start", "end_at": 0.0}
    save_dir = os.environ.get(SAVE_BLANK)
    loop = QEventLoop()

    def on_frame() -> None:
        # Called on the GUI thread right after the swap (basic render loop): nothing has
        # changed since, so the grab is the frame on screen.
        run.frames += 1
        now = time.monotonic()
        shown = showing()
        if shown and shown != state["shown"]:
            before = kinds.get(str(state["shown"]), "?")
            state["switch"] = f"{before}->{kinds.get(shown, '?')}"
            state["shown"], state["switched_at"] = shown, now
            run.switches.append(str(state["switch"]))
            if len(run.switches) == TRANSITIONS:
                state["end_at"] = now + 1.0
        if not shown:
            run.nothing_shown += 1
        image = window.grabWindow()
        run.grabbed += 1
        if is_blank(image):
            run.blank.append(
                Blank(
                    at_s=now - start,
                    showing=shown or "(nothing)",
                    after=str(state["switch"]),
                    since_switch_ms=(now - float(state["switched_at"])) * 1000,
                )
            )
            if save_dir:
                image.save(str(Path(save_dir) / f"{name.split()[0]}-blank-{len(run.blank):03d}.png"))
        end_at = float(state["end_at"])
        if (end_at and now >= end_at) or now - start > PLAYER_LIMIT_S:
            loop.quit()

    window.frameSwapped.connect(on_frame, Qt.ConnectionType.DirectConnection)
    loop.exec()
    window.frameSwapped.disconnect(on_frame)
    run.seconds = time.monotonic() - start
    return run


# -- the two players --------------------------------------------------------------------
def make_pack(work: Path) -> Path:
    """The national sample pack with a short attract playlist."""
    pack = work / "national"
    shutil.copytree(ROOT / "kiosk" / "sample_content" / "national", pack)
    items = []
    for order, (item_id, media, seconds) in enumerate(PLAYLIST, start=1):
        item: dict[str, object] = {"id": item_id, "order": order}
        if seconds is None:
            item["video"] = media
        else:
            item["image"], item["duration_s"] = media, seconds
        items.append(item)
    (pack / "attract.json").write_text(json.dumps({"items": items}, indent=2), encoding="utf-8")
    return pack


def walk(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from walk(child)


def play_kiosk(app: QGuiApplication, work: Path, pack: Path) -> tuple[Run, list[dict[str, object]]]:
    settings = replace(load_settings(work / "data"), content=(pack,), idle_timeout_s=24 * 3600)
    loaded = load(settings)
    if loaded.catalog is None or loaded.problems:
        raise RuntimeError("the benchmark pack did not load: " + "; ".join(loaded.problems[:3]))
    shell = KioskShell(settings, loaded.catalog)
    try:
        loop = shell.kiosk.attract_controller.loop
        playlist: list[dict[str, object]] = []
        item = loop.next_after("")
        while item and all(p["itemId"] != item.id for p in playlist):
            clip = Clip.of(item)
            playlist.append(
                {
                    "itemId": clip.item_id,
                    "video": clip.video,
                    "source": media_url(clip.source),
                    "durationMs": clip.duration_ms,
                }
            )
            item = loop.next_after(item.id)
        if [p["itemId"] for p in playlist] != [p[0] for p in PLAYLIST]:
            raise RuntimeError(f"unexpected playlist: {[p['itemId'] for p in playlist]}")
        kinds = {str(p["itemId"]): "video" if p["video"] else "picture" for p in playlist}
        shell.show(fullscreen=False, size=SIZE)
        slots = [it for it in walk(shell.window.contentItem()) if it.objectName().startswith("attractSlot")]
        assert len(slots) == 2

        def showing() -> str:
            """The item on top (as the UI tests see it), '' when no slot shows one."""
            ready = [s for s in slots if s.property("ready") and s.isVisible()]
            return str(max(ready, key=lambda s: s.z()).property("itemId")) if ready else ""

        return record(app, shell.window, "kiosk", kinds, showing), playlist
    finally:
        shell.close()


def play_naive(app: QGuiApplication, playlist: list[dict[str, object]], kinds: dict[str, str]) -> Run:
    engine = QQmlApplicationEngine()
    engine.setInitialProperties({"playlist": playlist})
    engine.loadData(QByteArray(NAIVE_QML), QUrl("naive.qml"))
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError("the naive player did not load")
    window = roots[0]
    assert isinstance(window, QQuickWindow)
    window.resize(*SIZE)
    try:
        return record(
            app, window, "naive single-slot player", kinds, lambda: str(window.property("currentId"))
        )
    finally:
        window.close()
        engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- report -----------------------------------------------------------------------------
def describe(run: Run) -> list[str]:
    rate = run.grabbed / run.seconds if run.seconds else 0.0
    kinds = Counter(run.switches)
    lines = [
        f"{run.name}: {len(run.blank)} blank frames in {run.grabbed} swapped and checked ({rate:.0f}/s "
        f"over {run.seconds:.1f} s) across {len(run.switches)} switches "
        f"({', '.join(f'{k} x{n}' for k, n in sorted(kinds.items()))})"
    ]
    if run.nothing_shown:
        lines.append(f"  frames with no item on top: {run.nothing_shown}")
    by_switch = Counter(b.after for b in run.blank)
    if by_switch:
        lines.append(
            "  blank frames by the switch they follow: "
            + ", ".join(f"{k}: {n}" for k, n in by_switch.items())
        )
        for b in run.blank[:12]:
            lines.append(
                f"    at {b.at_s:5.2f} s showing {b.showing} ({b.since_switch_ms:4.0f} ms after {b.after})"
            )
        if len(run.blank) > 12:
            lines.append(f"    ... and {len(run.blank) - 12} more")
    return lines


def main() -> int:
    code = run_under_xvfb()
    if code is not None:
        return code
    os.environ.setdefault("QSG_RENDER_LOOP", "basic")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = application()
    offscreen = app.platformName() == "offscreen"
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-gapless-"))
    try:
        pack = make_pack(work)
        kiosk, playlist = play_kiosk(app, work, pack)
        naive = play_naive(app, playlist, kiosk.kinds)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"platform {app.platformName()}, {SIZE[0]}x{SIZE[1]}, render loop {os.environ['QSG_RENDER_LOOP']}; "
        f"playlist: " + ", ".join(f"{p['itemId']} ({kiosk.kinds[str(p['itemId'])]})" for p in playlist)
    )
    if offscreen:
        why = (
            "no display and no xvfb-run" if shutil.which("xvfb-run") is None else "QT_QPA_PLATFORM=offscreen"
        )
        print(
            f"NOTE: offscreen ({why}): Qt's software scene graph does not draw video frames, so video "
            "items look blank here and the counts below say little about video. For the real figure "
            "install xvfb-run (Debian/Ubuntu package xvfb) or run under a display."
        )
    print(
        f"blank = the top {REGION:.0%} of the frame near-uniform ({BLANK_SHARE:.0%} of sampled pixels "
        f"within {BLANK_DISTANCE} of the mean colour)"
    )
    for run in (kiosk, naive):
        for line in describe(run):
            print(line)
    ratio = (
        f"ratio kiosk/naive {len(kiosk.blank) / len(naive.blank):.2f}"
        if naive.blank
        else "the naive player had none either"
    )
    enough = len(kiosk.switches) >= MIN_TRANSITIONS and REQUIRED_SWITCHES.issubset(kiosk.switches)
    if offscreen:
        verdict = "not measurable offscreen"
    elif not enough:
        verdict = "NOT measured, too few transitions seen"
    else:
        verdict = "met" if not kiosk.blank and not kiosk.nothing_shown else "NOT met"
    print(
        f"kiosk: {len(kiosk.blank)} blank frames in {kiosk.grabbed} checked (every frame swapped) "
        f"across {len(kiosk.switches)} "
        f"transitions; naive single-slot player: {len(naive.blank)} blank frames in {naive.grabbed}; "
        f"{ratio}  [goal 0: {verdict}]"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
