"""What the deck's and the snapshot's command lines share: the database they read, built from the configured data."""

from __future__ import annotations

import sys

import duckdb

from malbild.data.build import BuildError, StoreError, ensure_database
from malbild.paths import data_dir, db_path


def read_only_database() -> duckdb.DuckDBPyConnection | None:
    """Build the database from $DASHBOARD_DATA if missing or stale, then open it read-only (None: said on stderr)."""
    try:
        status = ensure_database(db_path(), data_dir())
    except (BuildError, StoreError, OSError) as exc:
        print(f"no database to read: {exc}", file=sys.stderr)
        return None
    if status.stale:
        print(f"warning: the database could not be updated from {data_dir()}; using it as it is", file=sys.stderr)
    return duckdb.connect(str(db_path()), read_only=True)
