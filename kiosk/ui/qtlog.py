"""Qt's and FFmpeg's messages, at levels a store technician can use, filtered in C.

Qt Multimedia writes a dozen lines at every start (the VA-API libraries it looked for, the
FFmpeg version, "No HW decoder found") and FFmpeg dumps every stream it opens, straight to
stderr. None of it is a problem on a kiosk without video acceleration, and all of it buried
the kiosk's own messages. Here Qt's chatter categories are turned off with Qt's own logging
rules and FFmpeg's level is lowered to its errors, unless `KIOSK_LOG=DEBUG`; what remains is
printed by Qt and FFmpeg themselves, in the kiosk log's format (time, level, category).
Qt's uncategorised warnings stay, among them "PulseAudioService: pa_context_connect() failed"
and "No audio device detected" (one each time a player starts) on a machine without a sound
server or card: on a kiosk, where voice guidance must be heard, worth a line.

Neither is handed to Python: those messages come from Qt Multimedia's and FFmpeg's own
threads, and a Python handler there must take the interpreter's lock, which the UI thread
holds while it waits for those threads (a player stopped or replaced from Python): the
kiosk froze the first time a player was stopped while its audio thread said "No audio
device detected". So nothing of Qt's or FFmpeg's ever waits for Python.
"""

from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLoggingCategory, qSetMessagePattern

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
#: Qt's lines as the kiosk's own: `2026-12-03 13:45:01,123 WARNING qml: ...`.
MESSAGE_PATTERN = (
    "%{time yyyy-MM-dd hh:mm:ss,zzz} %{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}"
    "%{if-warning}WARNING%{endif}%{if-critical}ERROR%{endif}%{if-fatal}CRITICAL%{endif}"
    " %{category}: %{message}"
)

# FFmpeg's levels (libavutil/log.h).
AV_LOG_ERROR = 16
AV_LOG_WARNING = 24
AV_LOG_INFO = 32

_installed: list[Any] = []  # FFmpeg's library, once its level is set


def debugging() -> bool:
    return os.environ.get("KIOSK_LOG", "").upper() == "DEBUG"


def chatter_rules() -> str:
    """Qt's logging rules that turn the chatter categories off."""
    return "\n".join(f"{category}*=false" for category in CHATTER)


def quiet_qt_messages() -> None:
    """Qt's chatter off (unless KIOSK_LOG=DEBUG; QT_LOGGING_RULES still wins) and its lines
    in the kiosk log's format. Not in tests: pytest-qt keeps its own handler."""
    qSetMessagePattern(MESSAGE_PATTERN)
    if not debugging():
        QLoggingCategory.setFilterRules(chatter_rules())


def ffmpeg_threshold() -> int:
    """FFmpeg's level: its errors (the kiosk decides what a failed file means and says so
    itself), or everything it says with KIOSK_LOG=DEBUG."""
    return AV_LOG_INFO if debugging() else AV_LOG_ERROR


def quiet_ffmpeg_messages() -> bool:
    """FFmpeg's (the copy Qt Multimedia uses) level set to `ffmpeg_threshold()`. False when
    that library cannot be found, and FFmpeg keeps printing everything.

    Loads Qt Multimedia's FFmpeg backend (about 30 ms): call it where the kiosk may load
    multimedia, before the first player. The backend sets FFmpeg's logging when it starts,
    so it is started first."""
    if _installed:
        return True
    from PySide6.QtMultimedia import QMediaDevices

    QMediaDevices.audioOutputs()  # starts the backend
    lib = _qt_libavutil()
    if lib is None:
        return False
    lib.av_log_set_level.argtypes = [ctypes.c_int]
    lib.av_log_set_level(ffmpeg_threshold())
    _installed.append(lib)
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


def quiet_messages() -> None:
    """Both, for `kiosk screenshot` and `kiosk dialtest`."""
    quiet_qt_messages()
    if not quiet_ffmpeg_messages():
        log.debug("Qt Multimedia's FFmpeg library was not found; it prints all it says")
