"""A pack's files as content-addressed blobs: hashed, copied in once, listed per scope."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tuf.api.metadata import TargetFile

from kiosk.hq.repository.errors import RepositoryError
from kiosk.hq.repository.layout import Layout, write_atomic
from kiosk.hq.repository.metadata import disk_path
from kiosk.hq.repository.names import blob_target
from kiosk.packs.model import Scope

_CHUNK = 1024 * 1024

#: progress(done_files, total_files, done_bytes, total_bytes, relpath of the file at hand)
Progress = Callable[[int, int, int, int, str], None]


@dataclass(frozen=True)
class PackFile:
    relpath: str
    path: Path
    size: int


def pack_files(pack_dir: Path) -> list[PackFile]:
    """Every file of the pack by its path inside it, names starting with '.' left out."""
    root = pack_dir.resolve()
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                raise RepositoryError(
                    f"{Path(folder) / name} is a link to a folder; put the real folder there"
                )
        for name in sorted(n for n in names if not n.startswith(".")):
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise RepositoryError(f"{path} is a link out of the pack; put the real file there")
            files.append(PackFile(path.relative_to(root).as_posix(), path, path.stat().st_size))
    return files


def add_blobs(
    layout: Layout, scope: Scope, files: list[PackFile], progress: Progress
) -> tuple[dict[str, dict[str, Any]], int, int]:
    """Hash every file and store the ones the repository lacks; (index entries, new files, new bytes)."""
    total_bytes = sum(f.size for f in files)
    done_bytes = 0
    entries: dict[str, dict[str, Any]] = {}
    new_files = new_bytes = 0
    for i, f in enumerate(files):
        digest = hashlib.sha256()
        length = 0
        with f.path.open("rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                length += len(chunk)
                done_bytes += len(chunk)
                progress(i, len(files), done_bytes, total_bytes, f.relpath)
        sha = digest.hexdigest()
        target = TargetFile(length, {"sha256": sha}, blob_target(scope, sha))
        dest = disk_path(layout, target)
        # Content-addressed: a blob already there is the same file, unless cut short by hand.
        if not (dest.is_file() and dest.stat().st_size == length):
            write_atomic(dest, lambda out, f=f, target=target: _copy_checked(f, target, out))
            new_files += 1
            new_bytes += length
        entries[f.relpath] = {"sha256": sha, "length": length}
        progress(i + 1, len(files), done_bytes, total_bytes, f.relpath)
    return entries, new_files, new_bytes


def _copy_checked(f: PackFile, target: TargetFile, out: BinaryIO) -> None:
    """Copy a pack file into its blob, refusing one that changed since it was hashed."""
    digest = hashlib.sha256()
    with f.path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != target.hashes["sha256"]:
        raise RepositoryError(
            f"{f.path} changed while it was being published; publish again when it is saved"
        )


def role_targets(scope: Scope, index: dict[str, Any], index_file: TargetFile) -> dict[str, TargetFile]:
    """The whole target list of a scope's role: its index and the blobs of every listed version."""
    targets = {index_file.path: index_file}
    for entry in index["packs"].values():
        for listed in (entry, entry.get("previous")):
            for info in (listed or {}).get("files", {}).values():
                path = blob_target(scope, info["sha256"])
                targets[path] = TargetFile(info["length"], {"sha256": info["sha256"]}, path)
    return targets
