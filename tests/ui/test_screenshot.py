"""`kiosk screenshot`: any screen to a PNG, offscreen, with real content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.config import Settings
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
