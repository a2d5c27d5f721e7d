"""What the deck's and the snapshot's command lines share: the database they read (built from the configured data),
the --output and --lang options, and the report of what was written."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from malbild.data.build import BuildError, StoreError, ensure_database
from malbild.data.entries.merge import merge_entries
from malbild.data.entries.store import EntriesStore, entries_location
from malbild.paths import data_dir, db_path
from malbild.texts import DEFAULT_LANG, languages


def read_only_database() -> duckdb.DuckDBPyConnection | None:
    """Build the database from $DASHBOARD_DATA if missing or stale, then open it read-only (None: said on stderr)."""
    try:
        status = ensure_database(db_path(), data_dir())
    except (BuildError, StoreError, OSError) as exc:
        print(f"no database to read: {exc}", file=sys.stderr)
        return None
    if status.stale:
        print(f"warning: the database could not be updated from {data_dir()}; using it as it is", file=sys.stderr)
    con = duckdb.connect(str(db_path()), read_only=True)
    merge_configured_entries(con)
    return con


def merge_configured_entries(con: duckdb.DuckDBPyConnection) -> None:
    """Lay the entries of $MALBILD_ENTRIES over the connection's views (a missing entries file: nothing entered)."""
    location = entries_location()
    if not location.startswith(("postgresql://", "postgres://")) and not Path(location).exists():
        return
    try:
        merge_entries(con, EntriesStore.open(location, db_path()))
    except Exception as exc:  # noqa: BLE001 - the report's figures are still written, and the reason is said
        print(
            f"warning: the entries at {location} could not be read ({exc}); the report's figures alone", file=sys.stderr
        )


def export_main(
    parser: argparse.ArgumentParser,
    argv: list[str] | None,
    make: Callable[[duckdb.DuckDBPyConnection, argparse.Namespace], bytes],
) -> int:
    """Run an export command: --output and --lang, the database, the file made and written, its size and time."""
    parser.add_argument("--output", type=Path, required=True, help="the file to write")
    parser.add_argument("--lang", choices=list(languages()), default=DEFAULT_LANG)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    con = read_only_database()
    if con is None:
        return 1
    try:
        data = make(con, args)
    finally:
        con.close()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.output}: {len(data) / 1024:.0f} KiB in {elapsed:.1f} s ({len(data)} bytes)")
    return 0
