"""`kiosk-hq init`, `kiosk-hq publish` and `kiosk-hq refresh`: the repository at a terminal.

`register` adds the three subcommands to kiosk-hq's parser. Each handler returns the exit
code; whatever an operator can get wrong is a `RepositoryError`, which `kiosk.hq.cli`
turns into one plain message on stderr and its exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kiosk.commands import add_check_options
from kiosk.hq import repository
from kiosk.packs.model import Scope

# The name operators know from the logs of earlier versions.
log = logging.getLogger("kiosk.hq.repo")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `init`, `publish` and `refresh` to kiosk-hq's subcommands."""
    init = sub.add_parser("init", help="create a new TUF repository for content packs (keys included)")
    init.add_argument("repo", type=Path, metavar="REPO", help="an empty or new folder")
    init.set_defaults(func=init_command)

    pub = sub.add_parser("publish", help="validate a pack, sign it and publish it to kiosks")
    pub.add_argument("pack", type=Path, metavar="PACKDIR", help="the pack folder")
    pub.add_argument("--repo", type=Path, required=True, help="the repository (made by `kiosk-hq init`)")
    pub.add_argument(
        "--scope",
        type=_scope,
        required=True,
        help="national, province:ID, city:ID or store:ID; must be the scope in the pack's pack.json",
    )
    add_check_options(pub)
    pub.set_defaults(func=publish_command)

    ref = sub.add_parser(
        "refresh", help="re-sign the timestamp (and what is half-way to expiring); run daily"
    )
    ref.add_argument("--repo", type=Path, required=True, help="the repository")
    ref.set_defaults(func=refresh_command)


def _scope(text: str) -> Scope:
    try:
        return repository.parse_scope(text)
    except repository.RepositoryError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def init_command(args: argparse.Namespace) -> int:
    trusted = repository.init(args.repo)
    layout = repository.Layout(args.repo)
    print(f"created a content repository in {args.repo}")
    print(f"  serve only {layout.public} (its metadata/ and targets/ folders), nothing else")
    print(f"  private keys are in {layout.keys}: never serve them; move {layout.key('root')} offline now")
    print(f"  kiosks are installed with the trusted root {trusted}")
    digest = hashlib.sha256(Path(trusted).read_bytes()).hexdigest()
    print(f"  its SHA-256, for `kiosk enroll --root-sha256`: {digest}")
    return 0


def publish_command(args: argparse.Namespace) -> int:
    progress = ProgressLine(sys.stderr)
    try:
        result = repository.publish(
            args.repo,
            args.pack,
            args.scope,
            bases=args.base,
            check_media=not args.no_media,
            progress=progress,
        )
    finally:
        progress.finish()
    for line in result.warnings:
        print(line, file=sys.stderr)
    what = f"pack '{result.pack_id}' version {result.version} ({result.scope})"
    if not result.changed:
        print(f"{what}: unchanged, already published with this content")
        return 0
    print(
        f"published {what}: {result.files} files ({_size(result.total_bytes)}), "
        f"{result.new_files} new ({_size(result.new_bytes)}); signed by role '{result.role}'"
    )
    if result.new_role:
        key = repository.Layout(args.repo).key(result.role)
        print(f"  '{result.role}' is a new role with its own key, {key}")
    print(
        f"  index {result.index_target}; snapshot v{result.snapshot_version}, "
        f"timestamp v{result.timestamp_version}; {result.removed_files} old file(s) removed"
    )
    return 0


def refresh_command(args: argparse.Namespace) -> int:
    result = repository.refresh(args.repo)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    renewed = f"; renewed {', '.join(result.renewed)}" if result.renewed else ""
    print(
        f"refreshed {args.repo}: timestamp v{result.timestamp_version}, valid until "
        f"{result.timestamp_expires:%Y-%m-%d %H:%M} UTC{renewed}"
    )
    return 0


def refresher(repo_dir: Path) -> Callable[[], None]:
    """For `kiosk-hq serve`: a call that refreshes `repo_dir`, logging what it signed and what
    the operator must see to; a refresh that cannot sign is logged as an error, not raised."""

    def run() -> None:
        try:
            result = repository.refresh(repo_dir)
        except repository.RepositoryError as e:
            log.error("cannot refresh the repository: %s", e)
            return
        for warning in result.warnings:
            log.warning("%s", warning)
        log.info(
            "repository refreshed: timestamp v%d, valid until %s UTC",
            result.timestamp_version,
            f"{result.timestamp_expires:%Y-%m-%d %H:%M}",
        )

    return run


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1e3:.1f} kB"


class ProgressLine:
    """Publish progress on a stream: one line rewritten in place on a terminal, and a plain line
    every 10 % otherwise (a log or a CI job wants lines, not carriage returns)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._shown = -1  # last shown tenth of a percent on a terminal, tens of percent otherwise
        self._open = False

    def __call__(
        self, done_files: int, total_files: int, done_bytes: int, total_bytes: int, relpath: str
    ) -> None:
        permille = 1000 * done_bytes // total_bytes if total_bytes else 1000
        if done_files < total_files:
            permille = min(permille, 999)  # 100 % means every file is stored, not just read
        counts = f"{done_files}/{total_files} files, {_size(done_bytes)} of {_size(total_bytes)}"
        if self.tty:
            if permille == self._shown and done_files < total_files:
                return
            self._shown = permille
            width = shutil.get_terminal_size().columns - 1
            line = f"publishing {permille / 10:5.1f}% ({counts}) {relpath}"
            self.stream.write("\r" + line[:width].ljust(width))
            self._open = True
        elif permille // 100 > self._shown:
            self._shown = permille // 100
            self.stream.write(f"publishing: {permille // 10}% ({counts})\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the rewritten line, so what follows starts on a line of its own."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False
