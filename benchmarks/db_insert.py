"""Event ingest at HQ: `Database.add_events` vs a plain bulk INSERT of the same rows (goal: >= 50%).

100,000 events in batches of 500, each batch one transaction, on SQLite (a file on disk,
WAL, synchronous=FULL) and on PostgreSQL (a throwaway cluster from `tests.hq.pgtemp`, data
on disk, fsync on). The baseline runs `conn.execute(table.insert(), rows)` per batch into
a fresh table with the events table's columns and indexes, on the database's own engine, with
its rows built before the clock starts; `add_events` builds its rows on the clock and skips
duplicates. A second baseline is the floor: the driver's executemany of rows already
converted (times, JSON) for it. Best of three rounds, each on a fresh database, alternating
which goes first. Also timed: the same batches delivered again (every event a duplicate),
as after a kiosk's lost acknowledgement.

    uv run python benchmarks/db_insert.py [--events N] [--rounds N] [--sqlite-only] [--time-ordered-ids]

Random ids (the worst case the API accepts; the kiosk's ledger makes time-ordered UUIDv7
ids) put each new event on its own page of the id index once the table is large, so every
commit writes hundreds of pages; --time-ordered-ids measures the kiosk's kind.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from kiosk.hq import schema
from kiosk.hq.db import Database
from tests.hq.dbkit import EventIn, enrol
from tests.hq.pgtemp import temp_cluster

BATCH = 500
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
KINDS = ("screen_view", "service_open", "demo_step", "tap")


def make_events(n: int, *, time_ordered: bool = False) -> list[EventIn]:
    """Events as kiosks record them: random (version 4) UUIDs, or ids that grow with time."""
    return [
        EventIn(
            id=str(_time_ordered_id(i) if time_ordered else uuid.uuid4()),
            kind=KINDS[i % len(KINDS)],
            at=NOW + timedelta(milliseconds=i),
            session=f"s{i // 20}",
            data={"service": f"svc.s{i % 1000}", "screen": "detail", "lang": "zh-CN", "title": "畅享套餐"},
        )
        for i in range(n)
    ]


def _time_ordered_id(i: int) -> uuid.UUID:
    """A UUID laid out as version 7: milliseconds first, then random bits."""
    ms = int(NOW.timestamp() * 1000) + i
    return uuid.UUID(int=(ms << 80) | (0x7 << 76) | secrets.randbits(76))


def batches(events: list[EventIn]) -> list[list[EventIn]]:
    return [events[i : i + BATCH] for i in range(0, len(events), BATCH)]


def timed(work: Callable[[], int], expected: int, *, per: int | None = None) -> float:
    """Events per second of `work` (over `per` events, if not `expected`); it returns how many it stored."""
    start = time.perf_counter()
    stored = work()
    seconds = time.perf_counter() - start
    if stored != expected:
        raise SystemExit(f"stored {stored} rows, expected {expected}")
    return (per or expected) / seconds


def copy_of_events(name: str) -> sa.Table:
    """A fresh table with the events table's columns, key and index."""
    return sa.Table(
        name,
        sa.MetaData(),
        *(sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in schema.events.c),
        sa.Index(f"ix_{name}_store_at", "store", "at"),
    )


def one_round(url: str, events: list[EventIn], store_first: bool) -> dict[str, float]:
    """Events/s of each way of storing `events`, on a fresh database at `url`."""
    db = Database(url)
    try:
        db.migrate()
        device = enrol(db, name="bench")
        # The baselines use the database's own engine (same pool, pragmas, JSON serializer).
        engine: sa.Engine = db._engine
        plain, driver = copy_of_events("plain_events"), copy_of_events("driver_events")
        plain.create(engine)
        driver.create(engine)
        rows = [
            [
                {
                    "id": e.id,
                    "device_id": device.id,
                    "store": device.store,
                    "kind": e.kind,
                    "at": e.at,
                    "session": e.session,
                    "data": e.data,
                    "received_at": NOW,
                    "claimed_at": None,
                }
                for e in batch
            ]
            for batch in batches(events)
        ]
        # The same rows as the driver takes them: times and JSON converted by the column types.
        convert = {
            c.name: p
            for c in driver.c
            if (p := c.type.dialect_impl(engine.dialect).bind_processor(engine.dialect))
        }
        driver_rows = [
            [{k: convert[k](v) if k in convert else v for k, v in r.items()} for r in b] for b in rows
        ]
        driver_sql = str(driver.insert().compile(dialect=engine.dialect))

        def add_events() -> int:
            return sum(db.add_events(device, batch, received_at=NOW) for batch in batches(events))

        def plain_insert() -> int:
            for batch_rows in rows:
                with engine.begin() as conn:
                    conn.execute(plain.insert(), batch_rows)
            return count(engine, plain)

        def driver_insert() -> int:
            for batch_rows in driver_rows:
                with engine.begin() as conn:
                    conn.exec_driver_sql(driver_sql, batch_rows)
            return count(engine, driver)

        ways = {"add_events": add_events, "plain": plain_insert, "driver": driver_insert}
        order = list(ways) if store_first else list(reversed(ways))
        rates = {name: timed(ways[name], len(events)) for name in order}
        rates["again"] = timed(add_events, 0, per=len(events))
        return rates
    finally:
        db.close()


def count(engine: sa.Engine, table: sa.Table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


@contextmanager
def sqlite_urls() -> Iterator[Callable[[int], str]]:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        yield lambda n: f"sqlite:///{folder / f'hq-{n}.sqlite3'}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgresql_urls() -> Iterator[Callable[[int], str]]:
    with temp_cluster(durable=True) as cluster:
        yield lambda n: cluster.create_database(f"bench_{n}")


def report(backend: str, urls: Callable[[int], str], events: list[EventIn], rounds: int) -> None:
    results = [one_round(urls(r), events, store_first=r % 2 == 0) for r in range(rounds)]
    best = {name: max(r[name] for r in results) for name in results[0]}
    ratio = best["add_events"] / best["plain"]
    print(
        f"{backend:<10} add_events {best['add_events']:>7,.0f} ev/s   "
        f"plain insert {best['plain']:>7,.0f} ev/s   ratio {ratio:.2f}  "
        f"[goal >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'}]"
    )
    print(
        f"{'':<10} driver executemany of pre-converted rows {best['driver']:,.0f} ev/s "
        f"(add_events = {best['add_events'] / best['driver']:.2f} of it); "
        f"re-delivered batches (all duplicates) {best['again']:,.0f} ev/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument(
        "--time-ordered-ids",
        action="store_true",
        help="ids that grow with time (as UUIDv7), instead of the kiosk's random UUIDs",
    )
    args = parser.parse_args()
    events = make_events(args.events, time_ordered=args.time_ordered_ids)
    ids = "time-ordered" if args.time_ordered_ids else "random"
    print(
        f"{args.events:,} events ({ids} ids) in batches of {BATCH}, one transaction each; "
        f"best of {args.rounds} rounds"
    )
    with sqlite_urls() as urls:
        report("sqlite", urls, events, args.rounds)
    if not args.sqlite_only:
        with postgresql_urls() as urls:
            report("postgresql", urls, events, args.rounds)
    print("(the HTTP goal is >= 20,000 ev/s accepted on SQLite: the database alone must be well above it)")


if __name__ == "__main__":
    main()
