"""The `kiosk` command: start the kiosk, render screens, check packs.

Every failure a person can cause (bad arguments, a bad settings file, a broken pack, no
display) ends in one plain message and a non-zero exit; tracebacks go to the log only.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NoReturn

from kiosk.commands import ExitCode, Program, add_check_options, run
from kiosk.errors import ContentError, KioskError, UsageError

log = logging.getLogger("kiosk")

DATA_DIR_HELP = "the kiosk's data folder (default: per-user data folder)"


def _size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not sep or not (w.isdigit() and h.isdigit()) or not (200 <= int(w) <= 8000 and 200 <= int(h) <= 8000):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080")
    return int(w), int(h)


def _folder(text: str) -> Path:
    """A folder given on the command line, absolute: the UI turns pack paths into file URLs,
    which a relative path would resolve against the QML files instead of the current folder."""
    return Path(text).absolute()


class _NotRun(Exception):
    """The command line is not one `kiosk run` takes as it stands (see `parse_args`)."""


class _RunParser(argparse.ArgumentParser):
    """The parser of `kiosk run` alone. Whatever it would answer with a message (another
    command, a mistake, a request for help) it leaves to the whole parser instead."""

    def error(self, message: str) -> NoReturn:
        raise _NotRun(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _NotRun(message)

    def print_help(self, file: IO[str] | None = None) -> None:
        raise _NotRun("help")

    def print_usage(self, file: IO[str] | None = None) -> None:
        raise _NotRun("usage")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """`argv` parsed as `build_parser()` parses it. A start of the kiosk is parsed by the
    parser of `run` alone, which has the same options: the whole parser (eleven commands)
    takes some 5-10 ms to build, before the kiosk's window."""
    try:
        return build_parser(run_only=True).parse_args(argv)
    except _NotRun:
        return build_parser().parse_args(argv)


def build_parser(*, run_only: bool = False) -> argparse.ArgumentParser:
    """Every command's parser; with `run_only`, the `run` command's alone (see `parse_args`)."""
    p = (_RunParser if run_only else argparse.ArgumentParser)(
        prog="kiosk",
        description="Experience-zone kiosk. With no subcommand, starts the kiosk (same as `kiosk run`).",
    )
    p.add_argument("--data-dir", type=Path, help=DATA_DIR_HELP)
    p.set_defaults(func=_run)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="start the kiosk (the default)")
    _run_options(run, defaults=False)
    run.set_defaults(func=_run)
    if not run_only:
        _other_commands(sub)
    _run_options(p)
    _data_dir_after_commands(sub)
    return p


def _other_commands(sub: argparse._SubParsersAction) -> None:
    shot = sub.add_parser("screenshot", help="render a screen offscreen to a PNG file")
    shot.add_argument("screen", help="which screen; `kiosk screenshot list` names them")
    shot.add_argument("--out", type=Path, help="the PNG file to write")
    shot.add_argument(
        "--pack",
        type=_folder,
        action="append",
        default=[],
        help="a pack, or a folder of packs, to show (repeatable; default: bundled sample); one the "
        "kiosk would not show is refused with its problems",
    )
    shot.add_argument(
        "--lang", default="zh-CN", choices=["zh-CN", "zh", "en"], help="language (default zh-CN)"
    )
    shot.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    shot.add_argument(
        "--service",
        metavar="ID",
        help="the service to show (category, service, demo, video, subscribe screens)",
    )
    shot.add_argument("--category", metavar="ID", help="the category to show (category screen)")
    shot.add_argument("--demo", metavar="ID", help="the demo to show (demo and demo-end screens)")
    shot.add_argument(
        "--scene", metavar="ID|N", help="the demo's scene to show, by id or number from 1 (demo screen)"
    )
    shot.add_argument(
        "--offer",
        metavar="ID",
        help="the offer to show: its card on the home screen, its service on service and subscribe",
    )
    shot.add_argument(
        "--easy", action="store_true", help="in easy mode (larger text, higher contrast, fewer a row)"
    )
    shot.add_argument(
        "--reach",
        action="store_true",
        help="in reach mode (a portrait --size: everything to touch in the lower two thirds)",
    )
    shot.add_argument(
        "--presenter",
        action="store_true",
        help="with the staff's presenter drawer open, as a signed-in staff member sees it (service, demo)",
    )
    shot.set_defaults(func=_screenshot)

    pack = sub.add_parser("pack", help="content pack tools")
    pack_sub = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    val = pack_sub.add_parser("validate", help="check a pack completely; exit 0 only when valid")
    val.add_argument("dir", type=Path, help="the pack folder")
    add_check_options(val)
    val.set_defaults(func=_validate)
    dial = sub.add_parser(
        "dialtest", help="a customer's journey through the real UI, offscreen, step by step (the dial test)"
    )
    dial.add_argument(
        "--script", type=Path, help="the journey as a JSON list of steps (default: the built-in journey)"
    )
    dial.add_argument("--phone", help="an HQ test number to subscribe with ($phone in the journey)")
    dial.add_argument("--code", help="the test number's fixed code ($code in the journey)")
    dial.add_argument("--shots", type=Path, help="folder for the journey's screenshots (default: here)")
    dial.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    dial.add_argument("--lang", choices=["zh-CN", "zh", "en"], help="language (default: the kiosk's)")
    dial.add_argument(
        "--pack", type=_folder, action="append", default=[], help="packs to show instead of the kiosk's own"
    )
    dial.add_argument("--json", action="store_true", help="the report as one JSON object")
    dial.set_defaults(func=_dialtest)

    from kiosk.sync.cli import register

    register(sub)


def _data_dir_after_commands(sub: argparse._SubParsersAction) -> None:
    """`--data-dir` after the command too (`kiosk status --data-dir D`), as people type it.
    SUPPRESS as the default: a command's parser must not overwrite one given before it."""
    for parser in sub.choices.values():
        parser.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=DATA_DIR_HELP)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _data_dir_after_commands(action)


def _run_options(p: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    """Options of `run`, on the main parser (with defaults) and on `run` (without, so that
    `kiosk --windowed run` keeps what was given before the subcommand)."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--fullscreen",
        action="store_true",
        default=default(False),
        help="full screen (the default in a store)",
    )
    mode.add_argument(
        "--windowed", action="store_true", default=default(False), help="in a window, for trying it out"
    )
    p.add_argument("--size", type=_size, default=default(None), help="window size WxH when windowed")
    p.add_argument(
        "--pack",
        type=_folder,
        action="append",
        default=default([]),
        help="a pack, or a folder of packs, to show (repeatable)",
    )


#: Which errors end a command with which exit code (kiosk.commands runs every subcommand).
PROGRAM = Program(
    "kiosk",
    exit_codes=(
        (ContentError, ExitCode.PROBLEMS),
        (KioskError, ExitCode.REFUSED),
        (OSError, ExitCode.REFUSED),
    ),
)


def main(argv: list[str] | None = None) -> int:
    # Imports are made where needed: `kiosk run` shows its window before importing the rest.
    code = run(PROGRAM, parse_args, argv)
    if argv is None:
        # From the shell, the process ends right after this. Python's last collection at exit
        # would walk every object the command made (about 35 ms after a sync) only to find
        # what the exit frees anyway; frozen objects are skipped.
        gc.freeze()
    return code


def _validate(args: argparse.Namespace) -> int:
    from kiosk.packs.validate_cmd import validate_command

    return validate_command(args.dir, args.base, check_media=not args.no_media)


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run(args: argparse.Namespace) -> int:
    if not _has_display():
        raise UsageError(
            "no display found. To render screens without one, use "
            "`kiosk screenshot SCREEN --out FILE.png`, or set QT_QPA_PLATFORM=offscreen."
        )
    from kiosk.datadir import default_data_dir
    from kiosk.ui.boot import KIOSK_MODULES, Boot, preload

    # The window first, with last run's first attract picture; everything else is imported
    # meanwhile, on a thread.
    modules = preload(KIOSK_MODULES)
    data_dir = args.data_dir or default_data_dir()
    boot = Boot(data_dir, size=args.size, fullscreen=not args.windowed)
    boot.show()
    boot.wait_for_first_frame()
    modules.join()
    from kiosk.config import ConfigError, load_settings

    try:
        settings = load_settings(data_dir)
    except ConfigError:
        boot.window.close()
        raise
    from dataclasses import replace

    from kiosk.ui.app import run

    if args.pack:
        settings = replace(settings, content=tuple(args.pack))
    return run(settings, boot)


def _dialtest(args: argparse.Namespace) -> int:
    from kiosk.dialtest import dialtest_command

    return dialtest_command(args)


def _screenshot(args: argparse.Namespace) -> int:
    from kiosk.config import load_settings

    settings = load_settings(args.data_dir)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.screenshot import SCREENS, screenshot

    if args.screen == "list":
        print("\n".join(SCREENS))
        return 0
    if args.screen not in SCREENS:
        raise UsageError(f"unknown screen '{args.screen}'; choose one of: {', '.join(SCREENS)}")
    if args.out is None:
        raise UsageError("screenshot needs --out FILE.png")
    lang = "zh-CN" if args.lang == "zh" else args.lang
    try:
        screenshot(
            settings,
            args.screen,
            args.out,
            lang=lang,
            size=args.size,
            content=list(args.pack) or None,
            service=args.service,
            category=args.category,
            demo=args.demo,
            scene=args.scene,
            offer=args.offer,
            easy=args.easy,
            reach=args.reach,
            presenter=args.presenter,
        )
    except ValueError as e:
        raise UsageError(str(e)) from e
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
