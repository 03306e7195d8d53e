"""Garbage collection: what a publish or a refresh leaves behind that no kiosk can still need."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from tuf.api.metadata import Root, Snapshot

from kiosk.hq.repository.metadata import KioskRepository, load

_VERSIONED = re.compile(r"^(\d+)\.(.+)\.json$")


def collect_garbage(repository: KioskRepository) -> int:
    """Delete what nothing kept refers to; the number of files deleted.

    Kept: every root; the current snapshot and the one before it (a kiosk that read
    timestamp.json just before a publish can still finish its update) with the role
    versions and indexes they name; blobs only of the current role versions, which list the
    current and previous version of every pack.
    """
    snapshot = repository.current(Snapshot.type)
    assert snapshot is not None
    keep_meta = {"root.json", "timestamp.json"}
    keep_targets: set[str] = set()
    for version in (snapshot.signed.version, snapshot.signed.version - 1):
        path = repository.layout.metadata / f"{version}.snapshot.json"
        if version < 1 or not path.exists():
            continue
        keep_meta.add(path.name)
        is_current = version == snapshot.signed.version
        snap = snapshot if is_current else load(path)
        for name, meta in snap.signed.meta.items():
            role_file = repository.layout.metadata / f"{meta.version}.{name}"
            if not role_file.exists():
                continue
            keep_meta.add(role_file.name)
            role = repository.current(name.removesuffix(".json"))
            if role is None or role.signed.version != meta.version:
                role = load(role_file)
            for path_, target in role.signed.targets.items():
                if is_current or "/blobs/" not in path_:
                    keep_targets.update(target.get_prefixed_paths())
    removed = 0
    for entry in repository.layout.metadata.iterdir():
        m = _VERSIONED.match(entry.name)
        if m and m.group(2) != Root.type and entry.name not in keep_meta:
            entry.unlink()
            removed += 1
    for folder, dirs, files in os.walk(repository.layout.targets, topdown=False):
        rel = Path(folder).relative_to(repository.layout.targets)
        for name in files:
            if (rel / name).as_posix() not in keep_targets:
                os.unlink(os.path.join(folder, name))
                removed += 1
        for name in dirs:
            with contextlib.suppress(OSError):  # not empty: still in use
                os.rmdir(os.path.join(folder, name))
    return removed
