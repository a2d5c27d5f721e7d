"""The `malbild` console script, run as a separate process: import, query, export, template, hash-password."""

from __future__ import annotations

import copy
import csv
import io
import os
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import MINI, write_dataset
from openpyxl import load_workbook
from test_entries_import import GOOD, workbook

from malbild.data.build import build
from malbild.data.entries.auth import verify_password

pytest_plugins = ["entries_support"]

MALBILD = Path(sys.executable).parent / "malbild"


def run(env: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed `malbild` script with DASHBOARD_DB and MALBILD_ENTRIES set."""
    return subprocess.run(
        [str(MALBILD), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


@pytest.fixture
def env(built_db: Path, tmp_path: Path) -> dict:
    """Return the environment for a fresh DuckDB entries file beside the built report."""
    return {"DASHBOARD_DB": str(built_db), "MALBILD_ENTRIES": str(tmp_path / "entries.duckdb")}


def test_import_then_query_on_both_back_ends(tmp_path, built_db, entries_location):
    """`malbild import` exits 0 and `malbild query` prints the merged rows as CSV with their provenance."""
    env = {"DASHBOARD_DB": str(built_db), "MALBILD_ENTRIES": entries_location}
    done = run(env, "import", str(workbook(tmp_path / "2019.xlsx", GOOD)), "--user", "anna")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Importerade 6 rader (6 ändrade värden), import-id ")
    out = run(
        env,
        "query",
        "SELECT goal_id, year, level, basis, entered_by, source_document, source_lines FROM goal_assessment "
        "WHERE goal_id = 1 ORDER BY year",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "goal_id,year,level,basis,entered_by,source_document,source_lines",
        "1,2016,3,entered,anna,ar2018:4227,4227",
        "1,2017,2,derived,,,530-532;3800;3894",  # lines 530-532: as in 2018
        "1,2018,2,stated,,,3894",
        "1,2019,2,entered,anna,ar2018:4227,4227",
    ]


def test_import_with_problems_exits_non_zero_and_names_them(tmp_path, env):
    """A workbook with bad rows is refused: exit 1, each problem by sheet, row and column, nothing written."""
    sheets = {**GOOD, "goal_assessment": [[3, 2019, 4, None, "ar2018", "4227"], [1, 2018, 1, None, "ar2018", "4227"]]}
    done = run(env, "import", str(workbook(tmp_path / "bad.xlsx", sheets)), "--user", "anna")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "Inget importerades: 2 fel."
    assert lines[1].startswith("goal_assessment, rad 2, kolumn level: level: 4 är inte tillåtet")
    assert lines[2].startswith("goal_assessment, rad 3, kolumn level: Värdet finns redan i årsredovisningen")
    english = run(env, "--lang", "en", "import", str(tmp_path / "bad.xlsx"), "--user", "anna")
    assert "goal_assessment, row 3, column level: The value is already in the annual report" in english.stderr
    count = run(env, "query", "SELECT count(*) AS n FROM change_log")
    assert count.stdout.splitlines() == ["n", "0"]


def test_dry_run_checks_and_writes_nothing(tmp_path, env):
    """--dry-run exits 0 on a valid file and leaves the store empty."""
    done = run(env, "import", str(workbook(tmp_path / "ok.xlsx", GOOD)), "--user", "anna", "--dry-run")
    assert done.returncode == 0 and "inget skrevs" in done.stdout
    assert run(env, "query", "SELECT count(*) AS n FROM goal_assessment WHERE basis = 'entered'").stdout == "n\n0\n"


@pytest.mark.parametrize(
    "sql", ["DELETE FROM goal", "SELECT 1; DROP TABLE src.goal", "ATTACH 'x.duckdb' AS x", "COPY goal TO 'goal.csv'"]
)
def test_query_is_read_only(env, sql):
    """Anything but one SELECT is refused with a plain sentence (exit 2)."""
    done = run(env, "query", sql)
    assert done.returncode == 2
    assert done.stderr.strip() == "Bara en enda SELECT-fråga kan köras (läsning, ingen ändring)."


def test_query_error_is_a_plain_sentence(env):
    """A query DuckDB cannot run is reported in one sentence, without a traceback."""
    done = run(env, "query", "SELECT nothing FROM goal")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Frågan gick inte att köra: Binder Error")


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_text('.streamlit/secrets.toml')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_csv('data/goal.csv')",
        "SELECT * FROM read_blob('/etc/hostname')",
    ],
)
def test_query_reads_no_files(env, sql):
    """Only the merged views can be read: files and folders are refused in one sentence, nothing printed."""
    done = run(env, "query", sql)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "Frågan får bara läsa Målbilds vyer, inte filer eller mappar.\n"
    done = run(env, "query", "SELECT * FROM 'data/goal.csv'")  # a file named as a table is no table
    assert (done.returncode, done.stdout) == (2, "") and "goal_id" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def test_query_is_stopped_at_its_time_limit(env):
    """A cross join that would run for hours is interrupted at --timeout (no timing here: the sentence says why)."""
    sql = "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1"
    done = run(env, "query", sql, "--timeout", "0.5")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip() == "Frågan avbröts: den tog längre än 0,5 s (--timeout)."


def test_query_is_stopped_at_its_row_and_memory_limits(env):
    done = run(env, "query", "SELECT * FROM range(11)", "--max-rows", "10")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip() == "Frågan gav fler än 10 rader (--max-rows); inget skrevs ut."
    assert run(env, "query", "SELECT * FROM range(10)", "--max-rows", "10").stdout.splitlines()[-1] == "9"
    done = run(env, "--lang", "en", "query", "SELECT list(range) FROM range(100000000)", "--memory-limit", "20MB")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip() == "The query was stopped: it needed more memory than 20MB (--memory-limit)."


def test_query_cannot_lift_its_own_limits(env):
    for sql in ("SET enable_external_access = true", "RESET lock_configuration", "INSTALL httpfs"):
        assert run(env, "query", sql).returncode == 2
    done = run(
        env,
        "query",
        "SELECT current_setting('enable_external_access') AS e, current_setting('lock_configuration') AS l",
    )
    assert done.stdout == "e,l\nfalse,true\n"


def _entered(tmp_path, env) -> None:
    """Import the good workbook into the environment's store."""
    assert run(env, "import", str(workbook(tmp_path / "2019.xlsx", GOOD)), "--user", "anna").returncode == 0


def test_export_duckdb_is_dated_and_merged(tmp_path, env):
    """The DuckDB export holds every contract view as a table, the entered rows, and the export date."""
    _entered(tmp_path, env)
    done = run(env, "export", str(tmp_path / "malbild-{date}.duckdb"))
    assert done.returncode == 0, done.stderr
    out = tmp_path / f"malbild-{date.today().isoformat()}.duckdb"
    con = duckdb.connect(str(out), read_only=True)
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert {"goal", "goal_assessment", "project_grant", "figure", "change_log", "export_info"} <= tables
    assert con.execute(
        "SELECT owner, amount_sek, basis, entered_by FROM project_grant WHERE year = 2019"
    ).fetchall() == [("Umeå kommun", 1234567, "entered", "anna")]
    assert con.execute("SELECT count(*) FROM change_log").fetchall() == [(6,)]
    exported = dict(con.execute("SELECT key, value FROM export_info").fetchall())
    assert exported["exported_at"].startswith(date.today().isoformat()) and exported["changes"] == "6"
    con.close()


def test_export_parquet_folder(tmp_path, env):
    """The Parquet export writes one file per contract view, merged."""
    _entered(tmp_path, env)
    done = run(env, "export", str(tmp_path / "open-data") + "/")
    assert done.returncode == 0, done.stderr
    files = {p.name for p in (tmp_path / "open-data").iterdir()}
    assert {"goal_assessment.parquet", "hr_metric.parquet", "change_log.parquet", "export_info.parquet"} <= files
    path = str(tmp_path / "open-data" / "hr_metric.parquet")
    assert duckdb.sql(
        "SELECT metric, grp, value, unit, basis FROM read_parquet($p) WHERE year = 2019", params={"p": path}
    ).fetchall() == [("sick_leave_pct", "women", 2.9, "pct", "entered")]


def test_export_xlsx_writes_text_never_formulas(tmp_path):
    """Texts that look like formulas are written as text cells; numbers as numbers."""
    tables = copy.deepcopy(MINI)
    tables["goal"][1] = ["1", '=HYPERLINK("http://x")', "+1 goal", "1-2"]
    build(tmp_path / "r.duckdb", write_dataset(tmp_path / "d", tables))
    env = {"DASHBOARD_DB": str(tmp_path / "r.duckdb"), "MALBILD_ENTRIES": str(tmp_path / "e.duckdb")}
    done = run(env, "export", str(tmp_path / "out.xlsx"))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(tmp_path / "out.xlsx")["goal"]
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row}
    assert cells['=HYPERLINK("http://x")'] == "s" and cells["+1 goal"] == "s"
    grants = load_workbook(tmp_path / "out.xlsx")["project_grant"]
    assert [c.value for c in grants[2]][4] == 655000 and grants.cell(2, 5).data_type == "n"


def test_template_command(tmp_path, env):
    """`malbild template` writes the workbook staff fill in."""
    done = run(env, "template", str(tmp_path / "mall.xlsx"))
    assert done.returncode == 0
    assert load_workbook(tmp_path / "mall.xlsx").sheetnames[:2] == ["goal_assessment", "recommendation_progress"]


def test_undo_import_command(tmp_path, env):
    """`malbild undo-import` puts back the state before the import, recorded."""
    done = run(env, "import", str(workbook(tmp_path / "2019.xlsx", GOOD)), "--user", "anna")
    import_id = done.stdout.strip().rsplit(" ", 1)[-1].rstrip(".")
    undone = run(env, "undo-import", import_id, "--user", "bo", "--comment", "fel år")
    assert undone.returncode == 0 and "6" in undone.stdout
    rows = run(env, "query", "SELECT action, count(*) AS n FROM change_log GROUP BY action ORDER BY action").stdout
    assert list(csv.reader(io.StringIO(rows))) == [["action", "n"], ["import", "6"], ["undo_import", "6"]]


def test_hash_password_writes_a_secrets_entry(env):
    """`malbild hash-password` prints a [malbild.local_editor] entry whose scrypt hash verifies the password."""
    done = run(env, "hash-password", "--user", "anna", "--stdin", stdin="rätt häst batteri\n")
    assert done.returncode == 0, done.stderr
    account = tomllib.loads(done.stdout)["malbild"]["local_editor"]
    assert account["username"] == "anna" and account["password_hash"].startswith("scrypt$")
    assert "rätt häst" not in done.stdout
    assert verify_password("rätt häst batteri", account["password_hash"])
    assert not verify_password("rätt häst batteri!", account["password_hash"])
    short = run(env, "hash-password", "--user", "anna", "--stdin", stdin="kort\n")
    assert short.returncode == 2 and "12" in short.stderr


def test_a_csv_field_over_128_kib_is_one_line_and_exit_2(tmp_path, env):
    """Issue 22 item 8: a field longer than the csv module reads: one sentence, the refused-file exit code (2)."""
    path = tmp_path / "goal_assessment.csv"
    path.write_text(f"goal_id;year;level;note;document;lines\n1;2019;2;{'x' * 200_000};ar2018;1\n", encoding="utf-8")
    done = run(env, "import", str(path), "--user", "anna")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "goal_assessment.csv kan inte läsas: ett fält på rad 2 är längre än 131\u00a0072 tecken, "
        "det längsta som går att läsa. Korta texten och försök igen."
    ]
    english = run(env, "--lang", "en", "import", str(path), "--user", "anna", "--dry-run")
    assert english.returncode == 2 and english.stderr.startswith("goal_assessment.csv cannot be read: a field on")


def test_an_import_over_the_row_limit_is_refused_in_one_line(tmp_path, env):
    """Issue 22 item 3: more rows than one import may hold: the limit and what to do, exit 2, nothing written."""
    path = tmp_path / "project_grant.csv"
    rows = [f"1;2019;Umeå kommun;Projekt {i};{1000 + i};ar2018;4227" for i in range(5001)]
    path.write_text("\n".join(["goal_id;year;owner;project;amount_sek;document;lines", *rows]), encoding="utf-8")
    done = run(env, "import", str(path), "--user", "anna")
    assert done.returncode == 2 and done.stderr.splitlines() == [
        "project_grant.csv har fler än 5\u00a0000 rader, det största en import får innehålla. "
        "Dela upp uppgifterna på flera filer och importera dem en i taget."
    ]
    assert run(env, "query", "SELECT count(*) AS n FROM change_log").stdout == "n\n0\n"
