"""The kiosk's settings: where its data lives, which store it stands in, how it behaves.

Defaults let a kiosk start with nothing configured: a data folder from platformdirs, the
bundled sample content, the sample store's identity. A `kiosk.json` in the data folder
overrides any of them; a bad file is reported with its path and field, never a traceback.
Its fields are checked by the same field-table engine as pack files (`kiosk.packs.fields`),
so every bad setting is named at once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.datadir import default_data_dir
from kiosk.errors import KioskError
from kiosk.packs.fields import Checker, Field, FieldError, RecordedError
from kiosk.packs.layering import StoreIdentity
from kiosk.packs.model import HourRange

#: The sample packs that ship with the kiosk, used when nothing else is configured.
BUNDLED_CONTENT = Path(__file__).resolve().parent / "sample_content"
#: Fonts, icons and sounds shared by every pack.
ASSETS = Path(__file__).resolve().parent / "assets"

SETTINGS_FILE = "kiosk.json"

log = logging.getLogger(__name__)


class ConfigError(KioskError):
    """A settings file or value a person must fix; the message says where and what. With
    several, `problems` names each (`file: field: reason`) and the message counts them."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    #: Folders of packs (or single pack folders) to show; empty means the data folder's
    #: installed packs, then the bundled sample content.
    content: tuple[Path, ...] = ()
    store: StoreIdentity = field(default_factory=lambda: StoreIdentity("GD", "GD-SZ", "GD-SZ-0001"))
    timezone: str = "Asia/Shanghai"
    language: str = "zh-CN"
    #: Seconds without a touch before "still there?" appears, and how long it counts down.
    idle_timeout_s: int = 60
    idle_countdown_s: int = 10
    #: Seconds between sync rounds with HQ, give or take 20% (kiosk.sync.schedule).
    sync_interval_s: int = 300
    #: Spoken guidance (docs/voice.md): on when a session begins (off: a kiosk talking to
    #: every passer-by annoys a store), the hours it may speak in the store's time ("": any
    #: hour), and the volume a session begins with (0-100).
    voice_on: bool = False
    voice_hours: HourRange | None = None
    voice_volume: int = 70
    #: Staff at the kiosk (docs/staff.md): signed out after this many seconds without a
    #: touch while no customer's session runs, and at the store's closing hour ("HH:MM"
    #: local; None: midnight ends the day).
    staff_idle_s: int = 600
    staff_closing: str | None = None

    @property
    def content_dir(self) -> Path:
        """Where sync keeps the pack sets it installed (kiosk.sync.packsets)."""
        return self.data_dir / "content"

    @property
    def ledger_path(self) -> Path:
        return self.data_dir / "ledger.sqlite3"

    @property
    def media_checks_path(self) -> Path:
        """Results of decoding pack media, so unchanged files are not decoded at every start."""
        return self.data_dir / "media-checks.json"


def load_settings(data_dir: Path | None = None) -> Settings:
    """Settings from `data_dir/kiosk.json` over the defaults, the store from the kiosk's
    identity at HQ once it is enrolled (HQ decides which store a kiosk stands in). Raises
    ConfigError."""
    data_dir = data_dir or default_data_dir()
    settings = _read_settings(data_dir)
    from kiosk.sync.identity import load_identity

    try:
        identity = load_identity(data_dir)
    except KioskError as e:
        # The kiosk must still show content; `kiosk status` and `kiosk sync` say what is wrong.
        log.warning("the store comes from the settings, not HQ: %s", e)
        identity = None
    if identity is not None and identity.store_identity != settings.store:
        settings = replace(settings, store=identity.store_identity)
    return settings


def _read_settings(data_dir: Path) -> Settings:
    settings = Settings(data_dir=data_dir)
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return settings
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot be read: {e}") from e
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}: line {e.lineno} column {e.colno}: {e.msg}") from e
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must hold a JSON object")
    settings = apply_overrides(settings, raw, str(path))
    # Relative content folders are the data folder's; absolute, because the UI turns them
    # into file URLs, and a relative one would be read relative to the QML files.
    return replace(settings, content=tuple((data_dir / p).absolute() for p in settings.content))


def apply_overrides(settings: Settings, raw: dict[str, Any], where: str) -> Settings:
    """`settings` changed by the fields of `raw`; ConfigError naming every bad one (`where`: the file)."""
    checker = _SettingsChecker()
    try:
        changes = checker.obj(raw, where, "", SETTINGS_FIELDS)
    except RecordedError:
        located = [p.located for p in checker.problems]
        if len(located) == 1:
            raise ConfigError(located[0]) from None
        raise ConfigError(f"{where}: {len(located)} settings to fix (above)", located) from None
    return replace(settings, **changes)


class _SettingsChecker(Checker):
    def unknown(self, file: str, path: str, key: str, spec: Mapping[str, Field]) -> None:
        self.problem(file, "", f"unknown setting '{key}' (known: {', '.join(sorted(spec))})")


def _content(r: Checker, v: Any, file: str, path: str) -> tuple[Path, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise FieldError("must be a list of folder paths")
    return tuple(Path(x) for x in v)


def _store(r: Checker, v: Any, file: str, path: str) -> StoreIdentity:
    if not isinstance(v, dict) or set(v) != {"province", "city", "store"}:
        raise FieldError('must be {"province", "city", "store"}')
    return StoreIdentity(**{k: str(x) for k, x in v.items()})


def _seconds(r: Checker, v: Any, file: str, path: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 3 <= v <= 3600:
        raise FieldError("must be a whole number of seconds, 3 to 3600")
    return v


def _interval(r: Checker, v: Any, file: str, path: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 60 <= v <= 86400:
        raise FieldError("must be a whole number of seconds, 60 to 86400")
    return v


def _timezone(r: Checker, v: Any, file: str, path: str) -> str:
    try:
        ZoneInfo(str(v))
    except (ZoneInfoNotFoundError, ValueError):
        raise FieldError(f"'{v}' is not a time zone name such as Asia/Shanghai") from None
    return str(v)


def _language(r: Checker, v: Any, file: str, path: str) -> str:
    if v not in ("zh-CN", "en"):
        raise FieldError('must be "zh-CN" or "en"')
    return v


def _flag(r: Checker, v: Any, file: str, path: str) -> bool:
    if not isinstance(v, bool):
        raise FieldError("must be true or false")
    return v


def _hours(r: Checker, v: Any, file: str, path: str) -> HourRange | None:
    from kiosk.packs.values import parse_hour_range

    if v == "":
        return None
    if not isinstance(v, str):
        raise FieldError('must be hours such as "09:00-21:00", or "" for any hour')
    return parse_hour_range(v)


def _volume(r: Checker, v: Any, file: str, path: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 100:
        raise FieldError("must be a whole number, 0 to 100")
    return v


def _staff_idle(r: Checker, v: Any, file: str, path: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 60 <= v <= 14400:
        raise FieldError("must be a whole number of seconds, 60 to 14400")
    return v


def _closing(r: Checker, v: Any, file: str, path: str) -> str | None:
    if v == "":
        return None
    if not isinstance(v, str) or len(v) != 5 or v[2] != ":" or not (v[:2] + v[3:]).isdigit():
        raise FieldError('must be an hour such as "21:30", or "" for midnight')
    if int(v[:2]) > 23 or int(v[3:]) > 59:
        raise FieldError(f"'{v}' is not a time of day")
    return v


#: What `kiosk.json` may set: every field of Settings but the data folder it lives in.
SETTINGS_FIELDS = {
    "content": Field(_content),
    "store": Field(_store),
    "timezone": Field(_timezone),
    "language": Field(_language),
    "idle_timeout_s": Field(_seconds),
    "idle_countdown_s": Field(_seconds),
    "sync_interval_s": Field(_interval),
    "voice_on": Field(_flag),
    "voice_hours": Field(_hours),
    "voice_volume": Field(_volume),
    "staff_idle_s": Field(_staff_idle),
    "staff_closing": Field(_closing),
}
