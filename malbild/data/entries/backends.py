"""Two back ends for the entries store behind one small interface: an embedded DuckDB file and PostgreSQL."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

import duckdb

from malbild.data.entries.errors import StoreUnavailable

LOG = logging.getLogger("malbild.data.entries")


def locked_out() -> StoreUnavailable:
    """The error for an entries file another program holds open (DuckDB's lock)."""
    return StoreUnavailable(
        "Inmatade uppgifter går inte att öppna just nu: ett annat program använder filen. Inget sparades. "
        "Försök igen om en stund.",
        "The entered figures cannot be opened right now: another program is using the file. Nothing was saved. "
        "Try again in a while.",
    )


def unavailable() -> StoreUnavailable:
    """The error for any other fault of the entries store (file gone, damaged, read-only; server down)."""
    return StoreUnavailable(
        "Inmatade uppgifter går inte att läsa eller spara just nu. Inget sparades. Försök igen om en stund; "
        "händer det igen, be den som sköter Målbild se efter i serverns logg.",
        "The entered figures cannot be read or saved right now. Nothing was saved. Try again in a while; if it "
        "happens again, ask whoever runs Målbild to look in the server's log.",
    )


def is_lock_error(exc: BaseException) -> bool:
    """Whether DuckDB refused a file because another process holds it (not just any message with "lock" in it)."""
    text = str(exc).lower()
    return "conflicting lock" in text or "could not set lock on file" in text


class Race(Exception):
    """Another transaction changed or created the same row at the same time (unique key or write conflict)."""


class Tx(Protocol):
    """An open transaction: run a statement with bound parameters and get its rows."""

    def execute(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Run one statement (placeholders written `?`) and return its rows (empty for statements without)."""


class Backend(Protocol):
    """A place entries live: opens transactions."""

    kind: str
    schema_lost: bool  # a transaction failed in a way that may have lost the tables: create them again first

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
        self.schema_lost = False

    def describe(self) -> str:
        """Return the file path."""
        return str(self.path)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file read-write, retrying while another process holds it; any fault is a StoreUnavailable."""
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return duckdb.connect(str(self.path))
            except (duckdb.Error, OSError) as exc:
                if is_lock_error(exc) and time.monotonic() <= deadline:
                    time.sleep(0.05)
                    continue
                LOG.error("the entries file %s cannot be opened", self.path, exc_info=True)
                raise (locked_out() if is_lock_error(exc) else unavailable()) from exc

    @contextmanager
    def transaction(self) -> Iterator[_DuckTx]:
        """Yield a transaction on a fresh connection; commit at the end, roll back on an exception.

        A fault of the file (gone, damaged, read-only, tables missing) becomes a StoreUnavailable and marks the
        schema as lost, so the store creates its tables again before the next transaction.
        """
        with _duck_lock(self.path):
            con = self._connect()
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    yield _DuckTx(con)
                except BaseException:
                    _rollback(con)
                    raise
                try:
                    con.execute("COMMIT")
                except duckdb.TransactionException as exc:
                    raise Race(str(exc)) from exc
            except (duckdb.Error, OSError) as exc:
                self.schema_lost = True
                LOG.error("the entries file %s failed", self.path, exc_info=True)
                raise unavailable() from exc
            finally:
                con.close()


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll a transaction back; a connection the fault broke has nothing left to roll back."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        LOG.warning("rollback failed (the connection is gone; nothing was committed)", exc_info=True)


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
        self.schema_lost = False

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
            LOG.error("the entries database %s does not answer", self.describe(), exc_info=True)
            raise unavailable() from exc
        try:
            with con.transaction(), con.cursor() as cur:
                yield _PgTx(cur)
        except (psycopg.errors.UniqueViolation, psycopg.errors.SerializationFailure) as exc:
            raise Race(str(exc)) from exc
        except (psycopg.OperationalError, psycopg.errors.UndefinedTable) as exc:
            self.schema_lost = True
            LOG.error("the entries database %s failed", self.describe(), exc_info=True)
            raise unavailable() from exc
        finally:
            con.close()


def backend_from(location: str | Path) -> DuckDBBackend | PostgresBackend:
    """Return the back end for a location: a postgresql:// URL, else a DuckDB file path."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(text)
    return DuckDBBackend(Path(text))
