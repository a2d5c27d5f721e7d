"""Two back ends for the entries store behind one small interface: an embedded DuckDB file and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

import duckdb

from malbild.data.entries.errors import StoreUnavailable


class Race(Exception):
    """Another transaction changed or created the same row at the same time (unique key or write conflict)."""


class Tx(Protocol):
    """An open transaction: run a statement with bound parameters and get its rows."""

    def execute(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Run one statement (placeholders written `?`) and return its rows (empty for statements without)."""


class Backend(Protocol):
    """A place entries live: opens transactions."""

    kind: str

    def transaction(self) -> AbstractContextManager[Tx]:
        """Yield a transaction that commits when the block ends and rolls back on an exception."""

    def describe(self) -> str:
        """Return where the entries live, for messages (no password)."""


class _DuckTx:
    """A DuckDB transaction on a short-lived connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def execute(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Run one statement and return its rows."""
        try:
            self.con.execute(sql, list(params))
        except (duckdb.TransactionException, duckdb.ConstraintException) as exc:
            raise Race(str(exc)) from exc
        return self.con.fetchall() if self.con.description else []


_DUCK_LOCKS: dict[str, threading.Lock] = {}
_DUCK_LOCKS_GUARD = threading.Lock()


def _duck_lock(path: Path) -> threading.Lock:
    """Return this process's lock for one DuckDB file (writes from threads of one process take turns)."""
    with _DUCK_LOCKS_GUARD:
        return _DUCK_LOCKS.setdefault(str(path.resolve()), threading.Lock())


class DuckDBBackend:
    """Entries in an embedded DuckDB file, opened only for the length of one transaction.

    Holding the file open would lock every other process out ("Conflicting lock"), so each transaction
    opens it, works and closes it; another process waiting for the file retries for `wait_seconds`.
    """

    kind = "duckdb"

    def __init__(self, path: Path, wait_seconds: float = 10.0) -> None:
        self.path = Path(path)
        self.wait_seconds = wait_seconds

    def describe(self) -> str:
        """Return the file path."""
        return str(self.path)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file read-write, retrying while another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise StoreUnavailable(
                        f"Inmatningarna i {self.path} går inte att öppna just nu (ett annat program använder filen).",
                        f"The entries in {self.path} cannot be opened right now (another program is using the file).",
                    ) from exc
                time.sleep(0.05)

    @contextmanager
    def transaction(self) -> Iterator[_DuckTx]:
        """Yield a transaction on a fresh connection; commit at the end, roll back on an exception."""
        with _duck_lock(self.path):
            con = self._connect()
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    yield _DuckTx(con)
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                try:
                    con.execute("COMMIT")
                except duckdb.TransactionException as exc:
                    raise Race(str(exc)) from exc
            finally:
                con.close()


class _PgTx:
    """A PostgreSQL transaction through psycopg."""

    def __init__(self, cur) -> None:
        self.cur = cur

    def execute(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Run one statement (`?` placeholders become psycopg's `%s`) and return its rows."""
        import psycopg

        try:
            self.cur.execute(sql.replace("?", "%s"), list(params))
        except (
            psycopg.errors.UniqueViolation,
            psycopg.errors.SerializationFailure,
            psycopg.errors.DeadlockDetected,
        ) as exc:
            raise Race(str(exc)) from exc
        return self.cur.fetchall() if self.cur.description else []


class PostgresBackend:
    """Entries in PostgreSQL (for several app instances): one connection per transaction."""

    kind = "postgresql"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        self.url = url
        self.connect_timeout = connect_timeout

    def describe(self) -> str:
        """Return the URL without its password."""
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(self.url)
        user, host, port, name = (info.get(k, "") for k in ("user", "host", "port", "dbname"))
        return f"postgresql://{user}@{host}:{port}/{name}"

    @contextmanager
    def transaction(self) -> Iterator[_PgTx]:
        """Yield a transaction on a fresh connection; commit at the end, roll back on an exception."""
        import psycopg

        try:
            con = psycopg.connect(self.url, connect_timeout=self.connect_timeout)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(
                f"Databasen för inmatningar ({self.describe()}) svarar inte.",
                f"The entries database ({self.describe()}) does not answer.",
            ) from exc
        try:
            with con.transaction(), con.cursor() as cur:
                yield _PgTx(cur)
        except (psycopg.errors.UniqueViolation, psycopg.errors.SerializationFailure) as exc:
            raise Race(str(exc)) from exc
        finally:
            con.close()


def backend_from(location: str | Path) -> DuckDBBackend | PostgresBackend:
    """Return the back end for a location: a postgresql:// URL, else a DuckDB file path."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(text)
    return DuckDBBackend(Path(text))
