"""Cold start to the first attract frame with real content (goal: under 1.5x a minimal window).

Spawns child processes the same way (`python cold_start.py --child WHICH`, same environment,
offscreen Qt) and times, from the parent, the spawn to the line the child prints at the
frame that counts:

- baseline: QGuiApplication + QQmlApplicationEngine showing a one-rectangle QML `Window`,
  at its first `frameSwapped`;
- kiosk: `application()`, `load(settings)` on the bundled sample packs, a ledger and
  `KioskShell(...)`, shown at 1920x1080, at the first `frameSwapped` at which the attract
  loop shows its first item (a slot is `ready` and on top, so the branded still behind the
  slots or a blank first frame does not count).

Each child uses a fresh temporary data folder (`KIOSK_DATA_DIR`) and Qt cache folder
(`XDG_CACHE_HOME`, where Qt keeps compiled QML), shared by all runs of one invocation. The
first kiosk run ever decodes every pack media file (the results are then remembered in
`media-checks.json`) and compiles the QML; it is reported on its own. The figure that counts
is the warm start: the median of RUNS runs, alternating baseline and kiosk.

    uv run python benchmarks/cold_start.py
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
GOAL_RATIO = 1.5
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


def child_kiosk() -> None:
    """What `kiosk run --windowed --size 1920x1080` does, step by step, with a watch on
    every frame."""
    phases = [("python", _since_spawn())]
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtQuick import QQuickItem

    from kiosk.datadir import default_data_dir
    from kiosk.ui.boot import Boot

    phases.append(("boot imports", _since_spawn()))
    boot = Boot(default_data_dir(), size=SIZE)  # KIOSK_DATA_DIR: the benchmark's own folder
    phases.append(("window built", _since_spawn()))
    slots: list[QQuickItem] = []
    seen: dict[str, float] = {}

    def attract_shows_an_item() -> bool:
        if not slots:
            from kiosk.ui.scene import named

            root = boot.window.contentItem()
            slots.extend(s for s in (named(root, "attractSlotA"), named(root, "attractSlotB")) if s)
        return any(s.property("ready") and s.isVisible() and s.z() >= 1 for s in slots)

    def on_frame() -> None:
        at = _since_spawn()
        seen.setdefault("first frame", at)
        if boot.picture_shown:
            seen.setdefault("first item frame", at)
        elif not boot.window.property("covered") and attract_shows_an_item():
            seen.setdefault("first item frame", at)
            seen["UI uncovered"] = at
            _report([*phases, *sorted(seen.items(), key=lambda kv: kv[1])])

    boot.window.frameSwapped.connect(on_frame)
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, lambda: os._exit(3))
    boot.show()
    boot.wait_for_first_frame()
    from kiosk.config import load_settings
    from kiosk.ui.app import run

    phases.append(("kiosk imports", _since_spawn()))
    run(load_settings(), boot)


# -- the parent -------------------------------------------------------------------------
def spawn(which: str, env: dict[str, str], logs: Path) -> tuple[float, dict[str, float]]:
    """Seconds from spawn to the marker line, and the child's phases (seconds since spawn)."""
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
            if line.startswith("PHASE "):
                name, _, at = line[6:].rstrip().rpartition(" ")
                phases[name] = float(at)
        try:
            proc.wait(timeout=CHILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if elapsed is None:
        tail = err_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the {which} child ended (code {proc.returncode}) without a first frame:\n{tail}")
    return elapsed, phases


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
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
        first_phases = spawn("kiosk", env, logs)[1]
        baseline: list[dict[str, float]] = []
        kiosk: list[dict[str, float]] = []
        for _ in range(RUNS):
            baseline.append(spawn("baseline", env, logs)[1])
            kiosk.append(spawn("kiosk", env, logs)[1])
        base_frame = [p["first frame"] for p in baseline]
        kiosk_item = [p["first item frame"] for p in kiosk]
        kiosk_ui = [p["UI uncovered"] for p in kiosk]
        base_med = statistics.median(base_frame)
        item_med = statistics.median(kiosk_item)
        ui_med = statistics.median(kiosk_ui)
        ratio = item_med / base_med

        print(f"offscreen, {SIZE[0]}x{SIZE[1]}, {RUNS} runs each, alternating; times since spawn")
        print("baseline (one-rectangle QML Window), first frame: " + ", ".join(ms(t) for t in base_frame))
        print("kiosk (sample packs), first attract item on screen: " + ", ".join(ms(t) for t in kiosk_item))
        print("kiosk, UI uncovered (attract running, touch works): " + ", ".join(ms(t) for t in kiosk_ui))
        for which, runs in (("baseline", baseline), ("kiosk", kiosk)):
            print(f"{which} phases, median:")
            for name in runs[0]:
                print(f"  {name:<18} {ms(statistics.median(p[name] for p in runs))}")
        print("kiosk first run ever (no picture from a last run, media decoded, QML compiled):")
        for name, at in first_phases.items():
            print(f"  {name:<18} {ms(at)}")
        print(
            f"first run ever: first item {ms(first_phases['first item frame'])} "
            f"= {first_phases['first item frame'] / base_med:.2f}x baseline"
        )
        print(f"baseline median: {ms(base_med)}")
        print(f"kiosk UI uncovered, median: {ms(ui_med)} = {ui_med / base_med:.2f}x baseline")
        print(
            f"kiosk first attract item, median: {ms(item_med)} "
            f"= {ratio:.2f}x baseline  [goal < {GOAL_RATIO}x: {'met' if ratio < GOAL_RATIO else 'NOT met'}]"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        {"baseline": child_baseline, "kiosk": child_kiosk}[sys.argv[2]]()
        sys.exit(4)  # the event loop ended without a frame
    main()
