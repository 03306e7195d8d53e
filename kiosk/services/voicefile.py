"""`voice.json` in the data folder: the staff's mute (kept until unmuted, across restarts)
and the running kiosk's voice status, which `kiosk status`, the maintenance screen and the
heartbeat read (the sync may run in another process: `kiosk sync --once`).

    {"staff_muted": false, "status": "ok", "detail": "speechd: zh-CN, en"}

`status` is "ok" or why the kiosk is not heard (kiosk.flow.voice.Silence's words).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

VOICE_FILE = "voice.json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceNote:
    staff_muted: bool = False
    #: "ok", or why the kiosk is silent; "" when no kiosk has run here yet.
    status: str = ""
    detail: str = ""


def read_voice(data_dir: Path) -> VoiceNote:
    """What the file says; the defaults when it is missing or unreadable (logged)."""
    path = data_dir / VOICE_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return VoiceNote()
    except (OSError, ValueError) as e:
        log.warning("%s cannot be read (%s): voice is not muted by staff", path, e)
        return VoiceNote()
    if not isinstance(raw, dict):
        return VoiceNote()
    return VoiceNote(
        staff_muted=raw.get("staff_muted") is True,
        status=str(raw.get("status", "")),
        detail=str(raw.get("detail", "")),
    )


def write_voice(data_dir: Path, note: VoiceNote) -> bool:
    """Replace the file whole (a crash leaves the old one or the new one); False when it
    cannot be written (logged: the mute then lasts until the kiosk restarts)."""
    path = data_dir / VOICE_FILE
    tmp = path.with_suffix(".json.tmp")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(asdict(note), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        log.error("%s cannot be written: %s", path, e)
        return False
    return True
