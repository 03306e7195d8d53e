"""`kiosk-hq staff add | disable | reset-pin | list | publish`: stores' staff, each change
published at once as the store's signed roster (kiosk.hq.staff, docs/staff.md)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command must start without HQ's server stack, to say it is missing
    from kiosk.hq.config import StaffPoints
    from kiosk.hq.staff import Change


def register(sub: argparse._SubParsersAction) -> None:
    staff = sub.add_parser(
        "staff", help="stores' staff who sign in at the kiosks; each change re-publishes the store's roster"
    )
    actions = staff.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="a new staff member; prints their PIN once")
    _common(add)
    add.add_argument("--store", required=True, help="the store, e.g. GD-SZ-0001")
    add.add_argument("--number", required=True, help="the staff number on their badge, e.g. S-0042")
    add.add_argument("--name", required=True, help="as the kiosk shows it")
    add.add_argument("--role", default="staff", choices=("staff", "manager"), help="default: staff")
    add.add_argument("--pin", help="the PIN to give (6 digits; for development): default, a random one")
    add.set_defaults(func=_add)

    disable = actions.add_parser(
        "disable", help="a staff member may no longer sign in (at each kiosk's next sync)"
    )
    _common(disable)
    disable.add_argument("number", metavar="NUMBER")
    disable.set_defaults(func=_disable)

    reset = actions.add_parser("reset-pin", help="a new PIN for a staff member; prints it once")
    _common(reset)
    reset.add_argument("number", metavar="NUMBER")
    reset.add_argument("--pin", help="the PIN to give (6 digits; for development): default, a random one")
    reset.set_defaults(func=_reset_pin)

    listing = actions.add_parser("list", help="staff members (never a PIN)")
    _db(listing)
    listing.add_argument("--store", help="only this store's")
    listing.set_defaults(func=_list)

    again = actions.add_parser("publish", help="publish a store's roster again, as the database holds it")
    _common(again)
    again.add_argument("--store", required=True)
    again.set_defaults(func=_publish)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database URL (default: KIOSK_HQ_DB, else SQLite in HQ's data folder)")


def _common(p: argparse.ArgumentParser) -> None:
    from kiosk.hq.cli import _config_option

    _db(p)
    p.add_argument(
        "--repo",
        type=Path,
        required=True,
        help="the repository the store's roster is published in (kiosk-hq init)",
    )
    # The roster carries HQ's [staff_points], for the kiosks' own count of My figures.
    _config_option(p)


def _points(args: argparse.Namespace) -> StaffPoints:
    from kiosk.hq.cli import _config

    return _config(args.config).staff_points


def _add(args: argparse.Namespace) -> int:
    from kiosk.hq import staff
    from kiosk.hq.cli import _open_db

    with _open_db(args.db) as db:
        change = staff.add(
            db,
            args.repo,
            store=args.store,
            number=args.number,
            name=args.name,
            role=args.role,
            pin=args.pin,
            now=datetime.now(UTC),
            points=_points(args),
        )
    m = change.member
    print(f"added {m.number} ({m.name}, {m.role}) to store {m.store}")
    _said(change)
    return 0


def _disable(args: argparse.Namespace) -> int:
    from kiosk.hq import staff
    from kiosk.hq.cli import _open_db

    with _open_db(args.db) as db:
        change = staff.disable(db, args.repo, args.number, now=datetime.now(UTC), points=_points(args))
    print(f"disabled {change.member.number} ({change.member.name}) of store {change.member.store}")
    _said(change)
    return 0


def _reset_pin(args: argparse.Namespace) -> int:
    from kiosk.hq import staff
    from kiosk.hq.cli import _open_db

    with _open_db(args.db) as db:
        change = staff.reset_pin(
            db, args.repo, args.number, pin=args.pin, now=datetime.now(UTC), points=_points(args)
        )
    print(f"new PIN for {change.member.number} ({change.member.name}) of store {change.member.store}")
    _said(change)
    return 0


def _list(args: argparse.Namespace) -> int:
    from kiosk.hq.cli import _open_db

    with _open_db(args.db) as db:
        members = db.staff_of(args.store)
    if not members:
        print("no staff" + (f" in store {args.store}" if args.store else ""))
    for m in members:
        state = "active" if m.active else f"disabled {m.updated_at:%Y-%m-%d %H:%M}"
        print(f"{m.store}  {m.number}  {m.name}  {m.role}  {state}")
    return 0


def _publish(args: argparse.Namespace) -> int:
    from kiosk.hq import staff
    from kiosk.hq.cli import _open_db

    with _open_db(args.db) as db:
        published = staff.publish(db, args.repo, args.store, now=datetime.now(UTC), points=_points(args))
    print(
        f"roster of store {published.store} published: version {published.version}, "
        f"{published.active} active of {published.members} ({published.target})"
    )
    return 0


def _said(change: Change) -> None:
    r = change.roster
    if change.new_pin is not None:
        print(f"PIN: {change.new_pin}  (shown this once: hand it over now; HQ keeps only its hash)")
    print(
        f"roster of store {r.store} published: version {r.version}, {r.active} active "
        "(kiosks take it at their next sync)"
    )
