"""The merged read: the report's contract views with staff entries laid over them, on a report connection."""

from __future__ import annotations

from pathlib import Path

import duckdb

from malbild.data.documents import DOCUMENT_COLUMNS, LINE_COLUMNS
from malbild.data.entries.documents import stored_texts
from malbild.data.entries.store import CHANGE_COLUMNS, EntriesStore
from malbild.data.entries.views import BASES_PRINTED, VIEWS, ViewSpec

PROVENANCE_COLUMNS = ("entered_by", "entered_at", "source_document")

# How the contract's `figure` view names and values the rows of the views staff add to (schema/02_views.sql).
_FIGURE = {
    "goal_assessment": "'goal ' || goal_id, year, level::DOUBLE",
    "recommendation_progress": "'goal ' || goal_id || ': ' || coalesce(progress, '–'), year, NULL::DOUBLE",
    "project_grant": "owner || ' – ' || project, year, amount_sek::DOUBLE",
    "hr_metric": "metric || ' (' || grp || ')', year, value",
    "financial_goal": "goal_key, year, value",
    "verdict": "given_by || ': ' || verdict_key || ': ' || coalesce(outcome, '–'), year, NULL::DOUBLE",
    "goal_portfolio": "coalesce('goal ' || goal_id, 'all goals') || ': ' || metric, year, value",
    "hr_age_band": "band || ' (' || grp || ')', year, persons::DOUBLE",
    "finance_line": "statement || ': ' || line, year, amount_tkr",
    "finance_share": "chart || ': ' || line, year, share_pct",
    "portfolio_detail": "coalesce('goal ' || goal_id, 'all goals') || ': ' || detail, year, value",
    "goal_indicator": "'goal ' || goal_id || ': ' || qualifier || ': ' || indicator, year, value",
    "finance_detail": "topic || ': ' || unit || ': ' || line, year, value",
}
# An imported row records where it stands as 'document:lines' ('ar2018:3884-3892'); its lines become source_lines.
_CITED_LINES = (
    "CASE WHEN regexp_matches(e.source_document, '^[a-z0-9_]+:[0-9][0-9;-]*$') "
    "THEN split_part(e.source_document, ':', 2) END AS source_lines"
)
# ... and the part before the colon is its document ('ar2018'); a row typed in with a source in words has none.
_CITED_DOCUMENT = (
    "CASE WHEN regexp_matches(e.source_document, '^[a-z0-9_]+:[0-9][0-9;-]*$') "
    "THEN split_part(e.source_document, ':', 1) END AS document"
)


def _ident(name: str) -> str:
    """Return a quoted SQL identifier (for the report's catalog name, which comes from its file name)."""
    return '"' + name.replace('"', '""') + '"'


def _load_entries(con: duckdb.DuckDBPyConnection, view: ViewSpec, rows: list[dict]) -> None:
    """Copy a view's active entries into a temporary table on the connection."""
    cols = view.key_names + view.value_names + PROVENANCE_COLUMNS
    types = [c.sql for c in view.columns] + ["VARCHAR", "TIMESTAMP", "VARCHAR"]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE entries_{view.name} ("
        + ", ".join(f"{c} {t}" for c, t in zip(cols, types, strict=True))
        + ")"
    )
    _insert_rows(con, f"entries_{view.name}", cols, rows)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, cols: tuple[str, ...], rows: list[dict]) -> None:
    """Insert rows into a temporary table in one statement (through a registered DataFrame, cast to the table)."""
    if not rows:
        return
    import pandas as pd

    frame = pd.DataFrame([[row[c] for c in cols] for row in rows], columns=list(cols), dtype=object)
    con.register("_malbild_rows", frame)
    try:
        con.execute(f"INSERT INTO temp.main.{table} SELECT * FROM _malbild_rows")
    finally:
        con.unregister("_malbild_rows")


def _merged_view_sql(view: ViewSpec, catalog: str) -> str:
    """Return the SELECT of a merged view: report rows not covered by an entry, then the entries.

    An entry covers a report row that is a gap or derived. Should a later report print the figure, the report's
    value shows and the entry stays in the store (listed by `superseded_entries`).
    """
    report = f"{_ident(catalog)}.main.{view.name}"
    match = _match(view)
    printed = _printed(view, "r")
    report_cols = ", ".join(f"r.{c}" for c in view.contract_columns)
    entry_cols = ", ".join(
        "'entered' AS basis"
        if c == "basis"
        else _CITED_LINES
        if c == "source_lines"
        else _CITED_DOCUMENT
        if c == "document"
        else f"e.{c}"
        if c in view.key_names + view.value_names
        else f"NULL AS {c}"  # a column staff do not enter (finance_detail's other_values, other_lines)
        for c in view.contract_columns
    )
    return (
        f"SELECT {report_cols}, NULL::VARCHAR AS entered_by, NULL::TIMESTAMP AS entered_at, "
        f"NULL::VARCHAR AS source_document FROM {report} r WHERE {printed} OR NOT EXISTS "
        f"(SELECT 1 FROM temp.main.entries_{view.name} e WHERE {match}) "
        f"UNION ALL SELECT {entry_cols}, e.entered_by, e.entered_at, e.source_document "
        f"FROM temp.main.entries_{view.name} e WHERE NOT EXISTS "
        f"(SELECT 1 FROM {report} r WHERE {match} AND {printed})"
    )


def _match(view: ViewSpec) -> str:
    """Return the SQL condition that an entry (e) and a report row (r) are the same figure (an empty key matches an
    empty key)."""
    return " AND ".join(
        f"e.{k} IS NOT DISTINCT FROM r.{k}" if k in view.optional_keys else f"e.{k} = r.{k}" for k in view.key_names
    )


def _printed(view: ViewSpec, alias: str) -> str:
    """Return the SQL condition that a report row prints its figure (a view without a basis prints every row)."""
    if not view.has_basis:
        return "TRUE"
    return f"{alias}.basis IN ({', '.join(repr(b) for b in BASES_PRINTED)})"


def merge_entries(con: duckdb.DuckDBPyConnection, store: EntriesStore) -> None:
    """Make this connection's contract views show report and entries merged (temporary views, this connection only).

    The entries are read in one snapshot, so an import running meanwhile shows completely or not at all.

    The views staff add to gain the columns entered_by, entered_at and source_document; `figure` follows
    them; `change_log` lists every recorded change. The report's database itself is not touched.
    """
    catalog = con.execute("SELECT current_database()").fetchall()[0][0]
    snapshot = store.snapshot()
    for view in VIEWS.values():
        _load_entries(con, view, snapshot[view.name])
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view.name} AS {_merged_view_sql(view, catalog)}")
    _load_change_log(con, snapshot["change_log"])
    _merge_documents(con, catalog, store)
    parts = [
        (f"SELECT * FROM {_ident(catalog)}.main.figure WHERE dataset NOT IN ({', '.join(repr(v) for v in _FIGURE)})")
    ]
    parts += [
        f"SELECT '{name}', {expr}, basis, document, source_lines FROM temp.main.{name}"
        for name, expr in _FIGURE.items()
    ]
    con.execute("CREATE OR REPLACE TEMP VIEW figure AS " + " UNION ALL ".join(parts))


# The types of the added documents' columns (DOCUMENT_COLUMNS, LINE_COLUMNS), as the report's views have them.
_DOCUMENT_TYPES = ("VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "TIMESTAMP", "VARCHAR")
_LINE_TYPES = ("VARCHAR", "INTEGER", "INTEGER", "VARCHAR")


def _merge_documents(con: duckdb.DuckDBPyConnection, catalog: str, store: EntriesStore) -> None:
    """Lay the reports staff added over the views source_document and source_line (the report's documents first)."""
    documents, lines = stored_texts(store)
    for view, cols, types, rows in (
        ("source_document", DOCUMENT_COLUMNS, _DOCUMENT_TYPES, documents),
        ("source_line", LINE_COLUMNS, _LINE_TYPES, lines),
    ):
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE entries_{view} ("
            + ", ".join(f"{c} {t}" for c, t in zip(cols, types, strict=True))
            + ")"
        )
        _insert_rows(con, f"entries_{view}", cols, [dict(zip(cols, row, strict=True)) for row in rows])
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {', '.join(cols)} FROM {_ident(catalog)}.main.{view} "
            f"UNION ALL SELECT {', '.join(cols)} FROM temp.main.entries_{view}"
        )


def _load_change_log(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Copy the store's change log into the temporary view `change_log`."""
    types = [
        "BIGINT",
        "VARCHAR",
        "TIMESTAMP",
        "VARCHAR",
        "VARCHAR",
        "VARCHAR",
        "INTEGER",
        "VARCHAR",
        "VARCHAR",
        "VARCHAR",
        "VARCHAR",
    ]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE entries_change_log ("
        + ", ".join(f"{c} {t}" for c, t in zip(CHANGE_COLUMNS, types, strict=True))
        + ")"
    )
    _insert_rows(con, "entries_change_log", CHANGE_COLUMNS, rows)
    con.execute("CREATE OR REPLACE TEMP VIEW change_log AS SELECT * FROM temp.main.entries_change_log")


def superseded_entries(con: duckdb.DuckDBPyConnection, view_name: str) -> list[tuple]:
    """Return the keys of entries a printed report figure now covers (kept in the store, not shown)."""
    view = VIEWS[view_name]
    catalog = con.execute("SELECT current_database()").fetchall()[0][0]
    match = _match(view)
    keys = ", ".join(f"e.{k}" for k in view.key_names)
    return con.execute(
        f"SELECT {keys} FROM temp.main.entries_{view.name} e JOIN {_ident(catalog)}.main.{view.name} r "
        f"ON {match} WHERE {_printed(view, 'r')} ORDER BY {keys}"
    ).fetchall()


def entered_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    """Return the entered rows each view staff add to shows on this connection, with who, when and which document.

    A connection without merged entries (the report alone) has none: every view maps to an empty list.
    """
    merged = {
        row[0]
        for row in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE temporary AND schema_name = 'main'"
        ).fetchall()
    }
    rows: dict[str, list[dict]] = {}
    for name, view in VIEWS.items():
        if name not in merged:
            rows[name] = []
            continue
        cols = view.key_names + view.value_names + PROVENANCE_COLUMNS
        cur = con.execute(
            f"SELECT {', '.join(cols)} FROM temp.main.{name} WHERE entered_by IS NOT NULL "
            f"ORDER BY {', '.join(view.key_names)}"
        )
        rows[name] = [dict(zip(cols, values, strict=True)) for values in cur.fetchall()]
    return rows


def contract_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the names of the contract views (the report's views plus change_log), in a stable order."""
    catalog = con.execute("SELECT current_database()").fetchall()[0][0]
    names = [
        row[0]
        for row in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE database_name = ? AND schema_name = 'main' AND NOT internal "
            "ORDER BY view_name",
            [catalog],
        ).fetchall()
    ]
    return [*names, "change_log"] if "change_log" not in names else names


def open_merged(report: Path, store: EntriesStore) -> duckdb.DuckDBPyConnection:
    """Open the report's database read-only and lay the store's entries over its contract views."""
    con = duckdb.connect(str(report), read_only=True)
    try:
        merge_entries(con, store)
    except BaseException:
        con.close()
        raise
    return con
