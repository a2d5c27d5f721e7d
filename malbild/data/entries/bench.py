"""Benchmark: how long importing a full year's workbook takes on a back end (`python -m malbild.data.entries.bench`)."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from malbild.data.entries.backends import backend_from
from malbild.data.entries.facts import ReportFacts, load_facts
from malbild.data.entries.importer import EXTRA_COLUMNS, import_files
from malbild.data.entries.store import EntriesStore
from malbild.data.entries.views import FINANCIAL_KEYS, GROUPS, VIEWS


def year_rows(facts: ReportFacts, year: int = 2019) -> dict[str, list[dict]]:
    """Return a year of figures for every view: 6 goals, 60 grants, 120 personnel metrics, 15 financial goals.

    The values are synthetic (for timing only); keys follow the report's goals and metrics.
    """
    goals = sorted(facts.goals)
    source = f"Årsredovisning {year} (syntetisk, för mätning)"
    rows: dict[str, list[dict]] = {
        "goal_assessment": [{"goal_id": g, "year": year, "level": g % 3 + 1, "source_document": source} for g in goals],
        "recommendation_progress": [
            {"goal_id": g, "year": year, "progress": ("in_line", "partly", "little")[g % 3], "source_document": source}
            for g in goals
        ],
        "project_grant": [
            {
                "goal_id": goals[i % len(goals)],
                "year": year,
                "owner": f"Kommun {i % 15 + 1}",
                "project": f"Projekt {i + 1}",
                "amount_sek": f"{(i + 1) * 123_457:,}".replace(",", " "),
                "source_document": source,
            }
            for i in range(60)
        ],
        "financial_goal": [
            {"goal_key": k, "year": y, "value": "1,2", "met": "ja", "source_document": source}
            for y in (year, year + 1, year + 2)
            for k in FINANCIAL_KEYS
        ],
    }
    pairs = [(m, g) for m in sorted(facts.hr_units) for g in GROUPS]
    hr = [(m, g, year) for m, g in pairs] + [(m, g, year + 1) for m, g in pairs]
    rows["hr_metric"] = [
        {"metric": m, "year": y, "grp": g, "value": f"{i % 90},5", "source_document": source}
        for i, (m, g, y) in enumerate(hr[:120])
    ]
    return rows


def write_year_workbook(path: Path, facts: ReportFacts, year: int = 2019) -> Path:
    """Write a year's workbook in the import format."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in year_rows(facts, year).items():
        view = VIEWS[name]
        columns = [*view.key_names, *view.value_names, *EXTRA_COLUMNS]
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
    book.save(path)
    return path


def time_import(location: str, report: Path, workbook: Path) -> float:
    """Import the workbook into the store at location and return the seconds it took (preview included)."""
    store = EntriesStore(backend_from(location), report)
    store.ensure_schema()
    started = time.perf_counter()
    preview, result = import_files([workbook], store, user="bench")
    elapsed = time.perf_counter() - started
    if result is None:
        raise SystemExit("\n".join(p.line("en") for p in preview.problems))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Time importing a full year into fresh stores (DuckDB file, or the PostgreSQL URL given) and print the median."""
    from malbild.paths import db_path

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--postgres", help="a postgresql:// URL of an EMPTY database server to create databases on")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    report = db_path()
    with tempfile.TemporaryDirectory() as tmp:
        book = write_year_workbook(Path(tmp) / "year.xlsx", load_facts(report))
        rows = sum(len(v) for v in year_rows(load_facts(report)).values())
        results = {"duckdb": [time_import(str(Path(tmp) / f"e{i}.duckdb"), report, book) for i in range(args.runs)]}
        if args.postgres:
            results["postgresql"] = [time_import(_fresh_pg(args.postgres), report, book) for _ in range(args.runs)]
    for kind, times in results.items():
        print(
            f"{kind}: import of {rows} rows, median {statistics.median(times):.3f} s, "
            f"min {min(times):.3f} s, max {max(times):.3f} s over {len(times)} runs"
        )
    return 0


def _fresh_pg(url: str) -> str:
    """Create an empty database on the server and return its URL."""
    import uuid

    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


if __name__ == "__main__":
    raise SystemExit(main())
