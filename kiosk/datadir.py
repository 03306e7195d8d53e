"""Where the kiosk and HQ keep their data (settings, packs, databases, caches).

Light on purpose: the kiosk window's first frame needs the data folder before anything heavy
is imported (see `kiosk.ui.boot`).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def default_data_dir(app: str = "kiosk", env_var: str = "KIOSK_DATA_DIR") -> Path:
    """`env_var` if set, else `app`'s per-user data folder from platformdirs."""
    env = os.environ.get(env_var)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(app, appauthor=False))


def replace_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: a reader (or the next start, after a power
    cut) finds the old file or the new one, never half of one. For what the kiosk can make
    again (caches, the first picture's record): no fsync, which would cost the GUI thread.
    Raises OSError; a temporary file left by a failure is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_durably(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` whole or not at all, and durably: when this returns, the new
    file survives a power cut (file and folder fsync'd). For what cannot be made again (the
    kiosk's identity, the pointer to the active pack set). Created with `mode` (default:
    readable by the kiosk's user only). Raises OSError; a temporary file left by a failure
    is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            os.fchmod(fd, mode)  # O_CREAT's mode is cut by the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so that the names created, renamed or removed in it are on disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_problem(folder: Path) -> str | None:
    """Why nothing can be written in `folder` (read-only, full, not a folder), or None when
    a small file can be written there and made durable."""
    probe = folder / f".write-probe.{os.getpid()}.{threading.get_ident()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"kiosk")
            os.fsync(fd)
        finally:
            os.close(fd)
        probe.unlink()
    except OSError as e:
        return f"the data folder {folder} cannot be written: {e.strerror or e}"
    return None
