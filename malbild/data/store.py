"""Data access for the app: one shared read-only connection, a cursor per session, cached queries."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from malbild.data.build import BuildError, BuildStatus, StoreError, ensure_database, failure_reason
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


def cursor() -> duckdb.DuckDBPyConnection:
    """Return this session's own cursor on the shared connection."""
    path = str(db_path())
    key = f"_cursor::{path}"
    if key not in st.session_state:
        st.session_state[key] = shared_connection(path)[0].cursor()
    return st.session_state[key]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(path: str, name: str, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    """Run a named query once per database, name and parameters."""
    return run_query(cursor(), name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def query(name: str, **params: object) -> pd.DataFrame:
    """Run a named query (cached per parameters) and return a DataFrame."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(str(db_path()), name, frozen)


def new_cursor() -> duckdb.DuckDBPyConnection:
    """Return a fresh cursor on the shared connection, for work outside the script run (downloads)."""
    return shared_connection(str(db_path()))[0].cursor()


def database_checksum() -> str:
    """Return the checksum of the data the database was built from (a cache key for exports)."""
    row = cursor().execute("SELECT value FROM src.build_info WHERE key = 'checksum'").fetchone()
    return row[0] if row else ""
