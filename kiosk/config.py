"""The kiosk's settings: where its data lives, which store it stands in, how it behaves.

Defaults let a kiosk start with nothing configured: a data folder from platformdirs, the
bundled sample content, the sample store's identity. A `kiosk.json` in the data folder
overrides any of them; a bad file is reported with its path and field, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.datadir import default_data_dir
from kiosk.errors import KioskError
from kiosk.packs.layering import StoreIdentity

#: The sample packs that ship with the kiosk, used when nothing else is configured.
BUNDLED_CONTENT = Path(__file__).resolve().parent / "sample_content"
#: Fonts, icons and sounds shared by every pack.
ASSETS = Path(__file__).resolve().parent / "assets"

SETTINGS_FILE = "kiosk.json"


class ConfigError(KioskError):
    """A settings file or value a person must fix; the message says where and what."""


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

    @property
    def packs_dir(self) -> Path:
        """Where sync installs verified packs (filled by the sync service)."""
        return self.data_dir / "packs"

    @property
    def ledger_path(self) -> Path:
        return self.data_dir / "ledger.sqlite3"

    @property
    def media_checks_path(self) -> Path:
        """Results of decoding pack media, so unchanged files are not decoded at every start."""
        return self.data_dir / "media-checks.json"


def load_settings(data_dir: Path | None = None) -> Settings:
    """Settings from `data_dir/kiosk.json` over the defaults. Raises ConfigError."""
    data_dir = data_dir or default_data_dir()
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
    return apply_overrides(settings, raw, str(path))


def apply_overrides(settings: Settings, raw: dict, where: str) -> Settings:
    known = {f.name for f in fields(Settings)} - {"data_dir"}
    changes: dict = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted(known))})")
        if key == "content":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: content: must be a list of folder paths")
            changes[key] = tuple(Path(v) for v in value)
        elif key == "store":
            if not isinstance(value, dict) or set(value) != {"province", "city", "store"}:
                raise ConfigError(f'{where}: store: must be {{"province", "city", "store"}}')
            changes[key] = StoreIdentity(**{k: str(v) for k, v in value.items()})
        elif key in ("idle_timeout_s", "idle_countdown_s"):
            if not isinstance(value, int) or isinstance(value, bool) or not 3 <= value <= 3600:
                raise ConfigError(f"{where}: {key}: must be a whole number of seconds, 3 to 3600")
            changes[key] = value
        elif key == "timezone":
            changes[key] = check_timezone(value, where)
        elif key == "language":
            if value not in ("zh-CN", "en"):
                raise ConfigError(f'{where}: language: must be "zh-CN" or "en"')
            changes[key] = value
    return replace(settings, **changes)


def check_timezone(value: object, where: str) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ConfigError(
            f"{where}: timezone: '{value}' is not a time zone name such as Asia/Shanghai"
        ) from e
    return str(value)
