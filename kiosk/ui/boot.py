"""The window's first frame, before the kiosk UI exists.

Starting the kiosk means importing the application, loading and checking the packs and
building the QML scene: most of a second on a store PC. A customer should not watch a blank
window meanwhile, so the window comes first. `Boot` shows it at once, with the picture the
attract loop opened with on the last run (remembered in the data folder by
`remember_first_picture`), and the kiosk UI is then built into that same window behind the
picture (`Boot.start`), which uncovers it when it has something to show.

This module imports only Qt and the standard library, so the first frame does not wait
for the rest of the kiosk to be imported. That rest is imported meanwhile on a thread
(`preload`): building the window and drawing its first frame is mostly Qt's C++ work,
during which the interpreter lock is free, so on a machine with a second core part of the
importing is done by the time the first frame is out.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar, cast

from PySide6 import QtQuick  # noqa: F401  (rootObjects() must come back as QQuickWindow)

# Not `Qt`: making its enums costs some 45 ms, before the first frame.
from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    QCoreApplication,
    QEventLoop,
    QMetaObject,
    QObject,
    QSize,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QImageReader
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.datadir import replace_whole
from kiosk.packs.qtlimit import QT_ALLOCATION_LIMIT_MB

log = logging.getLogger(__name__)

T = TypeVar("T")

QML_DIR = Path(__file__).resolve().parent / "qml"
MODULE = "Kiosk"
FONT_FAMILY = "Noto Sans CJK SC"
#: In the data folder: the picture the attract loop opened with, for the next start.
FIRST_PICTURE_FILE = "first-picture.json"
#: What `kiosk run` imports after the first frame: `preload` them while it is being made.
KIOSK_MODULES = ("kiosk.config", "kiosk.ui.app")
#: How soon a thread waiting for the interpreter lock gets it while `preload` imports.
PRELOAD_SWITCH_INTERVAL_S = 0.0002
#: How much lower than the main thread's the importing thread's priority is.
PRELOAD_NICENESS = 10
#: How long to wait for the first frame before building the UI anyway.
FIRST_FRAME_TIMEOUT_MS = 2000


def application() -> QGuiApplication:
    """The running application, created (with the kiosk's font) if there is none yet."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        app = QGuiApplication(sys.argv[:1])
        app.setApplicationName("kiosk")
        app.setFont(QFont(FONT_FAMILY))
    # The limit the pack validator judges pictures by, whatever Qt's default or
    # QT_IMAGEIO_MAXALLOC: a picture that validates is one this kiosk decodes.
    QImageReader.setAllocationLimit(QT_ALLOCATION_LIMIT_MB)
    return app


def remember_first_picture(data_dir: Path, picture: Path | None, until: float | None) -> None:
    """Record the picture the attract loop opens with (None: it opens with a video, or has
    nothing), valid until the epoch time `until` (None: until the content changes).

    Written whole or not at all: a start after a power cut reads the old record or none.
    """
    path = data_dir / FIRST_PICTURE_FILE
    try:
        if picture is None:
            path.unlink(missing_ok=True)
            return
        st = picture.stat()
        record = {"picture": str(picture), "size": st.st_size, "mtime_ns": st.st_mtime_ns, "until": until}
        data = json.dumps(record).encode()
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                return  # as it stands: most starts, and not worth a write before the first touch
        replace_whole(path, data)
    except OSError as e:
        # Only the next start's first frame depends on it.
        log.warning("cannot remember the first attract picture in %s: %s", path, e)


def first_picture(data_dir: Path, now: float | None = None) -> Path | None:
    """The picture recorded by `remember_first_picture`, if it still stands: the file is
    unchanged and its validity has not run out. Anything else (no record, a damaged one,
    a file since replaced) means no picture: the backdrop shows instead."""
    path = data_dir / FIRST_PICTURE_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        picture = Path(record["picture"])
        until = record["until"]
        st = picture.stat()
        if (st.st_size, st.st_mtime_ns) != (record["size"], record["mtime_ns"]):
            return None
        if until is not None and (now if now is not None else time.time()) >= float(until):
            return None
        return picture
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("ignoring %s: %s", path, e)
        return None


class _Finished(QObject):
    """Tells the main thread's event loop that a background thread is done."""

    finished = Signal()


class Background(Generic[T]):
    """`work()` run on a thread, for the main thread to collect with `result`."""

    def __init__(self, work: Callable[[], T], name: str, *, niceness: int = 0) -> None:
        """`niceness`: how much lower than the main thread's the thread's priority is."""
        self._work = work
        self._niceness = niceness
        self._result: T | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._finished = _Finished()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._niceness:
            # Linux niceness is per thread.
            with contextlib.suppress(AttributeError, OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self._niceness)
        try:
            self._result = self._work()
        except BaseException as e:  # raised again, on the main thread, by result
            self._error = e
        finally:
            self._done.set()
            self._finished.finished.emit()

    def result(self) -> T:
        """Wait for the work; what it returned, or what it raised raised here.

        With an application, Qt's events are served meanwhile: Qt's QML loader thread, loading
        the modules Boot.qml asked for (Imports.qml), needs the main thread now and then, and
        would otherwise wait for it until the UI is built."""
        if not self._done.is_set() and QCoreApplication.instance() is not None:
            loop = QEventLoop()
            self._finished.finished.connect(loop.quit)
            if not self._done.is_set():  # else its signal came before the connection
                loop.exec()
            self._finished.finished.disconnect(loop.quit)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return cast(T, self._result)


class Preload:
    """Modules imported on a thread while the main thread builds and shows the window."""

    def __init__(self, modules: Sequence[str]) -> None:
        self._modules = tuple(modules)
        # The main thread takes the interpreter back after each call into Qt; by default it
        # would wait up to 5 ms for the importing thread to let go of it each time.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(PRELOAD_SWITCH_INTERVAL_S)
        # Below the main thread: where there is no second core to spare, the window goes first.
        self._imports = Background(self._run, "kiosk-preload", niceness=PRELOAD_NICENESS)

    def _run(self) -> None:
        import_kiosk(self._modules)

    def join(self) -> None:
        """Wait for the imports (serving Qt's events, see `Background.result`); an import
        that failed raises here, as it would have raised had the main thread made it."""
        try:
            self._imports.result()
        finally:
            sys.setswitchinterval(self._switch_interval)


def import_kiosk(modules: Sequence[str]) -> None:
    """Import `modules` (in order) as `kiosk run` does after PySide: their dataclasses'
    methods from the kept compilations (kiosk.methodcache), no source scans by PySide
    (kiosk.ui.pysidescan)."""
    # Here, not at the top: `dataclasses` and its `inspect` are not for the first frame.
    from kiosk.methodcache import MethodCache, default_path
    from kiosk.ui.pysidescan import no_source_scan

    methods = MethodCache(default_path("run"))
    with methods.installed(), no_source_scan():
        for name in modules:
            importlib.import_module(name)
    methods.save()


def preload(modules: Sequence[str]) -> Preload:
    """Start importing `modules` (in order) on a thread; `join` it before using them.

    Python lets only one thread run Python at a time, but Qt releases that lock while it
    loads QML and draws, which is most of what the main thread does until the first frame.
    """
    return Preload(modules)


class Boot:
    """The kiosk's window (Boot.qml) and the QML engine everything else is built with."""

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        size: tuple[int, int] | None = None,
        fullscreen: bool = False,
    ) -> None:
        """`data_dir`: where to find the last run's first picture (None: show the backdrop,
        as screenshots and tests do). `size` is the window's when not `fullscreen`."""
        app = application()
        self.fullscreen = fullscreen
        if fullscreen or size is None:
            screen = app.primaryScreen()
            full = screen.size() if screen is not None else QSize(1920, 1080)
            size = (full.width(), full.height()) if fullscreen else (size or (1920, 1080))
        picture = first_picture(data_dir) if data_dir is not None else None
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.setInitialProperties(
            {
                "width": size[0],
                "height": size[1],
                "picture": QUrl.fromLocalFile(str(picture)) if picture is not None else QUrl(),
            }
        )
        self.engine.loadFromModule(MODULE, "Boot")
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise RuntimeError(f"the kiosk window did not load from {QML_DIR / MODULE} (see the log)")
        self.window: QQuickWindow = roots[0]

    def show(self) -> None:
        if self.fullscreen:
            self.window.showFullScreen()
        else:
            self.window.show()

    def wait_for_first_frame(self) -> None:
        """Run the event loop until the shown window's first frame is out (or a while has
        passed), so that building the UI does not hold the first frame back."""
        loop = QEventLoop()
        self.window.frameSwapped.connect(loop.quit)
        QTimer.singleShot(FIRST_FRAME_TIMEOUT_MS, loop.quit)
        loop.exec()
        self.window.frameSwapped.disconnect(loop.quit)
        self.window.setProperty("fontsWanted", True)

    def prepare(self) -> None:
        """Start compiling the kiosk UI on Qt's loader thread (the rest of the kiosk must be
        imported: Main.qml uses its types), for `start` to find done."""
        QMetaObject.invokeMethod(self.window, "prepare")

    def start(self, kiosk: QObject) -> QQuickItem:
        """Build the kiosk UI (Main.qml, given `kiosk`) into the window; RuntimeError if it
        cannot be built (the log says why)."""
        built = QMetaObject.invokeMethod(
            self.window,
            "start",
            Q_RETURN_ARG(bool),
            Q_ARG(QObject, kiosk),  # type: ignore[call-overload]
        )
        if not built:
            raise RuntimeError(f"the kiosk UI did not load from {QML_DIR / MODULE} (see the log)")
        return self.window.property("ui")

    @property
    def picture_shown(self) -> bool:
        """The last run's first picture is what the window shows."""
        return bool(self.window.property("pictureShown"))
