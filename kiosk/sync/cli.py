"""The options of the kiosk's HQ commands (`enroll`, `sync`, `status`, `rollback`,
`quarantine`, `admin-pin`, `doctor`), added to `kiosk`'s parser.

Light on purpose: every `kiosk` invocation builds the whole parser, `kiosk run` included,
and the handlers' imports (requests, python-tuf) would cost the kiosk's start half a second.
They are imported from kiosk.sync.commands when one of these commands runs, with the
dataclasses they make compiled once and kept (kiosk.methodcache), as `kiosk run` does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from kiosk.methodcache import MethodCache, default_path

        # Installed for the whole command: the handlers import more as they go. One file a
        # command: each keeps what it used, so two commands run in turn do not undo each other.
        methods = MethodCache(default_path(name.removesuffix("_command").replace("_", "-")))
        try:
            with methods.installed():
                from kiosk.sync import commands

                handler: Callable[[argparse.Namespace], int] = getattr(commands, name)
                return handler(args)
        finally:
            methods.save()

    return run


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands to `kiosk`'s parser."""
    enroll = sub.add_parser("enroll", help="join HQ with a one-time enrolment code")
    enroll.add_argument(
        "--hq", required=True, metavar="URL", help="HQ's address, e.g. https://hq.example.com"
    )
    enroll.add_argument("--code", required=True, help="the enrolment code HQ issued (kiosk-hq enroll)")
    enroll.add_argument(
        "--root-sha256", metavar="HEX", help="the SHA-256 `kiosk-hq init` printed: any other root is refused"
    )
    enroll.set_defaults(func=_handler("enroll_command"))

    sync = sub.add_parser("sync", help="one round with HQ now: content, events, heartbeat")
    sync.add_argument("--once", action="store_true", help="one round, then exit (the only mode)")
    sync.add_argument("--json", action="store_true", help="one summary object on stdout")
    sync.set_defaults(func=_handler("sync_command"))

    status = sub.add_parser("status", help="identity, HQ, pack sets, last sync, outbox, disk, clock")
    status.add_argument("--json", action="store_true", help="as one JSON object")
    status.set_defaults(func=_handler("status_command"))

    rollback = sub.add_parser("rollback", help="back to the previous pack set")
    rollback.set_defaults(func=_handler("rollback_command"))

    quarantine = sub.add_parser(
        "quarantine", help="what HQ refused as invalid, kept aside; --release sends it again"
    )
    quarantine.add_argument(
        "--release",
        action="store_true",
        help="put the events and register entries back to be sent (orders never: staff settle them)",
    )
    quarantine.add_argument("--json", action="store_true", help="as one JSON object")
    quarantine.set_defaults(func=_handler("quarantine_command"))

    pin = sub.add_parser("admin-pin", help="set the PIN that opens the maintenance screen")
    pin.set_defaults(func=_handler("admin_pin_command"))

    doctor = sub.add_parser("doctor", help="self-test: files, ledger, HQ, clock, decoding")
    doctor.add_argument("--json", action="store_true", help="as one JSON object")
    doctor.set_defaults(func=_handler("doctor_command"))
