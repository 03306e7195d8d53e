"""Starting the kiosk: the window first (with last run's first attract picture), then the UI
built behind it, uncovered when the attract loop shows its first item."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor

from kiosk.config import BUNDLED_CONTENT, Settings
from kiosk.domain.catalog import Catalog
from kiosk.services.ledger import Ledger
from kiosk.ui.boot import FIRST_PICTURE_FILE, Background, Boot, first_picture, preload, remember_first_picture
from kiosk.ui.pysidescan import NO_FEATURE, no_source_scan
from kiosk.ui.scene import named
from kiosk.ui.shell import KioskShell

ROOT = Path(__file__).resolve().parents[2]


def test_preloaded_modules_are_imported_and_a_failed_import_raises_on_join() -> None:
    modules = preload(["colorsys", "kiosk_has_no_such_module"])

    with pytest.raises(ModuleNotFoundError, match="kiosk_has_no_such_module"):
        modules.join()
    assert "colorsys" in sys.modules


def test_preload_gives_the_interpreter_back_its_switch_interval() -> None:
    before = sys.getswitchinterval()

    modules = preload(["json"])
    modules.join()

    assert sys.getswitchinterval() == before


def test_background_work_gives_its_result_or_raises_its_error() -> None:
    def fail() -> None:
        raise LookupError("no such pack")

    assert Background(lambda: 42, "t").result() == 42
    with pytest.raises(LookupError, match="no such pack"):
        Background(fail, "t").result()


def test_waiting_for_background_work_serves_qt_events(qapp: Any) -> None:
    # The work waits for something only the main thread's event loop does: waiting with the
    # main thread blocked would take the whole timeout and give False.
    served = threading.Event()
    QTimer.singleShot(0, served.set)

    assert Background(lambda: served.wait(timeout=10), "t").result() is True


def test_imports_tell_pyside_no_module_selects_a_feature_without_reading_them(tmp_path: Path) -> None:
    feature = sys.modules["PySide6.support.feature"]
    (tmp_path / "kiosk_scan_quiet.py").write_text("VALUE = 1\n", encoding="utf-8")
    (tmp_path / "kiosk_scan_read.py").write_text("VALUE = 2\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        with no_source_scan():
            __import__("kiosk_scan_quiet")  # an import statement (PySide watches those)
        __import__("kiosk_scan_read")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("kiosk_scan_quiet", None)
        sys.modules.pop("kiosk_scan_read", None)

    # PySide's own reading gives a module without the word "PySide6" in it "ignore" (-1).
    assert feature.pyside_feature_dict.pop("kiosk_scan_quiet") == NO_FEATURE
    assert feature.pyside_feature_dict.pop("kiosk_scan_read") == -1


def test_the_kiosk_selects_no_pyside_feature() -> None:
    # What makes skipping PySide's reading of our sources (kiosk.ui.pysidescan) safe.
    sources = [p for p in (ROOT / "kiosk").rglob("*.py") if "__feature__" in p.read_text(encoding="utf-8")]

    assert sources == [ROOT / "kiosk/ui/pysidescan.py"]


def test_boot_loads_every_module_the_ui_imports_but_multimedia() -> None:
    # Imports.qml names them so that Qt loads them while the first frame is made.
    qml = ROOT / "kiosk/ui/qml/Kiosk"
    named = set(re.findall(r"^import (\S+)$", (qml / "Imports.qml").read_text(encoding="utf-8"), re.M))
    used = {
        module
        for f in qml.rglob("*.qml")
        for module in re.findall(r"^import (\S+)$", f.read_text(encoding="utf-8"), re.M)
    }

    assert named == used - {"Kiosk", "KioskBackend", "QtMultimedia"}


def test_a_remembered_picture_is_found_again(tmp_path: Path, media: dict[str, Path]) -> None:
    remember_first_picture(tmp_path, media["attract.hello"], None)

    assert first_picture(tmp_path) == media["attract.hello"]


def test_a_record_as_it_stands_is_not_written_again(tmp_path: Path, media: dict[str, Path]) -> None:
    remember_first_picture(tmp_path, media["attract.hello"], None)
    before = (tmp_path / FIRST_PICTURE_FILE).stat().st_ino

    remember_first_picture(tmp_path, media["attract.hello"], None)
    unchanged = (tmp_path / FIRST_PICTURE_FILE).stat().st_ino
    remember_first_picture(tmp_path, media["attract.hello"], until=2000.0)

    assert unchanged == before  # a rewrite replaces the file (another inode)
    assert (tmp_path / FIRST_PICTURE_FILE).stat().st_ino != before
    assert first_picture(tmp_path, now=1999.0) == media["attract.hello"]
    assert first_picture(tmp_path, now=2000.0) is None


def test_a_picture_whose_time_is_up_is_not_shown(tmp_path: Path, media: dict[str, Path]) -> None:
    remember_first_picture(tmp_path, media["attract.hello"], until=1000.0)

    assert first_picture(tmp_path, now=999.0) == media["attract.hello"]
    assert first_picture(tmp_path, now=1000.0) is None


def test_a_picture_changed_since_it_was_remembered_is_not_shown(tmp_path: Path) -> None:
    picture = tmp_path / "p.png"
    picture.write_bytes(b"one")
    remember_first_picture(tmp_path, picture, None)

    picture.write_bytes(b"other")

    assert first_picture(tmp_path) is None


def test_a_damaged_record_means_no_picture_and_no_error(tmp_path: Path) -> None:
    (tmp_path / FIRST_PICTURE_FILE).write_text('{"picture": 12', encoding="utf-8")

    assert first_picture(tmp_path) is None


def test_an_attract_loop_opening_with_a_video_forgets_the_picture(
    tmp_path: Path, media: dict[str, Path]
) -> None:
    remember_first_picture(tmp_path, media["attract.hello"], None)

    remember_first_picture(tmp_path, None, None)

    assert not (tmp_path / FIRST_PICTURE_FILE).exists()
    assert first_picture(tmp_path) is None


def test_the_first_frame_shows_the_remembered_picture(
    qapp: Any, qtbot: Any, tmp_path: Path, media: dict[str, Path]
) -> None:
    remember_first_picture(tmp_path, media["attract.hello"], None)
    boot = Boot(tmp_path, size=(1280, 720))
    first: list[bool] = []
    boot.window.frameSwapped.connect(lambda: first.append(boot.picture_shown) if not first else None)

    boot.show()
    boot.wait_for_first_frame()

    try:
        assert first == [True]  # in the very first frame (the picture is decoded on a thread)
        assert boot.picture_shown
        # attract/hello.png: off its white diagonal band, its own blue.
        assert boot.window.grabWindow().pixelColor(1000, 100) == QColor(10, 50, 120)
    finally:
        boot.window.close()


def test_the_kiosk_font_is_loaded_after_the_first_frame(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    boot = Boot(tmp_path, size=(1280, 720))
    fonts = find_in(boot, "bootFonts")

    boot.show()
    boot.wait_for_first_frame()

    try:
        assert fonts.property("item") is None  # not before the first frame: it would delay it
        qtbot.waitUntil(lambda: fonts.property("item") is not None)
    finally:
        boot.window.close()


def test_with_no_picture_the_first_frame_is_the_brand_backdrop(qapp: Any, tmp_path: Path) -> None:
    boot = Boot(tmp_path, size=(1280, 720))

    boot.show()
    boot.wait_for_first_frame()

    try:
        assert not boot.picture_shown
        assert find_in(boot, "bootBackdrop").isVisible()
    finally:
        boot.window.close()


def find_in(boot: Boot, name: str) -> Any:
    return named(boot.window.contentItem(), name)


def test_the_picture_covers_the_ui_until_the_attract_loop_shows_its_first_item(
    qapp: Any, qtbot: Any, settings: Settings, catalog: Catalog, media: dict[str, Path]
) -> None:
    remember_first_picture(settings.data_dir, media["attract.hello"], None)
    boot = Boot(settings.data_dir, size=(1280, 720))
    boot.show()
    boot.wait_for_first_frame()
    # Every frame from here on shows the picture or an attract item, never anything else.
    frames: list[bool] = []
    boot.window.frameSwapped.connect(
        lambda: frames.append(boot.picture_shown or bool(slot_a.property("ready")))
    )

    shell = KioskShell(settings, catalog, boot=boot)
    slot_a = find_in(boot, "attractSlotA")
    try:
        qtbot.waitUntil(lambda: not boot.window.property("covered"))
        qtbot.waitUntil(lambda: len(frames) >= 3)

        assert slot_a.property("ready") and slot_a.property("itemId") == "a.hello"
        assert not find_in(boot, "bootPicture").isVisible()
        assert all(frames)
    finally:
        shell.close()


def test_kiosk_run_shows_the_kiosk_until_told_to_stop(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG": "INFO"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "--data-dir", str(data), "--windowed", "--size", "1280x720"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    log: list[str] = []
    try:
        for line in proc.stderr:
            log.append(line)
            if "the kiosk is up" in line:
                break
        proc.send_signal(signal.SIGTERM)
        log.extend(proc.stderr)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert code == 0, "".join(log[-30:])
    ledger = Ledger(data / "ledger.sqlite3")
    kinds = [e["kind"] for e in ledger.recent()]
    ledger.close()
    assert kinds == ["kiosk_start", "kiosk_stop"]
    # The next start opens with the sample's first attract picture (the store's opening).
    record = json.loads((data / FIRST_PICTURE_FILE).read_text(encoding="utf-8"))
    assert Path(record["picture"]) == BUNDLED_CONTENT / "store-gd-sz-0001/media/attract/opening.jpg"
    assert record["until"] is None or record["until"] > time.time()


# Builds the kiosk as `kiosk run` does and says what was made by the time the UI is built:
# whether PySide's `Qt` namespace had its enums built, whether QtMultimedia was loaded, and
# whether the sync's network stack (requests, python-tuf: its own ~0.3 s) was imported.
# (After that, the next home screen is made a little per frame, then the media screens are
# compiled, and a card picture missing from the shelf is made by code that needs the enums:
# on a slow machine some of it comes before the UI is uncovered.)
_START_AND_REPORT = """
import enum, json, sys
made = []
create = enum.EnumType._create_
def _create_(cls, class_name, *args, **kwargs):
    made.append(class_name)
    return create(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = _create_

from PySide6.QtCore import QEventLoop, QTimer
from kiosk.ui.boot import KIOSK_MODULES, Boot, preload
modules = preload(KIOSK_MODULES)
boot = Boot(size=(1280, 720))
boot.show()
boot.wait_for_first_frame()
modules.join()
from kiosk.config import load_settings
from kiosk.ui.app import load
from kiosk.ui.shell import KioskShell
settings = load_settings()
shell = KioskShell(settings, load(settings).catalog, boot=boot)
shell.show()
built_enums = "GlobalColor" in made
with open("/proc/self/maps", encoding="utf-8") as maps:
    built_multimedia = "libQt6Multimedia" in maps.read()
loop = QEventLoop()
timer = QTimer()
timer.timeout.connect(lambda: loop.quit() if not boot.window.property("covered") else None)
timer.start(5)
QTimer.singleShot(20000, loop.quit)
loop.exec()
network = sorted({m.split(".")[0] for m in sys.modules} & {"requests", "urllib3", "tuf"})
print(json.dumps({
    "uncovered": not boot.window.property("covered"),
    "qt_enums": built_enums,
    "multimedia": built_multimedia,
    "network_stack": network,
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_the_start_builds_no_qt_enums_and_loads_no_multimedia(tmp_path: Path) -> None:
    # Each costs some 20-25 ms before the attract loop can be touched (benchmarks/cold_start.py).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", _START_AND_REPORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"uncovered": True, "qt_enums": False, "multimedia": False, "network_stack": []}
