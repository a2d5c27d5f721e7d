"""Benchmark: how long importing a full year's workbook takes on a back end (`python -m malbild.data.entries.bench`)."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from malbild.data.entries import citations
from malbild.data.entries.backends import backend_from
from malbild.data.entries.facts import ReportFacts, load_facts
from malbild.data.entries.importer import EXTRA_COLUMNS, import_files
from malbild.data.entries.store import EntriesStore
from malbild.data.entries.views import AGE_BANDS, FINANCIAL_KEYS, GROUPS, TEXT_KINDS, VERDICT_PARTIES, VIEWS


def year_rows(facts: ReportFacts, year: int = 2019) -> dict[str, list[dict]]:
    """Return a year of rows for every sheet of the template (480): 6 goals' levels, progress, texts and
    portfolios, 60 grants, 120 personnel metrics, 15 age bands, 15 financial goals, every statement line and share,
    the 10 verdicts, 6 sub-goals, 20 ongoing projects, every result indicator and finance detail line the report has
    (but the details it prints for the year), and each goal's earlier and closed projects.

    The values are synthetic (for timing only); keys follow the report's goals, metrics and statement lines, and
    every row cites lines of the bundled report (so the preview reads a passage for each).
    """
    goals = sorted(facts.goals)
    counter = iter(range(10**6))

    def cite(row: dict) -> dict:
        """Add a citation of five lines of the bundled report, a different passage for each row."""
        first = 100 + 7 * next(counter) % 8000
        return {**row, "document": citations.BUNDLED_DOCUMENT, "lines": f"{first}–{first + 4}"}

    rows: dict[str, list[dict]] = {
        "goal_assessment": [{"goal_id": g, "year": year, "level": g % 3 + 1} for g in goals],
        "recommendation_progress": [
            {"goal_id": g, "year": year, "progress": ("in_line", "partly", "little")[g % 3]} for g in goals
        ],
        "project_grant": [
            {
                "goal_id": goals[i % len(goals)],
                "year": year,
                "owner": f"Kommun {i % 15 + 1}",
                "project": f"Projekt {i + 1}",
                "amount_sek": f"{(i + 1) * 123_457:,}".replace(",", " "),
            }
            for i in range(60)
        ],
        "financial_goal": [
            {"goal_key": k, "year": y, "value": "1,2", "met": "ja"}
            for y in (year, year + 1, year + 2)
            for k in FINANCIAL_KEYS
        ],
        "goal_text": [
            {"goal_id": g, "year": year, "kind": kind, "text_sv": f"Mål {g}: {kind} {year} (syntetisk text)."}
            for g in goals
            for kind in TEXT_KINDS
        ],
        "subgoal": [{"subgoal_id": f"{g}.9", "goal_id": g, "text_sv": f"Delmål {g}.9 (syntetiskt)"} for g in goals],
        "goal_portfolio": [
            {"goal_id": g, "year": year, "metric": metric, "value": i + 1, "unit": unit}
            for i, (g, (metric, unit)) in enumerate(
                (g, pair)
                for g in goals
                for pair in (
                    ("ongoing_projects", "count"),
                    ("ongoing_amount_msek", "MSEK"),
                    ("granted_projects", "count"),
                    ("granted_amount_sek", "SEK"),
                    ("share_of_year_total_pct", "pct"),
                )
            )
        ],
        "ongoing_project": [{"area": "Digitalisering", "project": f"Nytt projekt {i + 1}"} for i in range(20)],
        "hr_age_band": [
            {"year": year, "band": band, "grp": grp, "persons": i + 1}
            for i, (band, grp) in enumerate((b, g) for b in AGE_BANDS for g in GROUPS)
        ],
        "finance_line": [
            {
                "statement": statement,
                "line_order": order,
                "year": year,
                "amount_tkr": f"{(i + 1) * 1_234:,}".replace(",", " "),
            }
            for i, (view, statement, order) in enumerate(sorted(facts.line_names))
            if view == "finance_line"
        ],
        "finance_share": [
            {"chart": chart, "line_order": order, "year": year, "share_pct": "12,5"}
            for view, chart, order in sorted(facts.line_names)
            if view == "finance_share"
        ],
        "verdict": [
            {"verdict_key": key, "year": year, "wording_sv": f"Bedömning {key} (syntetisk)"} for key in VERDICT_PARTIES
        ],
        "goal_indicator": [
            {"goal_id": int(goal), "year": year, "indicator_order": order, "value": i + 1, "qualifier": "exact"}
            for i, (view, goal, order) in enumerate(sorted(k for k in facts.line_names if k[0] == "goal_indicator"))
        ],
        "portfolio_detail": [
            {"goal_id": g, "year": year, "detail": detail, "value": i + 1, "unit": "count"}
            for i, (g, detail) in enumerate((g, d) for g in goals for d in ("earlier_projects", "closed_projects"))
        ],
        "finance_detail": [  # every line the report has, but those it prints for the year itself (never replaced)
            {"topic": topic, "line_order": order, "year": year, "value": f"{(i + 1) * 321:,}".replace(",", " ")}
            for i, (view, topic, order) in enumerate(sorted(k for k in facts.line_names if k[0] == "finance_detail"))
            if facts.basis("finance_detail", (topic, order, year)) is None
        ],
    }
    pairs = [(m, g) for m in sorted(facts.hr_units) for g in GROUPS]
    hr = [(m, g, year) for m, g in pairs] + [(m, g, year + 1) for m, g in pairs]
    rows["hr_metric"] = [
        {"metric": m, "year": y, "grp": g, "value": f"{i % 90},5"} for i, (m, g, y) in enumerate(hr[:120])
    ]
    return {name: [cite(row) for row in sheet] for name, sheet in rows.items()}


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


def import_seconds(report: Path, runs: int = 3) -> tuple[int, float]:
    """Return the rows of a whole year's workbook (every sheet) and the median seconds importing it took."""
    facts = load_facts(report)
    with tempfile.TemporaryDirectory() as tmp:
        book = write_year_workbook(Path(tmp) / "year.xlsx", facts)
        rows = sum(len(v) for v in year_rows(facts).values())
        times = [time_import(str(Path(tmp) / f"e{i}.duckdb"), report, book) for i in range(runs)]
    return rows, statistics.median(times)


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
