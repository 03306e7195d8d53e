"""The repository's folders on disk, and how files in them are written: whole or not at all,
by one writer at a time."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kiosk.hq.private import locked
from kiosk.hq.repository.errors import RepositoryError


@dataclass(frozen=True)
class Layout:
    """The folders of a repository. Only `public` is ever served; `keys` never is."""

    root: Path

    @property
    def public(self) -> Path:
        return self.root / "public"

    @property
    def metadata(self) -> Path:
        return self.public / "metadata"

    @property
    def targets(self) -> Path:
        return self.public / "targets"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def lock(self) -> Path:
        return self.root / "publish.lock"

    @property
    def trusted_root(self) -> Path:
        """The first root, which kiosks are installed with and verify every later one from."""
        return self.metadata / "1.root.json"

    def key(self, role: str) -> Path:
        return self.keys / f"{role}.pem"

    def require(self) -> None:
        if not (self.metadata / "timestamp.json").is_file():
            raise RepositoryError(
                f"{self.root} is not a kiosk-hq repository (it has no public/metadata/timestamp.json); "
                f"create one with `kiosk-hq init {self.root}`"
            )


def one_writer(layout: Layout) -> contextlib.AbstractContextManager[None]:
    """One writer at a time (publish, refresh, init), across processes and threads."""
    return locked(layout.lock)


def write_atomic(path: Path, write: Callable[[BinaryIO], None], mode: int = 0o644) -> None:
    """Write through a temporary file in the same folder, so readers see the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    write_atomic(path, lambda f: f.write(data), mode)
