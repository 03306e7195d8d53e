"""Where the kiosk keeps its data (settings, installed packs, ledger, caches).

Light on purpose: the window's first frame needs the data folder before anything heavy
is imported (see `kiosk.ui.boot`).
"""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """`KIOSK_DATA_DIR` if set, else the per-user data folder from platformdirs."""
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("kiosk", appauthor=False))
