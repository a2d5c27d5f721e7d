"""Staff input is stored as 'entered', never replaces the report's figures, and survives a data change."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from malbild.data.build import build, ensure_database
from malbild.entry import EntryError, enter_goal_assessment


def rows(db: Path, sql: str) -> list[tuple]:
    """Run a query against a database file and return all rows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_entered_level_fills_a_gap_and_is_kept_on_rebuild(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    build(db, mini_data)
    enter_goal_assessment(db, 1, 2017, 3, "från årsredovisning 2017", "Årsredovisning 2017")
    assert rows(db, "SELECT level, basis FROM goal_assessment WHERE goal_id = 1 AND year = 2017") == [(3, "entered")]
    with open(mini_data / "goal.csv", "a", encoding="utf-8") as handle:
        handle.write("3,Mål tre,Goal three,4\n")
    assert ensure_database(db, mini_data).kept
    assert rows(db, "SELECT level FROM goal_assessment WHERE goal_id = 1 AND year = 2017") == [(3,)]


def test_entry_refuses_to_overwrite_the_report(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    build(db, mini_data)
    with pytest.raises(EntryError, match="already gives this level"):
        enter_goal_assessment(db, 1, 2018, 3, "", "x")
    assert rows(db, "SELECT level, basis FROM goal_assessment WHERE goal_id = 1 AND year = 2018") == [(2, "stated")]


@pytest.mark.parametrize(
    ("goal_id", "year", "level", "source", "message"),
    [
        (1, 2019, 4, "x", "level: 4"),
        (9, 2019, 2, "x", "goal_id: there is no goal 9"),
        (1, 1800, 2, "x", "year: 1800"),
        (1, 2019, 2, " ", "source:"),
    ],
)
def test_bad_entry_names_the_field(mini_data: Path, tmp_path: Path, goal_id, year, level, source, message) -> None:
    db = tmp_path / "db.duckdb"
    build(db, mini_data)
    with pytest.raises(EntryError, match=message):
        enter_goal_assessment(db, goal_id, year, level, "", source)
    assert rows(db, "SELECT count(*) FROM goal_assessment WHERE basis = 'entered'") == [(0,)]
