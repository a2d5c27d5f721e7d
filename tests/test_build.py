"""The build: loads a dataset, is idempotent and atomic, and names file, line and column on bad input."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import duckdb
import pytest
from conftest import MINI, write_dataset

from malbild.data.build import BuildAction, BuildError, build, csv_header, data_checksum, ensure_database
from malbild.paths import DATA_DIR


def rows_of(db: Path, sql: str) -> list[tuple]:
    """Run a query against a database file and return all rows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def mutated(**changes: list[list[str]]) -> dict[str, list[list[str]]]:
    """Return the mini dataset with some tables replaced."""
    tables = copy.deepcopy(MINI)
    tables.update(changes)
    return tables


def test_build_loads_exact_rows(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    counts = build(db, mini_data)
    assert counts["project_grant"] == 2
    assert counts["source_line"] == 5
    assert rows_of(db, "SELECT goal_id, owner, project, amount_sek FROM project_grant ORDER BY goal_id") == [
        (1, "Umeå kommun", "Projekt A", 655000),
        (2, "Skellefteå kommun", "Projekt B", 1200),
    ]
    assert rows_of(db, "SELECT goal_id, year, level, basis FROM goal_assessment ORDER BY goal_id, year") == [
        (1, 2017, None, "not_stated"),
        (1, 2018, 2, "stated"),
        (2, 2018, 3, "stated"),
    ]
    assert rows_of(db, "SELECT text_sv FROM goal_text") == [("Arbetet utvecklas.\n\nAndra stycket.",)]
    assert rows_of(db, "SELECT text FROM source_line WHERE line_no = 2") == [("rad två",)]


def test_build_is_idempotent(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    build(db, mini_data)
    first = rows_of(db, "SELECT * FROM project_grant ORDER BY ALL")
    build(db, mini_data)
    assert rows_of(db, "SELECT * FROM project_grant ORDER BY ALL") == first
    assert rows_of(db, "SELECT count(*) FROM goal") == [(2,)]
    assert not list(tmp_path.glob(".out.duckdb.*")), "no temporary files are left behind"


def test_checksum_is_stored_and_follows_the_data(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    build(db, mini_data)
    stored = rows_of(db, "SELECT value FROM src.build_info WHERE key = 'checksum'")[0][0]
    assert stored == data_checksum(mini_data)
    with open(mini_data / "goal.csv", "a", encoding="utf-8") as handle:
        handle.write("3,Mål tre,Goal three,4\n")
    assert data_checksum(mini_data) != stored


def test_ensure_database_builds_then_keeps_then_rebuilds(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    assert ensure_database(db, mini_data).action is BuildAction.BUILT
    assert ensure_database(db, mini_data).action is BuildAction.CURRENT
    with open(mini_data / "goal.csv", "a", encoding="utf-8") as handle:
        handle.write("3,Mål tre,Goal three,4\n")
    assert ensure_database(db, mini_data).action is BuildAction.REBUILT
    assert rows_of(db, "SELECT count(*) FROM goal") == [(3,)]


def test_ensure_database_keeps_staff_entered_data(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    build(db, mini_data)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO src.goal_assessment VALUES (2, 2019, 3, 'entered', 'staff', 'ar2018', 'input')")
    con.close()
    with open(mini_data / "goal.csv", "a", encoding="utf-8") as handle:
        handle.write("3,Mål tre,Goal three,4\n")
    status = ensure_database(db, mini_data)
    assert status.kept and "1 row(s) entered by staff" in status.detail
    assert rows_of(db, "SELECT level, basis FROM goal_assessment WHERE year = 2019") == [(3, "entered")]


def build_fails(tmp_path: Path, tables: dict[str, list[list[str]]], raw: dict[str, bytes] | None = None) -> str:
    """Build a broken dataset over an existing good database; return the error, checking the old db survived."""
    db = tmp_path / "out.duckdb"
    build(db, write_dataset(tmp_path / "good"))
    before = rows_of(db, "SELECT * FROM project_grant ORDER BY ALL")
    bad = write_dataset(tmp_path / "bad", tables)
    for name, content in (raw or {}).items():
        (bad / name).write_bytes(content)
    with pytest.raises(BuildError) as info:
        build(db, bad)
    assert rows_of(db, "SELECT * FROM project_grant ORDER BY ALL") == before, "existing database untouched"
    assert not list(tmp_path.glob(".out.duckdb.*")), "no temporary files are left behind"
    return str(info.value)


def test_missing_column_is_named(tmp_path: Path) -> None:
    rows = [r[:4] + r[5:] for r in MINI["project_grant"]]  # drop amount_sek
    message = build_fails(tmp_path, mutated(project_grant=rows))
    assert message.startswith("project_grant.csv: line 1 (header): missing column(s) amount_sek")


def test_level_out_of_range_names_line_and_column(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["goal_assessment"])
    rows[3][2] = "4"  # goal 2, 2018, on line 4 of the file
    message = build_fails(tmp_path, mutated(goal_assessment=rows))
    assert message.startswith("goal_assessment.csv: line 4, column level")
    assert "level=4" in message


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["project_grant"])
    rows.append(rows[1][:])  # same goal, year, owner and project again, on line 4
    message = build_fails(tmp_path, mutated(project_grant=rows))
    assert message.startswith("project_grant.csv: line 4, column project: duplicate key")
    assert "first at line 2" in message


def test_amount_that_is_not_a_number(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["project_grant"])
    rows[2][4] = "1 200 kr"
    message = build_fails(tmp_path, mutated(project_grant=rows))
    assert message.startswith("project_grant.csv: line 3, column amount_sek: '1 200 kr' is not a number")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    latin1 = "goal_id,name_sv,name_en,source_lines\n1,Mål ett,Goal one,1\n".encode("latin-1")
    message = build_fails(tmp_path, MINI, raw={"goal.csv": latin1})
    assert message.startswith("goal.csv: line 2, character 4: the file is not UTF-8")


def test_unknown_foreign_key_names_line(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["subgoal"])
    rows.append(["9.1", "9", "Delmål utan mål", "1"])
    message = build_fails(tmp_path, mutated(subgoal=rows))
    assert message.startswith("subgoal.csv: line 3, column goal_id")


def test_missing_required_value(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["project_grant"])
    rows[1][2] = ""
    message = build_fails(tmp_path, mutated(project_grant=rows))
    assert message == "project_grant.csv: line 2, column owner: empty, but a value is required"


def test_missing_file(tmp_path: Path) -> None:
    tables = {k: v for k, v in MINI.items() if k != "hr_metric"}
    message = build_fails(tmp_path, tables)
    assert message.startswith("hr_metric.csv: file is missing")


def test_multiline_text_keeps_line_numbers(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["goal_text"])
    rows.append(["2", "2018", "outcome", "Rad ett\nrad två\nrad tre", "3"])
    rows.append(["2", "2018", "bad-kind", "x", "3"])  # header: line 1; rows on lines 2-4 and 5-7; this one on line 8
    message = build_fails(tmp_path, mutated(goal_text=rows))
    assert message.startswith("goal_text.csv: line 8, column kind")


def test_command_line_reports_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from malbild.data.build import main

    rows = copy.deepcopy(MINI["project_grant"])
    rows[2][4] = "abc"
    bad = write_dataset(tmp_path / "bad", mutated(project_grant=rows))
    assert main(["--db", str(tmp_path / "x.duckdb"), "--data", str(bad)]) == 1
    assert "project_grant.csv: line 3, column amount_sek" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


def test_command_line_builds_and_reports_rows(
    mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from malbild.data.build import main

    target = tmp_path / "cli.duckdb"
    assert main(["--db", str(target), "--data", str(mini_data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "project_grant                   2 rows" in out  # the mini dataset's two grants
    assert "source_line                     5 rows" in out
    assert out[-1].startswith(f"built {target} in ") and out[-1].endswith(" s")
    assert rows_of(target, "SELECT count(*) FROM project_grant") == [(2,)]


def test_command_line_takes_the_database_from_the_environment(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from malbild.data.build import main

    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "env.duckdb"))
    monkeypatch.setenv("DASHBOARD_DATA", str(mini_data))
    assert main([]) == 0
    assert (tmp_path / "env.duckdb").exists()
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"built {tmp_path / 'env.duckdb'} in ")


def test_bundled_source_is_the_report() -> None:
    """data/source holds the report unchanged: equal to ../shared/source/ beside the repository (CI puts it there)."""
    from conftest import in_ci

    from malbild.paths import REPO_ROOT, SOURCE_FILE

    shared = REPO_ROOT.parent / "shared" / "source" / "arsredovisning-2018.txt"
    if not shared.exists():
        if in_ci():
            pytest.fail(f"under CI the shared report must be beside the repository, at {shared}", pytrace=False)
        pytest.skip("the shared original is not beside this checkout (../shared/source/)")
    assert SOURCE_FILE.read_bytes() == shared.read_bytes()


@pytest.mark.parametrize("csv_file", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.stem)
def test_every_bundled_csv_has_the_schema_header(csv_file: Path) -> None:
    """csv_header() reads the columns from the schema, so tests and tools never write them out again."""
    first_line = csv_file.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line.split(",") == csv_header(csv_file.stem)


def test_documents_come_from_the_registry_and_rows_may_name_theirs(tmp_path: Path) -> None:
    """data/source/documents.csv registers each bundled document (its hash and pages computed from the file); a CSV
    file may name each row's document, and one the registry lacks is refused with its line."""
    goals = [
        ["goal_id", "name_sv", "name_en", "source_lines", "document"],
        ["1", "Mål ett", "Goal one", "1-2", "ar2018"],
    ]
    folder = write_dataset(tmp_path / "data", mutated(goal=goals + [["2", "Mål två", "Goal two", "2", "ar2019"]]))
    later = "sida ett\n\fsida två, rad två\nrad tre\n"
    (folder / "source" / "ar2019.txt").write_text(later, encoding="utf-8")
    (folder / "source" / "documents.csv").write_text(
        "document,title,report_year,publisher,file_name,added_at,added_by\n"
        "ar2018,Årsredovisning 2018,2018,Region Västerbotten,arsredovisning-2018.txt,2026-11-27T00:28:43,bundled\n"
        "ar2019,Årsredovisning 2019,2019,Region Västerbotten,ar2019.txt,2026-12-03T09:00:00,anna\n",
        encoding="utf-8",
    )
    db = tmp_path / "out.duckdb"
    counts = build(db, folder)
    assert (counts["source_document"], counts["source_line"]) == (2, 5 + 3)
    assert rows_of(db, "SELECT goal_id, document FROM goal ORDER BY goal_id") == [(1, "ar2018"), (2, "ar2019")]
    # Rows of files without the column are the registry's first document's.
    assert rows_of(db, "SELECT DISTINCT document FROM goal_assessment") == [("ar2018",)]
    assert rows_of(db, "SELECT line_no, page, text FROM source_line WHERE document = 'ar2019' ORDER BY line_no") == [
        (1, 1, "sida ett"),
        (2, 2, "sida två, rad två"),
        (3, 2, "rad tre"),
    ]
    assert rows_of(db, "SELECT sha256, pages FROM source_document WHERE document = 'ar2019'") == [
        (hashlib.sha256(later.encode()).hexdigest(), 2)
    ]
    assert data_checksum(folder) != data_checksum(write_dataset(tmp_path / "plain"))
    write_dataset(folder, mutated(goal=goals + [["2", "Mål två", "Goal two", "2", "ar2020"]]))
    with pytest.raises(BuildError, match="goal.csv: line 3, column document: document='ar2020' rejected"):
        build(tmp_path / "bad.duckdb", folder)
