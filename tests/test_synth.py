"""The synthetic benchmark dataset: same CSV formats as data/, loads through the real build, deterministic."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from malbild.data.build import TABLES, build
from malbild.paths import DATA_DIR, SOURCE_FILE
from tools.synth import SMALL, Spec, generate


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_small_synthetic_dataset_builds(tmp_path: Path) -> None:
    counts = generate(tmp_path / "syn", SMALL)
    built = build(tmp_path / "syn.duckdb", tmp_path / "syn")
    for table in TABLES:
        assert built[table] == counts[table], table
        assert _header(tmp_path / "syn" / f"{table}.csv") == _header(DATA_DIR / f"{table}.csv"), table
    assert (tmp_path / "syn" / "source" / SOURCE_FILE.name).read_bytes() == SOURCE_FILE.read_bytes()
    con = duckdb.connect(str(tmp_path / "syn.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM goal").fetchone()[0] == SMALL.goals
        assert con.execute("SELECT count(*) FROM project_grant").fetchone()[0] == SMALL.projects
        assert con.execute("SELECT count(DISTINCT year) FROM goal_assessment").fetchone()[0] == SMALL.years
        assert con.execute("SELECT count(*) FROM goal_assessment").fetchone()[0] == SMALL.goals * SMALL.years
        # Values are marked as fake everywhere a row can say so.
        assert con.execute("SELECT bool_and(note LIKE 'synthetic%') FROM hr_metric").fetchone()[0]
        assert con.execute("SELECT bool_and(note LIKE 'synthetic%') FROM finance_line").fetchone()[0]
        assert con.execute("SELECT bool_and(project LIKE 'Syntetiskt%') FROM project_grant").fetchone()[0]
        assert con.execute("SELECT bool_and(name_sv LIKE 'Syntetiskt mål%') FROM goal").fetchone()[0]
        # The portfolio figures marked 'derived' agree with the grants they summarise.
        mismatches = con.execute(
            """SELECT count(*) FROM goal_portfolio p
               LEFT JOIN (SELECT goal_id, year, count(*) AS n, sum(amount_sek) AS s FROM project_grant
                          GROUP BY ALL) g USING (goal_id, year)
               WHERE p.goal_id IS NOT NULL AND (
                     (p.metric = 'granted_projects' AND p.value <> coalesce(g.n, 0))
                  OR (p.metric = 'granted_amount_sek' AND p.value <> coalesce(g.s, 0)))"""
        ).fetchone()[0]
        assert mismatches == 0
        # Source lines point into the real document.
        max_line = con.execute("SELECT max(line_no) FROM source_line").fetchone()[0]
        starts = con.execute(
            "SELECT max(CAST(split_part(split_part(source_lines, ';', 1), '-', 1) AS INT)) FROM project_grant"
        ).fetchone()[0]
        assert starts <= max_line
    finally:
        con.close()


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", SMALL)
    generate(tmp_path / "b", SMALL)
    generate(tmp_path / "c", Spec(**{**SMALL.__dict__, "seed": 7}))
    for table in TABLES:
        a = (tmp_path / "a" / f"{table}.csv").read_bytes()
        assert a == (tmp_path / "b" / f"{table}.csv").read_bytes(), table
    assert (tmp_path / "a" / "project_grant.csv").read_bytes() != (tmp_path / "c" / "project_grant.csv").read_bytes()


def test_full_spec_has_the_briefed_size() -> None:
    spec = Spec()
    assert (spec.years, spec.goals, spec.projects) == (20, 60, 6000)
    assert spec.year_list[0] >= 2000 and len(spec.year_list) == 20
