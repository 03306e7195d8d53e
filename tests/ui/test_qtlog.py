"""Qt's and FFmpeg's chatter goes through our logging, below what a technician reads by default."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QtMsgType

from kiosk.ui.qtlog import AV_LOG_ERROR, AV_LOG_INFO, AV_LOG_WARNING, ffmpeg_level, qt_level

ROOT = Path(__file__).resolve().parents[2]


def test_what_qt_multimedia_says_about_the_machine_is_debug_and_real_warnings_stay_warnings() -> None:
    warning = QtMsgType.QtWarningMsg
    assert qt_level(warning, "qt.multimedia.symbolsresolver", "Couldn't load va-drm library") == logging.DEBUG
    assert qt_level(warning, "qt.multimedia.playbackengine.codec", '"No HW decoder found"') == logging.DEBUG
    assert qt_level(warning, "default", "PulseAudioService: pa_context_connect() failed") == logging.DEBUG
    assert qt_level(warning, "qml", "Main.qml:12: TypeError: x is undefined") == logging.WARNING
    assert qt_level(QtMsgType.QtCriticalMsg, "default", "the scene graph failed") == logging.ERROR
    assert qt_level(QtMsgType.QtInfoMsg, "default", "a note") == logging.DEBUG


def test_ffmpeg_errors_are_warnings_and_its_own_warnings_are_chatter() -> None:
    assert ffmpeg_level(AV_LOG_ERROR) == logging.WARNING
    assert ffmpeg_level(AV_LOG_WARNING) == logging.DEBUG
    assert ffmpeg_level(AV_LOG_INFO) == logging.DEBUG


def _screenshot_video(tmp_path: Path, level: str) -> str:
    # As the kiosk runs: without the tests' rule that silences Qt Multimedia.
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG": level}
    data, png = str(tmp_path / "data"), str(tmp_path / "video.png")
    out = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "--data-dir", data, "screenshot", "video", "--out", png],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stderr


def test_a_screenshot_of_a_video_logs_none_of_qts_or_ffmpegs_chatter_by_default(tmp_path: Path) -> None:
    err = _screenshot_video(tmp_path, "INFO")

    for chatter in ("Input #0", "Stream #0", "va-drm", "No HW decoder", "FFmpeg version", "PulseAudio"):
        assert chatter not in err


def test_with_debug_logging_ffmpegs_stream_dump_arrives_whole_lines_through_our_logger(
    tmp_path: Path,
) -> None:
    lines = _screenshot_video(tmp_path, "DEBUG").splitlines()

    dump = [line for line in lines if " DEBUG ffmpeg: " in line]
    assert any("Input #0, mov,mp4" in line for line in dump)
    assert any(line.endswith("major_brand     : isom") for line in dump)
    assert any(" DEBUG qt.multimedia.symbolsresolver: " in line for line in lines)
    assert not any(line.startswith(("Input #0", "  Stream #")) for line in lines)  # none printed raw


def test_the_running_kiosk_routes_ffmpeg_once_the_media_screens_are_being_made(
    make_ui: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.ui import app, qtlog

    routed: list[bool] = []
    monkeypatch.setattr(app, "route_ffmpeg_messages", lambda: routed.append(qtlog.route_ffmpeg_messages()))
    shell = make_ui()
    assert not shell.ui.property("homeReady")  # the next home screen is still being made

    app._route_ffmpeg_before_the_first_player(shell)

    qtbot.waitUntil(lambda: routed == [True])
