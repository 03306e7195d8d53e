"""A throwaway PostgreSQL cluster in a temporary folder, for tests and benchmarks.

`temp_cluster()` runs `initdb` into a fresh folder, starts the server with `pg_ctl` listening
on 127.0.0.1 only (on a free port, its Unix socket inside the folder), and stops and removes
it on exit. It needs nothing but the server binaries (Debian's `postgresql` package puts
them in /usr/lib/postgresql/<version>/bin); it never touches a system cluster. As root it
runs the server as the `postgres` system user, because `initdb` refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "postgres"
INSTALL_HINT = (
    "install Debian's `postgresql` package (apt-get install postgresql; .ci/run does), "
    "which puts initdb, pg_ctl and postgres in /usr/lib/postgresql/<version>/bin"
)
# Settings that make a cluster whose data is thrown away much faster; never for real data.
_UNSAFE_FAST = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class PgUnavailableError(RuntimeError):
    """The PostgreSQL binaries are missing, or the cluster would not start."""


def find_bindir() -> Path | None:
    """The folder holding `initdb` and `pg_ctl`: Debian's newest version, else the PATH's."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    if found:
        # Version folders are "15", "16", ...; compare them as numbers, not as text.
        return max(found, key=lambda d: [int(n) for n in re.findall(r"\d+", d.parent.name)] or [0])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass(frozen=True)
class TempCluster:
    """A running throwaway cluster; `postgres` is its superuser and trusts local clients."""

    root: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL for one of the cluster's databases."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """Create a database (a copy of `template` when given) and return its URL."""
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        self._admin(statement)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any session still connected to it."""
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def _admin(self, statement: sql.Composable) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction, hence autocommit.
        conninfo = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(statement)


@contextmanager
def temp_cluster(*, durable: bool = True) -> Iterator[TempCluster]:
    """Start a cluster in a new temporary folder; stop it and delete the folder on exit.

    `durable=False` keeps the data in RAM (/dev/shm) where there is such a folder, and turns
    off fsync and synchronous commit: right for tests, where it makes creating a database
    ten times faster on a busy disk; wrong for a benchmark of what a real server does.
    """
    bindir = find_bindir()
    if bindir is None:
        raise PgUnavailableError(f"PostgreSQL server binaries not found: {INSTALL_HINT}")
    as_user = _run_as()
    # Not under pytest's tmp_path: its parent folders are private to root, and the server
    # may run as `postgres`, which must be able to reach its data folder.
    root = Path(tempfile.mkdtemp(prefix="kiosk-pg-", dir=None if durable else _ram_dir()))
    try:
        data, sockets = root / "data", root / "sock"
        sockets.mkdir()
        if as_user:
            for path in (root, sockets):
                shutil.chown(path, user=as_user, group=as_user)
        _run(
            as_user,
            root,
            bindir / "initdb",
            *("-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"),
        )
        settings = () if durable else _UNSAFE_FAST
        options = " ".join(["-h 127.0.0.1", f"-k {sockets}", *(f"-c {s}" for s in settings)])
        port = _start(as_user, root, bindir, data, options)
        try:
            yield TempCluster(root=root, port=port)
        finally:
            # Immediate shutdown: nothing in a throwaway cluster needs a clean checkpoint.
            # Best effort, so that a failure here never hides the error that ended the block.
            _run(as_user, root, bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", check=False)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _start(as_user: str | None, root: Path, bindir: Path, data: Path, options: str) -> int:
    """Start the server on a free port and return the port.

    The port is free when chosen but another process may take it before the server binds
    it, so a failed start is tried again on another port.
    """
    log = root / "server.log"
    for _attempt in range(3):
        port = free_port()
        try:
            _run(
                as_user,
                root,
                bindir / "pg_ctl",
                *("-D", data, "-l", log, "-w", "-t", "60", "-o", f"{options} -p {port}", "start"),
            )
            return port
        except PgUnavailableError:
            continue
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no server log)"
    raise PgUnavailableError(f"the temporary PostgreSQL server would not start; its log ends:\n{tail}")


def _ram_dir() -> str | None:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def _run_as() -> str | None:
    """The user to run the server as: `postgres` when we are root, else ourselves (None)."""
    if os.getuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError as e:
        raise PgUnavailableError(
            f"running as root needs the `{SUPERUSER}` system user to run the server as: {INSTALL_HINT}"
        ) from e
    return SUPERUSER


def _run(as_user: str | None, cwd: Path, program: Path, *args: str | Path, check: bool = True) -> None:
    command = [str(program), *map(str, args)]
    if as_user:
        command = ["runuser", "-u", as_user, "--", *command]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise PgUnavailableError(f"{program.name} failed ({done.returncode}): {done.stderr or done.stdout}")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for a server started elsewhere)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
