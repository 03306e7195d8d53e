"""`kiosk-hq init`: a new repository, its keys apart from what is served."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from tuf.api.metadata import Snapshot, Targets, Timestamp

from kiosk.hq.repository.errors import RepositoryError
from kiosk.hq.repository.layout import Layout, one_writer
from kiosk.hq.repository.metadata import TOP_LEVEL_ROLES, KioskRepository


def init(repo: Path, now: datetime | None = None) -> Path:
    """Create a new repository in `repo` (empty or missing); the trusted root file for kiosks."""
    layout = Layout(repo)
    if layout.public.exists() or layout.keys.exists():
        raise RepositoryError(
            f"{repo} already holds a repository (public/ or keys/ is there); nothing was changed. "
            "Choose an empty folder for a new one"
        )
    repo.mkdir(parents=True, exist_ok=True)
    try:
        layout.keys.mkdir(mode=0o700)
    except FileExistsError as e:
        raise RepositoryError(f"{repo} is being set up by someone else at this moment") from e
    os.chmod(layout.keys, 0o700)  # whatever the umask
    layout.metadata.mkdir(parents=True)
    layout.targets.mkdir()
    with one_writer(layout):
        repository = KioskRepository(layout, now)
        with repository.edit_root() as root:
            for role in TOP_LEVEL_ROLES:
                root.add_key(repository.create_key(role).public_key, role)
            root.consistent_snapshot = True
        # Version 1 of each: a new Snapshot names targets v1, a new Timestamp snapshot v1.
        for role in (Targets.type, Snapshot.type, Timestamp.type):
            with repository.edit(role):
                pass
        repository.commit()
    return layout.trusted_root
