"""The store's staff roster at the kiosk: fetched from HQ's TUF repository in each sync
round, verified, and installed at `DATA/staff/roster.json` (docs/staff.md, "Roster").

The roster is a signed target of the store's own role (`store/<ID>/roster.json`), fetched
through python-tuf's client in the same refresh as the content: a tampered, replayed or
expired roster is refused like a tampered pack and the roster installed before stays.
Beyond TUF, the roster must be this kiosk's store's and no older than the one installed
(a compromised store key must not hand back a PIN that was reset). It is installed whole
(0600, fsync, rename, fsync of the folder), so a power cut leaves the old roster or the
new one; an unchanged roster (most rounds) is not fetched again.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tuf.api import exceptions
from tuf.ngclient import Updater

from kiosk.datadir import write_durably
from kiosk.domain.staff import MAX_ROSTER_BYTES, Roster, RosterError, parse_roster
from kiosk.packs.targets import roster_target
from kiosk.sync.errors import SyncError, UntrustedError
from kiosk.sync.tufsteps import T, trusting

log = logging.getLogger(__name__)

#: Where the verified roster lives, in the data folder.
ROSTER_FILE = Path("staff") / "roster.json"


def roster_path(data_dir: Path) -> Path:
    return data_dir / ROSTER_FILE


def installed_roster(data_dir: Path) -> Roster | None:
    """The roster this kiosk holds, as verified when it was installed; None when it holds
    none (not enrolled, HQ has published none for the store) or the file cannot be read."""
    path = roster_path(data_dir)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_ROSTER_BYTES + 1)
    except OSError:
        return None
    try:
        return parse_roster(data)
    except RosterError as e:
        log.warning("the installed staff roster %s cannot be read: %s", path, e)
        return None


@dataclass
class RosterOutcome:
    """What a round did with the roster: the one installed now, whether it changed, and why
    a roster HQ published was not installed (None when nothing went wrong)."""

    roster: Roster | None = None
    changed: bool = False
    downloaded_bytes: int = 0
    error: str | None = None


def sync_roster(updater: Updater, data_dir: Path, store: str) -> RosterOutcome:
    """Fetch and install the store's roster with an updater that has just refreshed; any
    failure is kept in the outcome (the roster installed before stays)."""
    outcome = RosterOutcome(roster=installed_roster(data_dir))
    try:
        _sync(updater, data_dir, store, outcome)
    except SyncError as e:
        outcome.error = str(e)
    return outcome


def _sync(updater: Updater, data_dir: Path, store: str, outcome: RosterOutcome) -> None:
    target = roster_target(store)
    info = _trusting(lambda: updater.get_targetinfo(target))
    if info is None:
        return  # HQ has published no roster for this store
    path = roster_path(data_dir)
    try:
        with path.open("rb") as f:
            info.verify_length_and_hashes(f)
        return  # the signed roster is the one installed
    except (OSError, exceptions.LengthOrHashMismatchError):
        pass
    if info.length > MAX_ROSTER_BYTES:
        raise UntrustedError(f"{target}: signed as {info.length} bytes, more than a roster may be; refused")
    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".download-")
    os.close(fd)
    try:
        _trusting(lambda: updater.download_target(info, filepath=tmp))
        data = Path(tmp).read_bytes()
    finally:
        Path(tmp).unlink(missing_ok=True)
    outcome.downloaded_bytes = len(data)
    try:
        roster = parse_roster(data)
    except RosterError as e:
        raise UntrustedError(
            f"{target}: signed by HQ but not a roster the kiosk can use ({e}); refused"
        ) from None
    if roster.store != store:
        raise UntrustedError(
            f"{target}: the roster of store {roster.store}, not of this kiosk's {store}; refused"
        )
    held = outcome.roster
    if held is not None and roster.version <= held.version:
        raise UntrustedError(
            f"{target}: version {roster.version} is not newer than the installed "
            f"version {held.version}; refused"
        )
    try:
        write_durably(path, data)
    except OSError as e:
        raise SyncError(f"the staff roster cannot be installed at {path}: {e}") from None
    outcome.roster = roster
    outcome.changed = True
    log.info(
        "staff roster of store %s version %d installed: %d active", store, roster.version, roster.active_count
    )


def _trusting(step: Callable[[], T]) -> T:
    return trusting(step, "HQ's staff roster")
