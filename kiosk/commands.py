"""How `kiosk` and `kiosk-hq` run a subcommand: one shape and one set of exit codes for both.

Each program builds an argparse parser whose subcommands set `func`, a handler that takes
the parsed arguments and returns an `ExitCode`, and calls `run(program, parse, argv)` with
the function that parses the command line (the parser's `parse_args`, or one that builds no
more of the parser than the command line needs).
A handler that cannot do what was asked raises the program's own error (`KioskError`,
`HqError`, or a subclass); `Program.exit_codes` says which code each class ends in, and
`run` prints its message (after its `problems`, one a line, if it has any) as
`PROGRAM: message` on stderr. Anything else that escapes a handler is a defect: its
traceback goes to the log at DEBUG (`KIOSK_LOG=DEBUG`), and the person sees one line.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("kiosk.commands")


class ExitCode(IntEnum):
    OK = 0
    #: The command ran and found something wrong: an invalid pack, a failed check.
    PROBLEMS = 1
    #: What was asked cannot be done as asked (arguments, settings, input files, the
    #: machine: no display, a database that cannot be opened). argparse uses 2 as well.
    REFUSED = 2
    #: A defect: an error nobody planned for (details in the log).
    SOFTWARE = 70
    INTERRUPTED = 130


Handler = Callable[[argparse.Namespace], int]


class Program(NamedTuple):
    """A program's name and how its errors end. (Not a dataclass: importing `dataclasses` and
    making one costs `kiosk run` some 3 ms before its window, and everything else about it
    waits until the window is out.)"""

    name: str
    #: Error classes and the code each ends in, most specific first: the first class the
    #: error is an instance of wins.
    exit_codes: tuple[tuple[type[BaseException], ExitCode], ...]
    #: Run before the handler on every invocation (e.g. quieting a chatty library's log).
    prepare: Callable[[], None] | None = None
    #: Turns an error raised outside the program's own code into one of its own errors
    #: (e.g. a module of an extra that is not installed), or returns None.
    translate: Callable[[Exception], Exception | None] | None = None

    def exit_code(self, error: BaseException) -> ExitCode | None:
        return next((code for kind, code in self.exit_codes if isinstance(error, kind)), None)


def add_check_options(parser: argparse.ArgumentParser) -> None:
    """`--base` and `--no-media`: how a pack is checked, the same for `kiosk pack validate`
    and `kiosk-hq publish` (both run kiosk.packs.validate_cmd.check)."""
    parser.add_argument(
        "--base",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a lower-layer pack to check references against (repeatable, lowest first)",
    )
    parser.add_argument(
        "--no-media",
        action="store_true",
        help="skip decoding images and videos (faster; existence is still checked)",
    )


def run(
    program: Program,
    parse: Callable[[Sequence[str] | None], argparse.Namespace],
    argv: Sequence[str] | None = None,
) -> int:
    args = parse(argv)
    logging.basicConfig(
        level=os.environ.get("KIOSK_LOG", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if program.prepare is not None:
        program.prepare()
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`kiosk status | head`): stop quietly, as command-line tools
        # do, and keep Python from complaining about the closed stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except Exception as raised:
        e = (program.translate(raised) if program.translate else None) or raised
        code = program.exit_code(e)
        if code is None:
            log.debug("unexpected error in %s %s", program.name, args, exc_info=True)
            print(
                f"{program.name}: unexpected error ({type(e).__name__}: {e}); "
                f"run again with KIOSK_LOG=DEBUG for the details",
                file=sys.stderr,
            )
            return ExitCode.SOFTWARE
        for line in getattr(e, "problems", ()):
            print(line, file=sys.stderr)
        print(f"{program.name}: {_message(e)}", file=sys.stderr)
        return code


def _message(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return str(error)
