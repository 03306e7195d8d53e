"""Settings: defaults that need nothing, and a settings file checked field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_settings


def write(tmp_path: Path, raw: object) -> Path:
    (tmp_path / "kiosk.json").write_text(json.dumps(raw), encoding="utf-8")
    return tmp_path


def test_no_settings_file_means_working_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    assert s.timezone == "Asia/Shanghai" and s.store.store == "GD-SZ-0001" and s.content == ()


def test_settings_file_overrides_defaults(tmp_path: Path) -> None:
    s = load_settings(
        write(
            tmp_path, {"idle_timeout_s": 30, "store": {"province": "BJ", "city": "BJ-1", "store": "BJ-1-9"}}
        )
    )
    assert s.idle_timeout_s == 30 and s.store.province == "BJ"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"idle_timout_s": 30}, "unknown setting 'idle_timout_s'"),
        ({"timezone": "Mars/Base"}, "timezone: 'Mars/Base' is not a time zone"),
        ({"language": "fr"}, "language: must be"),
        ([], "must hold a JSON object"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(write(tmp_path, raw))


def test_settings_file_with_bad_json_gives_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "kiosk.json").write_text('{"language": }', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kiosk.json: line 1 column 14"):
        load_settings(tmp_path)
