"""Stores' staff at HQ: who may sign in at a store's kiosks (`kiosk-hq staff ...`), the
roster each change publishes to the store's kiosks as a signed target, and the figures
credited to a staff member (`GET /v1/staff/{number}/figures`). docs/staff.md, "HQ".

HQ never keeps a PIN: a new one is made here (or given, for development), shown once to
the operator, and only its scrypt hash is stored and published.
"""

from __future__ import annotations

import itertools
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kiosk.domain.staff import (
    DEFAULT_POINTS,
    MAX_NAME_CHARS,
    NUMBER_RE,
    PIN_RE,
    ROLES,
    STORE_RE,
    StaffMember,
    hash_pin,
)
from kiosk.hq import audit
from kiosk.hq.config import StaffPoints
from kiosk.hq.db import Database, Device, StaffRecord, Tally
from kiosk.hq.errors import HqError, NotFoundError
from kiosk.hq.repository import RosterPublished, check_roster_keys, publish_roster

#: The stores' time (as the funnel's and the status page's): a day, a week (from Monday)
#: and a month start at midnight there.
STORE_TIME = timezone(timedelta(hours=8))
PERIODS = ("today", "week", "month")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class StaffError(HqError):
    """A staff command that cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class Change:
    """What a staff command did: the member as now, the PIN to hand over (shown once; None
    when it did not change or was given), and the roster published."""

    member: StaffRecord
    roster: RosterPublished
    new_pin: str | None = None


def new_pin() -> str:
    """Six random digits, not one digit repeated and not a run such as 123456."""
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if not _easy(pin):
            return pin


def _easy(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    return len(set(pin)) == 1 or steps in ({1}, {-1})


def check_pin(pin: str) -> None:
    if not PIN_RE.match(pin):
        raise StaffError(f"--pin '{pin}': a PIN is 6 digits")
    if _easy(pin):
        raise StaffError("--pin: not one digit repeated, nor a run such as 123456")


def check_number(number: str) -> str:
    if not NUMBER_RE.match(number):
        raise StaffError(
            f"'{number}' is not a staff number: letters, digits and '-', at most 32, "
            "starting with a letter or digit"
        )
    return number


def add(
    db: Database,
    repo: Path,
    *,
    store: str,
    number: str,
    name: str,
    role: str = "staff",
    pin: str | None = None,
    now: datetime,
    points: StaffPoints = DEFAULT_POINTS,
) -> Change:
    """A new staff member of `store`, and the store's roster published with them (and with
    HQ's `points`, as every roster is)."""
    if not STORE_RE.match(store):
        raise StaffError(f"--store '{store}': a store id is letters, digits, '-' and '_'")
    check_number(number)
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS or _CONTROL.search(name):
        raise StaffError(f"--name: 1 to {MAX_NAME_CHARS} characters, no control characters")
    if role not in ROLES:
        raise StaffError(f"--role '{role}': one of {', '.join(ROLES)}")
    if pin is not None:
        check_pin(pin)
    check_roster_keys(repo, store)
    given = pin
    pin = pin or new_pin()
    member = StaffRecord(number, store, name, role, hash_pin(pin), True, now, now)
    if not db.add_staff(member):
        held = db.staff_member(number)
        where = f" (store {held.store})" if held else ""
        raise StaffError(f"staff number {number} is taken{where}; numbers are unique across stores")
    return Change(member, _publish(db, repo, store, now, points), None if given else pin)


def disable(
    db: Database, repo: Path, number: str, *, now: datetime, points: StaffPoints = DEFAULT_POINTS
) -> Change:
    """The member can no longer sign in: out of the roster at each kiosk's next sync."""
    held = _member(db, number)
    if not held.active:
        raise StaffError(f"staff member {number} is already disabled")
    check_roster_keys(repo, held.store)
    member = db.update_staff(number, now, active=False)
    assert member is not None
    return Change(member, _publish(db, repo, member.store, now, points))


def reset_pin(
    db: Database,
    repo: Path,
    number: str,
    *,
    pin: str | None = None,
    now: datetime,
    points: StaffPoints = DEFAULT_POINTS,
) -> Change:
    """A new PIN for an active member (the old one stops working at the next sync)."""
    held = _member(db, number)
    if not held.active:
        raise StaffError(f"staff member {number} is disabled; a disabled member's PIN is not reset")
    if pin is not None:
        check_pin(pin)
    check_roster_keys(repo, held.store)
    given = pin
    pin = pin or new_pin()
    member = db.update_staff(number, now, pin_hash=hash_pin(pin))
    assert member is not None
    return Change(member, _publish(db, repo, member.store, now, points), None if given else pin)


def publish(
    db: Database, repo: Path, store: str, *, now: datetime, points: StaffPoints = DEFAULT_POINTS
) -> RosterPublished:
    """The store's roster as the database holds it, published again (after a failure, or
    after `[staff_points]` changed)."""
    if not STORE_RE.match(store):
        raise StaffError(f"--store '{store}': a store id is letters, digits, '-' and '_'")
    return _publish(db, repo, store, now, points)


def roster_members(db: Database, store: str) -> list[StaffMember]:
    """What the store's kiosks are told: a disabled member is listed without a PIN hash."""
    return [
        StaffMember(m.number, m.name, m.store, m.role, m.pin_hash if m.active else "", m.active)  # type: ignore[arg-type]
        for m in db.staff_of(store)
    ]


def _publish(db: Database, repo: Path, store: str, now: datetime, points: StaffPoints) -> RosterPublished:
    return publish_roster(repo, store, lambda: roster_members(db, store), points=points, now=now)


def _member(db: Database, number: str) -> StaffRecord:
    check_number(number)
    held = db.staff_member(number)
    if held is None:
        raise StaffError(f"no staff member {number}; `kiosk-hq staff list` lists them")
    return held


# -- attribution ------------------------------------------------------------------------------
def credited(db: Database, device: Device, number: str | None, at: datetime, *, record: str) -> str | None:
    """Whom a record `device` made at `at` (an order, a register entry) is credited to: the
    number the kiosk sent, if it names a member of the device's store who was active then
    (active now, or disabled at `at` or later: a kiosk hears of a disable at its next sync,
    and what the member did until then is theirs). Otherwise no one, with an audit line; the
    record itself is kept with the number it claimed (an order's or entry's body)."""
    if number is None:
        return None
    member = db.staff_member(number)
    if member is not None and member.store == device.store and (member.active or member.updated_at >= at):
        return number
    why = "not on the store's roster" if member is None or member.store != device.store else "disabled before"
    audit.refused(
        "staff not credited",
        source=f"device:{device.id}",
        record=record,
        store=device.store,
        staff=number,
        why=why,
    )
    return None


# -- figures ------------------------------------------------------------------------------------
def period_starts(now: datetime) -> dict[str, datetime]:
    """Where today, this week (from Monday) and this month began, in the stores' time."""
    local = now.astimezone(STORE_TIME)
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return {"today": today, "week": today - timedelta(days=today.weekday()), "month": today.replace(day=1)}


def figures(db: Database, store: str, number: str, *, now: datetime, points: StaffPoints) -> dict[str, Any]:
    """`GET /v1/staff/{number}/figures` for a device of `store`: NotFoundError unless the
    number is an active member of that store's roster."""
    member = db.staff_member(number)
    if member is None or member.store != store or not member.active:
        raise NotFoundError(f"staff number {number} is not on this store's roster")
    tallies = db.staff_tallies(store, number, period_starts(now))
    return {"staff": number, "periods": {p: _period(tallies[p], points) for p in PERIODS}}


def _period(tally: Tally, points: StaffPoints) -> dict[str, Any]:
    return {
        "demos": tally.demos,
        "orders": tally.orders,
        "confirmed": tally.confirmed,
        "leads": tally.leads,
        "conversion": round(tally.orders / tally.demos, 4) if tally.demos else None,
        "points": tally.confirmed * points.confirmed_order
        + tally.leads * points.lead
        + tally.finished * points.demo,
    }
