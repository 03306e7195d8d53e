"""HQ's storage: `HqStore`, one code path over SQLite (embedded, the default) or PostgreSQL.

Everything kiosks send and everything HQ decides about them is kept here: enrolment codes
and devices, events (deduplicated by id), heartbeats, orders (idempotent by id), the
confirmation codes of the two-step subscription and the counters behind HQ's caps
(`take_quotas`); `purge` forgets customers' numbers when their time is up. The tables are
in `kiosk.hq.schema`; the schema is created and upgraded by the Alembic migrations in
`kiosk/hq/migrations`, run by `HqStore.migrate()`. A SQLite file is created readable by
HQ's user only.

Whatever must happen once (a code redeemed, a confirmation spent with its order stored, an
event stored, a use counted under a cap) hinges on guarded statements in one transaction:
an UPDATE whose WHERE says "still unused", or an INSERT ... ON CONFLICT. The database
decides the race, so it stays right under many threads and many HQ processes, on either
backend. (SQLite writers in one process also queue on a lock, for speed, not correctness.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, RowMapping

from kiosk.domain.phone import masked
from kiosk.hq.private import private_file, tighten
from kiosk.hq.schema import (
    ORDER_STATUSES,
    challenges,
    devices,
    enrolments,
    heartbeats,
    latest_heartbeats,
    orders,
    quotas,
)
from kiosk.hq.schema import events as events_table  # `events` is add_events' parameter

MIGRATIONS = Path(__file__).parent / "migrations"

# How long a SQLite writer waits for another to finish before giving up.
SQLITE_BUSY_TIMEOUT_S = 30
# Execution option marking a connection whose transactions will write (see _sqlite_begin).
_WRITES = "kiosk_hq_writes"
# Key of the PostgreSQL advisory lock that lets one HQ process migrate while the others wait.
_MIGRATION_LOCK = 0x6B696F736B  # "kiosk"

# Without it SQLAlchemy reports a rowcount of -1 for an INSERT on psycopg.
_ROWCOUNT = {"preserve_rowcount": True}


# add_events' INSERT, per dialect: the batch is a JSON array of objects with the keys id,
# kind, at, session, data and (only for a retimed event) claimed_at; the other columns are
# the same for every row. `at` is already in the column's stored form on SQLite (UTC
# text); PostgreSQL reads the RFC 3339 time with its offset itself. ("WHERE true" tells
# SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.) Without retimed
# events, claimed_at is left out: SQLite 3.40 parses a row's JSON again for every
# json_extract, and one more per row made ingest measurably slower.
def _events_from_json(dialect: str, *, claimed: bool) -> str:
    extra = ", claimed_at" if claimed else ""
    if dialect == "sqlite":
        return f"""
        INSERT INTO events (id, device_id, store, kind, at, session, data, received_at{extra})
        SELECT json_extract(value, '$.id'), :device_id, :store, json_extract(value, '$.kind'),
               json_extract(value, '$.at'), json_extract(value, '$.session'),
               json_extract(value, '$.data'), :received_at
               {", json_extract(value, '$.claimed_at')" if claimed else ""}
        FROM json_each(:events) WHERE true
        ON CONFLICT (id) DO NOTHING"""
    return f"""
        INSERT INTO events (id, device_id, store, kind, at, session, data, received_at{extra})
        SELECT e.id, %(device_id)s, %(store)s, e.kind, e.at, e.session, e.data, %(received_at)s{
        ", e.claimed_at" if claimed else ""
    }
        FROM jsonb_to_recordset(%(events)s::jsonb)
             AS e(id text, kind text, at timestamptz, session text, data jsonb{
        ", claimed_at text" if claimed else ""
    })
        ON CONFLICT (id) DO NOTHING"""


# Compact, and Chinese text kept as it is rather than as \u escapes; one encoder for all
# calls (json.dumps with options builds a new one every time).
def _dumps(value: Any) -> str:
    # orjson: the events' data is serialized row by row, and this is several times faster.
    return orjson.dumps(value).decode()


class StoreError(Exception):
    """A request the store cannot carry out; the message is written for an HQ operator or an API client."""


EnrolmentReason = Literal["unknown", "used", "expired"]


class EnrolmentError(StoreError):
    """An enrolment code that cannot be redeemed; `reason` says why, for the API's response."""

    def __init__(self, reason: EnrolmentReason, message: str) -> None:
        super().__init__(message)
        self.reason: EnrolmentReason = reason


class OrderConflict(StoreError):
    """An order id already used for a different order (another body, or another store)."""


@dataclass(frozen=True, slots=True)
class Device:
    id: str
    store: str
    city: str
    province: str
    enrolled_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class EventIn:
    """One event as a kiosk sent it; `id` is the kiosk's, unique across all kiosks."""

    id: str
    kind: str
    at: datetime
    session: str | None
    data: dict[str, Any]


class EventLike(Protocol):
    """What `add_events` reads of an event: `EventIn`, or the API's parsed body as it is
    (copying 500 events per batch into EventIns costs more than it is worth)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def session(self) -> str | None: ...
    @property
    def data(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Order:
    """An order and what became of it.

    `status` is "received" (stored, not yet forwarded), or a final "accepted", "rejected"
    (with `reason`) or "failed" (HQ gave up, with `reason`); `attempts` counts the failed
    forwarding attempts.
    """

    id: str
    device_id: str
    store: str
    body: dict[str, Any]
    status: str
    reason: str | None
    reference: str | None
    created_at: datetime
    updated_at: datetime
    attempts: int


@dataclass(frozen=True, slots=True)
class Challenge:
    """A confirmation code sent to a phone; only hashes of the code and confirmation are kept."""

    id: str
    phone: str
    device_id: str
    code_hash: str
    created_at: datetime
    expires_at: datetime
    attempts: int
    verified_at: datetime | None
    confirmation_hash: str | None
    used_by_order: str | None


@dataclass(frozen=True, slots=True)
class Heartbeat:
    device_id: str
    at: datetime
    body: dict[str, Any]
    received_at: datetime


@dataclass(frozen=True, slots=True)
class Quota:
    """A cap: at most `limit` uses of `key` in a window of `period` from its first use."""

    key: str
    limit: int
    period: timedelta


@dataclass(frozen=True, slots=True)
class QuotaSpent:
    """A cap that is reached, and how long until its window ends."""

    quota: Quota
    retry_after: timedelta


@dataclass(frozen=True, slots=True)
class Purged:
    """What one purge removed (see `HqStore.purge`)."""

    challenges: int
    order_numbers: int
    quotas: int


_Record = TypeVar("_Record", Device, Order, Challenge, Heartbeat)


class _Settled(Exception):
    """Leaves a write transaction, rolling it back, with a row already stored."""

    def __init__(self, row: RowMapping) -> None:
        super().__init__()
        self.row = row


class _Undo(Exception):
    """Leaves a write transaction, rolling it back."""


class HqStore:
    """HQ's database, SQLite (`sqlite:///path`) or PostgreSQL (`postgresql+psycopg://...`).

    Thread-safe: every call takes a pooled connection for its own short transaction.
    """

    def __init__(self, url: str) -> None:
        self._engine = _create_engine(url)
        # The same pool; on SQLite its transactions start with BEGIN IMMEDIATE.
        self._writer = self._engine.execution_options(**{_WRITES: True})
        dialect = self._engine.dialect
        # SQLite lets one transaction write at a time. Left to SQLite, a second writer in
        # this process polls with sleeps of 1, 2, 5, 10... ms until the first is done; a lock
        # hands the database over the moment it is free. (Other processes, such as
        # `kiosk-hq enroll` next to `serve`, still wait out SQLite's busy timeout.)
        self._one_writer: AbstractContextManager[object] = (
            threading.Lock() if dialect.name == "sqlite" else nullcontext()
        )
        # Both dialects' INSERT have ON CONFLICT, with the same Python interface.
        self._insert = sqlite.insert if dialect.name == "sqlite" else postgresql.insert
        # The ingest path (see add_events): the dialect's INSERT over a JSON array; event
        # times go into it converted by event_times.
        self._events_sql = {
            claimed: _events_from_json(dialect.name, claimed=claimed) for claimed in (False, True)
        }
        self._dialect = dialect.name

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A transaction that will write, committed when the block ends without error."""
        with self._one_writer, self._writer.begin() as conn:
            yield conn

    def migrate(self) -> None:
        """Bring the schema up to date; does nothing if it is. Safe to call at every start."""
        with self._write() as conn:
            if conn.dialect.name == "postgresql":
                # HQ processes behind a load balancer may start together: one migrates and
                # the others wait here, then find nothing to do. (On SQLite, BEGIN IMMEDIATE
                # already serializes them.)
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
            command.upgrade(alembic_config(conn), "head")

    def close(self) -> None:
        self._engine.dispose()

    # Enrolment and devices

    def add_enrolment(
        self,
        code_hash: str,
        *,
        store: str,
        city: str,
        province: str,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Record a new enrolment code (by its hash) for a kiosk of `store`."""
        row = {
            "code_hash": code_hash,
            "store": store,
            "city": city,
            "province": province,
            "created_at": created_at,
            "expires_at": expires_at,
        }
        with self._write() as conn:
            if conn.execute(self._insert_new(enrolments), row).rowcount == 0:
                raise StoreError("An enrolment code with this value already exists; issue another code.")

    def redeem_enrolment(
        self, code_hash: str, *, device_id: str, credential_hash: str, now: datetime
    ) -> Device:
        """Spend an enrolment code and create its device, both or neither.

        Raises `EnrolmentError` with reason "unknown", "used" or "expired". Of two
        concurrent redeems of one code exactly one succeeds: the code is claimed by an
        UPDATE that matches only while it is unused, and the database makes the second
        wait for the first and then find it used.
        """
        claim = (
            sa.update(enrolments)
            .where(
                enrolments.c.code_hash == code_hash,
                enrolments.c.used_at.is_(None),
                enrolments.c.expires_at > now,
            )
            .values(used_at=now)
            .returning(enrolments.c.store, enrolments.c.city, enrolments.c.province)
        )
        with self._write() as conn:
            place = conn.execute(claim).mappings().one_or_none()
            if place is None:
                raise _refusal(conn, code_hash)
            device = conn.execute(
                sa.insert(devices)
                .values(
                    id=device_id,
                    credential_hash=credential_hash,
                    enrolment_code_hash=code_hash,
                    enrolled_at=now,
                    revoked_at=None,
                    **place,
                )
                .returning(*_columns(devices, Device))
            )
            return _record(Device, device.mappings().one())

    def device_for_credential(self, credential_hash: str) -> Device | None:
        """The device holding this credential, revoked or not (the caller checks `revoked_at`)."""
        query = sa.select(*_columns(devices, Device)).where(devices.c.credential_hash == credential_hash)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else _record(Device, row)

    def revoke_device(self, device_id: str, *, now: datetime) -> bool:
        """Revoke a device's credential; False if there is no such device or it was already revoked."""
        revoke = (
            sa.update(devices)
            .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        with self._write() as conn:
            return conn.execute(revoke).rowcount == 1

    def devices(self, store: str | None = None) -> list[Device]:
        """All devices (of one store if given), revoked ones included, by store and enrolment time."""
        query = sa.select(*_columns(devices, Device)).order_by(
            devices.c.store, devices.c.enrolled_at, devices.c.id
        )
        if store is not None:
            query = query.where(devices.c.store == store)
        with self._engine.connect() as conn:
            return [_record(Device, row) for row in conn.execute(query).mappings()]

    # Events

    def add_events(
        self,
        device: Device,
        events: Sequence[EventLike],
        *,
        received_at: datetime,
        stored_times: Sequence[Any] | None = None,
        claimed: Mapping[int, str] | None = None,
    ) -> int:
        """Store a batch of a device's events in one transaction; return how many were new.

        Kiosks deliver at least once, so an event id seen before (in this batch or an
        earlier one) is skipped (ON CONFLICT DO NOTHING). Each event is filed under its own
        `at`, or under `stored_times[i]` when given (from `event_times`). `claimed` holds,
        by position in `events`, the times HQ did not believe (`kiosk.hq.clock`): those
        events are filed at `received_at` (or their stored time, when given), the time as
        the kiosk gave it kept in `claimed_at`.

        The batch goes to the database as one JSON array, unpacked into rows by the database
        itself (`_events_from_json`), in one statement. Row by row through executemany, the
        sqlite3 module gives up and takes back the GIL around every row, so a batch's insert
        could only run while no request was being validated; as one statement, SQLite runs
        the whole insert without the GIL, beside the validation of the next batch (ingest
        measured about 25% faster). PostgreSQL gets the batch in one round trip.
        """
        if not events:
            return 0
        [received] = self.event_times((received_at,))
        if stored_times is None:
            claimed_at = claimed or {}
            stored_times = self.event_times(
                received_at if i in claimed_at else e.at for i, e in enumerate(events)
            )
        rows = [
            {"id": e.id, "kind": e.kind, "at": t, "session": e.session, "data": e.data}
            for e, t in zip(events, stored_times, strict=True)
        ]
        for i, text in (claimed or {}).items():
            rows[i]["claimed_at"] = text
        params = {
            "device_id": device.id,
            "store": device.store,
            "received_at": received,
            "events": orjson.dumps(rows).decode(),
        }
        with self._write() as conn:
            # The rows inserted; a skipped duplicate is not one.
            insert = self._events_sql[bool(claimed)]
            return conn.exec_driver_sql(insert, params, execution_options=_ROWCOUNT).rowcount

    def event_times(self, times: Iterable[datetime]) -> list[Any]:
        """`times` in the form the events table keeps them (UTC text on SQLite, UTC datetimes
        on PostgreSQL), which sorts as the times do; for `add_events(stored_times=...)`.
        OverflowError for a time too far out to convert to UTC.

        The same values the column's own type would make, a batch at a time: on SQLite,
        orjson writes the texts of all of them in one call, where `isoformat` one by one
        was the largest piece of Python work on the ingest path (a test pins the two equal).
        """
        times = list(times)
        if not all(map(_tzinfo, times)):
            naive = next(time for time in times if time.tzinfo is None)
            raise ValueError(f"naive datetime {naive!r}: HQ stores only timezone-aware times")
        utc = [time.astimezone(UTC) for time in times]
        if self._dialect != "sqlite":
            return utc
        # "2026-11-23T10:00:00.123000+00:00", or without the fraction when it is zero.
        return [
            text[:10] + " " + (text[11:26] if len(text) == 32 else text[11:19] + ".000000")
            for text in orjson.loads(orjson.dumps(utc))
        ]

    def foreign_event_ids(self, device: Device, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that HQ holds as another device's events."""
        query = sa.select(events_table.c.id).where(
            events_table.c.id.in_(sa.bindparam("ids", expanding=True)),
            events_table.c.device_id != device.id,
        )
        with self._engine.connect() as conn:
            return set(conn.execute(query, {"ids": list(set(ids))}).scalars())

    def count_events(self, store: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(events_table)
        if store is not None:
            query = query.where(events_table.c.store == store)
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    # Heartbeats

    def add_heartbeat(
        self, device: Device, at: datetime, body: dict[str, Any], *, received_at: datetime
    ) -> None:
        """Keep a heartbeat in the history, and as the device's latest unless one received
        later is there. A repeated heartbeat (same device and time) is stored once."""
        row = {"device_id": device.id, "at": at, "body": body, "received_at": received_at}
        latest = self._insert(latest_heartbeats)
        replace_older = latest.on_conflict_do_update(
            index_elements=[latest_heartbeats.c.device_id],
            set_={
                "at": latest.excluded.at,
                "body": latest.excluded.body,
                "received_at": latest.excluded.received_at,
            },
            # By HQ's clock: a kiosk's clock set to 9999 must not freeze its latest state.
            where=latest_heartbeats.c.received_at < latest.excluded.received_at,
        )
        with self._write() as conn:
            conn.execute(self._insert_new(heartbeats), row)
            conn.execute(replace_older, row)

    def latest_heartbeats(self) -> list[Heartbeat]:
        """Each device's newest heartbeat, by device id."""
        query = sa.select(*_columns(latest_heartbeats, Heartbeat)).order_by(latest_heartbeats.c.device_id)
        with self._engine.connect() as conn:
            return [_record(Heartbeat, row) for row in conn.execute(query).mappings()]

    def heartbeats(self, device_id: str) -> list[Heartbeat]:
        """A device's heartbeat history, oldest first."""
        query = (
            sa.select(*_columns(heartbeats, Heartbeat))
            .where(heartbeats.c.device_id == device_id)
            .order_by(heartbeats.c.received_at, heartbeats.c.at)
        )
        with self._engine.connect() as conn:
            return [_record(Heartbeat, row) for row in conn.execute(query).mappings()]

    # Orders

    def place_order(
        self,
        device: Device,
        order_id: str,
        body: dict[str, Any],
        *,
        confirmation_hash: str,
        accept: Callable[[Challenge | None], None],
        now: datetime,
    ) -> tuple[Order, bool]:
        """Store a new order as "received", spending its confirmation; return it and whether
        it was new. Both happen, or neither.

        An order already stored under `order_id` is returned as it is (False) when it came
        from the same store with the same body: the kiosk retries an upload until it hears
        back, and its retry must not need the confirmation it has already spent. The same id
        with another body or from another store is an `OrderConflict`.

        Otherwise the confirmation is spent and handed to `accept` (None when it is unknown
        or already spent), which raises to refuse the order; the refusal rolls the spending
        back, so the customer's corrected retry still has its confirmation. Concurrent
        copies of one order all get the one stored order: the database makes a second
        spender wait for the first and then see the order it stored.
        """
        body_hash = _body_hash(body)
        new = {
            "id": order_id,
            "device_id": device.id,
            "store": device.store,
            "body": body,
            "body_hash": body_hash,
            "status": "received",
            "reason": None,
            "reference": None,
            "created_at": now,
            "updated_at": now,
            "attempts": 0,
            "phone_masked_at": None,
        }
        # Matches while unspent, and again for a concurrent copy of this very order, which
        # then finds the order stored and settles on it.
        spend = (
            sa.update(challenges)
            .where(
                challenges.c.confirmation_hash == confirmation_hash,
                challenges.c.verified_at.is_not(None),
                sa.or_(challenges.c.used_by_order.is_(None), challenges.c.used_by_order == order_id),
            )
            .values(used_by_order=order_id)
            .returning(*challenges.c)
        )
        stored_order = sa.select(orders).where(orders.c.id == order_id)
        try:
            with self._write() as conn:
                stored = conn.execute(stored_order).mappings().one_or_none()
                if stored is not None:
                    raise _Settled(stored)
                spent = conn.execute(spend).mappings().one_or_none()
                accept(None if spent is None else _record(Challenge, spent))
                if conn.execute(self._insert_new(orders), new).rowcount == 0:
                    raise _Settled(conn.execute(stored_order).mappings().one())
                return _record(Order, new), True  # type: ignore[arg-type]
        except _Settled as settled:
            return self._same_order(settled.row, device, body), False

    def _same_order(self, stored: RowMapping, device: Device, body: dict[str, Any]) -> Order:
        """The stored order, if `body` from `device` is a retry of it; OrderConflict if not."""
        mine = _body_hash(_masked_body(body) if stored["phone_masked_at"] is not None else body)
        if stored["body_hash"] != mine or stored["store"] != device.store:
            # Whether it was another store's is not this kiosk's business.
            raise OrderConflict(
                f"Order id {stored['id']} was already used for a different order; a new order needs a new id."
            )
        return _record(Order, stored)

    def update_order(
        self,
        order_id: str,
        *,
        status: str,
        reason: str | None = None,
        reference: str | None = None,
        now: datetime,
    ) -> Order:
        """Record the outcome of forwarding an order; return the order as it now is.

        Status "received" again means the attempt failed and will be retried: `attempts`
        goes up by one. `reason` and `reference` are set as given (None clears them).
        """
        if status not in ORDER_STATUSES:
            raise StoreError(f"Unknown order status {status!r}; expected one of {', '.join(ORDER_STATUSES)}.")
        values: dict[str, Any] = {
            "status": status,
            "reason": reason,
            "reference": reference,
            "updated_at": now,
        }
        if status == "received":
            values["attempts"] = orders.c.attempts + 1
        update = sa.update(orders).where(orders.c.id == order_id).values(values).returning(*orders.c)
        with self._write() as conn:
            row = conn.execute(update).mappings().one_or_none()
        if row is None:
            raise StoreError(f"There is no order {order_id}.")
        return _record(Order, row)

    def get_order(self, order_id: str) -> Order | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(orders).where(orders.c.id == order_id)).mappings().one_or_none()
        return None if row is None else _record(Order, row)

    def orders_to_forward(self, limit: int = 100) -> list[Order]:
        """Orders still "received" (not yet forwarded, or to be retried), oldest first."""
        query = (
            sa.select(orders)
            .where(orders.c.status == "received")
            .order_by(orders.c.created_at, orders.c.id)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [_record(Order, row) for row in conn.execute(query).mappings()]

    # Confirmation codes (OTP challenges)

    def add_challenge(self, challenge: Challenge) -> None:
        with self._write() as conn:
            if conn.execute(self._insert_new(challenges), dataclasses.asdict(challenge)).rowcount == 0:
                raise StoreError(f"A confirmation code with id {challenge.id} already exists.")

    def remove_challenge(self, challenge_id: str) -> None:
        """Forget a challenge whose code could not be sent."""
        with self._write() as conn:
            conn.execute(sa.delete(challenges).where(challenges.c.id == challenge_id))

    def get_challenge(self, challenge_id: str) -> Challenge | None:
        query = sa.select(challenges).where(challenges.c.id == challenge_id)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        return None if row is None else _record(Challenge, row)

    def count_attempt(self, challenge_id: str) -> int:
        """Count one more try at a challenge's code, atomically; return the new count."""
        update = (
            sa.update(challenges)
            .where(challenges.c.id == challenge_id)
            .values(attempts=challenges.c.attempts + 1)
            .returning(challenges.c.attempts)
        )
        with self._write() as conn:
            attempts = conn.execute(update).scalar_one_or_none()
        if attempts is None:
            raise StoreError(f"There is no confirmation code {challenge_id}.")
        return int(attempts)

    def mark_verified(self, challenge_id: str, *, confirmation_hash: str, now: datetime) -> None:
        """Record that the right code was entered, and the confirmation that now stands for it.

        A challenge is verified once: a second call raises `StoreError`, so one code can
        never yield two confirmations.
        """
        update = (
            sa.update(challenges)
            .where(challenges.c.id == challenge_id, challenges.c.verified_at.is_(None))
            .values(verified_at=now, confirmation_hash=confirmation_hash)
        )
        with self._write() as conn:
            if conn.execute(update).rowcount == 1:
                return
        if self.get_challenge(challenge_id) is None:
            raise StoreError(f"There is no confirmation code {challenge_id}.")
        raise StoreError(f"Confirmation code {challenge_id} was already verified.")

    # Caps

    def take_quotas(self, wanted: Sequence[Quota], *, now: datetime) -> list[QuotaSpent]:
        """Count one use against every quota in `wanted`, all or none; the caps that are
        reached (nothing is counted then), or [] when the use is allowed.

        Each count is one guarded upsert, so concurrent callers in any number of HQ
        processes are counted exactly: of 50 simultaneous requests under a cap of 1,
        exactly one gets through. Keys are taken in one order, so that two callers
        waiting on each other's rows cannot deadlock.
        """
        spent: list[QuotaSpent] = []
        try:
            with self._write() as conn:
                for quota in sorted(wanted, key=lambda q: q.key):
                    if conn.execute(self._take(quota, now)).first() is None:
                        end = conn.execute(
                            sa.select(quotas.c.window_end).where(quotas.c.key == quota.key)
                        ).scalar_one()
                        spent.append(QuotaSpent(quota, retry_after=end - now))
                if spent:
                    raise _Undo
        except _Undo:
            pass
        return spent

    def _take(self, quota: Quota, now: datetime) -> sa.Executable:
        insert = self._insert(quotas).values(key=quota.key, window_end=now + quota.period, used=1)
        over = quotas.c.window_end <= now
        return insert.on_conflict_do_update(
            index_elements=[quotas.c.key],
            set_={
                "used": sa.case((over, 1), else_=quotas.c.used + 1),
                "window_end": sa.case((over, insert.excluded.window_end), else_=quotas.c.window_end),
            },
            where=sa.or_(over, quotas.c.used < quota.limit),
        ).returning(quotas.c.used)

    def give_back(self, keys: Iterable[str]) -> None:
        """Uncount one use of each key (a code that could not be sent, an enrolment that worked)."""
        update = (
            sa.update(quotas)
            .where(quotas.c.key.in_(sa.bindparam("keys", expanding=True)), quotas.c.used > 0)
            .values(used=quotas.c.used - 1)
        )
        with self._write() as conn:
            conn.execute(update, {"keys": sorted(set(keys))})

    # Retention

    def purge(
        self, *, challenges_before: datetime, numbers_answered_before: datetime, now: datetime
    ) -> Purged:
        """Forget what identifies customers once it is no longer needed (kiosk.hq.retention):
        challenges made before `challenges_before` (numbers and code hashes), the full
        number of orders answered before `numbers_answered_before` (cut to 138****5678,
        their body hash recomputed on that), and counters whose window has ended."""
        with self._write() as conn:
            gone = conn.execute(
                sa.delete(challenges).where(challenges.c.created_at < challenges_before),
                execution_options=_ROWCOUNT,
            ).rowcount
            spent = conn.execute(
                sa.delete(quotas).where(quotas.c.window_end <= now), execution_options=_ROWCOUNT
            ).rowcount
        masked_count = 0
        due = (
            sa.select(orders.c.id, orders.c.body)
            .where(
                orders.c.phone_masked_at.is_(None),
                orders.c.updated_at < numbers_answered_before,
                orders.c.status != "received",
            )
            .order_by(orders.c.updated_at)
            .limit(500)
        )
        while True:
            with self._write() as conn:
                batch = conn.execute(due).all()
                for order_id, body in batch:
                    cut = _masked_body(body)
                    conn.execute(
                        sa.update(orders)
                        .where(orders.c.id == order_id)
                        .values(body=cut, body_hash=_body_hash(cut), phone_masked_at=now)
                    )
            masked_count += len(batch)
            if len(batch) < 500:
                break
        return Purged(challenges=gone, order_numbers=masked_count, quotas=spent)

    def _insert_new(self, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT that skips rows whose primary key is taken; its rowcount is how many were new."""
        insert = self._insert(table).on_conflict_do_nothing(index_elements=list(table.primary_key))
        return insert.execution_options(**_ROWCOUNT)


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration for HQ's migrations on `connection`; no alembic.ini involved.

    Also how a developer writes the next migration, e.g. against a scratch SQLite file:
    `command.revision(alembic_config(conn), "what changes", autogenerate=True, rev_id="0003")`
    after `command.upgrade(alembic_config(conn), "head")`.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _create_engine(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":
        # psycopg 3 is the driver installed; plain "postgresql://" would ask for psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_sqlite_file(Path(parsed.database))
        engine = sa.create_engine(
            parsed,
            json_serializer=_dumps,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
            # Parameters by name, as psycopg's: add_events hands both drivers the same dicts.
            paramstyle="named",
        )
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        return sa.create_engine(
            parsed,
            json_serializer=_dumps,
            # Enough for the API's worker threads; pre-ping replaces connections a server
            # restart or an idle timeout closed, instead of failing a kiosk's request.
            pool_size=10,
            max_overflow=20,
            pool_pre_ping=True,
            connect_args={"application_name": "kiosk-hq", "options": "-c timezone=UTC"},
        )
    raise StoreError(
        f"Unsupported database URL {parsed.render_as_string(hide_password=True)}: HQ stores its data "
        "in SQLite (sqlite:///path/to/hq.sqlite3) or PostgreSQL (postgresql+psycopg://user@host/db)."
    )


def _private_sqlite_file(path: Path) -> None:
    """Create the database file readable by HQ's user only (it holds customers' numbers).

    SQLite gives the -wal and -shm files it makes the database file's mode; those an older
    HQ left readable to others are tightened with it.
    """
    try:
        private_file(path)
        for companion in ("-wal", "-shm", "-journal"):
            tighten(path.with_name(path.name + companion))
    except OSError as e:
        raise StoreError(f"Cannot create the database file {path}: {e.strerror}.") from e


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # SQLAlchemy emits BEGIN itself (_sqlite_begin): the sqlite3 module's own transaction
    # handling begins none before SELECTs or DDL, which would make migrations not atomic.
    dbapi_connection.isolation_level = None
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",  # a committed order survives a power cut, not just a crash
        "foreign_keys=ON",
        f"busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}",
        # Checkpoint every ~40 MB of WAL, not every 4 MB. Kiosks make time-ordered event
        # ids, but the API takes any unique id: with random ones each batch of 500 dirties
        # hundreds of pages of the id index, and checkpointing less often writes each of
        # them back once instead of again and again (ingest about 30% faster, measured
        # with benchmarks/store_insert.py).
        "wal_autocheckpoint=10000",
    ):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _sqlite_begin(conn: Connection) -> None:
    # A writing transaction takes the write lock at BEGIN. A deferred one that read first
    # would fail at once with "database is locked" if another writer committed meanwhile,
    # instead of waiting out the busy timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITES) else "BEGIN")


def _refusal(conn: Connection, code_hash: str) -> EnrolmentError:
    """Why an enrolment code could not be claimed."""
    query = sa.select(enrolments.c.used_at, enrolments.c.expires_at).where(
        enrolments.c.code_hash == code_hash
    )
    code = conn.execute(query).one_or_none()
    if code is None:
        return EnrolmentError(
            "unknown",
            "This enrolment code is not known to HQ; check it was entered exactly as issued, "
            "or ask HQ for a new one.",
        )
    if code.used_at is not None:
        return EnrolmentError(
            "used",
            f"This enrolment code was already used at {code.used_at:%Y-%m-%d %H:%M} UTC; "
            "each code enrols one kiosk. Ask HQ for a new one.",
        )
    return EnrolmentError(
        "expired",
        f"This enrolment code expired at {code.expires_at:%Y-%m-%d %H:%M} UTC; ask HQ for a new one.",
    )


_tzinfo = attrgetter("tzinfo")


def _masked_body(body: dict[str, Any]) -> dict[str, Any]:
    phone = body.get("phone")
    return {**body, "phone": masked(phone)} if isinstance(phone, str) else body


def _body_hash(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _columns(table: sa.Table, record: type[_Record]) -> list[sa.Column[Any]]:
    """The table's columns that make up `record`, in the record's field order."""
    return [table.c[field.name] for field in dataclasses.fields(record)]


def _record(record: type[_Record], row: RowMapping) -> _Record:
    return record(**{field.name: row[field.name] for field in dataclasses.fields(record)})
