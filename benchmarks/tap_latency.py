"""Tap to the next screen on screen (goal: under 100 ms).

One process, offscreen (Qt Quick's software renderer), 1920x1080, the bundled sample packs,
a fresh temporary data folder. A finger is simulated as the UI tests do (`QTest.mouseClick`
at an item's centre) and the time is taken from just before the tap to:

- first frame: the first `frameSwapped` after which the new screen is the StackView's
  current item and is drawn (visible, opacity above 0 up its parents); the enter
  transition has begun;
- settled: the first `frameSwapped` after the StackView's transition has finished.

Kinds of tap, TAPS of each: the attract loop (-> home), a category tile (-> category), Back
(category -> home), a TOP-10 row (-> service), Back (service -> home). Before each tap the
UI settles (no transition, no picture loading). BASELINE, in the same process, on the home
screen between the taps: a tap on an inert spot of the top bar that also shows a full-window
rectangle at 1% opacity (nothing a person would see), timed to the next `frameSwapped`:
delivering a tap and drawing one whole frame. (The software renderer redraws only what
changed, so a bare `window.update()` costs almost nothing; it is printed for reference.)
The median, p90 and the first tap of each kind are printed, each median also as a ratio to
the baseline's. Runs in about 80 s.

    uv run python benchmarks/tap_latency.py
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QPoint, QPointF, QSizeF, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.config import load_settings
from kiosk.services.ledger import Ledger
from kiosk.ui.app import application, load
from kiosk.ui.scene import image_loading, items, shown, shown_named
from kiosk.ui.shell import KioskShell

TAPS = 20
SIZE = (1920, 1080)
GOAL_MS = 100.0
TIMEOUT_MS = 5000
#: How long nothing may be moving or loading before the next tap.
QUIET_MS = 150


# -- the window -------------------------------------------------------------------------
def find(shell: KioskShell, name: str) -> QQuickItem | None:
    """The visible item called `name` (the last one, on top, when several are)."""
    return shown_named(shell.window.contentItem(), name)


@dataclass(frozen=True)
class Tap:
    """One tap, in ms from just before it: the new screen's first frame, the settled frame,
    the tap handled (the click delivered: the navigator has moved and the StackView has
    made the screen), the first frame of any kind; how many frames up to the new screen's
    first, and its opacity in that frame (the enter transitions fade in from 0)."""

    first: float
    settled: float
    handled: float
    any_frame: float
    frames: int
    opacity: float


class Bench:
    def __init__(self, app: QGuiApplication, shell: KioskShell) -> None:
        self.app = app
        self.shell = shell
        self.window = shell.window
        stack = find(shell, "stack")
        assert stack is not None
        self.stack = stack

    def current(self) -> QQuickItem | None:
        item = self.stack.property("currentItem")
        return item if isinstance(item, QQuickItem) else None

    def busy(self) -> bool:
        if self.stack.property("busy"):
            return True
        current = self.current()
        if current is None:
            return True
        if current.objectName() == "attractScreen":
            slots = [find(self.shell, n) for n in ("attractSlotA", "attractSlotB")]
            if not any(s is not None and s.property("ready") for s in slots):
                return True
        return any(image_loading(it) for it in items(current) if it.isVisible())

    def settle(self) -> None:
        """Process events until nothing has moved or loaded for QUIET_MS."""
        timer = QElapsedTimer()
        timer.start()
        quiet_since = -1
        while timer.elapsed() < TIMEOUT_MS:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            if self.busy():
                quiet_since = -1
            elif quiet_since < 0:
                quiet_since = timer.elapsed()
            elif timer.elapsed() - quiet_since >= QUIET_MS:
                return
        raise RuntimeError("the UI did not settle")

    def until_frames(self, act: Callable[[], None], done: Callable[[float], bool]) -> None:
        """Run `act`, then the event loop until `done(now)`, asked after each frame, is true."""
        loop = QEventLoop()

        def on_frame() -> None:
            if done(time.perf_counter()):
                loop.quit()

        self.window.frameSwapped.connect(on_frame)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(TIMEOUT_MS)
        try:
            act()
            loop.exec()
        finally:
            guard.stop()
            self.window.frameSwapped.disconnect(on_frame)

    def tap_point(self, point: QPoint) -> None:
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)

    def navigate(self, name: str, target: str) -> Tap:
        """Tap `name` and time the first frame of screen `target`, then the settled one."""
        item = find(self.shell, name)
        if item is None:
            raise RuntimeError(f"nothing called {name} on screen")
        p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        point = QPoint(round(p.x()), round(p.y()))
        frames: list[float] = []
        times: dict[str, float] = {}

        def act() -> None:
            self.tap_point(point)
            times["handled"] = time.perf_counter()

        def done(now: float) -> bool:
            frames.append(now)
            current = self.current()
            if current is None or current.objectName() != target:
                return False
            if "first" not in times and shown(current):
                times["first"] = now
                times["frames"] = len(frames)
                times["opacity"] = current.opacity()
            if "first" in times and not self.stack.property("busy"):
                times["settled"] = now
                return True
            return False

        start = time.perf_counter()
        self.until_frames(act, done)
        if "settled" not in times:
            raise RuntimeError(f"{target} did not show within {TIMEOUT_MS} ms of tapping {name}")
        return Tap(
            first=(times["first"] - start) * 1000,
            settled=(times["settled"] - start) * 1000,
            handled=(times["handled"] - start) * 1000,
            any_frame=(frames[0] - start) * 1000,
            frames=int(times["frames"]),
            opacity=times["opacity"],
        )

    def one_frame(self, point: QPoint | None, change: Callable[[], None]) -> float:
        """A tap at `point` (None: no tap) and `change()`, to the next frame, in ms."""
        times: list[float] = []

        def act() -> None:
            if point is not None:
                self.tap_point(point)
            change()

        def done(now: float) -> bool:
            times.append(now)
            return True

        start = time.perf_counter()
        self.until_frames(act, done)
        if not times:
            raise RuntimeError("no frame after the change")
        return (times[0] - start) * 1000


def veil(shell: KioskShell) -> QQuickItem:
    """A hidden full-window rectangle at 1% opacity, over everything and blind to input:
    showing it changes nothing a person would see, but every pixel is drawn again (the
    software renderer otherwise redraws only what changed)."""
    component = QQmlComponent(shell.engine)
    component.setData(b'import QtQuick\nRectangle { visible: false; color: "#03000000" }', QUrl())
    item = component.create()
    if not isinstance(item, QQuickItem):
        raise RuntimeError(component.errorString())
    QQmlEngine.setObjectOwnership(item, QQmlEngine.ObjectOwnership.CppOwnership)
    item.setParent(shell.window.contentItem())
    item.setParentItem(shell.window.contentItem())
    item.setSize(QSizeF(*SIZE))
    item.setZ(1e6)
    return item


# -- figures ----------------------------------------------------------------------------
def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def line(label: str, values: list[float], baseline: float) -> str:
    med = statistics.median(values)
    return (
        f"  {label:<34} median {med:6.1f} ms  p90 {p90(values):6.1f} ms  "
        f"first tap {values[0]:6.1f} ms  = {med / baseline:4.1f}x baseline"
    )


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-tap-"))
    shell: KioskShell | None = None
    ledger: Ledger | None = None
    try:
        settings = replace(load_settings(work / "data"), idle_timeout_s=24 * 3600)
        app = application()
        loaded = load(settings)
        if loaded.catalog is None:
            raise RuntimeError("no usable content: " + "; ".join(loaded.problems[:3]))
        ledger = Ledger(settings.ledger_path)
        shell = KioskShell(settings, loaded.catalog, ledger=ledger)
        shell.show(fullscreen=False, size=SIZE)
        bench = Bench(app, shell)
        bench.settle()
        overlay = veil(shell)
        view = shell.kiosk.content_controller.view
        assert view is not None
        categories = [c.id for c in view.categories]
        top10 = [s.id for s in view.top10]

        results: dict[str, list[Tap]] = {}
        baseline: list[float] = []
        bare_update: list[float] = []

        def record(kind: str, name: str, target: str) -> None:
            results.setdefault(kind, []).append(bench.navigate(name, target))
            bench.settle()

        for i in range(TAPS):
            record("attract -> home (touch anywhere)", "attractTouchArea", "homeScreen")
            # A spot of the top bar that reacts to nothing: the empty title, left of the
            # language switch.
            switch = find(shell, "languageSwitch")
            assert switch is not None
            spot = switch.mapToScene(QPointF(-switch.height(), switch.height() / 2))
            inert = QPoint(round(spot.x()), round(spot.y()))
            baseline.append(bench.one_frame(inert, lambda: overlay.setVisible(True)))
            overlay.setVisible(False)
            bench.settle()
            bare_update.append(bench.one_frame(None, shell.window.update))
            bench.settle()
            tile = f"categoryTile_{categories[i % len(categories)]}"
            record("home -> category (category tile)", tile, "categoryScreen")
            record("category -> home (Back)", "backButton", "homeScreen")
            record("home -> service (TOP-10 row)", f"topTen_{top10[i % len(top10)]}", "serviceScreen")
            record("service -> home (Back)", "backButton", "homeScreen")
            shell.kiosk.navigator.endSession()  # back to the attract loop, not timed
            bench.settle()

        base = statistics.median(baseline)
        print(f"offscreen (software renderer), {SIZE[0]}x{SIZE[1]}, sample packs, {TAPS} taps of each kind")
        print(
            f"baseline: a tap on an inert spot + a full-window redraw, to its frame: median {base:.1f} ms, "
            f"p90 {p90(baseline):.1f} ms"
        )
        print(
            "  (window.update() with nothing changed, to the next frame: "
            f"{statistics.median(bare_update):.1f} ms)"
        )
        print(
            "where the time goes, medians: tap handled (screen made) / first frame of any kind / "
            "frames up to and opacity in the new screen's first:"
        )
        for kind, taps in results.items():
            print(
                f"  {kind:<34} {statistics.median(t.handled for t in taps):6.1f} ms / "
                f"{statistics.median(t.any_frame for t in taps):6.1f} ms / "
                f"{statistics.median(t.frames for t in taps):.0f} frame(s), "
                f"opacity {statistics.median(t.opacity for t in taps):.3f}"
            )
        print("tap -> first frame with the new screen drawn (its enter transition begun):")
        for kind, taps in results.items():
            print(line(kind, [t.first for t in taps], base))
        print("tap -> transition finished (the new screen settled):")
        for kind, taps in results.items():
            print(line(kind, [t.settled for t in taps], base))
        firsts = [t.first for taps in results.values() for t in taps]
        worst_kind, worst_taps = max(
            results.items(), key=lambda kv: statistics.median(t.first for t in kv[1])
        )
        worst = statistics.median(t.first for t in worst_taps)
        print(
            f"all {len(firsts)} taps, tap -> new screen's first frame: "
            f"median {statistics.median(firsts):.1f} ms, "
            f"p90 {p90(firsts):.1f} ms = {statistics.median(firsts) / base:.1f}x baseline"
        )
        print(
            f"slowest kind ({worst_kind}): median {worst:.1f} ms = {worst / base:.1f}x baseline  "
            f"[goal < {GOAL_MS:.0f} ms for every kind: {'met' if worst < GOAL_MS else 'NOT met'}]"
        )
    finally:
        if shell is not None:
            shell.close()
        if ledger is not None:
            ledger.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
