"""Data access for the app: one shared read-only connection, a cursor per session, cached queries.

In the ui layer because it keeps them in Streamlit's caches and session state; malbild.data stays Streamlit-free.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from malbild.data.build import BuildError, BuildStatus, StoreError, ensure_database, failure_reason
from malbild.data.entries.merge import merge_entries
from malbild.data.entries.store import EntriesStore, entries_location
from malbild.data.queries import run_query
from malbild.data.serving import Serving
from malbild.paths import data_dir, db_path

LOG = logging.getLogger("malbild.ui.store")


class DatabaseUnavailable(Exception):
    """There is no database to serve; `reason` (see StoreError.REASONS) says why, the log has the details."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# The file each served database was opened from (inode, size, mtime) and the lock that tells `make db` it is served.
_OPENED: dict[str, tuple[tuple[int, int, int], Serving]] = {}
_OPENED_LOCK = threading.Lock()


def _identity(path: str) -> tuple[int, int, int]:
    """The file at a path as (inode, size, mtime): another file, or a changed one, has another identity."""
    try:
        stat = os.stat(path)
    except OSError:
        return (0, 0, 0)
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _open_report(path: str) -> duckdb.DuckDBPyConnection:
    """Open the report's file read-only as the catalog `report` of a connection of its own.

    Not duckdb.connect(path): DuckDB keeps one instance per path in a process, so after the file was replaced a
    new connection would still read the old (deleted) file for as long as any cursor on it lives.
    """
    con = duckdb.connect()
    con.execute(f"ATTACH '{path.replace(chr(39), chr(39) * 2)}' AS report (READ_ONLY)")
    con.execute("USE report")
    return con


def _report_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor on the shared connection, reading the report's catalog."""
    cur = con.cursor()
    cur.execute("USE report")
    return cur


@st.cache_resource(show_spinner=False)
def shared_connection(path: str) -> tuple[duckdb.DuckDBPyConnection, BuildStatus]:
    """Build the database if missing or stale (never destroying data), then open it read-only once per process.

    While it serves the file the process holds its serving lock (malbild.data.serving), so `make db` refuses to
    replace it. When nothing can be served it raises DatabaseUnavailable, which is not cached: the next run tries.
    """
    try:
        status = ensure_database(Path(path), data_dir())
        serving = Serving(Path(path))
        con = _open_report(path)
    except (StoreError, BuildError, OSError, duckdb.Error) as exc:
        LOG.error("no database can be served from %s", path, exc_info=True)
        raise DatabaseUnavailable(failure_reason(exc)) from exc
    with _OPENED_LOCK:
        _OPENED[path] = (_identity(path), serving)
    return con, status


def _served(path: str) -> tuple[duckdb.DuckDBPyConnection, BuildStatus]:
    """The shared connection to the database at path; opened again when the file there was replaced meanwhile."""
    held = shared_connection(path)
    with _OPENED_LOCK:
        opened = _OPENED.get(path)
        replaced = opened is not None and opened[0] != _identity(path)
        if replaced:
            _OPENED.pop(path)[1].release()
    if replaced:
        LOG.warning("the database %s was replaced while it was served; opening the new file", path)
        shared_connection.clear()
        held = shared_connection(path)
    return held


def database_status() -> BuildStatus:
    """Return what the start-up build did: built, current, rebuilt, kept or stale (with the reason).

    Every page asks this first, so a database file replaced under the running app is noticed and opened anew.
    """
    return _served(str(db_path()))[1]


@st.cache_resource(show_spinner=False)
def entries_store(report: str, location: str) -> EntriesStore:
    """Return the entries store ($MALBILD_ENTRIES) checked against the report's database, once per process."""
    return EntriesStore.open(location, Path(report))


# How long a read revision is trusted: every script run asks at most this often (entries show within a second,
# in every session and, with PostgreSQL, in every process).
REVISION_SECONDS = 1.0
_REVISION: dict[str, tuple[float, int]] = {}
_REVISION_LOCK = threading.Lock()
# Entries stores this process has seen holding entries: if such a DuckDB file vanishes, its figures are missing.
_HELD_ENTRIES: set[str] = set()
# Entries that answered their revision but could not be read (a truncated file): location -> (revision, the
# file's identity, when). They count as unavailable until the revision or the file changes, or MERGE_RETRY_SECONDS.
_ENTRIES_FAILED: dict[str, tuple[int, tuple[int, int, int], float]] = {}
MERGE_RETRY_SECONDS = 10.0


def _identity_of_entries(location: str) -> tuple[int, int, int]:
    """The entries file's identity (a PostgreSQL store has none: (0, 0, 0))."""
    return (0, 0, 0) if location.startswith(("postgresql://", "postgres://")) else _identity(location)


def _failed_entries(location: str, revision: int) -> None:
    """Remember that the entries at this revision could not be read: the pages show the report alone, say so."""
    now = time.monotonic()
    with _REVISION_LOCK:
        if revision > 0:
            _ENTRIES_FAILED[location] = (revision, _identity_of_entries(location), now)
    _note_revision(location, -1, now)


def _still_failing(location: str, revision: int) -> bool:
    """Whether reading the entries failed at this revision and nothing changed since (else forget the failure)."""
    with _REVISION_LOCK:
        failed = _ENTRIES_FAILED.get(location)
    if failed is None:
        return False
    if failed[:2] == (revision, _identity_of_entries(location)) and time.monotonic() - failed[2] < MERGE_RETRY_SECONDS:
        return True
    with _REVISION_LOCK:
        _ENTRIES_FAILED.pop(location, None)
    return False


def entries_revision() -> int:
    """Return the entries' revision (the last change id; 0 when nothing was entered), read at most once a second.

    An entries file that does not exist yet counts as 0 and is not created by reading, unless this process saw it
    holding entries (then it was deleted: -1). When the store cannot be reached the report's figures are served
    alone (revision -1, the pages say so: entries_unavailable()) and the log says why; the next read tries again.
    """
    location = entries_location()
    now = time.monotonic()
    with _REVISION_LOCK:
        seen = _REVISION.get(location)
        if seen and now - seen[0] < REVISION_SECONDS:
            return seen[1]
    store = entries_store(str(db_path()), location)
    kind = getattr(store.backend, "kind", "")
    try:
        if kind == "duckdb" and not Path(store.backend.describe()).exists():
            revision = -1 if location in _HELD_ENTRIES else 0
            if revision < 0:
                LOG.error("the entries file %s is gone; showing the report's figures alone", location)
        else:
            revision = int(store.revision())
            if revision > 0 and _still_failing(location, revision):
                revision = -1
    except Exception:  # noqa: BLE001 - whatever fails, the report is still served
        LOG.error("the entries at %s cannot be read; showing the report's figures alone", location, exc_info=True)
        revision = -1
    _note_revision(location, revision, now)
    return revision


def _note_revision(location: str, revision: int, now: float) -> None:
    """Remember a revision read (or -1: the entries cannot be shown) until it is read again."""
    with _REVISION_LOCK:
        _REVISION[location] = (now, revision)
        if revision > 0:
            _HELD_ENTRIES.add(location)


def entries_unavailable() -> bool:
    """Whether the entered figures cannot be shown now (the store fails): the pages then say so in a banner.

    The entries are laid over this session's cursor first, so a store that answers its revision but fails on
    the entries themselves (a truncated file) is found before the page draws anything.
    """
    revision = entries_revision()
    if revision > 0:
        cursor(revision)
    return entries_revision() < 0


def _merged(con: duckdb.DuckDBPyConnection, revision: int) -> duckdb.DuckDBPyConnection:
    """Lay the entries over a cursor's contract views (nothing to lay when none were entered or none can be read)."""
    if revision > 0:
        merge_entries(con, entries_store(str(db_path()), entries_location()))
    return con


def cursor(revision: int | None = None) -> duckdb.DuckDBPyConnection:
    """Return this session's own cursor on the shared connection, showing the entries at the current revision."""
    path = str(db_path())
    revision = entries_revision() if revision is None else revision
    key = f"_cursor::{path}"
    held = st.session_state.get(key)
    identity = _identity(path)
    if held is None or held[1:] != (revision, entries_location(), identity):
        con = _report_cursor(_served(path)[0])
        try:
            _merged(con, revision)
        except Exception:  # noqa: BLE001 - an entries failure must not hide the report
            LOG.error("the entries could not be merged; showing the report's figures alone", exc_info=True)
            _failed_entries(entries_location(), revision)
            revision = -1
            con.close()
            con = _report_cursor(_served(path)[0])
        if held is not None:
            held[0].close()
        st.session_state[key] = (con, revision, entries_location(), identity)
        held = st.session_state[key]
    return held[0]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(
    path: str,
    identity: tuple[int, int, int],
    entries: str,
    revision: int,
    name: str,
    params: tuple[tuple[str, object], ...],
) -> pd.DataFrame:
    """Run a named query once per database file, entries store and revision, name and parameters."""
    return run_query(cursor(revision), name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def query(name: str, **params: object) -> pd.DataFrame:
    """Run a named query (cached per parameters and entries revision) and return a DataFrame."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    path, location, revision = str(db_path()), entries_location(), entries_revision()
    frame = _cached(path, _identity(path), location, revision, name, frozen)
    if revision > 0 and entries_revision() < 0:  # the entries failed meanwhile: keep no result that lacks them
        _cached.clear()
        frame = _cached(path, _identity(path), location, -1, name, frozen)
    return frame


def new_cursor() -> duckdb.DuckDBPyConnection:
    """Return a fresh cursor on the shared connection with the entries merged, for work outside the script run."""
    return _merged(_report_cursor(_served(str(db_path()))[0]), entries_revision())


def database_checksum() -> str:
    """Return the checksum of the report's data and the entries' revision (a cache key for exports)."""
    row = cursor().execute("SELECT value FROM src.build_info WHERE key = 'checksum'").fetchone()
    return f"{row[0] if row else ''}+{entries_location()}@{entries_revision()}"


@st.cache_data(show_spinner=False, max_entries=64)
def _rows_of_entries(location: str, revision: int, view_name: str) -> list[dict]:
    """Read a view's active entries once per entries store and revision."""
    if revision <= 0:
        return []
    return entries_store(str(db_path()), location).entries(view_name)


def entries_of(view_name: str) -> list[dict]:
    """Return a contract view's active entries with their provenance (who, when, document), cached per revision.

    Empty when the store fails (the page's banner says the entered figures cannot be shown; the log says why).
    """
    try:
        return _rows_of_entries(entries_location(), entries_revision(), view_name)
    except Exception:  # noqa: BLE001 - an entries failure must not hide the report
        LOG.error("the entries of %s cannot be read; showing the report's figures alone", view_name, exc_info=True)
        _failed_entries(entries_location(), entries_revision())
        return []


def editor_store() -> EntriesStore:
    """Return the entries store editors write to (the one the app reads)."""
    return entries_store(str(db_path()), entries_location())


def entries_changed() -> None:
    """Forget the read revision after a write, so this editor's next run shows the change at once."""
    with _REVISION_LOCK:
        _REVISION.pop(entries_location(), None)


def data_key() -> tuple[str, tuple[int, int, int], str, int]:
    """The identity of what a view shows: the report database file (path, inode, size, mtime) and the entries'
    location and revision. A rebuilt database or a saved entry makes a new key, so no session sees an old view."""
    path = str(db_path())
    return path, _identity(path), entries_location(), entries_revision()
