"""The `malbild` command: import figures, query and export the merged contract views, write a password hash."""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
import tempfile
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from babel.numbers import get_decimal_symbol

from malbild.data.entries.errors import EntryError
from malbild.texts import DEFAULT_LANG, N_, language, languages, t

log = logging.getLogger("malbild.cli")


def _report_db() -> Path:
    """Return the report's database ($DASHBOARD_DB), building it first when it does not exist yet."""
    from malbild.paths import data_dir, db_path

    path = db_path()
    if not path.exists():
        from malbild.data.build import ensure_database

        ensure_database(path, data_dir())
    return path


def _store():
    """Return the entries store ($MALBILD_ENTRIES) checked against the report's database."""
    from malbild.data.entries.store import EntriesStore

    return EntriesStore.open(report=_report_db())


def _say(lang: str, key: str, stream=None, **fields: object) -> None:
    """Print one sentence in the chosen language."""
    print(t(key, lang, **fields), file=stream or sys.stdout)


def cmd_import(args: argparse.Namespace) -> int:
    """Import a workbook or CSV files; list the problems per sheet, row and column when any row is not valid."""
    from malbild.data.entries.importer import import_files

    preview, result = import_files(
        [Path(p) for p in args.files], _store(), user=args.user, dry_run=args.dry_run, comment=args.comment
    )
    if not preview.ok:
        problems = preview.problems
        _say(args.lang, N_("cli_import_refused"), sys.stderr, n=len(problems))
        for problem in problems:
            print(problem.line(args.lang), file=sys.stderr)
        return 1
    for warning in preview.warnings:  # a number not on its cited lines: shown, recorded, not blocking
        _say(args.lang, N_("cli_import_check"), sys.stderr, line=warning.line(args.lang))
    if result is None:
        _say(args.lang, N_("cli_dry_run"), n=len(preview.rows))
        return 0
    _say(
        args.lang,
        N_("cli_imported"),
        rows=result["row_count"],
        changes=result["change_count"],
        import_id=result["import_id"],
    )
    return 0


def _csv_value(value: object) -> object:
    """Return a value as the project's CSV writes it (booleans true/false, times in ISO 8601)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


# `malbild query`'s limits: the time a query may take, the rows it may print, the memory DuckDB may use for it.
QUERY_SECONDS, QUERY_ROWS, QUERY_MEMORY = 60.0, 1_000_000, "1GB"


def _lock_down(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Let a connection read only what it already has: no files, folders, extensions or Python variables; a memory
    limit; and the configuration locked, so the query itself cannot turn any of this back on."""
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET python_enable_replacements = false")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _query_error(exc: duckdb.Error, args: argparse.Namespace) -> str:
    """One plain sentence in the chosen language for a query DuckDB stopped or could not run."""
    if isinstance(exc, duckdb.InterruptException):
        seconds = f"{args.timeout:g}".replace(".", get_decimal_symbol(language(args.lang).locale))
        return t("cli_query_timeout", args.lang, seconds=seconds)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return t("cli_query_memory", args.lang, limit=args.memory_limit)
    if isinstance(exc, duckdb.PermissionException):
        return t("cli_query_files", args.lang)
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return t("cli_query_failed", args.lang, error=first)


def cmd_query(args: argparse.Namespace) -> int:
    """Run one read-only SELECT against the merged contract views and print the result as CSV.

    The query reads nothing but the views (DuckDB's external access off, the configuration locked) and is stopped
    after --timeout seconds (DuckDB's interrupt, from a timer thread), beyond --max-rows rows, or beyond
    --memory-limit; each of these ends in one plain sentence on stderr and exit 2, with nothing on stdout.
    """
    from malbild.data.entries.merge import open_merged

    con = open_merged(_report_db(), _store())
    timer = threading.Timer(args.timeout, con.interrupt)
    try:
        _lock_down(con, args.memory_limit)
        statements = con.extract_statements(args.sql)
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            _say(args.lang, N_("cli_select_only"), sys.stderr)
            return 2
        timer.start()
        cur = con.execute(args.sql)
        rows = cur.fetchmany(args.max_rows + 1)
        timer.cancel()
        if len(rows) > args.max_rows:
            _say(args.lang, N_("cli_too_many_rows"), sys.stderr, max_rows=args.max_rows)
            return 2
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([d[0] for d in cur.description])
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
    except duckdb.Error as exc:
        log.info("malbild query stopped: %s", exc)
        print(_query_error(exc, args), file=sys.stderr)
        return 2
    finally:
        timer.cancel()
        con.close()
    return 0


def _info_for_export(con: duckdb.DuckDBPyConnection, store) -> list[tuple[str, str]]:
    """Return what an export carries about itself: when, from which report and entries."""
    checksum = con.execute("SELECT value FROM src.build_info WHERE key = 'checksum'").fetchall()
    return [
        ("exported_at", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("report_checksum", checksum[0][0] if checksum else ""),
        ("entries", store.backend.describe()),
        ("changes", str(len(store.change_log()))),
    ]


def _ident(name: str) -> str:
    """Return a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def export_duckdb(con: duckdb.DuckDBPyConnection, views: list[str], info: list, out: Path) -> None:
    """Write every contract view as a table of a new DuckDB file (written beside, then moved into place)."""
    handle, tmp = tempfile.mkstemp(suffix=".duckdb", dir=out.parent)
    os.close(handle)
    os.unlink(tmp)
    target = duckdb.connect(tmp)
    try:
        for name in views:
            frame = con.sql(f"SELECT * FROM {_ident(name)}").arrow()
            target.register("export_frame", frame)
            target.execute(f"CREATE TABLE {_ident(name)} AS SELECT * FROM export_frame")
            target.unregister("export_frame")
        target.execute("CREATE TABLE export_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
        target.executemany("INSERT INTO export_info VALUES (?, ?)", info)
    finally:
        target.close()
    os.replace(tmp, out)


def export_xlsx(con: duckdb.DuckDBPyConnection, views: list[str], info: list, out: Path) -> None:
    """Write every contract view as a sheet; texts are written as text cells, never as formulas (linear time)."""
    from malbild.export.workbook import append_row, new_book, new_sheet

    book = new_book()
    for name, rows, header in [(n, *_rows(con, n)) for n in views] + [("_info_for_export", info, ["key", "value"])]:
        sheet = new_sheet(book, name)
        append_row(sheet, header)
        for row in rows:
            append_row(sheet, row)
    handle, tmp = tempfile.mkstemp(suffix=".xlsx", dir=out.parent)
    os.close(handle)
    book.save(tmp)
    os.replace(tmp, out)


def _rows(con: duckdb.DuckDBPyConnection, name: str) -> tuple[list[tuple], list[str]]:
    """Return a view's rows and column names."""
    cur = con.execute(f"SELECT * FROM {_ident(name)}")
    return cur.fetchall(), [d[0] for d in cur.description]


def export_parquet(con: duckdb.DuckDBPyConnection, views: list[str], info: list, out: Path) -> None:
    """Write every contract view as VIEW.parquet in a folder, with export_info.parquet."""
    out.mkdir(parents=True, exist_ok=True)
    for name in views:
        con.sql(f"SELECT * FROM {_ident(name)}").write_parquet(str(out / f"{name}.parquet"))
    con.execute("CREATE OR REPLACE TEMP TABLE export_info (key VARCHAR, value VARCHAR)")
    con.executemany("INSERT INTO temp.main.export_info VALUES (?, ?)", info)
    con.sql("SELECT * FROM temp.main.export_info").write_parquet(str(out / "export_info.parquet"))


def cmd_export(args: argparse.Namespace) -> int:
    """Write the merged contract views as a DuckDB file, an Excel workbook or Parquet files in a folder."""
    from malbild.data.entries.merge import contract_views, open_merged

    out = Path(args.out.replace("{date}", date.today().isoformat()))
    kind = (
        "xlsx"
        if out.suffix.lower() == ".xlsx"
        else "duckdb"
        if out.suffix.lower() == ".duckdb"
        else ("parquet" if args.out.endswith(("/", os.sep)) or out.is_dir() or not out.suffix else None)
    )
    if kind is None:
        _say(args.lang, N_("cli_export_target"), sys.stderr)
        return 2
    if kind != "parquet" and not out.parent.exists():
        _say(args.lang, N_("cli_no_folder"), sys.stderr, folder=out.parent)
        return 2
    store = _store()
    con = open_merged(_report_db(), store)
    try:
        views, info = contract_views(con), _info_for_export(con, store)
        {"duckdb": export_duckdb, "xlsx": export_xlsx, "parquet": export_parquet}[kind](con, views, info, out)
    finally:
        con.close()
    _say(args.lang, N_("cli_exported"), n=len(views), out=out, when=info[0][1])
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    """Write the import template workbook."""
    from malbild.data.entries.facts import load_facts
    from malbild.data.entries.importer import write_template

    write_template(Path(args.out), load_facts(_report_db()))
    _say(args.lang, N_("cli_template"), out=args.out)
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    """Undo a whole import as recorded changes."""
    count = _store().undo_import(args.import_id, user=args.user, comment=args.comment)
    _say(args.lang, N_("cli_undone"), n=count)
    return 0


def cmd_add_report(args: argparse.Namespace) -> int:
    """Add a report (PDF or text) as a source document, so figures can cite (document, lines) in it."""
    from malbild.data.add_report import YearHasReport, add_report

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.info("add-report cannot read %s: %s", path, exc)
        _say(args.lang, N_("cli_file_unreadable"), sys.stderr, path=str(path))
        return 2
    try:
        doc = add_report(
            _store(),
            data,
            path.name,
            year=args.year,
            title=args.title,
            user=args.user,
            again=args.again,
            publisher=args.publisher,
            comment=args.comment,
        )
    except YearHasReport as exc:
        print(exc.message(args.lang), file=sys.stderr)
        _say(args.lang, N_("cli_add_report_again"), sys.stderr)
        return 2
    pages = t("ar_pages", args.lang, n=doc.pages) if doc.pages else t("ar_no_pages", args.lang)
    _say(args.lang, N_("ar_done"), title=doc.title, document=doc.document, lines=len(doc.lines), pages=pages)
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Ask for a password twice and print the secrets.toml lines for a local editor account."""
    import getpass

    from malbild.data.entries.auth import hash_password, secrets_snippet

    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Lösenord / Password: ")
        if getpass.getpass("Igen / Again: ") != password:
            _say(args.lang, N_("cli_passwords_differ"), sys.stderr)
            return 2
    if len(password) < 12:
        _say(args.lang, N_("cli_password_short"), sys.stderr)
        return 2
    print(secrets_snippet(args.user, hash_password(password)))
    return 0


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    top = argparse.ArgumentParser(
        prog="malbild",
        description="Målbild: import, query and export figures. "
        "Honours DASHBOARD_DB (the report's database) and MALBILD_ENTRIES (entered figures).",
    )
    top.add_argument("--lang", choices=list(languages()), default=os.environ.get("MALBILD_LANG", DEFAULT_LANG))
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "import", help="import a workbook (.xlsx) or CSV files named after their view (at most 5 000 rows per import)"
    )
    p.add_argument("files", nargs="+")
    p.add_argument("--user", required=True, help="who imports (recorded with every figure)")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--comment", help="reason recorded with every change")
    p.set_defaults(run=cmd_import)
    p = sub.add_parser("query", help="run a read-only SELECT on the merged contract views; prints CSV")
    p.add_argument("sql")
    p.add_argument("--timeout", type=float, default=QUERY_SECONDS, help="stop the query after this many seconds")
    p.add_argument("--max-rows", type=int, default=QUERY_ROWS, help="refuse a result of more rows")
    p.add_argument("--memory-limit", default=QUERY_MEMORY, help="DuckDB's memory limit for the query, e.g. 1GB")
    p.set_defaults(run=cmd_query)
    p = sub.add_parser(
        "export",
        help="write the merged contract views: OUT.duckdb, OUT.xlsx or DIR/ (Parquet); "
        "{date} in the name becomes today's date",
    )
    p.add_argument("out")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("template", help="write the import template workbook")
    p.add_argument("out")
    p.set_defaults(run=cmd_template)
    p = sub.add_parser("undo-import", help="undo a whole import (recorded as changes)")
    p.add_argument("import_id")
    p.add_argument("--user", required=True)
    p.add_argument("--comment", required=True)
    p.set_defaults(run=cmd_undo_import)
    p = sub.add_parser(
        "add-report", help="add a report (PDF or UTF-8 text) as a source document figures can cite by (document, lines)"
    )
    p.add_argument("file")
    p.add_argument("--year", type=int, required=True, help="the year the report covers")
    p.add_argument("--title", required=True, help='its title, e.g. "Årsredovisning 2019"')
    p.add_argument("--user", required=True, help="who adds it (recorded in the change log)")
    p.add_argument("--publisher", default="Region Västerbotten")
    p.add_argument("--again", action="store_true", help="add a second report for a year that has one")
    p.add_argument("--comment", help="reason recorded in the change log")
    p.set_defaults(run=cmd_add_report)
    p = sub.add_parser("hash-password", help="print secrets.toml lines for a local editor account (scrypt)")
    p.add_argument("--user", required=True, help="the editor's user name")
    p.add_argument("--stdin", action="store_true", help="read the password from standard input (for scripts)")
    p.set_defaults(run=cmd_hash_password)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the `malbild` command; errors reach the user as a plain sentence, details go to the log."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=os.environ.get("MALBILD_LOG", "WARNING"))
    try:
        return args.run(args)
    except EntryError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    except Exception:
        log.exception("malbild %s failed", args.command)
        _say(args.lang, N_("cli_failed"), sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
