"""Helpers for the tests that use HqStore directly: devices, events, confirmations and
orders made the short way, and threads released together for races."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any, TypeVar

from kiosk.hq.store import Challenge, Device, EventIn, HqStore, Order

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_names = count()
T = TypeVar("T")


def enrol(store: HqStore, shop: str = "GD-SZ-0001", *, name: str | None = None) -> Device:
    """A new device of `shop`, enrolled with code "code-<name>" and credential "cred-<name>"."""
    name = name or str(next(_names))
    store.add_enrolment(
        f"code-{name}",
        store=shop,
        city="Shenzhen",
        province="Guangdong",
        created_at=NOW,
        expires_at=NOW + timedelta(days=1),
    )
    return store.redeem_enrolment(
        f"code-{name}", device_id=f"dev-{name}", credential_hash=f"cred-{name}", now=NOW
    )


def event(event_id: str, **data: Any) -> EventIn:
    return EventIn(id=event_id, kind="service_open", at=NOW, session="s1", data=data)


def at_once(threads: int, work: Callable[[int], T]) -> list[T | Exception]:
    """Run `work(i)` in `threads` threads released together; each result or exception."""
    start = threading.Barrier(threads)

    def run(i: int) -> T | Exception:
        start.wait()
        try:
            return work(i)
        except Exception as e:
            return e

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, range(threads)))


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


def confirmed(store: HqStore, device: Device, *, phone: str = "13800138000") -> str:
    """The hash of a fresh, verified confirmation from `device` for `phone`."""
    n = next(_confirmations)
    store.add_challenge(challenge(f"c-conf-{n}", device, phone=phone))
    store.mark_verified(f"c-conf-{n}", confirmation_hash=f"conf-{n}", now=NOW)
    return f"conf-{n}"


def place(
    store: HqStore,
    device: Device,
    order_id: str,
    body: dict[str, Any],
    *,
    now: datetime = NOW,
    confirmation: str | None = None,
    accept: Callable[[Challenge | None], None] | None = None,
) -> tuple[Order, bool]:
    """Place an order as the API does, with a fresh confirmation unless one is given."""
    return store.place_order(
        device,
        order_id,
        body,
        confirmation_hash=confirmation or confirmed(store, device),
        accept=accept or must_exist,
        now=now,
    )


def must_exist(challenge: Challenge | None) -> None:
    if challenge is None:
        raise PermissionError("no such confirmation")
