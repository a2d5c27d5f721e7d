"""How long the Excel downloads take to build, and the builder's peak memory, by number of rows.

    python -m tools.bench_downloads [--rows 8000 16000 100000] [--which projects changes export] [--timeout S]

Each (builder, rows) pair runs in a fresh process (so peak memory is that build's own): the Projects page's Excel
(`malbild.export.tables.to_xlsx`), the change log's Excel (`malbild.export.workbook.table_xlsx`, when present) and
`malbild export OUT.xlsx` (`malbild.cli.export_xlsx`, one view of that many rows). Prints a Markdown table with
wall and CPU seconds (CPU time is steadier on a shared machine); a build past --timeout seconds is stopped.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _frame(kind: str, rows: int):
    """A synthetic frame: the Projects rows or the change log's ten text columns."""
    import pandas as pd

    if kind == "projects":
        return pd.DataFrame(
            {
                "goal_id": [i % 6 + 1 for i in range(rows)],
                "name_sv": ["Platsbaserad näringslivsutveckling"] * rows,
                "year": [2018] * rows,
                "owner": [f"Ägare {i % 50}" for i in range(rows)],
                "project": [f"Projekt nummer {i}" for i in range(rows)],
                "amount_sek": [100_000 + i for i in range(rows)],
                "basis": ["stated"] * rows,
                "source_lines": [str(4000 + i % 900) for i in range(rows)],
            }
        )
    columns = ["När", "Av", "Tabell", "Uppgift", "Ändring", "Version", "Före", "Efter", "Kommentar", "Import"]
    return pd.DataFrame(
        [
            [
                "2026-12-03 06:00",
                "anna",
                "project_grant",
                f"mål 1 · 2019 · Ägare · Projekt {i}",
                "import",
                1,
                "–",
                f"{i} kr",
                "=HYPERLINK()",
                "imp-1",
            ]
            for i in range(rows)
        ],
        columns=columns,
    )


def build_once(kind: str, rows: int) -> dict:
    """Build one download of `rows` rows in this process; return the seconds and peak memory (MiB)."""
    frame = None if kind == "export" else _frame(kind, rows)
    started, cpu = time.perf_counter(), time.process_time()
    if kind == "projects":
        from malbild.export.tables import to_xlsx

        size = len(to_xlsx(frame, [], "sv"))
    elif kind == "changes":
        from malbild.export.workbook import table_xlsx

        size = len(table_xlsx(frame, "Ändringslogg"))
    else:
        import duckdb

        from malbild.cli import export_xlsx

        con = duckdb.connect()
        con.execute(
            "CREATE VIEW project_grant AS SELECT range % 6 + 1 AS goal_id, 2019 AS year, 'Ägare' AS owner, "
            f"'Projekt ' || range AS project, 100000 + range AS amount_sek FROM range({int(rows)})"
        )
        started, cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "out.xlsx"
            export_xlsx(con, ["project_grant"], [("exported_at", "now")], out)
            size = out.stat().st_size
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "peak_mib": peak, "bytes": size}


def main(argv: list[str] | None = None) -> int:
    """Run every (builder, rows) pair in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[8000, 16000, 100_000])
    parser.add_argument("--which", nargs="+", default=["projects", "changes", "export"])
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(build_once(args.one[0], int(args.one[1]))))
        return 0
    print("| download | rows | seconds | CPU seconds | peak memory (MiB) | file (kB) |\n|---|---:|---:|---:|---:|---:|")
    for kind in args.which:
        for rows in args.rows:
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "tools.bench_downloads", "--one", kind, str(rows)],
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    check=True,
                )
            except subprocess.TimeoutExpired:
                print(f"| {kind} | {rows} | > {args.timeout:.0f} (stopped) | – | – | – |", flush=True)
                continue
            except subprocess.CalledProcessError as exc:
                print(f"| {kind} | {rows} | failed: {exc.stderr.strip().splitlines()[-1]} | – | – | – |", flush=True)
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            cells = (f"{r['seconds']:.2f}", f"{r['cpu']:.2f}", f"{r['peak_mib']:.0f}", f"{r['bytes'] / 1000:.0f}")
            print(f"| {kind} | {rows} | {' | '.join(cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
