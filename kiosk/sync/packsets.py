"""The pack sets a kiosk holds on disk, and which one it shows.

```
DATA/content/
├── blobs/<sha256>        every file of every pack, once, named by its content's hash
├── partial/<name>        downloads under way (kiosk.sync.fetcher resumes them)
├── indexes/<sha256>.json the scopes' indexes last fetched (an unchanged one is not fetched again)
├── sets/<name>/          one complete pack set: <pack id>/<files>, hard links to blobs/,
│   └── SET.json          what it holds; written last: a set without it is unfinished
└── active.json           {"current": NAME, "previous": NAME}: the one switch
```

A new set is built beside the others, made durable (its files were fsync'd when they
arrived, its folders and SET.json are fsync'd), validated by the caller, and only then made
current by rewriting `active.json` (write, fsync, rename, fsync the folder). A power cut at
any instant leaves the old pointer or the new one, each naming a complete set, never a mix.
The set shown before stays as `previous`, for `kiosk rollback` and for the automatic
fallback when the current set fails to load; `collect` removes every other set and every
blob no kept set uses, but never a set a running kiosk holds (`hold`: a shared lock on its
SET.json).

Light on purpose (standard library only): the kiosk reads the pointer while it starts.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from kiosk.datadir import sync_folder, write_durably
from kiosk.errors import KioskError

SET_FILE = "SET.json"
POINTER_FILE = "active.json"
#: Blobs found not to match their hash (by `kiosk doctor` or the check at start), to fetch again.
DAMAGED_FILE = "damaged.json"
SET_FORMAT = 1


class PackSetError(KioskError):
    """A pack set that cannot be used or switched to; the message says which and why."""


@dataclass(frozen=True)
class SetFile:
    path: str
    sha256: str
    length: int


@dataclass(frozen=True)
class SetPack:
    """One pack of a set: what HQ published, and until when the role that signed it is valid."""

    id: str
    scope: str
    version: int
    files: tuple[SetFile, ...]
    signed_until: str | None = None

    def key(self) -> tuple[Any, ...]:
        return (self.id, self.scope, self.version, tuple((f.path, f.sha256) for f in self.files))


@dataclass(frozen=True)
class PackSet:
    name: str
    made_at: str
    packs: tuple[SetPack, ...]

    def same_content(self, packs: list[SetPack] | tuple[SetPack, ...]) -> bool:
        return sorted(p.key() for p in self.packs) == sorted(p.key() for p in packs)

    @property
    def blobs(self) -> set[str]:
        return {f.sha256 for p in self.packs for f in p.files}

    @property
    def length(self) -> int:
        return sum(f.length for p in self.packs for f in p.files)


@dataclass(frozen=True)
class Pointer:
    current: str | None = None
    previous: str | None = None
    switched_at: str | None = None


class PackSets:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs = root / "blobs"
        self.partial = root / "partial"
        self.sets = root / "sets"
        self.pointer_path = root / POINTER_FILE

    # -- reading ---------------------------------------------------------------------------
    def pointer(self) -> Pointer:
        try:
            raw = json.loads(self.pointer_path.read_text(encoding="utf-8"))
            return Pointer(raw.get("current"), raw.get("previous"), raw.get("switched_at"))
        except FileNotFoundError:
            return Pointer()
        except (OSError, ValueError, AttributeError) as e:
            raise PackSetError(f"{self.pointer_path}: cannot be read ({e})") from None

    def folder(self, name: str) -> Path:
        return self.sets / name

    def manifest(self, name: str | None) -> PackSet | None:
        """The set `name` if it is complete (its SET.json written), else None."""
        if not name:
            return None
        try:
            raw = json.loads((self.folder(name) / SET_FILE).read_text(encoding="utf-8"))
            packs = tuple(
                SetPack(
                    p["id"],
                    p["scope"],
                    int(p["version"]),
                    tuple(SetFile(f["path"], f["sha256"], int(f["length"])) for f in p["files"]),
                    p.get("signed_until"),
                )
                for p in raw["packs"]
            )
            return PackSet(raw["name"], raw["made_at"], packs)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def current(self) -> PackSet | None:
        return self.manifest(self.pointer().current)

    def previous(self) -> PackSet | None:
        return self.manifest(self.pointer().previous)

    def shown_folders(self) -> list[Path]:
        """The folders to show, in the order to try them: the current set, then the previous."""
        pointer = self.pointer()
        return [self.folder(n) for n in (pointer.current, pointer.previous) if self.manifest(n) is not None]

    def blob(self, sha256: str) -> Path:
        return self.blobs / sha256

    def has_blob(self, sha256: str, length: int) -> bool:
        try:
            return self.blob(sha256).stat().st_size == length
        except OSError:
            return False

    # -- building and switching --------------------------------------------------------------
    def add_blob(self, sha256: str, verified: Path) -> None:
        """Keep `verified` (a file already checked against its signed hash, fsync'd) as a blob."""
        self.blobs.mkdir(parents=True, exist_ok=True)
        os.replace(verified, self.blob(sha256))

    def build(self, packs: list[SetPack]) -> PackSet:
        """A complete, durable set of `packs` from blobs already held (the set with the same
        content if there is one already)."""
        digest = hashlib.sha256(repr(sorted(p.key() for p in packs)).encode()).hexdigest()[:12]
        for existing in self._names():
            if existing.endswith(f"-{digest}") and (made := self.manifest(existing)) is not None:
                return made
        name = f"{self._next_number():06d}-{digest}"
        folder = self.folder(name)
        if folder.exists():  # left unfinished by a crash
            shutil.rmtree(folder)
        for pack in packs:
            for f in pack.files:
                target = folder / pack.id / f.path
                target.parent.mkdir(parents=True, exist_ok=True)
                _link(self.blob(f.sha256), target)
        for dirpath, _, _ in sorted(os.walk(folder), key=lambda w: len(w[0]), reverse=True):
            sync_folder(Path(dirpath))
        made = PackSet(name, _now(), tuple(packs))
        write_durably(folder / SET_FILE, _set_json(made), mode=0o644)
        sync_folder(self.sets)
        return made

    def switch(self, name: str) -> Pointer:
        """Make `name` current, the current one previous: one durable rename."""
        if self.manifest(name) is None:
            raise PackSetError(f"pack set {name} is not complete; not switched to")
        old = self.pointer()
        if old.current == name:
            return old
        new = Pointer(name, old.current, _now())
        self._write_pointer(new)
        return new

    def rollback(self) -> Pointer:
        """Back to the previous set (which the current one then becomes)."""
        old = self.pointer()
        if self.manifest(old.previous) is None:
            raise PackSetError("there is no previous pack set to roll back to")
        new = Pointer(old.previous, old.current, _now())
        self._write_pointer(new)
        return new

    def _write_pointer(self, pointer: Pointer) -> None:
        data = {"current": pointer.current, "previous": pointer.previous, "switched_at": pointer.switched_at}
        write_durably(self.pointer_path, json.dumps(data, indent=1).encode() + b"\n", mode=0o644)

    # -- checking and tidying ----------------------------------------------------------------
    def verify(self, name: str, sha256_of: Any) -> list[str]:
        """Every file of set `name` re-hashed against what HQ signed; the problems found.
        Damaged files are noted (`damaged`) for the next sync to fetch again."""
        made = self.manifest(name)
        if made is None:
            return [f"pack set {name} is not complete"]
        problems, damaged = [], set()
        for pack in made.packs:
            for f in pack.files:
                path = self.folder(name) / pack.id / f.path
                try:
                    actual = sha256_of(path)
                except OSError as e:
                    actual = None
                    problems.append(f"{pack.id}/{f.path}: cannot be read ({e.strerror})")
                if actual is not None and actual != f.sha256:
                    problems.append(f"{pack.id}/{f.path}: does not match what HQ signed (changed on disk)")
                if actual != f.sha256:
                    damaged.add(f.sha256)
        if damaged:
            self.note_damaged(damaged)
        return problems

    def damaged(self) -> frozenset[str]:
        try:
            raw = json.loads((self.root / DAMAGED_FILE).read_text(encoding="utf-8"))
            return frozenset(str(x) for x in raw)
        except (OSError, ValueError, TypeError):
            return frozenset()

    def note_damaged(self, shas: set[str] | frozenset[str]) -> None:
        noted = sorted(self.damaged() | shas)
        write_durably(self.root / DAMAGED_FILE, json.dumps(noted).encode(), mode=0o644)

    def clear_damaged(self, shas: set[str] | frozenset[str]) -> None:
        left = self.damaged() - shas
        if left:
            write_durably(self.root / DAMAGED_FILE, json.dumps(sorted(left)).encode(), mode=0o644)
        else:
            (self.root / DAMAGED_FILE).unlink(missing_ok=True)

    def forget_blob(self, sha256: str) -> None:
        """Drop a blob found damaged, so that the next sync fetches it again."""
        self.blob(sha256).unlink(missing_ok=True)

    def relink(self, sha256: str) -> int:
        """Point every kept set's copies of blob `sha256` (fetched again after damage) at
        the good blob, each file replaced by one rename; how many files were repaired."""
        repaired = 0
        for name in self._names():
            made = self.manifest(name)
            for pack in made.packs if made else ():
                for f in pack.files:
                    if f.sha256 != sha256:
                        continue
                    target = self.folder(name) / pack.id / f.path
                    tmp = target.with_name(f".{target.name}.relink")
                    tmp.unlink(missing_ok=True)
                    _link(self.blob(sha256), tmp)
                    os.replace(tmp, target)
                    sync_folder(target.parent)
                    repaired += 1
        return repaired

    def collect(self) -> int:
        """Remove every set but the current and previous (and any a running kiosk holds),
        unfinished sets, and every blob and partial download no kept set needs; how many
        sets were removed."""
        pointer = self.pointer()
        keep = {pointer.current, pointer.previous}
        removed = 0
        kept: list[PackSet] = []
        for name in self._names():
            made = self.manifest(name)
            if name in keep and made is not None:
                kept.append(made)
                continue
            if made is not None and _held(self.folder(name) / SET_FILE):
                kept.append(made)
                continue
            shutil.rmtree(self.folder(name), ignore_errors=True)
            removed += 1
        needed = set().union(*(s.blobs for s in kept)) if kept else set()
        if self.blobs.is_dir():
            for blob in self.blobs.iterdir():
                if blob.name not in needed:
                    blob.unlink(missing_ok=True)
        indexes = sorted((self.root / "indexes").glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in indexes[:-16]:  # a few scopes' latest few: enough to skip unchanged ones
            old.unlink(missing_ok=True)
        return removed

    def _names(self) -> list[str]:
        if not self.sets.is_dir():
            return []
        return sorted(p.name for p in self.sets.iterdir() if p.is_dir())

    def _next_number(self) -> int:
        numbers = [int(n.split("-", 1)[0]) for n in self._names() if n.split("-", 1)[0].isdigit()]
        return max(numbers, default=0) + 1


def hold(folder: Path) -> IO[bytes] | None:
    """A shared lock on the set in `folder` (a running kiosk's), so that `collect` leaves it
    alone while the kiosk shows it; None if `folder` is not a set. Keep the returned file
    open as long as the set is in use."""
    try:
        f = open(folder / SET_FILE, "rb")  # noqa: SIM115  (the lock lives as long as the file)
    except OSError:
        return None
    fcntl.flock(f, fcntl.LOCK_SH)
    return f


def _held(set_file: Path) -> bool:
    try:
        with open(set_file, "rb") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(f, fcntl.LOCK_UN)
            return False
    except OSError:
        return False


def _link(blob: Path, target: Path) -> None:
    try:
        os.link(blob, target)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        # A file system without hard links: a copy, made durable like a download.
        shutil.copyfile(blob, target)
        with open(target, "rb") as f:
            os.fsync(f.fileno())


def _set_json(made: PackSet) -> bytes:
    data = {
        "format": SET_FORMAT,
        "name": made.name,
        "made_at": made.made_at,
        "packs": [
            {
                "id": p.id,
                "scope": p.scope,
                "version": p.version,
                "signed_until": p.signed_until,
                "files": [{"path": f.path, "sha256": f.sha256, "length": f.length} for f in p.files],
            }
            for p in made.packs
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
