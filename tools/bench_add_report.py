"""`make bench`: how long adding a report takes, on a generated 150-page PDF (malbild add-report's library call).

    python -m tools.bench_add_report [--pages 150] [--repeats 3]

Each repeat adds the same generated report (40 lines a page, Swedish text) to a fresh DuckDB entries store beside
a freshly built report database: the text read with pypdf, numbered, checked and written with its change-log
record. Also timed: laying the added document over a session's connection (malbild.data.entries.merge, what every
session does once per entries revision). Prints a Markdown table of CPU seconds (steadier than wall time on a
shared machine) and wall seconds, medians of the repeats, and the budget line.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from malbild.data.add_report import add_report
from malbild.data.build import build
from malbild.data.entries.merge import open_merged
from malbild.data.entries.store import EntriesStore
from malbild.paths import DATA_DIR
from tools.report_pdf import long_report

BUDGET_CPU_S = 5.0  # adding a 150-page report: a few seconds, not minutes


def _timed(work) -> tuple[float, float, object]:
    """Run work(); return its CPU seconds, wall seconds and result."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def measure(pages: int, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """Add a generated report of `pages` pages `repeats` times, each to a fresh store; return the timings."""
    data = long_report(pages)
    times: dict[str, list[tuple[float, float]]] = {"add": [], "merge": []}
    with tempfile.TemporaryDirectory(prefix="malbild-bench-report-") as tmp:
        db = Path(tmp) / "dashboard.duckdb"
        build(db, DATA_DIR)
        for n in range(repeats):
            store = EntriesStore.open(Path(tmp) / f"entries-{n}.duckdb", db)
            store.ensure_schema()
            cpu, wall, doc = _timed(
                lambda store=store: add_report(store, data, "bench.pdf", year=2019, title="Bench", user="bench")
            )
            assert doc.pages == pages  # type: ignore[attr-defined]
            times["add"].append((cpu, wall))
            cpu, wall, con = _timed(lambda store=store: open_merged(db, store))
            con.close()  # type: ignore[attr-defined]
            times["merge"].append((cpu, wall))
    return times


def report(pages: int, times: dict[str, list[tuple[float, float]]]) -> tuple[str, bool]:
    """The Markdown table and whether adding stayed within the budget."""
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in times.items()}
    ok = med["add"][0] <= BUDGET_CPU_S
    lines = [
        f"Adding a generated {pages}-page PDF report ({pages * 40} lines), median of {len(times['add'])}:",
        "",
        "| step | CPU s | wall s |",
        "|---|---|---|",
        f"| add-report (read with pypdf, check, store, change log) | {med['add'][0]:.2f} | {med['add'][1]:.2f} |",
        f"| lay it over a session's connection (open_merged) | {med['merge'][0]:.2f} | {med['merge'][1]:.2f} |",
        "",
        f"| {'PASS' if ok else 'MISS'} | adding a {pages}-page report ≤ {BUDGET_CPU_S:.0f} s CPU | "
        f"{med['add'][0]:.2f} s |",
    ]
    return "\n".join(lines) + "\n", ok


def main(argv: list[str] | None = None) -> int:
    """Command line entry point: print the table (exit 0 also when the budget is missed, like tools.bench)."""
    parser = argparse.ArgumentParser(description="Time adding a generated PDF report")
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    text, _ok = report(args.pages, measure(args.pages, args.repeats))
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
