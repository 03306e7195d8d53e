"""Where packs live among HQ's TUF targets, and the index that lists them: the names HQ
publishes under and a kiosk asks for (docs/hq-publishing.md, "Target names and the index").

Shared by both sides, so it imports neither: HQ's repository (`kiosk.hq.repository`) writes
these names and indexes; the kiosk's sync (`kiosk.sync`) reads them. An index comes from
the network: `read_index` believes nothing it has not checked, even though TUF already
vouched for its bytes (a bug or a compromised key at HQ must not crash a kiosk).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from kiosk.errors import KioskError
from kiosk.packs.model import Scope, ScopeLevel

INDEX_FORMAT = 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
#: A pack's file paths: relative, `/`-separated, no `..`, no hidden files (HQ leaves those out).
_FILE_PATH = re.compile(r"^(?!.*(?:^|/)\.)(?!/)[^\\\x00]{1,400}$")


class BadIndexError(KioskError):
    """An index that is not what HQ's publisher writes; the message says where."""


def role_name(scope: Scope) -> str:
    """The TUF role that signs `scope`: `targets` for national, else `province-GD` and the like."""
    if scope.level is ScopeLevel.NATIONAL:
        return "targets"
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


def roster_target(store: str) -> str:
    """The store's staff roster (kiosk.domain.staff), signed by the store's role."""
    return f"store/{store}/roster.json"


@dataclass(frozen=True, slots=True)
class PackFile:
    """One file of a published pack: its path in the pack folder, and its content's hash."""

    path: str
    sha256: str
    length: int


@dataclass(frozen=True, slots=True)
class PublishedPack:
    """A pack as its scope's index lists it (the current version; `previous` is not used
    by kiosks, which roll back to what they already hold)."""

    id: str
    scope: Scope
    version: int
    files: tuple[PackFile, ...]

    @property
    def length(self) -> int:
        return sum(f.length for f in self.files)


def read_index(data: bytes, scope: Scope) -> list[PublishedPack]:
    """The packs `data` (a scope's index.json) lists, by id; BadIndexError naming what is wrong."""
    where = index_target(scope)
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise BadIndexError(f"{where}: not UTF-8 JSON: {e}") from None
    if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
        raise BadIndexError(f"{where}: not an index of format {INDEX_FORMAT}")
    if raw.get("scope") != str(scope):
        raise BadIndexError(f"{where}: lists the scope {raw.get('scope')!r}, not {scope}")
    packs = raw.get("packs")
    if not isinstance(packs, dict):
        raise BadIndexError(f"{where}: packs: must be an object")
    return [_pack(where, scope, pid, entry) for pid, entry in sorted(packs.items())]


def _pack(where: str, scope: Scope, pid: Any, entry: Any) -> PublishedPack:
    at = f"{where}: packs.{pid}"
    if not isinstance(pid, str) or not _PACK_ID.match(pid):
        raise BadIndexError(f"{at}: not a pack id")
    if not isinstance(entry, dict):
        raise BadIndexError(f"{at}: must be an object")
    version = entry.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version < 2**31:
        raise BadIndexError(f"{at}.version: must be a whole number from 1")
    files = entry.get("files")
    if not isinstance(files, dict) or "pack.json" not in files:
        raise BadIndexError(f"{at}.files: must be an object naming pack.json and the pack's other files")
    listed = []
    for path, f in sorted(files.items()):
        if not isinstance(path, str) or not _FILE_PATH.match(path) or ".." in path.split("/"):
            raise BadIndexError(f"{at}.files: {path!r} is not a path inside a pack")
        if not isinstance(f, dict) or not isinstance(f.get("sha256"), str) or not _SHA256.match(f["sha256"]):
            raise BadIndexError(f"{at}.files.{path}.sha256: must be 64 lowercase hex digits")
        length = f.get("length")
        if not isinstance(length, int) or isinstance(length, bool) or not 0 <= length < 2**40:
            raise BadIndexError(f"{at}.files.{path}.length: must be a size in bytes")
        listed.append(PackFile(path, f["sha256"], length))
    return PublishedPack(pid, scope, version, tuple(listed))
