"""Start to interactive, and the first tap after start (goals: under 1.5x a bare window, 100 ms).

Spawns child processes the same way (`python cold_start.py --child WHICH`, same environment,
offscreen Qt; a child imports nothing of the parent's, only what its program does) and times,
from the spawn (wall clock shared by parent and child):

- baseline: QGuiApplication + QQmlApplicationEngine showing a one-rectangle QML `Window`,
  to its first `frameSwapped`. Python, PySide6's imports and one frame: the floor of any
  PySide6 program that shows a window;
- kiosk, interactive (THE HEADLINE): `kiosk run --windowed --size 1920x1080` as the `kiosk`
  console script runs it (`kiosk.cli.main`: its imports, argparse, logging; then the rest
  of the kiosk imported on a thread while the window is built and drawn), to
  the first `frameSwapped` at which the kiosk UI is built and uncovered, the attract
  loop shows its first item (a slot is `ready` and on top) and a touch reaches it: a tap
  made then is answered. (The demo and video screens, and the attract loop's video player,
  which need QtMultimedia, are compiled in the background once the next home screen is
  ready, or at once when asked for: the first tap below pays for whatever of that work
  falls in it.);
- kiosk, first tap after start: at that very frame the child taps the attract loop (as the
  UI tests do, `QTest.mouseClick` at its touch area's centre) and times the tap to the
  first frame at which the home screen is the StackView's current item and is drawn (the
  tap's own machinery, QTest and PySide's `Qt` enums, is loaded before the clock starts: a
  real touch needs neither, and the kiosk's start no longer builds those enums);
- kiosk, first frame and first item: the window's first frame, and the first frame showing
  an attract item, which may be the picture remembered from the last run (`Boot`) while the
  UI is still being built behind it: what a person sees first, not what they can touch.
- the floor (for reference, not a start): a child that only imports what `kiosk run`
  imports before it can build its UI (kiosk.cli, then kiosk.ui.boot with PySide, then
  `KIOSK_MODULES` by `boot.import_kiosk`, as `preload` imports them), one
  thread, no window, no content, nothing drawn. No arrangement of the start can make the
  kiosk interactive sooner than its code is imported: this says how much of the goal the
  imports alone take.

Each child uses a fresh temporary data folder (`KIOSK_DATA_DIR`) and Qt cache folder
(`XDG_CACHE_HOME`, where Qt keeps compiled QML), shared by all runs of one invocation. The
first kiosk run ever decodes every pack media file (the results are then remembered in
`media-checks.json`), compiles the QML and makes the home screen's card pictures (then kept
in `pictures/`, as a store's kiosk keeps them from one start to the next); it is reported on
its own. The figures that count are warm starts: the median of `--runs` runs, alternating
baseline and kiosk, so that the load of a shared machine hits both alike. The phases
(medians, ms since spawn) say where the time goes.

Needs nothing beyond the project's dependencies (offscreen Qt). About 40 s.

    uv run python benchmarks/cold_start.py [--runs 9]
"""

from __future__ import annotations

# Only what both children need (and PySide imports anyway): the parent's own modules are
# imported in the parent, so that a child's start is no longer than its program's.
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9
GOAL_RATIO = 1.5
GOAL_TAP_MS = 100.0
SIZE = (1920, 1080)
CHILD_TIMEOUT_S = 60
MARKER = "FIRST-FRAME"

BASELINE_QML = b"""
import QtQuick
Window {
    width: 1920
    height: 1080
    visible: true
    Rectangle { anchors.fill: parent; color: "#17324d" }
}
"""


# -- the children -----------------------------------------------------------------------
def _since_spawn() -> float:
    """Seconds since the parent spawned this process (wall clock, shared by both)."""
    return time.time() - float(os.environ["BENCH_SPAWNED_AT"])


def _report(phases: list[tuple[str, float]]) -> None:
    for name, at in phases:
        print(f"PHASE {name} {at:.4f}")
    print(MARKER, flush=True)
    # Exit at once: tearing the engine down is not part of the start.
    os._exit(0)


def child_baseline() -> None:
    phases = [("python", _since_spawn())]
    from PySide6 import QtQuick  # noqa: F401  (rootObjects() comes back as QQuickWindow)
    from PySide6.QtCore import QByteArray, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    phases.append(("imports", _since_spawn()))
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(BASELINE_QML))
    window = engine.rootObjects()[0]
    phases.append(("window built", _since_spawn()))
    window.frameSwapped.connect(lambda: _report([*phases, ("first frame", _since_spawn())]))
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, lambda: os._exit(3))
    app.exec()


def child_imports() -> None:
    phases = [("python", _since_spawn())]
    sys.path.insert(0, str(ROOT))
    import kiosk.cli  # noqa: F401
    from kiosk.ui import boot

    phases.append(("boot imports", _since_spawn()))
    boot.import_kiosk(boot.KIOSK_MODULES)  # what `preload` runs on its thread
    phases.append(("imported", _since_spawn()))
    _report(phases)


def child_kiosk() -> None:
    """`kiosk run --windowed --size 1920x1080` exactly as the console script runs it (kiosk.cli's
    `main`: its imports, argparse, logging), with a watch on every frame; at the first
    interactive frame, a tap on the attract loop. The watch is hooked in where `kiosk run`
    imports the boot module, which it then finds imported: nothing else runs earlier or in
    another order than in a real start."""
    phases = [("python", _since_spawn())]
    sys.path.insert(0, str(ROOT))
    sys.argv = ["kiosk", "run", "--windowed", "--size", f"{SIZE[0]}x{SIZE[1]}"]
    import kiosk.cli

    run_command = kiosk.cli._run

    def watched_run(args: object) -> int:
        phases.append(("cli", _since_spawn()))
        from kiosk.ui import boot  # the first thing `kiosk run` imports

        phases.append(("boot imports", _since_spawn()))
        _watch(boot, phases)
        return run_command(args)

    # Read when the parser is built, in `main`.
    kiosk.cli._run = watched_run
    sys.exit(kiosk.cli.main())


def _watch(boot_module: Any, phases: list[tuple[str, float]]) -> None:
    """Times the phases of the start from the Boot window's methods, watches every frame
    and, at the first interactive one, taps the attract loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtQuick import QQuickItem

    boot_class = boot_module.Boot
    preload_class = boot_module.Preload
    booted: list[Any] = []
    slots: list[QQuickItem] = []
    seen: dict[str, float] = {}
    tapped: list[float] = []

    def scene(name: str) -> QQuickItem | None:
        from kiosk.ui.scene import named

        return named(booted[0].window.contentItem(), name)

    def attract_shows_an_item() -> bool:
        if not slots:
            slots.extend(s for s in (scene("attractSlotA"), scene("attractSlotB")) if s)
        return any(s.property("ready") and s.isVisible() and s.z() >= 1 for s in slots)

    def home_drawn() -> bool:
        from kiosk.ui.scene import shown

        stack = scene("stack")
        current = stack.property("currentItem") if stack is not None else None
        return isinstance(current, QQuickItem) and current.objectName() == "homeScreen" and shown(current)

    def tap_attract() -> None:
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtTest import QTest

        area = scene("attractTouchArea")
        assert area is not None
        p = area.mapToScene(QPointF(area.width() / 2, area.height() / 2))
        tapped.append(time.perf_counter())
        QTest.mouseClick(
            booted[0].window,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(round(p.x()), round(p.y())),
        )

    def on_frame() -> None:
        at = _since_spawn()
        seen.setdefault("first frame", at)
        boot = booted[0]
        if tapped:
            if home_drawn():
                tap_ms = (time.perf_counter() - tapped[0]) * 1000
                print(f"TAP {tap_ms:.2f}")
                seen["home after tap"] = at
                _report([*phases, *sorted(seen.items(), key=lambda kv: kv[1])])
            return
        if boot.picture_shown:
            seen.setdefault("first item frame", at)
        elif not boot.window.property("covered") and attract_shows_an_item():
            seen.setdefault("first item frame", at)
            seen["interactive"] = at
            # At once, as a customer touching the screen the moment it can be touched.
            tap_attract()

    show = boot_class.show
    join = preload_class.join

    def watched_show(self: Any) -> None:
        phases.append(("window built", _since_spawn()))
        booted.append(self)
        self.window.frameSwapped.connect(on_frame)
        QTimer.singleShot(CHILD_TIMEOUT_S * 1000, lambda: os._exit(3))
        show(self)

    def watched_join(self: Any) -> None:
        join(self)
        phases.append(("kiosk imports", _since_spawn()))

    boot_class.show = watched_show
    preload_class.join = watched_join


# -- the parent -------------------------------------------------------------------------
def spawn(which: str, env: dict[str, str], logs: Path) -> tuple[dict[str, float], float | None]:
    """The child's phases (seconds since spawn) and, for the kiosk, its first tap (seconds
    from the tap to the home screen's first frame)."""
    import subprocess

    taps: dict[str, float] = {}
    err_path = logs / f"{which}-{time.monotonic_ns()}.err"
    with err_path.open("wb") as err:
        env = {**env, "BENCH_SPAWNED_AT": repr(time.time())}
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", which],
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        assert proc.stdout is not None
        phases: dict[str, float] = {}
        elapsed = None
        for line in proc.stdout:
            if line.strip() == MARKER:
                elapsed = time.perf_counter() - start
                break
            if line.startswith("TAP "):
                taps[which] = float(line[4:]) / 1000
            elif line.startswith("PHASE "):
                name, _, at = line[6:].rstrip().rpartition(" ")
                phases[name] = float(at)
        try:
            proc.wait(timeout=CHILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if elapsed is None:
        tail = err_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(
            f"the {which} child ended (code {proc.returncode}) without its last frame:\n{tail}"
        )
    return phases, taps.get(which)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def all_ms(values: list[float]) -> str:
    return ", ".join(ms(v) for v in values)


def main(runs: int = RUNS) -> None:
    import compileall
    import shutil
    import statistics
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-start-"))
    try:
        (work / "logs").mkdir()
        # An installed kiosk has its bytecode compiled; a development shell may forbid writing
        # it (PYTHONDONTWRITEBYTECODE), which would time Python compiling our modules instead.
        compileall.compile_dir(str(ROOT / "kiosk"), quiet=1)
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "QT_QPA_PLATFORM": "offscreen",
            "QT_LOGGING_RULES": "qt.multimedia*=false",
            "KIOSK_DATA_DIR": str(work / "data"),
            "XDG_CACHE_HOME": str(work / "cache"),
        }
        logs = work / "logs"
        # Untimed: the OS file cache warms up for PySide6 and Qt for both children alike.
        spawn("baseline", env, logs)
        first_phases, first_tap = spawn("kiosk", env, logs)
        baseline: list[dict[str, float]] = []
        kiosk: list[dict[str, float]] = []
        imports: list[dict[str, float]] = []
        taps: list[float] = []
        for _ in range(runs):
            baseline.append(spawn("baseline", env, logs)[0])
            phases, tap = spawn("kiosk", env, logs)
            kiosk.append(phases)
            assert tap is not None
            taps.append(tap)
            imports.append(spawn("imports", env, logs)[0])
        base = [p["first frame"] for p in baseline]
        interactive = [p["interactive"] for p in kiosk]
        item = [p["first item frame"] for p in kiosk]
        base_med = statistics.median(base)
        tti_med = statistics.median(interactive)
        ratio = tti_med / base_med
        tap_med = statistics.median(taps) * 1000
        tap_worst = max(taps) * 1000

        print(f"offscreen, {SIZE[0]}x{SIZE[1]}, bundled sample packs, {runs} runs each, alternating")
        print("times in ms since the process was spawned:")
        print(f"  baseline (one-rectangle QML Window), first frame:   {all_ms(base)}")
        print(f"  kiosk, interactive (UI built, attract running):    {all_ms(interactive)}")
        print(f"  kiosk, first frame showing an attract item:         {all_ms(item)}")
        print("first tap after start (at the interactive frame), tap -> home screen's first frame:")
        print(f"  {all_ms(taps)}")
        for which, runs in (("baseline", baseline), ("kiosk", kiosk), ("imports alone", imports)):
            print(f"{which} phases, median ms since spawn:")
            for name in runs[0]:
                print(f"  {name:<18} {ms(statistics.median(p[name] for p in runs))}")
        print("kiosk first run ever (no picture from a last run, media decoded, QML compiled):")
        for name, at in first_phases.items():
            print(f"  {name:<18} {ms(at)}")
        print(
            f"  interactive {ms(first_phases['interactive'])} "
            f"= {first_phases['interactive'] / base_med:.2f}x baseline; "
            f"first tap {ms(first_tap or 0)}"
        )
        print(
            f"kiosk first attract item, median: {ms(statistics.median(item))} "
            f"= {statistics.median(item) / base_med:.2f}x baseline (may be last run's picture)"
        )
        print(f"baseline first frame, median: {ms(base_med)}")
        floor = statistics.median(p["imported"] for p in imports)
        print(
            f"the floor: the kiosk's imports alone, no window, median {ms(floor)} = "
            f"{floor / base_med:.2f}x baseline (the goal leaves {ms(GOAL_RATIO * base_med - floor)} "
            "after them for content, UI and frames)"
        )
        print(
            f"HEADLINE time to interactive, median: {ms(tti_med)} = {ratio:.2f}x baseline  "
            f"[goal <= {GOAL_RATIO}x: {'met' if ratio <= GOAL_RATIO else 'NOT met'}]"
        )
        print(
            f"HEADLINE first tap after start: median {tap_med:.0f} ms, slowest {tap_worst:.0f} ms  "
            f"[goal < {GOAL_TAP_MS:.0f} ms: {'met' if tap_worst < GOAL_TAP_MS else 'NOT met'}]"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        {"baseline": child_baseline, "kiosk": child_kiosk, "imports": child_imports}[sys.argv[2]]()
        sys.exit(4)  # the event loop ended without a frame
    import argparse

    parser = argparse.ArgumentParser(description="start to interactive, and the first tap after start")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"starts of each (default {RUNS})")
    main(parser.parse_args().runs)
