"""One content sync: from HQ's TUF repository to a complete, verified, validated pack set.

python-tuf's `Updater` holds every rule of trust: it refreshes the metadata (root chain,
timestamp, snapshot, the targets roles of this kiosk's scopes) and refuses a tampered file,
a rolled-back or frozen (expired) repository, or a signature by a key HQ did not name. This
module does the rest, in order, and stops at the first step that fails, leaving the pack
set in use as it was:

0. the store's staff roster, if HQ publishes one (kiosk.sync.roster: its own outcome, kept in
   `roster`, whatever the packs' steps do);
1. the index of each of the kiosk's scopes (national, province, city, store), as signed;
2. the packs they list; if the current set holds exactly these, nothing more to do;
3. the blobs the kiosk does not hold yet (content-addressed: an unchanged file is never
   fetched twice, across packs and versions), after checking they fit on the disk, each
   fetched with resume and checked against its signed length and hash;
4. a new set built from the blobs and validated as the kiosk will show it (the same
   reader, layering and media checks as `kiosk pack validate`);
5. the switch (unless the caller wants to choose the moment: the running kiosk switches
   between customers), then old sets and blobs collected.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from tuf.api import exceptions
from tuf.api.metadata import Metadata, TargetFile, Targets
from tuf.ngclient import Updater, UpdaterConfig

from kiosk.datadir import sync_folder
from kiosk.packs.layering import StoreIdentity
from kiosk.packs.media import AUDIO_SUFFIXES, IMAGE_SUFFIXES, VIDEO_SUFFIXES, MediaChecks, Use
from kiosk.packs.model import Scope
from kiosk.packs.targets import BadIndexError, PublishedPack, blob_target, index_target, read_index, role_name
from kiosk.sync.errors import NoRoomError, SyncError, UntrustedError
from kiosk.sync.fetcher import Fetcher, make_durable
from kiosk.sync.hqclient import USER_AGENT
from kiosk.sync.packsets import PackSet, PackSets, SetFile, SetPack
from kiosk.sync.roster import RosterOutcome, sync_roster
from kiosk.sync.tufsteps import T, trusting

#: In the TUF metadata folder: the root HQ served at enrolment, where trust starts.
TRUST_ANCHOR = "anchor.root.json"

log = logging.getLogger(__name__)

#: Downloads at a time.
PARALLEL = 3
#: Media files decoded at a time while the download goes on (FFmpeg lets go of Python's
#: lock; one thread leaves the other core to the download).
DECODING = 1
#: Files made durable at a time. Each fsync waits for the disk to confirm (a cache flush for
#: even a small file): one at a time, 145 files took 0.25-0.6 s on sync_first's machine and
#: lagged behind the download; several in flight share the waits (0.15-0.18 s, same CPU).
FSYNCING = 4
#: What validation decodes: videos and sounds (to their first frame: HQ decoded them whole
#: before it signed them) and pictures (whole; one decoding serves every picture use).
DECODED = {
    **dict.fromkeys(VIDEO_SUFFIXES, Use.VIDEO),
    **dict.fromkeys(AUDIO_SUFFIXES, Use.AUDIO),
    **dict.fromkeys(IMAGE_SUFFIXES, Use.PICTURE),
}
#: Free disk to leave after a download, beyond the set itself (logs, the ledger, the OS).
DISK_MARGIN_BYTES = 256 * 1024 * 1024


class Progress:
    """Told how a download goes; the commands draw it (tqdm), the running kiosk ignores it."""

    def start(self, files: int, total_bytes: int) -> None: ...
    def advance(self, nbytes: int) -> None: ...
    def file_done(self) -> None: ...
    def finish(self) -> None: ...


@dataclass
class ContentResult:
    """What one content sync did."""

    #: The set now holding HQ's content (None: HQ has published nothing for this kiosk).
    current: PackSet | None = None
    #: A set was made that was not held before (switched to, unless `switch=False`).
    changed: bool = False
    switched: bool = False
    downloaded_bytes: int = 0
    downloaded_files: int = 0
    #: Damaged files found in the current set and fetched again.
    repaired: list[str] = field(default_factory=list)


class ContentSync:
    def __init__(
        self,
        data_dir: Path,
        hq_url: str,
        store: StoreIdentity,
        scopes: tuple[Scope, ...],
        timezone: str,
        fetcher: Fetcher,
        *,
        checks: MediaChecks | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.metadata_dir = data_dir / "tuf"
        self.sets = PackSets(data_dir / "content")
        self.base = hq_url.rstrip("/") + "/tuf/"
        self.store = store
        self.scopes = scopes
        self.timezone = timezone
        self.fetcher = fetcher
        self.checks = checks or MediaChecks()
        self.progress = progress or Progress()
        #: The staff roster's part of the last run (None: the run ended before it).
        self.roster: RosterOutcome | None = None

    def run(self, *, switch: bool = True) -> ContentResult:
        """One sync; blobs noted as damaged (`PackSets.damaged`) are fetched again and the
        sets that hold them repaired. Raises SyncError (HqUnreachableError, UntrustedError,
        NoRoomError)."""
        updater = self._updater()
        _trusting(updater.refresh)
        # Before the packs, with the same refresh: a pack that fails must not keep a
        # disabled member signed in.
        self.roster = sync_roster(updater, self.data_dir, self.store.store)
        packs = [pack for scope in self.scopes for pack in self._index(updater, scope)]
        wanted = [self._set_pack(p) for p in packs]
        result = ContentResult(current=self.sets.current())
        if not wanted:
            return result
        damaged = self.sets.damaged()
        for sha in damaged:
            self.sets.forget_blob(sha)
        missing = self._missing(packs)
        self._download(updater, missing, _decoded(packs), result)
        fetched = damaged & {sha for _, sha, _ in missing}
        for sha in fetched:
            self.sets.relink(sha)
            result.repaired.append(sha)
        self.sets.clear_damaged(damaged)  # fetched again, or no longer wanted
        current = result.current
        if current is not None and current.same_content(wanted):
            return result
        made = self.sets.build(wanted)
        self._validate(made)
        result.changed = True
        result.current = made
        if switch:
            self.sets.switch(made.name)
            result.switched = True
            self.sets.collect()
            self._forget_gone_checks()
        return result

    # -- steps --------------------------------------------------------------------------------
    def _forget_gone_checks(self) -> None:
        """The media checks of sets and blobs just collected go too (the file grew with every
        set, and the kiosk reads it at every start)."""
        blobs = self.sets.blobs
        held = {p.name for p in blobs.iterdir()} if blobs.is_dir() else set()
        if self.checks.forget_gone(held):
            try:
                self.checks.save()
            except OSError as e:
                log.warning("could not save media check results to %s: %s", self.checks.path, e)

    def _updater(self) -> Updater:
        anchor = self.metadata_dir / TRUST_ANCHOR
        try:
            bootstrap = anchor.read_bytes()
        except OSError:
            raise SyncError(f"{anchor}: HQ's trusted root is missing; enrol the kiosk again") from None
        return _trusting(
            lambda: Updater(
                metadata_dir=str(self.metadata_dir),
                metadata_base_url=self.base + "metadata/",
                target_base_url=self.base + "targets/",
                fetcher=self.fetcher,
                config=UpdaterConfig(app_user_agent=USER_AGENT),
                # Trust starts from the root taken at enrolment, every time: a root.json changed
                # on disk cannot shift it. python-tuf walks the chain of newer roots from there.
                bootstrap=bootstrap,
            )
        )  # type: ignore[return-value]

    def _index(self, updater: Updater, scope: Scope) -> list[PublishedPack]:
        target = index_target(scope)
        info = _trusting(lambda: updater.get_targetinfo(target))
        if info is None:
            return []  # nothing published for this scope
        # Indexes are kept by hash: an unchanged index (most syncs) is not fetched again.
        kept = self.sets.root / "indexes" / f"{info.hashes['sha256']}.json"
        try:
            with open(kept, "rb") as f:
                info.verify_length_and_hashes(f)
            data = kept.read_bytes()
        except (OSError, exceptions.LengthOrHashMismatchError):
            path = self._fetch(info)
            data = path.read_bytes()
            kept.parent.mkdir(parents=True, exist_ok=True)
            path.replace(kept)
        try:
            return read_index(data, scope)
        except BadIndexError as e:
            raise UntrustedError(f"HQ's index is not usable: {e}") from None

    def _set_pack(self, pack: PublishedPack) -> SetPack:
        files = tuple(SetFile(f.path, f.sha256, f.length) for f in pack.files)
        return SetPack(pack.id, str(pack.scope), pack.version, files, self._signed_until(pack.scope))

    def _signed_until(self, scope: Scope) -> str | None:
        """Until when the role that signed `scope`'s packs is valid (as the updater just
        verified it and kept it in the metadata folder)."""
        try:
            md = Metadata[Targets].from_file(str(self.metadata_dir / f"{role_name(scope)}.json"))
        except Exception:
            return None
        return md.signed.expires.isoformat(timespec="seconds")

    def _missing(self, packs: list[PublishedPack]) -> list[tuple[Scope, str, int]]:
        seen: dict[str, tuple[Scope, str, int]] = {}
        for pack in packs:
            for f in pack.files:
                if f.sha256 not in seen and not self.sets.has_blob(f.sha256, f.length):
                    seen[f.sha256] = (pack.scope, f.sha256, f.length)
        return list(seen.values())

    def _download(
        self,
        updater: Updater,
        missing: list[tuple[Scope, str, int]],
        decoded: dict[str, set[tuple[str, Use]]],
        result: ContentResult,
    ) -> None:
        if not missing:
            return
        total = sum(length for _, _, length in missing)
        self.sets.root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(self.sets.root).free
        if free < total + DISK_MARGIN_BYTES:
            raise NoRoomError(
                f"the new pack set needs {_mb(total)} and {_mb(DISK_MARGIN_BYTES)} to spare, "
                f"but only {_mb(free)} are free on {self.sets.root}; not started"
            )
        self.progress.start(len(missing), total)
        # Trust first, in this thread (the updater is not made for several): each blob's
        # signed length and hash, as its scope's role signed them.
        infos = []
        for scope, sha, length in missing:
            target = blob_target(scope, sha)
            info = _trusting(lambda t=target: updater.get_targetinfo(t))
            if info is None or info.hashes.get("sha256") != sha or info.length != length:
                raise UntrustedError(f"{target}: listed in the index but not signed as listed; refused")
            infos.append(info)
        # Then the bytes, PARALLEL at a time: many files are small, and one connection
        # would spend most of its time waiting for the next answer to start.
        before = self.fetcher.received
        self.fetcher.on_bytes = self.progress.advance
        pool = ThreadPoolExecutor(max_workers=PARALLEL, thread_name_prefix="kiosk-fetch")
        # Each verified video, sound or picture is decoded as soon as it is whole, while the rest
        # arrive, instead of all of them after the last byte; the results are remembered
        # by hash (MediaChecks), which the validation then finds.
        decoder = ThreadPoolExecutor(
            max_workers=DECODING, thread_name_prefix="kiosk-check", initializer=_behind_the_screen
        )
        decoder.submit(_import_checkers)
        # Each file is made durable on threads of their own, so that a connection does not
        # wait for the disk between one file and the next.
        durable = ThreadPoolExecutor(max_workers=FSYNCING, thread_name_prefix="kiosk-fsync")
        made_durable: dict[Future[Path], Future[None]] = {}
        try:
            futures = [pool.submit(self._fetch, info) for info in infos]
            for future in as_completed(futures):
                path = future.result()  # the first failure ends the download
                made_durable[future] = durable.submit(_make_durable, path)
                self.progress.file_done()
                sha = path.name.split(".", 1)[0]
                for suffix, use in decoded.get(sha, ()):
                    decoder.submit(self._check_ahead, path, sha, suffix, use)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            arrived = [f for f in futures if f.done() and not f.cancelled() and f.exception() is None]
            for f in arrived:
                if f not in made_durable:  # arrived after another failed
                    made_durable[f] = durable.submit(_make_durable, f.result())
            durable.shutdown(wait=True)
            # Before the downloads are moved to the blobs (a decoder may be reading one).
            decoder.shutdown(wait=True, cancel_futures=True)
            self.fetcher.close_others()
            self.fetcher.on_bytes = None
            result.downloaded_bytes += self.fetcher.received - before
            self.progress.finish()
            # Every file that arrived whole, matched its hash and is durable is kept, even
            # when another failed: the next round need not fetch it again.
            whole = [f.result() for f in arrived if made_durable[f].exception() is None]
            self._keep(whole)
            result.downloaded_files += len(whole)
        for done in made_durable.values():
            done.result()  # a file that could not be made durable fails the sync

    def _keep(self, fetched: list[Path]) -> None:
        if not fetched:
            return
        for path in fetched:
            self.sets.add_blob(path.name.split(".", 1)[0], path)
        sync_folder(self.sets.blobs)

    def _fetch(self, info: TargetFile) -> Path:
        """The target `info` downloaded (resuming a partial download) and checked against its
        signed length and hash; the file, in the partial folder."""
        sha = info.hashes["sha256"]
        dirname, sep, basename = info.path.rpartition("/")
        url = f"{self.base}targets/{dirname}{sep}{sha}.{basename}"
        partial = self.sets.partial / f"{sha}.{basename}"
        actual = _trusting(lambda: self.fetcher.download(url, partial, info.length))
        # The check python-tuf's download_target makes, on the hash taken as the bytes came.
        if partial.stat().st_size != info.length or actual != sha:
            partial.unlink(missing_ok=True)
            raise UntrustedError(f"{info.path}: what HQ sent does not match its signed hash; refused")
        return partial

    def _check_ahead(self, path: Path, sha: str, suffix: str, use: Use) -> None:
        try:
            self.checks.check_content(path, sha, suffix, use)
        except Exception:  # only a head start: the validation checks it again
            log.debug("decoding %s ahead failed", path, exc_info=True)

    def _validate(self, made: PackSet) -> None:
        from kiosk.services.content import load_sources

        folder = self.sets.folder(made.name)
        checks = self.checks
        _decode_ahead(folder, made, checks)
        catalog, _, problems = load_sources([folder], self.store, self.timezone, checks)
        try:
            checks.save()  # so that the kiosk, starting on this set, does not decode it again
        except OSError as e:
            log.warning("could not save media check results to %s: %s", checks.path, e)
        if catalog is None or problems:
            shown = "; ".join(problems[:5]) or "no usable national pack"
            raise SyncError(f"the new pack set {made.name} is not valid, so it is not shown: {shown}")


def _make_durable(partial: Path) -> None:
    """A verified download made durable before anything refers to it. Its folder is not: its
    name there need not survive a power cut (a download lost is fetched again), and `_keep`
    moves it to the blobs, whose folder is fsync'd."""
    _trusting(lambda: make_durable([partial], folders=False))


def _import_checkers() -> None:
    """Import what decoding and validation use (about 150 ms), while the network is what the
    sync waits for, rather than after the last byte."""
    try:
        import av  # noqa: F401
        from PIL import Image

        import kiosk.services.content  # noqa: F401

        Image.preinit()  # the common formats' readers
    except ImportError:  # they are imported again where used, and fail there with the reason
        log.debug("importing the media checkers ahead failed", exc_info=True)


def _decoded(packs: list[PublishedPack]) -> dict[str, set[tuple[str, Use]]]:
    """The videos, sounds and pictures among `packs`' files: hash -> (suffix, use) of each
    name it has."""
    found: dict[str, set[tuple[str, Use]]] = {}
    for pack in packs:
        for f in pack.files:
            suffix = Path(f.path).suffix.lower()
            if suffix in DECODED:
                found.setdefault(f.sha256, set()).add((suffix, DECODED[suffix]))
    return found


def _decode_ahead(folder: Path, made: PackSet, checks: MediaChecks) -> None:
    """Check the set's videos, sounds and pictures on both cores before the reader asks for
    them one by one (FFmpeg and Pillow let go of Python's lock while they decode); the reader
    then finds the results in `checks`. Files decoded as they arrived (or in an earlier set)
    are found by their hash, not decoded again. A file the reader uses otherwise is simply
    checked again."""
    media = [
        (folder / p.id / f.path, DECODED[suffix], f.sha256)
        for p in made.packs
        for f in p.files
        if (suffix := Path(f.path).suffix.lower()) in DECODED
    ]
    with ThreadPoolExecutor(
        max_workers=2, thread_name_prefix="kiosk-check", initializer=_behind_the_screen
    ) as pool:
        list(pool.map(lambda item: checks.check(item[0], item[1], sha256=item[2]), media))


#: How much lower than the rest of the kiosk's the decoding threads' priority is.
DECODE_NICENESS = 10


def _behind_the_screen() -> None:
    """Lower this thread's priority (and that of the decoder threads it starts): a new set's
    media is decoded while a running kiosk plays its attract loop on the same two cores, and
    the screen goes first. Linux sets it per thread; elsewhere nothing."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), DECODE_NICENESS)


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _trusting(step: Callable[[], T]) -> T:
    return trusting(step, "HQ's content")
