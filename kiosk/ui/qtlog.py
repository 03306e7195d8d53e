"""Qt's and FFmpeg's messages through our logging, at levels a store technician can use.

Qt Multimedia writes a dozen lines at every start (the VA-API libraries it looked for, the
FFmpeg version, "No HW decoder found") and FFmpeg dumps every stream it opens, straight to
stderr. None of it is a problem on a kiosk without video acceleration, and all of it buried
the kiosk's own messages. Here Qt's message handler and FFmpeg's log callback hand every
message to Python's logging: loggers `qt.<category>` and `ffmpeg`, with what is known chatter
at DEBUG, so `KIOSK_LOG=DEBUG` still shows everything and the default log shows our lines.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)

#: Qt categories whose messages say how the machine is, not that anything is wrong: looking
#: for optional libraries, which decoder it picked, the audio server it did not find.
CHATTER = (
    "qt.multimedia.symbolsresolver",
    "qt.multimedia.ffmpeg",
    "qt.multimedia.playbackengine",
    "qt.multimedia.audiooutput",
    "qt.multimedia.audiodevices",
    "qt.qpa.fonts",
)
#: Uncategorised Qt warnings known to be chatter, by how they begin.
CHATTER_TEXT = ("PulseAudioService:", "No audio device detected", "This plugin does not support")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.DEBUG,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

# FFmpeg's levels (libavutil/log.h).
AV_LOG_ERROR = 16
AV_LOG_WARNING = 24
AV_LOG_INFO = 32
#: FFmpeg's own lines this far down are never formatted (the callback returns at once).
AV_LOG_KEPT = AV_LOG_INFO
_LINE = 1024

_installed: list[Any] = []  # the ctypes callback must outlive every call FFmpeg makes to it


def qt_level(mode: QtMsgType, category: str, message: str) -> int:
    """The logging level for a Qt message: chatter at DEBUG, the rest as Qt ranks it."""
    level = _QT_LEVELS.get(mode, logging.WARNING)
    if level < logging.CRITICAL and (category.startswith(CHATTER) or message.startswith(CHATTER_TEXT)):
        return logging.DEBUG
    return level


def ffmpeg_level(av_level: int) -> int:
    """FFmpeg's errors are the kiosk's warnings (it decides what a failed file means and says
    so itself); FFmpeg's warnings and information are chatter."""
    return logging.WARNING if av_level <= AV_LOG_ERROR else logging.DEBUG


def _on_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    name = "qt" if category == "default" else category if category.startswith("qt") else f"qt.{category}"
    logging.getLogger(name).log(qt_level(mode, category, message), "%s", message)


def route_qt_messages() -> None:
    """Qt's messages to logging, from now on (not in tests: pytest-qt keeps its own handler)."""
    qInstallMessageHandler(_on_qt_message)


def route_ffmpeg_messages() -> bool:
    """FFmpeg's messages (the copy Qt Multimedia uses) to logging. False when that library
    cannot be found, and FFmpeg keeps printing for itself.

    Loads Qt Multimedia's FFmpeg backend (about 30 ms): call it where the kiosk may load
    multimedia, before the first player. The backend sets FFmpeg's log callback (to one that
    prints) when it starts, so it is started first and then given ours."""
    if _installed:
        return True
    from PySide6.QtMultimedia import QMediaDevices

    QMediaDevices.audioOutputs()  # starts the backend
    lib = _qt_libavutil()
    if lib is None:
        return False
    callback_type = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
    format_line = lib.av_log_format_line2
    format_line.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
    ]
    logger = logging.getLogger("ffmpeg")
    prefix = ctypes.c_int(1)
    # FFmpeg prints a line in pieces (a stream dump is a dozen calls per line): each thread's
    # pieces are kept until the newline. (Not threading.local: FFmpeg's threads are foreign to
    # Python, which gives them a fresh thread state, and a fresh local, at every call.)
    pending: dict[int, str] = {}

    def on_message(avcl: int | None, level: int, fmt: bytes | None, args: int | None) -> None:
        if level > AV_LOG_KEPT or fmt is None:
            return
        wanted = ffmpeg_level(level)
        if not logger.isEnabledFor(wanted):
            return
        try:
            buf = ctypes.create_string_buffer(_LINE)
            # va_list arrives as a pointer on the ABIs Qt's wheels ship for (x86-64, AArch64).
            format_line(avcl, level, fmt, args, buf, _LINE, ctypes.byref(prefix))
            piece = buf.value.decode("utf-8", "replace")
            thread = threading.get_ident()
            line = pending.pop(thread, "") + piece
            if not line.endswith("\n"):
                pending[thread] = line[-_LINE * 4 :]
                return
            if line.strip():
                logger.log(wanted, "%s", line.rstrip())
        except Exception:  # an exception must not unwind into FFmpeg's C frames
            return

    callback = callback_type(on_message)
    lib.av_log_set_callback.argtypes = [callback_type]
    lib.av_log_set_callback(callback)
    _installed.extend([lib, callback])
    return True


def _qt_libavutil() -> ctypes.CDLL | None:
    import PySide6

    libs = Path(PySide6.__file__).parent / "Qt" / "lib"
    # The name the backend was linked against (libavutil.so.59), so the handle is the same.
    for path in sorted(libs.glob("libavutil.so.[0-9]*"), key=lambda p: len(p.name)):
        try:
            return ctypes.CDLL(str(path))
        except OSError as e:
            log.debug("cannot load %s: %s", path, e)
    return None


def route_messages() -> None:
    """Both, for `kiosk run` and `kiosk screenshot`."""
    route_qt_messages()
    if not route_ffmpeg_messages():
        log.debug("Qt Multimedia's FFmpeg library was not found; its messages stay on stderr")
