"""Qt's and FFmpeg's chatter stays below what a technician reads by default, filtered by Qt and
FFmpeg themselves (never by a Python handler, which their threads would wait for)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.qtlog import AV_LOG_ERROR, AV_LOG_INFO, chatter_rules, ffmpeg_threshold

ROOT = Path(__file__).resolve().parents[2]


def test_qts_chatter_categories_are_turned_off_by_qts_own_rules_and_real_warnings_stay() -> None:
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules(chatter_rules())
    try:
        assert not QLoggingCategory("qt.multimedia.symbolsresolver").isWarningEnabled()
        assert not QLoggingCategory("qt.multimedia.playbackengine.codec").isWarningEnabled()
        assert QLoggingCategory("qml").isWarningEnabled()
        assert QLoggingCategory("default").isWarningEnabled()
    finally:
        QLoggingCategory.setFilterRules("")


def test_ffmpeg_says_only_its_errors_unless_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_LOG", "INFO")
    assert ffmpeg_threshold() == AV_LOG_ERROR
    monkeypatch.setenv("KIOSK_LOG", "DEBUG")
    assert ffmpeg_threshold() == AV_LOG_INFO


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

    for chatter in ("Input #0", "Stream #0", "va-drm", "No HW decoder", "FFmpeg version"):
        assert chatter not in err


def test_with_debug_logging_ffmpegs_stream_dump_and_qts_chatter_show_in_the_log(tmp_path: Path) -> None:
    err = _screenshot_video(tmp_path, "DEBUG")

    assert "Input #0, mov,mp4" in err
    assert (
        " DEBUG qt.multimedia.symbolsresolver: " in err or " WARNING qt.multimedia.symbolsresolver: " in err
    )


def test_the_running_kiosk_quiets_ffmpeg_once_the_media_screens_are_being_made(
    make_ui: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.ui import app, qtlog

    quieted: list[bool] = []
    monkeypatch.setattr(app, "quiet_ffmpeg_messages", lambda: quieted.append(qtlog.quiet_ffmpeg_messages()))
    shell = make_ui()
    assert not shell.ui.property("homeReady")  # the next home screen is still being made

    app._quiet_ffmpeg_before_the_first_player(shell)

    qtbot.waitUntil(lambda: quieted == [True])
