"""The `kiosk` command: start the kiosk, render screens, check packs.

Every failure a person can cause (bad arguments, a bad settings file, a broken pack, no
display) ends in one plain message and a non-zero exit; tracebacks go to the log only.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import Settings

log = logging.getLogger("kiosk")


def _size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not sep or not (w.isdigit() and h.isdigit()) or not (200 <= int(w) <= 8000 and 200 <= int(h) <= 8000):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080")
    return int(w), int(h)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk",
        description="Experience-zone kiosk. With no subcommand, starts the kiosk (same as `kiosk run`).",
    )
    p.add_argument("--data-dir", type=Path, help="the kiosk's data folder (default: per-user data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="start the kiosk (the default)")
    _run_options(run, defaults=False)

    shot = sub.add_parser("screenshot", help="render a screen offscreen to a PNG file")
    shot.add_argument("screen", help="which screen; `kiosk screenshot list` names them")
    shot.add_argument("--out", type=Path, help="the PNG file to write")
    shot.add_argument(
        "--pack",
        type=Path,
        action="append",
        default=[],
        help="a pack, or a folder of packs, to show (repeatable; default: bundled sample)",
    )
    shot.add_argument(
        "--lang", default="zh-CN", choices=["zh-CN", "zh", "en"], help="language (default zh-CN)"
    )
    shot.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    shot.add_argument("--service", help="the service to show on service/demo/video screens")

    pack = sub.add_parser("pack", help="content pack tools")
    pack_sub = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    val = pack_sub.add_parser("validate", help="check a pack completely; exit 0 only when valid")
    val.add_argument("dir", type=Path, help="the pack folder")
    val.add_argument(
        "--base",
        type=Path,
        action="append",
        default=[],
        help="a lower-layer pack to check references against (repeatable, lowest first)",
    )
    val.add_argument(
        "--no-media",
        action="store_true",
        help="skip decoding images and videos (faster; existence is still checked)",
    )
    _run_options(p)
    return p


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
        type=Path,
        action="append",
        default=default([]),
        help="a pack, or a folder of packs, to show (repeatable)",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=os.environ.get("KIOSK_LOG", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Imports are made where needed: `kiosk run` shows its window before importing the rest.
    try:
        if args.command == "pack":
            from kiosk.packs.validate_cmd import validate_command

            return validate_command(args.dir, args.base, check_media=not args.no_media)
        if args.command == "screenshot":
            settings = _settings(args.data_dir)
            return _screenshot(settings, args) if settings is not None else 2
        return _run(args)
    except KeyboardInterrupt:
        return 130


def _settings(data_dir: Path | None) -> Settings | None:
    """The settings, or None after saying what is wrong with them."""
    from kiosk.config import ConfigError, load_settings

    try:
        return load_settings(data_dir)
    except ConfigError as e:
        print(f"kiosk: {e}", file=sys.stderr)
        return None


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run(args: argparse.Namespace) -> int:
    if not _has_display():
        print(
            "kiosk: no display found. To render screens without one, use "
            "`kiosk screenshot SCREEN --out FILE.png`, or set QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 2
    from kiosk.datadir import default_data_dir
    from kiosk.ui.boot import Boot

    # The window first, with last run's first attract picture; then everything else.
    data_dir = args.data_dir or default_data_dir()
    boot = Boot(data_dir, size=args.size, fullscreen=not args.windowed)
    boot.show()
    boot.wait_for_first_frame()
    settings = _settings(data_dir)
    if settings is None:
        boot.window.close()
        return 2
    from dataclasses import replace

    from kiosk.ui.app import run

    if args.pack:
        settings = replace(settings, content=tuple(args.pack))
    return run(settings, boot)


def _screenshot(settings: Settings, args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.screenshot import SCREENS, screenshot

    if args.screen == "list":
        print("\n".join(SCREENS))
        return 0
    if args.screen not in SCREENS:
        print(f"kiosk: unknown screen '{args.screen}'; choose one of: {', '.join(SCREENS)}", file=sys.stderr)
        return 2
    if args.out is None:
        print("kiosk: screenshot needs --out FILE.png", file=sys.stderr)
        return 2
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
        )
    except ValueError as e:
        print(f"kiosk: {e}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
