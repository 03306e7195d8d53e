"""Where the maintenance PIN is kept: `admin-pin.json` in the data folder, readable by the
kiosk's user only, written durably (a lockout must survive a power cut as surely as the
PIN). The rules are kiosk.flow.pin's."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from kiosk.datadir import write_durably
from kiosk.flow.pin import KeptPin

PIN_FILE = "admin-pin.json"


class PinFile:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / PIN_FILE

    def load(self) -> KeptPin | None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return KeptPin(**raw)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError):
            # A damaged file must not open the gate: treat it as a PIN nobody knows.
            return KeptPin(salt="00", hash="damaged")

    def save(self, kept: KeptPin) -> None:
        write_durably(self.path, json.dumps(asdict(kept)).encode())
