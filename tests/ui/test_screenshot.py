"""`kiosk screenshot`: any screen to a PNG, offscreen, with real content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.config import Settings
from kiosk.services.ledger import Ledger
from kiosk.ui.app import load
from kiosk.ui.screenshot import SCREENS, screenshot


def test_unknown_screen_is_refused_with_the_valid_names(
    qapp: Any, settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(ValueError) as e:
        screenshot(settings, "lobby", tmp_path / "x.png", lang="en", size=(1920, 1080))

    assert "lobby" in str(e.value)
    assert all(name in str(e.value) for name in SCREENS)


def test_out_of_service_screen_renders_without_content(qapp: Any, settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "shots" / "oos.png"

    screenshot(settings, "out-of-service", out, lang="zh-CN", size=(1080, 1920))

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1080, 1920)


@pytest.fixture
def bundled(settings: Settings) -> Settings:
    assert load(settings).catalog is not None, "the bundled sample content must load"
    return settings


@pytest.mark.parametrize("screen", ["home", "demo-end"])
def test_screens_render_with_the_bundled_content(
    qapp: Any, bundled: Settings, tmp_path: Path, screen: str
) -> None:
    out = tmp_path / f"{screen}.png"

    screenshot(bundled, screen, out, lang="en", size=(1920, 1080))

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    # Not a blank picture: plenty of different colours.
    colours = {image.pixel(x, y) for x in range(0, 1920, 97) for y in range(0, 1080, 61)}
    assert len(colours) > 20


def test_unknown_service_is_refused(qapp: Any, bundled: Settings, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no service 'svc\.nope'"):
        screenshot(bundled, "service", tmp_path / "s.png", lang="en", size=(1920, 1080), service="svc.nope")


_RUN_AND_CLOSE = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from kiosk.config import Settings
from kiosk.services.ledger import Ledger
from kiosk.ui.app import application, run

app = application()
QTimer.singleShot(1500, lambda: [w.close() for w in app.topLevelWindows()])
sys.exit(run(Settings(data_dir=Path(sys.argv[1])), fullscreen=False, size=(1280, 720)))
"""


def test_run_shows_the_kiosk_until_its_window_closes(bundled: Settings) -> None:
    # In a process of its own: the end of Qt's event loop tears down Qt Quick's renderer.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_CLOSE, str(bundled.data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    ledger = Ledger(bundled.ledger_path)
    kinds = [e["kind"] for e in ledger.recent()]
    ledger.close()
    assert kinds == ["kiosk_start", "kiosk_stop"]
