"""Fixtures for HQ's tests: real databases, SQLite and PostgreSQL, a fresh one for every test.

`db_url` runs a test once per backend. PostgreSQL is a throwaway cluster started once per
session (`pg_cluster`, from `tests.hq.pgtemp`); each test gets its own database, copied
from a template migrated once, as each SQLite test gets a copy of a migrated file. Both
are far cheaper than migrating per test. Without the PostgreSQL binaries these tests fail,
and say which package to install: they are never skipped.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from kiosk.hq.db import Database
from tests.hq.pgtemp import PgUnavailableError, TempCluster, temp_cluster

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempCluster]:
    """A PostgreSQL cluster in a temporary folder, on 127.0.0.1 only, for the whole session.

    Started without fsync: its data is thrown away, and the tests run several times faster.
    """
    with ExitStack() as stack:
        try:
            cluster = stack.enter_context(temp_cluster(durable=False))
        except PgUnavailableError as e:
            pytest.fail(f"HQ's PostgreSQL tests need a PostgreSQL server: {e}", pytrace=False)
        yield cluster


@pytest.fixture(scope="session")
def pg_server(pg_cluster: TempCluster) -> str:
    """The SQLAlchemy URL (postgresql+psycopg://...) of a database of its own in `pg_cluster`."""
    return pg_cluster.create_database("hq")


@pytest.fixture(scope="session")
def pg_template(pg_cluster: TempCluster) -> str:
    """The name of a database with HQ's schema, from which each test's database is copied.

    Nothing may stay connected to it, or PostgreSQL refuses to copy it.
    """
    name = "hq_template"
    _migrate(pg_cluster.create_database(name))
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with HQ's schema, which each test copies."""
    path = tmp_path_factory.mktemp("hq-template") / "hq.sqlite3"
    # Closing the last connection folds the WAL into the file, so the file alone is the database.
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database for this test alone: HQ's schema, no rows. Once per backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "hq.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    cluster: TempCluster = request.getfixturevalue("pg_cluster")
    name = f"hq_test_{uuid.uuid4().hex[:12]}"
    yield cluster.create_database(name, template=request.getfixturevalue("pg_template"))
    cluster.drop_database(name)


@pytest.fixture(params=BACKENDS)
def blank_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database with nothing in it, not even HQ's schema: for migration tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'blank.sqlite3'}"
        return
    cluster: TempCluster = request.getfixturevalue("pg_cluster")
    name = f"hq_blank_{uuid.uuid4().hex[:12]}"
    yield cluster.create_database(name)
    cluster.drop_database(name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A `Database` on this test's fresh database, already migrated (it is a template's copy)."""
    db = Database(db_url)
    yield db
    db.close()


def _migrate(url: str) -> None:
    db = Database(url)
    try:
        db.migrate()
    finally:
        db.close()
