"""Data access for the app: one shared read-only connection, a cursor per session, cached queries."""

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
from malbild.paths import data_dir, db_path

LOG = logging.getLogger("malbild.data.store")


class DatabaseUnavailable(Exception):
    """There is no database to serve; `reason` (see StoreError.REASONS) says why, the log has the details."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@st.cache_resource(show_spinner=False)
def shared_connection(path: str) -> tuple[duckdb.DuckDBPyConnection, BuildStatus]:
    """Build the database if missing or stale (never destroying data), then open it read-only once per process.

    When nothing can be served it raises DatabaseUnavailable, which is not cached: the next run tries again.
    """
    try:
        status = ensure_database(Path(path), data_dir())
        return duckdb.connect(path, read_only=True), status
    except (StoreError, BuildError, OSError, duckdb.Error) as exc:
        LOG.error("no database can be served from %s", path, exc_info=True)
        raise DatabaseUnavailable(failure_reason(exc)) from exc


def database_status() -> BuildStatus:
    """Return what the start-up build did: built, current, rebuilt, kept or stale (with the reason)."""
    return shared_connection(str(db_path()))[1]


@st.cache_resource(show_spinner=False)
def entries_store(report: str, location: str) -> EntriesStore:
    """Return the entries store ($MALBILD_ENTRIES) checked against the report's database, once per process."""
    return EntriesStore.open(location, Path(report))


# How long a read revision is trusted: every script run asks at most this often (entries show within a second,
# in every session and, with PostgreSQL, in every process).
REVISION_SECONDS = 1.0
_REVISION: dict[str, tuple[float, int]] = {}
_REVISION_LOCK = threading.Lock()


def entries_revision() -> int:
    """Return the entries' revision (the last change id; 0 when nothing was entered), read at most once a second.

    An entries file that does not exist yet counts as 0 and is not created by reading. When the store cannot be
    reached the report's figures are served alone (revision -1) and the log says why.
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
            revision = 0
        else:
            revision = int(store.revision())
    except Exception:  # noqa: BLE001 - whatever fails, the report is still served
        LOG.error("the entries at %s cannot be read; showing the report's figures alone", location, exc_info=True)
        revision = -1
    with _REVISION_LOCK:
        _REVISION[location] = (now, revision)
    return revision


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
    if held is None or held[1:] != (revision, entries_location()):
        con = shared_connection(path)[0].cursor()
        try:
            _merged(con, revision)
        except Exception:  # noqa: BLE001 - an entries failure must not hide the report
            LOG.error("the entries could not be merged; showing the report's figures alone", exc_info=True)
            con.close()
            con = shared_connection(path)[0].cursor()
        if held is not None:
            held[0].close()
        st.session_state[key] = (con, revision, entries_location())
        held = st.session_state[key]
    return held[0]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(path: str, entries: str, revision: int, name: str, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    """Run a named query once per database, entries store and revision, name and parameters."""
    return run_query(cursor(revision), name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def query(name: str, **params: object) -> pd.DataFrame:
    """Run a named query (cached per parameters and entries revision) and return a DataFrame."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(str(db_path()), entries_location(), entries_revision(), name, frozen)


def new_cursor() -> duckdb.DuckDBPyConnection:
    """Return a fresh cursor on the shared connection with the entries merged, for work outside the script run."""
    return _merged(shared_connection(str(db_path()))[0].cursor(), entries_revision())


def database_checksum() -> str:
    """Return the checksum of the report's data and the entries' revision (a cache key for exports)."""
    row = cursor().execute("SELECT value FROM src.build_info WHERE key = 'checksum'").fetchone()
    return f"{row[0] if row else ''}+{entries_location()}@{entries_revision()}"


@st.cache_data(show_spinner=False, max_entries=64)
def _entries_of(location: str, revision: int, view_name: str) -> list[dict]:
    """Read a view's active entries once per entries store and revision."""
    if revision <= 0:
        return []
    return entries_store(str(db_path()), location).entries(view_name)


def entries_of(view_name: str) -> list[dict]:
    """Return a contract view's active entries with their provenance (who, when, document), cached per revision."""
    return _entries_of(entries_location(), entries_revision(), view_name)


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
    try:
        stat = os.stat(path)
        identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    except OSError:
        identity = (0, 0, 0)
    return path, identity, entries_location(), entries_revision()
