"""`kiosk screenshot`: any screen to a PNG, offscreen, with real content; packs given to show
are refused unless the kiosk would show them, and choices are refused where they do not apply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main
from kiosk.config import Settings
from kiosk.errors import ContentError
from kiosk.packs.validate_cmd import check
from kiosk.ui.app import load
from kiosk.ui.screenshot import SCREENS, screenshot
from tests.packfactory import make_pack, national_files


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


# -- packs given with --pack: refused unless the kiosk would show them ---------------------


def test_an_invalid_pack_is_refused_with_its_problems_as_validate_prints_them(
    qapp: Any, tmp_path: Path, media_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    files = national_files()
    files["services.json"][0]["price"]["amount"] = "19.9.0"
    files["categories.json"][0]["color"] = "red"
    bad = make_pack(tmp_path / "bad", media_dir, files)
    out = tmp_path / "home.png"

    code = main(
        ["--data-dir", str(tmp_path / "d"), "screenshot", "home", "--pack", str(bad), "--out", str(out)]
    )

    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "Traceback" not in err
    problems = [ln for ln in check(bad).lines if "/error: " in ln]
    assert len(problems) == 2 and all(ln in err.splitlines() for ln in problems)
    assert f"{bad}: INVALID: 2 error(s)" in err
    assert err.splitlines()[-1] == "kiosk: the packs given are not what the kiosk would show; nothing written"


def test_a_pack_the_kiosk_would_leave_out_or_no_pack_at_all_is_refused(
    qapp: Any, tmp_path: Path, media_dir: Path
) -> None:
    files = {
        "pack.json": {**national_files()["pack.json"], "id": "gd", "scope": "province:GD"},
        "overrides.json": [{"section": "services", "id": "svc.nope", "hide": True}],
    }
    gd = make_pack(tmp_path / "gd", media_dir, files)
    settings = Settings(data_dir=tmp_path / "d")

    with pytest.raises(ContentError) as e:
        screenshot(settings, "home", tmp_path / "x.png", lang="en", size=(1920, 1080), content=[gd])
    assert e.value.problems == [
        "gd/error: overrides.json: [0].id: no services item 'svc.nope' in the layers below province:GD",
        f"{gd}: does not fit the packs below it; the kiosk would leave it out",
        f"no valid national pack for store GD-SZ-0001 among {gd}: the kiosk would show its bundled "
        "sample instead",
    ]

    with pytest.raises(ContentError) as e:
        screenshot(
            settings, "home", tmp_path / "x.png", lang="en", size=(1920, 1080), content=[tmp_path / "d"]
        )
    assert e.value.problems == [
        f"{tmp_path / 'd'}: no content pack here (no pack.json in it or in its folders)"
    ]


def test_a_valid_pack_is_shown_at_the_category_asked_for(qapp: Any, tmp_path: Path, media_dir: Path) -> None:
    pack = make_pack(tmp_path / "n", media_dir)
    settings = Settings(data_dir=tmp_path / "d")
    out = tmp_path / "cat.png"

    screenshot(settings, "category", out, lang="en", size=(1280, 720), content=[pack], category="cat.data")

    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (1280, 720)


@pytest.mark.parametrize(
    ("screen", "choice", "words"),
    [
        ("home", {"category": "cat.data"}, "--category applies to the category screen only, not to home"),
        ("service", {"scene": "2"}, "--scene applies to the demo screen only, not to service"),
        ("video", {"offer": "off.x"}, "--offer applies to the home, service, subscribe, subscribe-number"),
        ("attract", {"service": "svc.x"}, "--service applies to the category, service, demo, demo-end"),
        ("category", {"service": "svc.a", "category": "cat.a"}, "give --service or --category, not both"),
    ],
)
def test_a_choice_that_does_not_apply_to_the_screen_is_refused(
    settings: Settings, tmp_path: Path, screen: str, choice: dict[str, str], words: str
) -> None:
    with pytest.raises(ValueError) as e:
        screenshot(settings, screen, tmp_path / "x.png", lang="en", size=(1920, 1080), **choice)

    assert words in str(e.value)
