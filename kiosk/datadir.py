"""Where the kiosk and HQ keep their data (settings, packs, databases, caches).

Light on purpose: the kiosk window's first frame needs the data folder before anything heavy
is imported (see `kiosk.ui.boot`).
"""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir(app: str = "kiosk", env_var: str = "KIOSK_DATA_DIR") -> Path:
    """`env_var` if set, else `app`'s per-user data folder from platformdirs."""
    env = os.environ.get(env_var)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(app, appauthor=False))
