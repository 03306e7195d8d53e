"""Publishing a store's staff roster: `store/<ID>/roster.json`, one target signed by the
store's own role (`store-<ID>`, made with its key and delegation on the store's first
publish, as `publish` makes it for a pack), then snapshot and timestamp.

The roster's version is the published one plus one, decided under the writers' lock, so
two changes published at once get two versions and the later one wins on every kiosk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tuf.api.exceptions import LengthOrHashMismatchError
from tuf.api.metadata import Snapshot, TargetFile, Targets, Timestamp

from kiosk.domain.staff import (
    DEFAULT_POINTS,
    Points,
    Roster,
    RosterError,
    StaffMember,
    parse_roster,
    roster_json,
)
from kiosk.hq.repository.errors import RepositoryError
from kiosk.hq.repository.garbage import collect_garbage
from kiosk.hq.repository.layout import Layout, one_writer, write_bytes
from kiosk.hq.repository.metadata import KioskRepository, disk_path
from kiosk.hq.repository.names import role_name, roster_target
from kiosk.packs.model import Scope, ScopeLevel


@dataclass(frozen=True)
class RosterPublished:
    store: str
    version: int
    #: Active members, and all listed (disabled ones too).
    active: int
    members: int
    target: str
    role: str
    new_role: bool


def publish_roster(
    repo: Path,
    store: str,
    members: Sequence[StaffMember] | Callable[[], Sequence[StaffMember]],
    *,
    points: Points = DEFAULT_POINTS,
    now: datetime | None = None,
) -> RosterPublished:
    """Sign `members` as the roster of `store` and publish it; RepositoryError when the
    repository or a key it needs is not there (nothing is written then). Given as a
    callable, the members are read under the writers' lock: of two changes published at
    once, the later version then holds both."""
    layout = Layout(repo)
    layout.require()
    scope = Scope(ScopeLevel.STORE, store)
    role = role_name(scope)
    target_path = roster_target(store)
    with one_writer(layout):
        repository = KioskRepository(layout, now)
        _check_keys(repository, scope)
        published = published_roster(repository, store)
        roster = Roster(
            store=store,
            version=(published.version if published else 0) + 1,
            issued_at=repository.now.astimezone(UTC).isoformat(timespec="seconds"),
            members=tuple(sorted(members() if callable(members) else members, key=lambda m: m.number)),
            points=points,
        )
        data = roster_json(roster)
        target = TargetFile.from_data(target_path, data)
        write_bytes(disk_path(layout, target), data)
        new_role = repository.ensure_delegation(scope)
        repository.ensure_paths(scope)
        with repository.edit_targets(role) as targets:
            targets.targets[target_path] = target
        repository.do_snapshot()
        repository.do_timestamp()
        repository.commit()
        collect_garbage(repository)
    return RosterPublished(
        store=store,
        version=roster.version,
        active=roster.active_count,
        members=len(roster.members),
        target=target_path,
        role=role,
        new_role=new_role,
    )


def check_roster_keys(repo: Path, store: str) -> None:
    """RepositoryError unless a roster of `store` could be published now (the repository
    and every key it takes are there); nothing is written."""
    layout = Layout(repo)
    layout.require()
    _check_keys(KioskRepository(layout), Scope(ScopeLevel.STORE, store))


def _check_keys(repository: KioskRepository, scope: Scope) -> None:
    """Load every key the roster's publication signs with. The targets key only to delegate
    a new store, or to widen the delegation of a store published before rosters were."""
    role = role_name(scope)
    delegated = role in repository.delegated_roles()
    needed = [role] if delegated else [Targets.type]
    if delegated and _needs_widening(repository, scope):
        needed.append(Targets.type)
    for r in (*needed, Snapshot.type, Timestamp.type):
        repository.signer(r)


def published_roster(repository: KioskRepository, store: str) -> Roster | None:
    """The roster of `store` as now published (None before its first)."""
    scope = Scope(ScopeLevel.STORE, store)
    md = repository.current(role_name(scope))
    target = md.signed.targets.get(roster_target(store)) if md else None
    if target is None:
        return None
    path = disk_path(repository.layout, target)
    try:
        data = path.read_bytes()
        target.verify_length_and_hashes(data)
        return parse_roster(data)
    except FileNotFoundError as e:
        raise RepositoryError(f"{path}, the published roster of store {store}, is missing") from e
    except LengthOrHashMismatchError as e:
        raise RepositoryError(f"{path} does not match its signed hash: it was changed on disk") from e
    except RosterError as e:
        raise RepositoryError(f"{path}, the published roster of store {store}, cannot be read: {e}") from e


def _needs_widening(repository: KioskRepository, scope: Scope) -> bool:
    targets = repository.current(Targets.type)
    delegations = targets.signed.delegations if targets else None
    delegated = (delegations.roles or {}).get(role_name(scope)) if delegations else None
    return delegated is not None and roster_target(scope.ident) not in (delegated.paths or [])
