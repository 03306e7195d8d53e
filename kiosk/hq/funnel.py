"""`kiosk-hq funnel`: how many sessions reach each step of subscribing, from the events HQ
holds, and what became of the orders.

The kiosk records one event per step, with the session's id: `STEPS` is their order. The
second step has two kinds (a code sent, or the SMS reply chosen when HQ could not be
reached), counted together and apart. Orders are counted from the orders table by
status, test numbers' orders apart from the others; cancellations by their `reason`.
Events carry no number, so a test number's session is counted with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.hq.db import Database

#: (what a step is called, the event kinds that reach it), in the order a customer goes.
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service_open", ("service_open",)),
    ("subscribe_tap", ("subscribe_tap",)),
    ("subscribe_number", ("subscribe_number",)),
    ("subscribe_review", ("subscribe_review",)),
    ("subscribe_consent", ("subscribe_consent",)),
    (
        "subscribe_code_sent / subscribe_sms_reply_chosen",
        ("subscribe_code_sent", "subscribe_sms_reply_chosen"),
    ),
    ("subscribe_confirmed", ("subscribe_confirmed",)),
    ("subscribe_receipt", ("subscribe_receipt",)),
)
SECOND_STEP_KINDS = STEPS[5][1]
CANCEL = "subscribe_cancel"


@dataclass(frozen=True)
class Funnel:
    since: datetime | None
    store: str | None
    #: (step, sessions), in STEPS' order, then ("orders accepted", count).
    steps: list[tuple[str, int]]
    second_step: dict[str, int]
    orders: dict[str, int]
    test_orders: dict[str, int]
    cancels: dict[str, int]


def funnel(db: Database, *, since: datetime | None = None, store: str | None = None) -> Funnel:
    kinds = [kind for _, step_kinds in STEPS for kind in step_kinds]
    by_kind = db.sessions_by_kind(kinds, since=since, store=store)
    steps = []
    for name, step_kinds in STEPS:
        if len(step_kinds) == 1:
            steps.append((name, by_kind[step_kinds[0]]))
        else:
            steps.append((name, db.sessions_with_any(step_kinds, since=since, store=store)))
    orders = db.orders_by_status(test=False, since=since, store=store)
    steps.append(("orders accepted", orders.get("accepted", 0)))
    return Funnel(
        since=since,
        store=store,
        steps=steps,
        second_step={kind: by_kind[kind] for kind in SECOND_STEP_KINDS},
        orders=orders,
        test_orders=db.orders_by_status(test=True, since=since, store=store),
        cancels=db.reasons_of(CANCEL, since=since, store=store),
    )


def _conversion(count: int, previous: int | None) -> float | None:
    return None if not previous else count / previous


def as_json(f: Funnel) -> dict[str, Any]:
    previous: int | None = None
    steps = []
    for (name, count), (_, kinds) in zip(f.steps, [*STEPS, ("orders accepted", ())], strict=True):
        conversion = _conversion(count, previous)
        steps.append(
            {
                "step": name,
                "kinds": list(kinds),
                "sessions" if kinds else "orders": count,
                "from_previous": None if conversion is None else round(conversion, 4),
            }
        )
        previous = count
    return {
        "since": None if f.since is None else f.since.isoformat(),
        "store": f.store,
        "steps": steps,
        "second_step": f.second_step,
        "orders": f.orders,
        "test_orders": f.test_orders,
        "cancels": f.cancels,
    }


def table(f: Funnel) -> str:
    """The funnel as a plain table, with the conversion from each step to the next."""
    where = f"store {f.store}" if f.store else "all stores"
    when = f"since {f.since.isoformat()}" if f.since else "all time"
    width = max(len(name) for name, _ in f.steps)
    lines = [f"subscribing funnel, {where}, {when}", f"{'step':<{width}}  {'count':>8}  from previous"]
    previous: int | None = None
    for name, count in f.steps:
        conversion = _conversion(count, previous)
        shown = "" if previous is None else ("-" if conversion is None else f"{conversion:.1%}")
        lines.append(f"{name:<{width}}  {count:>8}  {shown:>13}".rstrip())
        previous = count
    code, reply = (f.second_step[kind] for kind in SECOND_STEP_KINDS)
    lines.append(f"second step: code sent in {code} sessions, SMS reply chosen in {reply}")
    lines.append(f"orders (test numbers' apart): {_counts(f.orders)}")
    lines.append(f"test numbers' orders: {_counts(f.test_orders)}")
    lines.append(f"{CANCEL}: {_counts({reason or '(no reason)': n for reason, n in f.cancels.items()})}")
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    if not counts:
        return "none"
    return ", ".join(
        f"{name} {n}" for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
