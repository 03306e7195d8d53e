"""Helpers for the tests that use Database directly: devices, events, confirmations and
orders made the short way (threads released together for races: tests.threads.at_once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import sqlalchemy as sa

from kiosk.hq import schema
from kiosk.hq.db import Challenge, Database, Device, Heartbeat, Order
from kiosk.hq.db.engine import columns, record

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_names = count()


def enrol(db: Database, shop: str = "GD-SZ-0001", *, name: str | None = None) -> Device:
    """A new device of `shop`, enrolled with code "code-<name>" and credential "cred-<name>"."""
    name = name or str(next(_names))
    db.add_enrolment(
        f"code-{name}",
        store=shop,
        city="Shenzhen",
        province="Guangdong",
        created_at=NOW,
        expires_at=NOW + timedelta(days=1),
    )
    return db.redeem_enrolment(
        f"code-{name}", device_id=f"dev-{name}", credential_hash=f"cred-{name}", now=NOW
    )


@dataclass(frozen=True, slots=True)
class EventIn:
    """One event as a kiosk sends it; `id` is the kiosk's, unique across all kiosks."""

    id: str
    kind: str
    at: datetime
    session: str | None
    data: dict[str, Any]


def event(event_id: str, **data: Any) -> EventIn:
    return EventIn(id=event_id, kind="service_open", at=NOW, session="s1", data=data)


def challenge(
    challenge_id: str, device: Device, *, phone: str = "13800138000", created_at: datetime = NOW
) -> Challenge:
    return Challenge(
        id=challenge_id,
        phone=phone,
        device_id=device.id,
        code_hash="code-hash",
        created_at=created_at,
        expires_at=created_at + timedelta(minutes=5),
        attempts=0,
        verified_at=None,
        confirmation_hash=None,
        used_by_order=None,
    )


_confirmations = count()


def confirmed(db: Database, device: Device, *, phone: str = "13800138000") -> str:
    """The hash of a fresh, verified confirmation from `device` for `phone`."""
    n = next(_confirmations)
    db.add_challenge(challenge(f"c-conf-{n}", device, phone=phone))
    db.mark_verified(f"c-conf-{n}", confirmation_hash=f"conf-{n}", now=NOW)
    return f"conf-{n}"


def place(
    db: Database,
    device: Device,
    order_id: str,
    body: dict[str, Any],
    *,
    now: datetime = NOW,
    confirmation: str | None = None,
    accept: Callable[[Challenge | None], None] | None = None,
) -> tuple[Order, bool]:
    """Place an order as the API does, with a fresh confirmation unless one is given."""
    return db.place_order(
        device,
        order_id,
        body,
        confirmation_hash=confirmation or confirmed(db, device),
        accept=accept or must_exist,
        now=now,
    )


def must_exist(challenge: Challenge | None) -> None:
    if challenge is None:
        raise PermissionError("no such confirmation")


def count_events(db: Database, store: str | None = None) -> int:
    """How many events HQ holds (of one store, if given)."""
    query = sa.select(sa.func.count()).select_from(schema.events)
    if store is not None:
        query = query.where(schema.events.c.store == store)
    with db._engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def latest_heartbeats(db: Database) -> list[Heartbeat]:
    """Each device's newest heartbeat, by device id."""
    query = sa.select(*columns(schema.latest_heartbeats, Heartbeat)).order_by(
        schema.latest_heartbeats.c.device_id
    )
    with db._engine.connect() as conn:
        return [record(Heartbeat, row) for row in conn.execute(query).mappings()]


def heartbeat_history(db: Database, device_id: str) -> list[Heartbeat]:
    """A device's heartbeat history, oldest first."""
    query = (
        sa.select(*columns(schema.heartbeats, Heartbeat))
        .where(schema.heartbeats.c.device_id == device_id)
        .order_by(schema.heartbeats.c.received_at, schema.heartbeats.c.at)
    )
    with db._engine.connect() as conn:
        return [record(Heartbeat, row) for row in conn.execute(query).mappings()]
