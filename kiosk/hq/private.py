"""Files that hold customers' numbers, live codes or keys (HQ's database, the SMS outbox,
the repository): readable and writable by HQ's own user only, and written one process at
a time.

Files are created 0600 and folders HQ makes 0700; a file an older HQ left readable to
others is tightened when it is opened. `locked(path)` is an exclusive lock across
processes (`serve` beside a cron job). Where the operating system has no such modes or
locks (Windows), these do what they can and no more.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

POSIX = os.name == "posix"


def private_dir(path: Path, *, own: bool = False) -> None:
    """Make `path` (and missing parents), the folder itself private to this user.

    An existing folder is tightened only when it is HQ's `own` (its data folder): a folder
    an operator named (say, for `--db sqlite:///hq.sqlite3` in their home) is theirs, and
    the files HQ puts in it are private anyway.
    """
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if POSIX and (own or not existed) and path.stat().st_mode & 0o077:
        path.chmod(0o700)


def private_file(path: Path) -> None:
    """Create `path` empty if it is missing, and leave it readable by this user only."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        if POSIX:
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def tighten(path: Path) -> None:
    """Leave an existing file readable by this user only; nothing if it is missing."""
    if POSIX:
        with suppress(FileNotFoundError):
            path.chmod(0o600)


_in_process = threading.Lock()


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` (made 0600 if missing) while the block runs."""
    if fcntl is None:
        with _in_process:
            yield
        return
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
