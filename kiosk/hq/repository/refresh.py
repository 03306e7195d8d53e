"""Refreshing: the timestamp re-signed, and every role past half its life whose key is here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tuf.api.metadata import Root, Snapshot, Targets, Timestamp

from kiosk.hq.repository.garbage import collect_garbage
from kiosk.hq.repository.layout import Layout, one_writer
from kiosk.hq.repository.metadata import EXPIRY_WARNING, SNAPSHOT_EXPIRY, KioskRepository, lifetime


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh signed, and what the operator must see to."""

    timestamp_version: int
    timestamp_expires: datetime
    snapshot_version: int
    renewed: list[str]
    warnings: list[str]
    removed_files: int = 0


def refresh(repo: Path, now: datetime | None = None) -> RefreshResult:
    """Re-sign timestamp, and every role past half its life whose key is here; warn about the rest.

    Run it daily (cron, systemd timer; `kiosk-hq serve` calls it too): kiosks refuse metadata
    whose timestamp is older than TIMESTAMP_EXPIRY.
    """
    layout = Layout(repo)
    layout.require()
    with one_writer(layout):
        repository = KioskRepository(layout, now)
        renewed: list[str] = []
        warnings: list[str] = []
        for role in (Root.type, Targets.type, *repository.delegated_roles()):
            md = repository.current(role)
            if md is None:
                continue
            expires = md.signed.expires
            if repository.now < expires - lifetime(role) / 2:
                continue
            if repository.has_key(role):
                with repository.edit(role):
                    pass
                renewed.append(role)
            elif expires - repository.now < EXPIRY_WARNING:
                now = repository.now
                left = "has expired" if expires <= now else f"expires on {expires:%Y-%m-%d %H:%M} UTC"
                warnings.append(
                    f"role '{role}' {left} and its key is not here to renew it: put "
                    f"{layout.key(role)} back and run `kiosk-hq refresh --repo {repo}` "
                    "(then take the key away again)"
                )
        snapshot = repository.current(Snapshot.type)
        assert snapshot is not None
        half_life_over = repository.now >= snapshot.signed.expires - SNAPSHOT_EXPIRY / 2
        if repository.do_snapshot(force=half_life_over)[0]:
            renewed.append(Snapshot.type)
        repository.do_timestamp(force=True)
        repository.commit()
        removed = collect_garbage(repository)
        timestamp = repository.current(Timestamp.type)
        assert timestamp is not None
        return RefreshResult(
            timestamp_version=timestamp.signed.version,
            timestamp_expires=timestamp.signed.expires,
            snapshot_version=repository.version(Snapshot.type),
            renewed=renewed,
            warnings=warnings,
            removed_files=removed,
        )
