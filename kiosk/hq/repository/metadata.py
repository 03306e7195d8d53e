"""The repository's signed metadata: python-tuf's `Repository` over the files of a `Layout`.

Signing is python-tuf's (`tuf.api.metadata`, `tuf.repository.Repository`) with Ed25519 keys
from securesystemslib's `CryptoSigner`; nothing here hand-rolls a signature. Each role's
signature holds for its own lifetime (`lifetime`); scopes below national are roles
delegated from top-level targets, with keys of their own.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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

from kiosk.hq.repository.errors import RepositoryError
from kiosk.hq.repository.layout import Layout, write_bytes
from kiosk.hq.repository.names import delegation_paths, index_target, role_name
from kiosk.packs.model import Scope

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


def load(path: Path) -> Metadata:
    try:
        return Metadata.from_bytes(path.read_bytes())
    except FileNotFoundError as e:
        raise RepositoryError(f"{path} is missing: the repository's metadata was changed by hand") from e
    except (OSError, DeserializationError) as e:
        raise RepositoryError(f"{path} cannot be read as TUF metadata: {e}") from e


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def lifetime(role: str) -> timedelta:
    """How long a new signature of `role` holds."""
    return {Root.type: ROOT_EXPIRY, Snapshot.type: SNAPSHOT_EXPIRY, Timestamp.type: TIMESTAMP_EXPIRY}.get(
        role, TARGETS_EXPIRY
    )


def disk_path(layout: Layout, target: TargetFile) -> Path:
    """Where a target is stored: consistent snapshots prefix its file name with its hash."""
    return layout.targets / target.get_prefixed_paths()[0]


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
            return load(path) if path.exists() else None
        if role == Root.type:
            if not (folder / "root.json").exists():
                return None
            version = load(folder / "root.json").signed.version
            # root.json is a convenience copy; a crash may have left it behind a newer N.root.json.
            while (folder / f"{version + 1}.root.json").exists():
                version += 1
            return load(folder / f"{version}.root.json")
        if role == Snapshot.type:
            timestamp = self.current(Timestamp.type)
            if timestamp is None:
                return None
            return load(folder / f"{timestamp.signed.snapshot_meta.version}.snapshot.json")
        snapshot = self.current(Snapshot.type)
        meta = snapshot.signed.meta.get(f"{role}.json") if snapshot else None
        return load(folder / f"{meta.version}.{role}.json") if meta else None

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
                raise RepositoryError(f"role '{role}' has no delegator yet; the repository is incomplete")
            ok = delegator.signed.get_verification_result(role, md.signed_bytes, md.signatures)
        if not ok:
            raise RepositoryError(
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
                raise RepositoryError(
                    f"the private key of role '{role}' is not here ({path}); "
                    "put the key file back (it may have been moved offline) and try again"
                ) from e
            try:
                self._signers[role] = CryptoSigner(load_pem_private_key(pem, password=None))
            except (ValueError, TypeError, UnsupportedAlgorithm) as e:
                raise RepositoryError(f"{path} is not a usable private key: {e}") from e
        return self._signers[role]

    def create_key(self, role: str) -> CryptoSigner:
        """A new Ed25519 key for `role`, saved readable by its owner only."""
        path = self.layout.key(role)
        if path.exists():
            raise RepositoryError(f"{path} already exists; refusing to replace a private key")
        if not self.layout.keys.exists():
            self.layout.keys.mkdir(mode=0o700)
        signer = CryptoSigner.generate_ed25519()
        write_bytes(path, signer.private_bytes, mode=0o600)
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

    def ensure_paths(self, scope: Scope) -> bool:
        """Widen the delegation of `scope` to every path it signs now (a store's role signed
        only packs before it signed the staff roster too); True if it had to be widened."""
        role = role_name(scope)
        targets = self.current(Targets.type)
        delegations = targets.signed.delegations if targets else None
        delegated = (delegations.roles or {}).get(role) if delegations else None
        wanted = delegation_paths(scope)
        if delegated is None or all(p in (delegated.paths or []) for p in wanted):
            return False
        with self.edit_targets() as edited:
            assert edited.delegations is not None and edited.delegations.roles is not None
            edited.delegations.roles[role].paths = [
                *(edited.delegations.roles[role].paths or []),
                *(p for p in wanted if p not in (delegated.paths or [])),
            ]
        return True

    def read_index(self, scope: Scope) -> dict[str, Any]:
        """The published index of `scope` (an empty one before its first publish)."""
        md = self.current(role_name(scope))
        target = md.signed.targets.get(index_target(scope)) if md else None
        if target is None:
            return {"format": INDEX_FORMAT, "scope": str(scope), "packs": {}}
        path = disk_path(self.layout, target)
        try:
            data = path.read_bytes()
            target.verify_length_and_hashes(data)
        except FileNotFoundError as e:
            raise RepositoryError(f"{path}, the published index of {scope}, is missing") from e
        except LengthOrHashMismatchError as e:
            raise RepositoryError(f"{path} does not match its signed hash: it was changed on disk") from e
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
                write_bytes(self.layout.metadata / "timestamp.json", data)
            else:
                write_bytes(self.layout.metadata / f"{md.signed.version}.{role}.json", data)
            if role == Root.type:
                write_bytes(self.layout.metadata / "root.json", data)
            self._loaded[role] = md
