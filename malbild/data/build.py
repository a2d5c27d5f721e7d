"""Build the DuckDB database from the bundled CSV files in data/.

The build is idempotent and atomic: it writes a new file beside the target and moves it into
place only when every file loaded and every constraint held, so a failed build leaves an
existing database untouched.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

import duckdb
import pandas as pd

from malbild.paths import DATA_DIR, SCHEMA_DIR, SOURCE_FILE, data_dir, db_path

# Load order follows the foreign keys: parents first.
TABLES = (
    "goal",
    "subgoal",
    "goal_assessment",
    "recommendation_progress",
    "goal_text",
    "project_grant",
    "goal_portfolio",
    "ongoing_project",
    "hr_metric",
    "hr_age_band",
    "financial_goal",
    "finance_line",
)

# Tables whose rows carry a basis; rows with basis 'entered' were added by staff.
TABLES_WITH_BASIS = tuple(
    t for t in TABLES if t not in ("goal", "subgoal", "goal_text", "ongoing_project")
)


class BuildError(Exception):
    """The bundled data cannot be loaded; the message names file, line and column."""


@dataclass(frozen=True)
class Column:
    """A column of a storage table, as DuckDB describes it."""

    name: str
    type: str
    nullable: bool


def schema_sql() -> list[str]:
    """Return the DDL files' contents in the order they are applied."""
    return [p.read_text(encoding="utf-8") for p in sorted(SCHEMA_DIR.glob("*.sql"))]


def data_checksum(data_dir: Path = DATA_DIR, source_file: Path | None = None) -> str:
    """Return a SHA-256 over the schema, the CSV files and the source document."""
    digest = hashlib.sha256()
    files = sorted(SCHEMA_DIR.glob("*.sql")) + sorted(data_dir.glob("*.csv"))
    files.append(source_file or _source_file(data_dir))
    for path in files:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _source_file(data_dir: Path) -> Path:
    """Return the source document bundled with a data directory."""
    candidate = data_dir / "source" / SOURCE_FILE.name
    return candidate if candidate.exists() else SOURCE_FILE


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[Column]:
    """Return the columns of src.<table> in declaration order."""
    rows = con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'src' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [Column(name, dtype, nullable == "YES") for name, dtype, nullable in rows]


def unique_keys(con: duckdb.DuckDBPyConnection, table: str) -> list[list[str]]:
    """Return the column lists of the table's primary key and unique constraints."""
    rows = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE schema_name = 'src' AND table_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
        [table],
    ).fetchall()
    return [list(r[0]) for r in rows]


def _read_text(path: Path) -> str:
    """Read a CSV file as UTF-8 or raise a BuildError naming the line of the first bad byte."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BuildError(
            f"{path.name}: line {line}, character {column}: the file is not UTF-8 "
            f"(byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def _convert(value: str, column: Column, where: str) -> object:
    """Convert one CSV cell to the column's Python type, or raise a BuildError."""
    if value == "":
        if not column.nullable:
            raise BuildError(f"{where}, column {column.name}: empty, but a value is required")
        return None
    kind = column.type.upper()
    try:
        if kind in ("INTEGER", "BIGINT", "SMALLINT", "HUGEINT"):
            return int(value)
        if kind in ("DOUBLE", "FLOAT", "REAL") or kind.startswith("DECIMAL"):
            return float(value)
    except ValueError:
        raise BuildError(
            f"{where}, column {column.name}: {value!r} is not a number "
            "(write digits with a decimal point and no spaces, e.g. 1234.5)"
        ) from None
    if kind == "BOOLEAN":
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise BuildError(f"{where}, column {column.name}: {value!r} is not true or false")
    return value


def read_table_csv(path: Path, columns: list[Column]) -> tuple[pd.DataFrame, list[int]]:
    """Parse and type-check a CSV file; return its rows and each row's line number."""
    if not path.exists():
        raise BuildError(f"{path.name}: file is missing from {path.parent}")
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    header = next(reader, None)
    expected = [c.name for c in columns]
    if header is None:
        raise BuildError(f"{path.name}: line 1: the file is empty; expected the header {','.join(expected)}")
    header = [h.strip() for h in header]
    missing = [c for c in expected if c not in header]
    extra = [h for h in header if h not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if extra:
            parts.append("unknown column(s) " + ", ".join(extra))
        raise BuildError(f"{path.name}: line 1 (header): {'; '.join(parts)}; expected {','.join(expected)}")
    index = {name: header.index(name) for name in expected}
    records: list[list[object]] = []
    lines: list[int] = []
    start = 2
    for row in reader:
        where = f"{path.name}: line {start}"
        if not row:
            start = reader.line_num + 1
            continue
        if len(row) != len(header):
            raise BuildError(f"{where}: {len(row)} fields, but the header has {len(header)}")
        records.append([_convert(row[index[c.name]], c, where) for c in columns])
        lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame.from_records(records, columns=expected).astype(object)
    return frame, lines


def check_unique(path: Path, frame: pd.DataFrame, lines: list[int], keys: list[list[str]]) -> None:
    """Raise a BuildError naming both lines of the first duplicate key."""
    for key in keys:
        seen: dict[tuple, int] = {}
        for line, values in zip(lines, frame[key].itertuples(index=False, name=None)):
            if any(v is None or (isinstance(v, float) and v != v) for v in values):
                continue
            if values in seen:
                shown = ", ".join(f"{k}={v}" for k, v in zip(key, values))
                raise BuildError(
                    f"{path.name}: line {line}, column {key[-1]}: duplicate key ({shown}); "
                    f"first at line {seen[values]}"
                )
            seen[values] = line


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: list[Column]) -> None:
    """Insert a frame into src.<table>, casting each column to its declared type."""
    casts = ", ".join(f'CAST("{c.name}" AS {c.type}) AS "{c.name}"' for c in columns)
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO src.{table} SELECT {casts} FROM _incoming")  # noqa: S608 - names from schema
    finally:
        con.unregister("_incoming")


def _locate_violation(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, lines: list[int], columns: list[Column],
    error: duckdb.Error, path: Path,
) -> BuildError:
    """Insert row by row to find the line that breaks a constraint; return the error to raise."""
    for i, line in enumerate(lines):
        try:
            _insert(con, table, frame.iloc[[i]], columns)
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0].replace("Constraint Error: ", "")
            named = [c.name for c in columns if c.name in message] or ["?"]
            values = ", ".join(f"{c}={frame.iloc[i][c]!r}" for c in named if c in frame.columns)
            return BuildError(f"{path.name}: line {line}, column {'/'.join(named)}: {values} rejected: {message}")
    return BuildError(f"{path.name}: {str(error).splitlines()[0]}")


def load_table(con: duckdb.DuckDBPyConnection, table: str, data_dir: Path) -> int:
    """Validate and load data/<table>.csv into src.<table>; return the row count."""
    path = data_dir / f"{table}.csv"
    columns = table_columns(con, table)
    frame, lines = read_table_csv(path, columns)
    check_unique(path, frame, lines, unique_keys(con, table))
    con.execute("BEGIN TRANSACTION")
    try:
        _insert(con, table, frame, columns)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise _locate_violation(con, table, frame, lines, columns, exc, path) from None
    return len(frame)


def load_source_lines(con: duckdb.DuckDBPyConnection, source: Path) -> int:
    """Load the source document, one row per line, numbered from 1."""
    text = source.read_text(encoding="utf-8").split("\n")
    if text and text[-1] == "":
        text.pop()
    frame = pd.DataFrame({"line_no": range(1, len(text) + 1), "text": text})
    con.register("_lines", frame)
    con.execute("INSERT INTO src.source_line SELECT line_no::INTEGER, text FROM _lines")
    con.unregister("_lines")
    return len(frame)


def build(target: Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Build the database at target from data_dir atomically; return row counts per table."""
    target = Path(target or db_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    counts: dict[str, int] = {}
    try:
        con = duckdb.connect(str(tmp))
        try:
            for ddl in schema_sql():
                con.execute(ddl)
            for table in TABLES:
                counts[table] = load_table(con, table, data_dir)
            counts["source_line"] = load_source_lines(con, _source_file(data_dir))
            con.execute(
                "INSERT INTO src.build_info VALUES ('checksum', ?), ('built_at', ?), ('data_dir', ?)",
                [data_checksum(data_dir), datetime.now(UTC).isoformat(timespec="seconds"), str(data_dir)],
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return counts


def stored_checksum(path: Path) -> str | None:
    """Return the data checksum stored in an existing database, or None."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM src.build_info WHERE key = 'checksum'").fetchone()
        return row[0] if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def entered_rows(path: Path) -> int:
    """Count rows that staff entered (basis 'entered') in an existing database."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        total = 0
        for table in TABLES_WITH_BASIS:
            row = con.execute(
                f"SELECT count(*) FROM src.{table} WHERE basis = 'entered'"  # noqa: S608 - fixed names
            ).fetchone()
            total += row[0] if row else 0
        return total
    finally:
        con.close()


class BuildAction(Enum):
    """What the start-up build did with the database."""

    BUILT = "built"
    CURRENT = "current"
    REBUILT = "rebuilt"
    KEPT = "kept"


@dataclass(frozen=True)
class BuildStatus:
    """The start-up build's outcome: its action and, when the database was kept, the reason."""

    action: BuildAction
    reason: str = ""

    @property
    def kept(self) -> bool:
        """Tell whether an outdated database was kept because staff entered data in it."""
        return self.action is BuildAction.KEPT


def ensure_database(target: Path | None = None, data_dir: Path = DATA_DIR) -> BuildStatus:
    """Build the database if missing or stale; keep it if staff entered data. Return what happened."""
    target = Path(target or db_path())
    if not target.exists():
        build(target, data_dir)
        return BuildStatus(BuildAction.BUILT)
    if stored_checksum(target) == data_checksum(data_dir):
        return BuildStatus(BuildAction.CURRENT)
    entered = entered_rows(target) if stored_checksum(target) is not None else 0
    if entered:
        return BuildStatus(
            BuildAction.KEPT,
            f"the bundled data changed, but {target} holds {entered} row(s) entered by staff; it was not rebuilt",
        )
    build(target, data_dir)
    return BuildStatus(BuildAction.REBUILT)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database and print row counts and the time taken."""
    parser = argparse.ArgumentParser(description="Build the Målbild DuckDB database from data/*.csv")
    parser.add_argument("--db", type=Path, default=None, help="target file (default: $DASHBOARD_DB)")
    parser.add_argument("--data", type=Path, default=None, help="folder with the CSV files (default: $DASHBOARD_DATA or data/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = build(args.db, args.data or data_dir())
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    for table, n in counts.items():
        print(f"{table:26} {n:6d} rows")
    print(f"built {args.db or db_path()} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
