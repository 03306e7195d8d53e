"""The engine under HQ's database: one connection pool over SQLite or PostgreSQL, its
transactions, and the migrations that bring the schema up to date.

`Connected` is what every kind of record (`kiosk.hq.db.devices`, `.events`, ...) works
over: short transactions from a pool (`_write` for those that write), the dialect's
INSERT with ON CONFLICT, and `migrate`. A SQLite file is created readable by HQ's user
only.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, RowMapping

from kiosk.hq.errors import HqError
from kiosk.hq.private import private_file, tighten

MIGRATIONS = Path(__file__).parent.parent / "migrations"

# How long a SQLite writer waits for another to finish before giving up.
SQLITE_BUSY_TIMEOUT_S = 30
# Execution option marking a connection whose transactions will write (see _sqlite_begin).
_WRITES = "kiosk_hq_writes"
# Key of the PostgreSQL advisory lock that lets one HQ process migrate while the others wait.
_MIGRATION_LOCK = 0x6B696F736B  # "kiosk"

# Without it SQLAlchemy reports a rowcount of -1 for an INSERT on psycopg.
ROWCOUNT = {"preserve_rowcount": True}

R = TypeVar("R")


class DatabaseError(HqError):
    """A request the database cannot carry out; the message is written for an HQ operator or an API client."""


class Connected:
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
        self._dialect = dialect.name

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A transaction that will write, committed when the block ends without error."""
        with self._one_writer, self._writer.begin() as conn:
            yield conn

    def _insert_new(self, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT that skips rows whose primary key is taken; its rowcount is how many were new."""
        insert = self._insert(table).on_conflict_do_nothing(index_elements=list(table.primary_key))
        return insert.execution_options(**ROWCOUNT)

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


def columns(table: sa.Table, record: type[Any]) -> list[sa.Column[Any]]:
    """The table's columns that make up `record`, in the record's field order."""
    return [table.c[field.name] for field in dataclasses.fields(record)]


def record(kind: type[R], row: RowMapping) -> R:
    """A row as a record of `kind` (a dataclass whose fields are columns of the row)."""
    return kind(**{field.name: row[field.name] for field in dataclasses.fields(kind)})  # type: ignore[arg-type]


# Compact, and Chinese text kept as it is rather than as \u escapes; one encoder for all
# calls (json.dumps with options builds a new one every time).
def _dumps(value: Any) -> str:
    # orjson: the events' data is serialized row by row, and this is several times faster.
    return orjson.dumps(value).decode()


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
    raise DatabaseError(
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
        raise DatabaseError(f"Cannot create the database file {path}: {e.strerror}.") from e


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
        # with benchmarks/db_insert.py).
        "wal_autocheckpoint=10000",
    ):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _sqlite_begin(conn: Connection) -> None:
    # A writing transaction takes the write lock at BEGIN. A deferred one that read first
    # would fail at once with "database is locked" if another writer committed meanwhile,
    # instead of waiting out the busy timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITES) else "BEGIN")
