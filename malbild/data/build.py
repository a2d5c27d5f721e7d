"""Build the DuckDB database from the bundled CSV files in data/.

The build is idempotent and atomic: it writes a new file beside the target and moves it into
place only when every file loaded and every constraint held, so a failed build leaves an
existing database untouched.

It never destroys data: an existing database is replaced only when it was built by this module
(it holds a data checksum) and holds no row entered by staff (basis 'entered'). A file another
process holds (DuckDB's "Conflicting lock") is told apart from an unreadable one, and neither is
ever replaced.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import logging
import math
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

import duckdb
import pandas as pd

from malbild.data.documents import DOCUMENT_COLUMNS, Document, bundled_documents, bundled_files
from malbild.data.serving import Served, not_served
from malbild.paths import DATA_DIR, SCHEMA_DIR, data_dir, db_path

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
    "verdict",
    "finance_share",
    "goal_indicator",
    "portfolio_detail",
    "finance_detail",
)

# Tables whose rows carry a basis; rows with basis 'entered' were added by staff.
TABLES_WITH_BASIS = tuple(t for t in TABLES if t not in ("goal", "subgoal", "goal_text", "ongoing_project"))


LOG = logging.getLogger("malbild.data.build")


class BuildError(Exception):
    """The bundled data cannot be loaded; the message names file, line and column."""


class StoreError(Exception):
    """The database file cannot be used or replaced; `reason` is one of REASONS, the message has the details."""

    REASONS = ("locked", "directory", "unreadable", "entered", "build_failed", "unwritable")

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class DatabaseState:
    """What an existing database file holds: the checksum it was built from and the rows staff entered."""

    checksum: str | None
    entered: int


def is_lock_error(exc: BaseException) -> bool:
    """Whether a DuckDB error says another process holds the file (not that the file is damaged)."""
    text = str(exc).lower()  # (not just "lock": the file's own path may hold that word)
    return "conflicting lock" in text or "could not set lock on file" in text


def failure_reason(exc: BaseException) -> str:
    """Classify why a build could not replace the database: build_failed (the data) or unwritable (the folder)."""
    if isinstance(exc, StoreError):
        return exc.reason
    if isinstance(exc, BuildError):
        return "build_failed"
    if isinstance(exc, IsADirectoryError):
        return "directory"
    if isinstance(exc, OSError):
        return "unwritable"
    if isinstance(exc, duckdb.Error) and is_lock_error(exc):
        return "locked"
    return "build_failed"


@dataclass(frozen=True)
class Column:
    """A column of a storage table, as DuckDB describes it."""

    name: str
    type: str
    nullable: bool


def schema_sql() -> list[str]:
    """Return the DDL files' contents in the order they are applied."""
    return [p.read_text(encoding="utf-8") for p in sorted(SCHEMA_DIR.glob("*.sql"))]


def data_checksum(data_dir: Path = DATA_DIR) -> str:
    """Return a SHA-256 over the schema, the CSV files, the document registry and the documents' texts."""
    digest = hashlib.sha256()
    files = sorted(SCHEMA_DIR.glob("*.sql")) + sorted(data_dir.glob("*.csv")) + bundled_files(data_dir)
    for path in files:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[Column]:
    """Return the columns of src.<table> in declaration order."""
    rows = con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'src' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [Column(name, dtype, nullable == "YES") for name, dtype, nullable in rows]


# Columns a CSV file may leave out, with what the build fills in: `document` is the bundled report's (the registry's
# first document) unless the file names each row's document.
OPTIONAL_COLUMNS = ("document",)


def csv_header(table: str) -> list[str]:
    """Return the header a table's CSV file has: its column names in the schema's declaration order (the optional
    `document` left out: every bundled row is from the bundled report)."""
    with duckdb.connect() as con:
        for ddl in schema_sql():
            con.execute(ddl)
        return [column.name for column in table_columns(con, table) if column.name not in OPTIONAL_COLUMNS]


def unique_keys(con: duckdb.DuckDBPyConnection, table: str) -> list[list[str]]:
    """Return the column lists of the table's primary key and unique constraints."""
    rows = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE schema_name = 'src' AND table_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
        [table],
    ).fetchall()
    return [list(r[0]) for r in rows]


_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
MAX_WARNINGS_PER_FILE = 10


def _read_text(path: Path) -> str:
    """Read a CSV file as UTF-8 (a leading byte-order mark, as Excel writes, is dropped) or raise a BuildError."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
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
    is_int = kind in ("INTEGER", "BIGINT", "SMALLINT", "HUGEINT")
    if is_int or kind in ("DOUBLE", "FLOAT", "REAL") or kind.startswith("DECIMAL"):
        # Strict: ASCII digits, one optional sign, one optional decimal point; no _, spaces, exponents or other
        # scripts' digits (Python's int() and float() would accept those), and the value must be finite.
        pattern = _INTEGER if is_int else _DECIMAL
        number = (int(value) if is_int else float(value)) if pattern.fullmatch(value) else None
        if number is None or (not is_int and not math.isfinite(number)):
            raise BuildError(
                f"{where}, column {column.name}: {value!r} is not a number "
                f"(write {'whole ' if is_int else ''}digits 0-9 with at most one sign"
                f"{'' if is_int else ' and one decimal point'} and nothing else, e.g. {'1234' if is_int else '1234.5'})"
            )
        return number
    if kind == "BOOLEAN":
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise BuildError(f"{where}, column {column.name}: {value!r} is not true or false")
    return value


def _trimmed(value: str, column: str, where: str, warnings: list[str] | None) -> str:
    """Return a cell without surrounding spaces, noting in warnings where spaces were removed."""
    stripped = value.strip()
    if stripped != value and warnings is not None:
        warnings.append(f"{where}, column {column}: spaces around {stripped!r} were removed")
    return stripped


def read_table_csv(
    path: Path, columns: list[Column], warnings: list[str] | None = None, defaults: dict[str, object] | None = None
) -> tuple[pd.DataFrame, list[int]]:
    """Parse and type-check a CSV file; return its rows and each row's line number.

    Cells are trimmed of surrounding whitespace; each trimmed cell is reported in `warnings` (when given). A column
    named in `defaults` may be left out of the file: every row then holds the default.
    """
    if not path.exists():
        raise BuildError(f"{path.name}: file is missing from {path.parent}")
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    header = next(reader, None)
    expected = [c.name for c in columns]
    if header is None:
        raise BuildError(f"{path.name}: line 1: the file is empty; expected the header {','.join(expected)}")
    header = [h.strip() for h in header]
    absent = {name: value for name, value in (defaults or {}).items() if name not in header}
    columns = [c for c in columns if c.name not in absent]
    expected = [c.name for c in columns]
    missing = [c for c in expected if c not in header]
    extra = [h for h in header if h not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if extra:
            parts.append("unknown column(s) " + ", ".join(extra))
        hint = ""
        if len(header) == 1 and ";" in header[0]:
            hint = (
                " – the columns are separated by semicolons (;), as a Swedish Excel saves them; "
                "save the file as CSV with commas (CSV UTF-8, comma-delimited)"
            )
        raise BuildError(f"{path.name}: line 1 (header): {'; '.join(parts)}; expected {','.join(expected)}{hint}")
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
        records.append([_convert(_trimmed(row[index[c.name]], c.name, where, warnings), c, where) for c in columns])
        lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame.from_records(records, columns=expected).astype(object)
    for name, value in absent.items():
        frame[name] = value
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
                    f"{path.name}: line {line}, column {key[-1]}: duplicate key ({shown}); first at line {seen[values]}"
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
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    lines: list[int],
    columns: list[Column],
    error: duckdb.Error,
    path: Path,
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


def load_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    data_dir: Path,
    warnings: list[str] | None = None,
    document: str | None = None,
) -> int:
    """Validate and load data/<table>.csv into src.<table>; return the row count (trimmed cells go to warnings).

    Rows of a file without a `document` column are the given document's (the bundled report).
    """
    path = data_dir / f"{table}.csv"
    columns = table_columns(con, table)
    found: list[str] = []
    frame, lines = read_table_csv(path, columns, found, {"document": document} if document else None)
    if warnings is not None and found:
        warnings.extend(found[:MAX_WARNINGS_PER_FILE])
        if len(found) > MAX_WARNINGS_PER_FILE:
            warnings.append(f"{path.name}: … and {len(found) - MAX_WARNINGS_PER_FILE} more cell(s) with spaces removed")
    check_unique(path, frame, lines, unique_keys(con, table))
    con.execute("BEGIN TRANSACTION")
    try:
        _insert(con, table, frame, columns)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise _locate_violation(con, table, frame, lines, columns, exc, path) from None
    return len(frame)


def load_documents(con: duckdb.DuckDBPyConnection, documents: list[Document]) -> int:
    """Load the source documents' registry rows and their numbered lines (document, line_no, page, text)."""
    lines = []
    for doc in documents:
        con.execute(
            f"INSERT INTO src.source_document ({', '.join(DOCUMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})",
            list(doc.row()),
        )
        lines += [(doc.document, n, page, text) for n, page, text in doc.lines]
    frame = pd.DataFrame(lines, columns=["document", "line_no", "page", "text"]).astype(object)
    con.register("_lines", frame)
    try:
        con.execute(
            "INSERT INTO src.source_line SELECT document, line_no::INTEGER, page::INTEGER, text::VARCHAR FROM _lines"
        )
    finally:
        con.unregister("_lines")
    return len(frame)


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_litter(target: Path) -> list[Path]:
    """Remove temporary files a killed build left beside target (.<name>.<pid>.*.tmp[.wal]) whose process is gone."""
    removed = []
    for path in target.parent.glob(f".{target.name}.*.tmp*"):
        parts = path.name[len(target.name) + 2 :].split(".")
        if not (path.name.endswith(".tmp") or path.name.endswith(".tmp.wal")):
            continue
        pid = int(parts[0]) if parts and parts[0].isdigit() else None
        if pid is not None and _pid_alive(pid):
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            LOG.warning("could not remove build litter %s", path)
    return removed


def build(target: Path | None = None, data_dir: Path = DATA_DIR, warnings: list[str] | None = None) -> dict[str, int]:
    """Build the database at target from data_dir atomically; return row counts per table.

    What the build had to correct (cells trimmed of spaces) is appended to `warnings` and logged.
    """
    target = Path(target or db_path())
    if target.is_dir():
        raise StoreError("directory", f"{target} is a folder, not a database file")
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_litter(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    counts: dict[str, int] = {}
    notes: list[str] = []
    try:
        con = duckdb.connect(str(tmp))
        try:
            for ddl in schema_sql():
                con.execute(ddl)
            documents = bundled_documents(data_dir)
            counts["source_document"] = len(documents)
            counts["source_line"] = load_documents(con, documents)
            for table in TABLES:
                counts[table] = load_table(con, table, data_dir, notes, documents[0].document if documents else None)
            con.execute(
                "INSERT INTO src.build_info VALUES ('checksum', ?), ('built_at', ?), ('data_dir', ?)",
                [data_checksum(data_dir), datetime.now(UTC).isoformat(timespec="seconds"), str(data_dir)],
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
        for note in notes:
            LOG.warning("%s", note)
        if warnings is not None:
            warnings.extend(notes)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return counts


def inspect_database(path: Path) -> DatabaseState:
    """Read an existing database's checksum and count its staff-entered rows.

    Raises StoreError: 'directory' for a folder, 'locked' when another process holds the file, 'unreadable' when
    it is not a database this module built (damaged, or no build_info).
    """
    if path.is_dir():
        raise StoreError("directory", f"{path} is a folder, not a database file")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        if is_lock_error(exc):
            raise StoreError("locked", f"{path} is held by another process: {exc}") from exc
        raise StoreError("unreadable", f"{path} cannot be opened as a DuckDB database: {exc}") from exc
    try:
        try:
            row = con.execute("SELECT value FROM src.build_info WHERE key = 'checksum'").fetchone()
        except duckdb.Error as exc:
            raise StoreError(
                "unreadable", f"{path} was not built by malbild.data.build (no build_info): {exc}"
            ) from exc
        entered = 0
        for table in TABLES_WITH_BASIS:
            try:
                count = con.execute(
                    f"SELECT count(*) FROM src.{table} WHERE basis = 'entered'"  # noqa: S608 - fixed names
                ).fetchone()
                entered += count[0] if count else 0
            except duckdb.CatalogException:
                continue
        return DatabaseState(row[0] if row else None, entered)
    finally:
        con.close()


def stored_checksum(path: Path) -> str | None:
    """Return the data checksum stored in an existing database, or None when it holds none or can't be read."""
    try:
        return inspect_database(path).checksum
    except StoreError:
        return None


def entered_rows(path: Path) -> int:
    """Count rows that staff entered (basis 'entered') in an existing database."""
    return inspect_database(path).entered


class BuildAction(Enum):
    """What the start-up build did with the database."""

    BUILT = "built"
    CURRENT = "current"
    REBUILT = "rebuilt"
    KEPT = "kept"  # the data changed, but staff entered rows: not rebuilt
    STALE = "stale"  # the rebuild failed: the existing database is served as it is


@dataclass(frozen=True)
class BuildStatus:
    """The start-up build's outcome: its action, the reason key of a stale database, and the details for the log."""

    action: BuildAction
    detail: str = ""
    reason: str = ""  # for STALE: a StoreError reason key (build_failed, unwritable, …)

    @property
    def kept(self) -> bool:
        """Tell whether an outdated database was kept because staff entered data in it."""
        return self.action is BuildAction.KEPT

    @property
    def stale(self) -> bool:
        """Tell whether the rebuild failed and the existing database is served as it is."""
        return self.action is BuildAction.STALE

    def __str__(self) -> str:
        """'built', 'kept: <why>', 'stale:<reason>: <details>' (for the command line and the log)."""
        if self.action is BuildAction.STALE:
            return f"stale:{self.reason}: {self.detail}"
        return f"{self.action.value}: {self.detail}" if self.detail else self.action.value


def ensure_database(target: Path | None = None, data_dir: Path = DATA_DIR) -> BuildStatus:
    """Build the database if missing or stale, never destroying data. Return what happened.

    BUILT / CURRENT / REBUILT; KEPT when staff entered rows (never rebuilt); STALE (with a reason) when the rebuild
    failed and the existing database is served as it is. Raises StoreError when the file is a folder, locked by
    another process or not one this module built (it is left untouched), and BuildError/OSError when there is no
    database and none could be built.
    """
    target = Path(target or db_path())
    if target.is_dir():
        raise StoreError("directory", f"{target} is a folder, not a database file")
    if not target.exists():
        build(target, data_dir)
        return BuildStatus(BuildAction.BUILT)
    clean_litter(target)
    state = inspect_database(target)
    if state.checksum is None:
        raise StoreError("unreadable", f"{target} holds no build checksum; it was not built by malbild.data.build")
    try:
        wanted = data_checksum(data_dir)
    except OSError as exc:
        LOG.error("the data folder %s cannot be read; serving %s as it is", data_dir, target, exc_info=True)
        return BuildStatus(BuildAction.STALE, str(exc), "build_failed")
    if state.checksum == wanted:
        return BuildStatus(BuildAction.CURRENT)
    if state.entered:
        return BuildStatus(
            BuildAction.KEPT,
            f"the bundled data changed, but {target} holds {state.entered} row(s) entered by staff; it was not rebuilt",
        )
    try:
        build(target, data_dir)
    except (BuildError, StoreError, OSError, duckdb.Error) as exc:
        LOG.error("rebuilding %s from %s failed; serving the existing database", target, data_dir, exc_info=True)
        return BuildStatus(BuildAction.STALE, str(exc), failure_reason(exc))
    return BuildStatus(BuildAction.REBUILT)


def guard_rebuild(target: Path) -> None:
    """Raise StoreError unless target may be replaced by a fresh build (missing, or built here with no entered rows)."""
    if target.is_dir():
        raise StoreError("directory", f"{target} is a folder, not a database file")
    if not target.exists():
        return
    state = inspect_database(target)
    if state.checksum is None:
        raise StoreError("unreadable", f"{target} holds no build checksum; it was not built by malbild.data.build")
    if state.entered:
        raise StoreError(
            "entered", f"{target} holds {state.entered} row(s) entered by staff; a rebuild would delete them"
        )


def remove_database(target: Path) -> list[Path]:
    """Delete a database this module built (after guard_rebuild), its WAL and build litter; return what went."""
    removed = clean_litter(target)
    for path in (target, target.with_name(target.name + ".wal")):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


# What `make db`/`make clean` tell after a refusal, by why (a running app, or StoreError.reason); none for the rest.
REFUSAL_ADVICE = {
    "served": "Stop the app first; it rebuilds the database itself when it starts and the data changed.",
    "entered": "Move the file elsewhere (or export the entered rows) before rebuilding or cleaning, or run the app, "
    "which keeps it as it is.",
    "locked": "Close the other program (open the file with duckdb -readonly to read it safely) and try again.",
}


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database and print row counts and the time taken."""
    parser = argparse.ArgumentParser(description="Build the Målbild DuckDB database from data/*.csv")
    parser.add_argument("--db", type=Path, default=None, help="target file (default: $DASHBOARD_DB)")
    parser.add_argument(
        "--data", type=Path, default=None, help="folder with the CSV files (default: $DASHBOARD_DATA or data/)"
    )
    parser.add_argument(
        "--if-needed",
        action="store_true",
        help="build only when missing or stale, keep a database with staff-entered rows (what the app does at start)",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="remove the database (and build litter) unless it holds staff-entered rows or is not ours",
    )
    args = parser.parse_args(argv)
    target = Path(args.db or db_path())
    source = args.data or data_dir()
    started = time.perf_counter()
    notes: list[str] = []
    try:
        if args.if_needed:
            status = ensure_database(target, source)
            print(f"{target}: {status}")
            return 0
        with not_served(target):
            guard_rebuild(target)
            if args.clean:
                removed = remove_database(target)
                print(f"removed: {', '.join(str(p) for p in removed) or 'nothing'}")
                return 0
            counts = build(target, source, notes)
    except (Served, StoreError) as exc:
        print(f"build refused: {exc}. Nothing was changed.", file=sys.stderr)
        advice = REFUSAL_ADVICE.get("served" if isinstance(exc, Served) else exc.reason)
        if advice:
            print(advice, file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"build failed: cannot write beside {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    for note in notes:
        print(f"warning: {note}")
    for table, n in counts.items():
        print(f"{table:26} {n:6d} rows")
    print(f"built {args.db or db_path()} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
