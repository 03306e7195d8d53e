"""Publishing a pack: validated as `kiosk pack validate` does, its files stored as blobs,
its scope's index and role signed anew, then snapshot and timestamp."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tuf.api.metadata import Snapshot, TargetFile, Targets, Timestamp

from kiosk.hq.repository.blobs import Progress, add_blobs, pack_files, role_targets
from kiosk.hq.repository.errors import InvalidPackError, RepositoryError
from kiosk.hq.repository.garbage import collect_garbage
from kiosk.hq.repository.layout import Layout, one_writer, write_bytes
from kiosk.hq.repository.metadata import KioskRepository, disk_path
from kiosk.hq.repository.names import index_target, parse_scope, role_name
from kiosk.packs.model import Pack, Scope
from kiosk.packs.validate_cmd import check


@dataclass(frozen=True)
class PublishResult:
    """What a publish did, for the operator."""

    pack_id: str
    version: int
    scope: str
    role: str
    changed: bool
    files: int
    total_bytes: int
    new_files: int
    new_bytes: int
    index_target: str
    snapshot_version: int
    timestamp_version: int
    removed_files: int = 0
    new_role: bool = False
    warnings: list[str] = field(default_factory=list)


def _check_pack(
    pack_dir: Path, bases: Sequence[Path] = (), check_media: bool = True
) -> tuple[Pack, list[str]]:
    """The pack, validated as `kiosk pack validate` does (on top of `bases`), and its warnings.

    Raises InvalidPackError whose `problems` are the ones `kiosk pack validate` prints.
    """
    checked = check(pack_dir, tuple(bases), check_media)
    if checked.pack is None:
        raise InvalidPackError(f"{pack_dir}: {checked.failure}; not published", checked.lines)
    return checked.pack, checked.lines


def publish(
    repo: Path,
    pack_dir: Path,
    scope: Scope | str,
    *,
    bases: Sequence[Path] = (),
    check_media: bool = True,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> PublishResult:
    """Validate the pack at `pack_dir`, sign it for `scope` and publish it.

    Publishing the same content again changes nothing (`changed` is False). A new version
    replaces the pack in its scope's index, which keeps the version before it too.
    """
    layout = Layout(repo)
    layout.require()
    if isinstance(scope, str):
        scope = parse_scope(scope)
    pack, warnings = _check_pack(pack_dir, bases, check_media)
    if pack.scope != scope:
        raise RepositoryError(
            f"{pack_dir / 'pack.json'} declares scope {pack.scope}, but --scope says {scope}; "
            "publish it to the scope it declares, or correct pack.json"
        )
    files = pack_files(pack_dir)
    role = role_name(scope)
    with one_writer(layout):
        repository = KioskRepository(layout, now)
        _check_keys(repository, scope)
        index = repository.read_index(scope)
        old = index["packs"].get(pack.id)
        if old and pack.version < old["version"]:
            raise RepositoryError(
                f"pack '{pack.id}' version {pack.version} is older than the published version "
                f'{old["version"]}; raise "version" in pack.json above {old["version"]}'
            )
        entries, new_files, new_bytes = add_blobs(layout, scope, files, progress or _quiet)

        outcome = PublishResult(
            pack_id=pack.id,
            version=pack.version,
            scope=str(scope),
            role=role,
            changed=False,
            files=len(files),
            total_bytes=sum(f.size for f in files),
            new_files=new_files,
            new_bytes=new_bytes,
            index_target=index_target(scope),
            snapshot_version=repository.version(Snapshot.type),
            timestamp_version=repository.version(Timestamp.type),
            warnings=warnings,
        )
        if old and old["version"] == pack.version:
            if old["files"] == entries:
                return outcome
            raise RepositoryError(
                f"pack '{pack.id}' version {pack.version} is already published with other content; "
                f'raise "version" in {pack_dir / "pack.json"} to {pack.version + 1} to publish this'
            )
        entry: dict[str, Any] = {"version": pack.version, "files": entries}
        if old:
            entry["previous"] = {"version": old["version"], "files": old["files"]}
        index["packs"][pack.id] = entry
        data = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        index_file = TargetFile.from_data(index_target(scope), data)
        write_bytes(disk_path(layout, index_file), data)

        new_role = repository.ensure_delegation(scope)
        with repository.edit_targets(role) as targets:
            # What the role signs besides packs (a store's staff roster) stays signed.
            kept = {p: t for p, t in targets.targets.items() if p != index_file.path and "/blobs/" not in p}
            targets.targets = role_targets(scope, index, index_file) | kept
        repository.do_snapshot()
        repository.do_timestamp()
        repository.commit()
        return dataclasses.replace(
            outcome,
            changed=True,
            snapshot_version=repository.version(Snapshot.type),
            timestamp_version=repository.version(Timestamp.type),
            removed_files=collect_garbage(repository),
            new_role=new_role,
        )


def _check_keys(repository: KioskRepository, scope: Scope) -> None:
    """Fail before anything is written when a key the publish will sign with is not here."""
    role = role_name(scope)
    if role != Targets.type and role not in repository.delegated_roles():
        role = Targets.type  # to delegate the new scope; the scope's own key is made then
    for r in (role, Snapshot.type, Timestamp.type):
        repository.signer(r)


def _quiet(done_files: int, total_files: int, done_bytes: int, total_bytes: int, relpath: str) -> None:
    pass
