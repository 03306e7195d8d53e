"""Settings: defaults that need nothing, and a settings file checked field by field."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from kiosk.config import SETTINGS_FIELDS, ConfigError, Settings, load_settings


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


KNOWN = (
    "content, idle_countdown_s, idle_timeout_s, language, staff_closing, staff_idle_s, store, "
    "sync_interval_s, timezone, voice_hours, voice_on, voice_volume"
)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"idle_timout_s": 30}, f"unknown setting 'idle_timout_s' (known: {KNOWN})"),
        ({"content": "/srv/packs"}, "content: must be a list of folder paths"),
        ({"store": {"province": "BJ"}}, 'store: must be {"province", "city", "store"}'),
        ({"idle_countdown_s": True}, "idle_countdown_s: must be a whole number of seconds, 3 to 3600"),
        ({"timezone": 8}, "timezone: '8' is not a time zone name such as Asia/Shanghai"),
        ({"language": "fr"}, 'language: must be "zh-CN" or "en"'),
        ({"sync_interval_s": 5}, "sync_interval_s: must be a whole number of seconds, 60 to 86400"),
        ({"voice_on": "yes"}, "voice_on: must be true or false"),
        ({"voice_hours": "9-21"}, "voice_hours: '9-21': '9' is not a time like 09:30"),
        ({"voice_hours": 9}, 'voice_hours: must be hours such as "09:00-21:00", or "" for any hour'),
        ({"voice_volume": 101}, "voice_volume: must be a whole number, 0 to 100"),
        ({"staff_idle_s": 30}, "staff_idle_s: must be a whole number of seconds, 60 to 14400"),
        ({"staff_closing": "9pm"}, 'staff_closing: must be an hour such as "21:30", or "" for midnight'),
        ({"staff_closing": "24:30"}, "staff_closing: '24:30' is not a time of day"),
    ],
)
def test_a_bad_setting_is_named_by_file_field_and_reason(tmp_path: Path, raw: object, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, raw))
    assert str(err.value) == f"{tmp_path / 'kiosk.json'}: {message}"


def test_every_bad_setting_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, {"idle_timeout_s": 1, "language": "fr", "colour": "red"}))
    assert str(err.value) == f"{tmp_path / 'kiosk.json'}: 3 settings to fix (above)"
    assert [line.split(": ", 1)[1] for line in err.value.problems] == [
        f"unknown setting 'colour' (known: {KNOWN})",
        'language: must be "zh-CN" or "en"',
        "idle_timeout_s: must be a whole number of seconds, 3 to 3600",
    ]


def test_the_settings_file_may_set_every_setting_but_the_data_folder() -> None:
    assert set(SETTINGS_FIELDS) == {f.name for f in fields(Settings)} - {"data_dir"}


def test_relative_content_folders_are_the_data_folders_and_absolute_ones_stay(tmp_path: Path) -> None:
    (tmp_path / "kiosk.json").write_text(
        json.dumps({"content": ["packs", "/srv/kiosk/packs"]}), encoding="utf-8"
    )

    assert load_settings(tmp_path).content == (tmp_path.absolute() / "packs", Path("/srv/kiosk/packs"))


def test_voice_settings(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    assert (s.voice_on, s.voice_hours, s.voice_volume) == (False, None, 70)
    s = load_settings(write(tmp_path, {"voice_on": True, "voice_hours": "09:00-21:00", "voice_volume": 40}))
    assert s.voice_on and s.voice_volume == 40
    assert s.voice_hours is not None and (s.voice_hours.start.hour, s.voice_hours.end.hour) == (9, 21)
    assert load_settings(write(tmp_path, {"voice_hours": ""})).voice_hours is None


def test_staff_settings(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    assert (s.staff_idle_s, s.staff_closing) == (600, None)
    s = load_settings(write(tmp_path, {"staff_idle_s": 900, "staff_closing": "21:30"}))
    assert (s.staff_idle_s, s.staff_closing) == (900, "21:30")
    assert load_settings(write(tmp_path, {"staff_closing": ""})).staff_closing is None
