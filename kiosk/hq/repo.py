"""HQ's content packs as a TUF repository: the layout on disk, keys, init, publish, refresh.

Signing is python-tuf's (`tuf.api.metadata`, `tuf.repository.Repository`) with Ed25519 keys from
securesystemslib's `CryptoSigner`; nothing here hand-rolls a signature. Every file of a pack
becomes a content-addressed blob target under its scope (`national/blobs/<sha256>`,
`province/GD/blobs/<sha256>`), and each scope has one index target (`national/index.json`)
naming the published packs and their files. Scopes below national are delegated roles with
keys of their own. docs/hq-publishing.md explains the whole scheme to an operator.

Pure library code: it prints nothing (long work reports through a `Progress` callback) and
raises `RepoError` with a message written for the HQ operator for everything they can cause.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.exceptions import LengthOrHashMismatchError
from tuf.api.metadata import (
    DelegatedRole,
    Delegations,
    Metadata,
    MetaFile,
    Root,
    Signed,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization import DeserializationError
from tuf.repository import Repository

from kiosk.hq.private import locked
from kiosk.packs.model import Pack, Scope, ScopeLevel
from kiosk.packs.validate_cmd import check
from kiosk.packs.values import SCOPE_ID_RE

# How long each role's signature holds. A store's kiosk only needs fresh metadata to take new
# content (it keeps showing what it has), so the short ones bound how long a replayed old
# repository is believed and how long kiosks cope with HQ's signer being down (a long holiday
# weekend without `kiosk-hq refresh`), not how long a store may be offline.
ROOT_EXPIRY = timedelta(days=365)
TARGETS_EXPIRY = timedelta(days=365)  # top-level targets and every delegated scope role
SNAPSHOT_EXPIRY = timedelta(days=30)
TIMESTAMP_EXPIRY = timedelta(days=7)
# `refresh` names roles it cannot renew (their key is not at hand) this long before they expire.
EXPIRY_WARNING = timedelta(days=60)

INDEX_FORMAT = 1
TOP_LEVEL_ROLES = (Root.type, Targets.type, Snapshot.type, Timestamp.type)
_CHUNK = 1024 * 1024
_VERSIONED = re.compile(r"^(\d+)\.(.+)\.json$")

#: progress(done_files, total_files, done_bytes, total_bytes, relpath of the file at hand)
Progress = Callable[[int, int, int, int, str], None]


class RepoError(Exception):
    """Something the HQ operator can fix; the message says what, and how."""


class InvalidPackError(RepoError):
    """The pack failed validation; `lines` are the problems as `kiosk pack validate` shows them."""

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.lines = lines


# -- scopes and target names ---------------------------------------------------------------


def parse_scope(text: str) -> Scope:
    """`national`, `province:GD`, `city:GD-SZ` or `store:GD-SZ-0001` as a `Scope`."""
    if text == "national":
        return Scope(ScopeLevel.NATIONAL)
    level, _, ident = text.partition(":")
    if level in ("province", "city", "store") and SCOPE_ID_RE.fullmatch(ident):
        return Scope(ScopeLevel[level.upper()], ident)
    raise RepoError(
        f"'{text}' is not a scope: use national, province:ID, city:ID or store:ID "
        "(ID: letters, digits, '-' and '_')"
    )


def role_name(scope: Scope) -> str:
    """The TUF role that signs `scope`: `targets` for national, else `province-GD` and the like."""
    if scope.level is ScopeLevel.NATIONAL:
        return Targets.type
    return f"{scope.level.name.lower()}-{scope.ident}"


def target_prefix(scope: Scope) -> str:
    """Where the targets of `scope` live: `national/`, `province/GD/`, `store/GD-SZ-0001/`."""
    if scope.level is ScopeLevel.NATIONAL:
        return "national/"
    return f"{scope.level.name.lower()}/{scope.ident}/"


def index_target(scope: Scope) -> str:
    return target_prefix(scope) + "index.json"


def blob_target(scope: Scope, sha256: str) -> str:
    return f"{target_prefix(scope)}blobs/{sha256}"


def delegation_paths(scope: Scope) -> list[str]:
    """Exactly the targets of `scope`; python-tuf matches `*` within one path segment."""
    return [index_target(scope), target_prefix(scope) + "blobs/*"]


# -- layout and files ----------------------------------------------------------------------


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
            raise RepoError(
                f"{self.root} is not a kiosk-hq repository (it has no public/metadata/timestamp.json); "
                f"create one with `kiosk-hq init {self.root}`"
            )


def _write_atomic(path: Path, write: Callable[[BinaryIO], None], mode: int = 0o644) -> None:
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


def _write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    _write_atomic(path, lambda f: f.write(data), mode)


def _locked(layout: Layout) -> contextlib.AbstractContextManager[None]:
    """One writer at a time (publish, refresh, init), across processes and threads."""
    return locked(layout.lock)


def _load(path: Path) -> Metadata:
    try:
        return Metadata.from_bytes(path.read_bytes())
    except FileNotFoundError as e:
        raise RepoError(f"{path} is missing: the repository's metadata was changed by hand") from e
    except (OSError, DeserializationError) as e:
        raise RepoError(f"{path} cannot be read as TUF metadata: {e}") from e


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def lifetime(role: str) -> timedelta:
    """How long a new signature of `role` holds."""
    return {Root.type: ROOT_EXPIRY, Snapshot.type: SNAPSHOT_EXPIRY, Timestamp.type: TIMESTAMP_EXPIRY}.get(
        role, TARGETS_EXPIRY
    )


def _disk_path(layout: Layout, target: TargetFile) -> Path:
    """Where a target is stored: consistent snapshots prefix its file name with its hash."""
    return layout.targets / target.get_prefixed_paths()[0]


# -- the repository ------------------------------------------------------------------------


class KioskRepository(Repository):
    """python-tuf's `Repository` over the files of a `Layout`, at a given time.

    Edits are staged in memory (`close` signs a new version) and `commit` writes them in the
    order that keeps what is served consistent: delegated roles, targets, snapshot, and
    timestamp.json very last. Until then the served repository is unchanged.
    """

    def __init__(self, layout: Layout, now: datetime | None = None) -> None:
        self.layout = layout
        self.now = _utc(now)
        self._loaded: dict[str, Metadata | None] = {}
        self._staged: dict[str, Metadata] = {}
        self._signers: dict[str, CryptoSigner] = {}

    # -- what is there -------------------------------------------------------------------
    def current(self, role: str) -> Metadata | None:
        """The newest version of `role`, staged or served; None for a role not yet signed."""
        if role in self._staged:
            return self._staged[role]
        if role not in self._loaded:
            self._loaded[role] = self._read(role)
        return self._loaded[role]

    def _read(self, role: str) -> Metadata | None:
        folder = self.layout.metadata
        if role == Timestamp.type:
            path = folder / "timestamp.json"
            return _load(path) if path.exists() else None
        if role == Root.type:
            if not (folder / "root.json").exists():
                return None
            version = _load(folder / "root.json").signed.version
            # root.json is a convenience copy; a crash may have left it behind a newer N.root.json.
            while (folder / f"{version + 1}.root.json").exists():
                version += 1
            return _load(folder / f"{version}.root.json")
        if role == Snapshot.type:
            timestamp = self.current(Timestamp.type)
            if timestamp is None:
                return None
            return _load(folder / f"{timestamp.signed.snapshot_meta.version}.snapshot.json")
        snapshot = self.current(Snapshot.type)
        meta = snapshot.signed.meta.get(f"{role}.json") if snapshot else None
        return _load(folder / f"{meta.version}.{role}.json") if meta else None

    def version(self, role: str) -> int:
        """The newest version number of `role`, 0 before its first."""
        md = self.current(role)
        return md.signed.version if md else 0

    def delegated_roles(self) -> list[str]:
        targets = self.current(Targets.type)
        delegations = targets.signed.delegations if targets else None
        return list(delegations.roles or {}) if delegations else []

    # -- Repository ----------------------------------------------------------------------
    def open(self, role: str) -> Metadata:
        md = self.current(role)
        if md is not None:
            return copy.deepcopy(md)
        new: dict[str, type[Signed]] = {Root.type: Root, Snapshot.type: Snapshot, Timestamp.type: Timestamp}
        md = Metadata(new.get(role, Targets)())
        md.signed.version = 0  # close() makes it 1
        return md

    def close(self, role: str, md: Metadata) -> None:
        md.signed.version += 1
        md.signed.expires = self.now + lifetime(role)
        md.signatures.clear()
        md.sign(self.signer(role), append=True)
        self._verify(role, md)
        self._staged[role] = md

    @property
    def targets_infos(self) -> dict[str, MetaFile]:
        roles = (Targets.type, *self.delegated_roles())
        return {f"{role}.json": MetaFile(self.version(role)) for role in roles if self.version(role)}

    @property
    def snapshot_info(self) -> MetaFile:
        return MetaFile(self.version(Snapshot.type))

    def _verify(self, role: str, md: Metadata) -> None:
        """Double-check every new version against its delegator before it can be written."""
        if role == Root.type:
            previous = self.current(Root.type)
            ok = md.signed.get_root_verification_result(
                previous.signed if previous else None, md.signed_bytes, md.signatures
            )
        else:
            delegator = self.current(Root.type if role in TOP_LEVEL_ROLES else Targets.type)
            if delegator is None:
                raise RepoError(f"role '{role}' has no delegator yet; the repository is incomplete")
            ok = delegator.signed.get_verification_result(role, md.signed_bytes, md.signatures)
        if not ok:
            raise RepoError(
                f"{self.layout.key(role)} is not the key that role '{role}' is trusted to sign with; "
                "put the right key file back"
            )

    # -- keys ----------------------------------------------------------------------------
    def has_key(self, role: str) -> bool:
        return role in self._signers or self.layout.key(role).is_file()

    def signer(self, role: str) -> CryptoSigner:
        if role not in self._signers:
            path = self.layout.key(role)
            try:
                pem = path.read_bytes()
            except FileNotFoundError as e:
                raise RepoError(
                    f"the private key of role '{role}' is not here ({path}); "
                    "put the key file back (it may have been moved offline) and try again"
                ) from e
            try:
                self._signers[role] = CryptoSigner(load_pem_private_key(pem, password=None))
            except (ValueError, TypeError, UnsupportedAlgorithm) as e:
                raise RepoError(f"{path} is not a usable private key: {e}") from e
        return self._signers[role]

    def create_key(self, role: str) -> CryptoSigner:
        """A new Ed25519 key for `role`, saved readable by its owner only."""
        path = self.layout.key(role)
        if path.exists():
            raise RepoError(f"{path} already exists; refusing to replace a private key")
        if not self.layout.keys.exists():
            self.layout.keys.mkdir(mode=0o700)
        signer = CryptoSigner.generate_ed25519()
        _write_bytes(path, signer.private_bytes, mode=0o600)
        self._signers[role] = signer
        return signer

    # -- scopes --------------------------------------------------------------------------
    def ensure_delegation(self, scope: Scope) -> bool:
        """Delegate `scope` from top-level targets with a key of its own; True if newly made."""
        role = role_name(scope)
        if role == Targets.type or role in self.delegated_roles():
            return False
        # A key left by a publish that crashed before its metadata was written is reused.
        signer = self.signer(role) if self.layout.key(role).is_file() else self.create_key(role)
        with self.edit_targets() as targets:
            if targets.delegations is None:
                targets.delegations = Delegations(keys={}, roles={})
            assert targets.delegations.roles is not None  # we never use succinct hash bins
            targets.delegations.roles[role] = DelegatedRole(role, [], 1, True, delegation_paths(scope))
            targets.add_key(signer.public_key, role)
        return True

    def read_index(self, scope: Scope) -> dict[str, Any]:
        """The published index of `scope` (an empty one before its first publish)."""
        md = self.current(role_name(scope))
        target = md.signed.targets.get(index_target(scope)) if md else None
        if target is None:
            return {"format": INDEX_FORMAT, "scope": str(scope), "packs": {}}
        path = _disk_path(self.layout, target)
        try:
            data = path.read_bytes()
            target.verify_length_and_hashes(data)
        except FileNotFoundError as e:
            raise RepoError(f"{path}, the published index of {scope}, is missing") from e
        except LengthOrHashMismatchError as e:
            raise RepoError(f"{path} does not match its signed hash: it was changed on disk") from e
        return json.loads(data)

    # -- writing -------------------------------------------------------------------------
    def commit(self) -> None:
        """Write every staged version; timestamp.json last, so it never names missing files."""
        delegated = sorted(r for r in self._staged if r not in TOP_LEVEL_ROLES)
        order = [Root.type, *delegated, Targets.type, Snapshot.type, Timestamp.type]
        for role in order:
            md = self._staged.pop(role, None)
            if md is None:
                continue
            data = md.to_bytes()
            if role == Timestamp.type:
                _write_bytes(self.layout.metadata / "timestamp.json", data)
            else:
                _write_bytes(self.layout.metadata / f"{md.signed.version}.{role}.json", data)
            if role == Root.type:
                _write_bytes(self.layout.metadata / "root.json", data)
            self._loaded[role] = md

    def collect_garbage(self) -> int:
        """Delete what nothing kept refers to; the number of files deleted.

        Kept: every root; the current snapshot and the one before it (a kiosk that read
        timestamp.json just before a publish can still finish its update) with the role
        versions and indexes they name; blobs only of the current role versions, which list the
        current and previous version of every pack.
        """
        snapshot = self.current(Snapshot.type)
        assert snapshot is not None
        keep_meta = {"root.json", "timestamp.json"}
        keep_targets: set[str] = set()
        for version in (snapshot.signed.version, snapshot.signed.version - 1):
            path = self.layout.metadata / f"{version}.snapshot.json"
            if version < 1 or not path.exists():
                continue
            keep_meta.add(path.name)
            is_current = version == snapshot.signed.version
            snap = snapshot if is_current else _load(path)
            for name, meta in snap.signed.meta.items():
                role_file = self.layout.metadata / f"{meta.version}.{name}"
                if not role_file.exists():
                    continue
                keep_meta.add(role_file.name)
                role = self.current(name.removesuffix(".json"))
                if role is None or role.signed.version != meta.version:
                    role = _load(role_file)
                for path_, target in role.signed.targets.items():
                    if is_current or "/blobs/" not in path_:
                        keep_targets.update(target.get_prefixed_paths())
        removed = 0
        for entry in self.layout.metadata.iterdir():
            m = _VERSIONED.match(entry.name)
            if m and m.group(2) != Root.type and entry.name not in keep_meta:
                entry.unlink()
                removed += 1
        for folder, dirs, files in os.walk(self.layout.targets, topdown=False):
            rel = Path(folder).relative_to(self.layout.targets)
            for name in files:
                if (rel / name).as_posix() not in keep_targets:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
            for name in dirs:
                with contextlib.suppress(OSError):  # not empty: still in use
                    os.rmdir(os.path.join(folder, name))
        return removed


# -- init ----------------------------------------------------------------------------------


def init(repo: Path, now: datetime | None = None) -> Path:
    """Create a new repository in `repo` (empty or missing); the trusted root file for kiosks."""
    layout = Layout(repo)
    if layout.public.exists() or layout.keys.exists():
        raise RepoError(
            f"{repo} already holds a repository (public/ or keys/ is there); nothing was changed. "
            "Choose an empty folder for a new one"
        )
    repo.mkdir(parents=True, exist_ok=True)
    try:
        layout.keys.mkdir(mode=0o700)
    except FileExistsError as e:
        raise RepoError(f"{repo} is being set up by someone else at this moment") from e
    os.chmod(layout.keys, 0o700)  # whatever the umask
    layout.metadata.mkdir(parents=True)
    layout.targets.mkdir()
    with _locked(layout):
        store = KioskRepository(layout, now)
        with store.edit_root() as root:
            for role in TOP_LEVEL_ROLES:
                root.add_key(store.create_key(role).public_key, role)
            root.consistent_snapshot = True
        # Version 1 of each: a new Snapshot names targets v1, a new Timestamp snapshot v1.
        for role in (Targets.type, Snapshot.type, Timestamp.type):
            with store.edit(role):
                pass
        store.commit()
    return layout.trusted_root


# -- publish -------------------------------------------------------------------------------


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


def check_pack(
    pack_dir: Path, bases: Sequence[Path] = (), check_media: bool = True
) -> tuple[Pack, list[str]]:
    """The pack, validated as `kiosk pack validate` does (on top of `bases`), and its warnings.

    Raises InvalidPackError whose `lines` are the ones `kiosk pack validate` prints.
    """
    checked = check(pack_dir, tuple(bases), check_media)
    if checked.pack is None:
        raise InvalidPackError(f"{pack_dir}: {checked.failure}; not published", checked.lines)
    return checked.pack, checked.lines


@dataclass(frozen=True)
class _PackFile:
    relpath: str
    path: Path
    size: int


def _pack_files(pack_dir: Path) -> list[_PackFile]:
    """Every file of the pack by its path inside it, names starting with '.' left out."""
    root = pack_dir.resolve()
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                raise RepoError(f"{Path(folder) / name} is a link to a folder; put the real folder there")
        for name in sorted(n for n in names if not n.startswith(".")):
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise RepoError(f"{path} is a link out of the pack; put the real file there")
            files.append(_PackFile(path.relative_to(root).as_posix(), path, path.stat().st_size))
    return files


def _store_blobs(
    layout: Layout, scope: Scope, files: list[_PackFile], progress: Progress
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
        dest = _disk_path(layout, target)
        # Content-addressed: a blob already there is the same file, unless cut short by hand.
        if not (dest.is_file() and dest.stat().st_size == length):
            _write_atomic(dest, lambda out, f=f, target=target: _copy_checked(f, target, out))
            new_files += 1
            new_bytes += length
        entries[f.relpath] = {"sha256": sha, "length": length}
        progress(i + 1, len(files), done_bytes, total_bytes, f.relpath)
    return entries, new_files, new_bytes


def _copy_checked(f: _PackFile, target: TargetFile, out: BinaryIO) -> None:
    """Copy a pack file into its blob, refusing one that changed since it was hashed."""
    digest = hashlib.sha256()
    with f.path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != target.hashes["sha256"]:
        raise RepoError(f"{f.path} changed while it was being published; publish again when it is saved")


def _role_targets(scope: Scope, index: dict[str, Any], index_file: TargetFile) -> dict[str, TargetFile]:
    """The whole target list of a scope's role: its index and the blobs of every listed version."""
    targets = {index_file.path: index_file}
    for entry in index["packs"].values():
        for listed in (entry, entry.get("previous")):
            for info in (listed or {}).get("files", {}).values():
                path = blob_target(scope, info["sha256"])
                targets[path] = TargetFile(info["length"], {"sha256": info["sha256"]}, path)
    return targets


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
    pack, warnings = check_pack(pack_dir, bases, check_media)
    if pack.scope != scope:
        raise RepoError(
            f"{pack_dir / 'pack.json'} declares scope {pack.scope}, but --scope says {scope}; "
            "publish it to the scope it declares, or correct pack.json"
        )
    files = _pack_files(pack_dir)
    role = role_name(scope)
    with _locked(layout):
        store = KioskRepository(layout, now)
        _check_keys(store, scope)
        index = store.read_index(scope)
        old = index["packs"].get(pack.id)
        if old and pack.version < old["version"]:
            raise RepoError(
                f"pack '{pack.id}' version {pack.version} is older than the published version "
                f'{old["version"]}; raise "version" in pack.json above {old["version"]}'
            )
        entries, new_files, new_bytes = _store_blobs(layout, scope, files, progress or _quiet)

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
            snapshot_version=store.version(Snapshot.type),
            timestamp_version=store.version(Timestamp.type),
            warnings=warnings,
        )
        if old and old["version"] == pack.version:
            if old["files"] == entries:
                return outcome
            raise RepoError(
                f"pack '{pack.id}' version {pack.version} is already published with other content; "
                f'raise "version" in {pack_dir / "pack.json"} to {pack.version + 1} to publish this'
            )
        entry: dict[str, Any] = {"version": pack.version, "files": entries}
        if old:
            entry["previous"] = {"version": old["version"], "files": old["files"]}
        index["packs"][pack.id] = entry
        data = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        index_file = TargetFile.from_data(index_target(scope), data)
        _write_bytes(_disk_path(layout, index_file), data)

        new_role = store.ensure_delegation(scope)
        with store.edit_targets(role) as targets:
            targets.targets = _role_targets(scope, index, index_file)
        store.do_snapshot()
        store.do_timestamp()
        store.commit()
        return dataclasses.replace(
            outcome,
            changed=True,
            snapshot_version=store.version(Snapshot.type),
            timestamp_version=store.version(Timestamp.type),
            removed_files=store.collect_garbage(),
            new_role=new_role,
        )


def _check_keys(store: KioskRepository, scope: Scope) -> None:
    """Fail before anything is written when a key the publish will sign with is not here."""
    role = role_name(scope)
    if role != Targets.type and role not in store.delegated_roles():
        role = Targets.type  # to delegate the new scope; the scope's own key is made then
    for r in (role, Snapshot.type, Timestamp.type):
        store.signer(r)


def _quiet(done_files: int, total_files: int, done_bytes: int, total_bytes: int, relpath: str) -> None:
    pass


def read_index(repo: Path, scope: Scope | str) -> dict[str, Any]:
    """The published index of `scope`, as kiosks get it through TUF."""
    layout = Layout(repo)
    layout.require()
    return KioskRepository(layout).read_index(parse_scope(scope) if isinstance(scope, str) else scope)


# -- refresh -------------------------------------------------------------------------------


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
    with _locked(layout):
        store = KioskRepository(layout, now)
        renewed: list[str] = []
        warnings: list[str] = []
        for role in (Root.type, Targets.type, *store.delegated_roles()):
            md = store.current(role)
            if md is None:
                continue
            expires = md.signed.expires
            if store.now < expires - lifetime(role) / 2:
                continue
            if store.has_key(role):
                with store.edit(role):
                    pass
                renewed.append(role)
            elif expires - store.now < EXPIRY_WARNING:
                left = "has expired" if expires <= store.now else f"expires on {expires:%Y-%m-%d %H:%M} UTC"
                warnings.append(
                    f"role '{role}' {left} and its key is not here to renew it: put "
                    f"{layout.key(role)} back and run `kiosk-hq refresh --repo {repo}` "
                    "(then take the key away again)"
                )
        snapshot = store.current(Snapshot.type)
        assert snapshot is not None
        half_life_over = store.now >= snapshot.signed.expires - SNAPSHOT_EXPIRY / 2
        if store.do_snapshot(force=half_life_over)[0]:
            renewed.append(Snapshot.type)
        store.do_timestamp(force=True)
        store.commit()
        removed = store.collect_garbage()
        timestamp = store.current(Timestamp.type)
        assert timestamp is not None
        return RefreshResult(
            timestamp_version=timestamp.signed.version,
            timestamp_expires=timestamp.signed.expires,
            snapshot_version=store.version(Snapshot.type),
            renewed=renewed,
            warnings=warnings,
            removed_files=removed,
        )
